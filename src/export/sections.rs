//! What each section of the page holds, gathered from a plan in reading order, each block tagged with the part
//! of the plan it shows so that fitting the page knows what gives way first.

use jiff::civil::Date;

use super::layout::{Block, Exchange, Item, Page, Part, RungMark, Section, SectionKind};
use super::wrap::{column_measure, shorten};
use crate::domain::escalation::{COST, INVITATION, warning_for};
use crate::domain::history::{Try, tries_in};
use crate::domain::text::one_line;
use crate::domain::{History, Ladder, OutcomeResult, Plan, RungRef};

/// Dates as people write them on paper: "5 Dec 2026".
pub fn human_date(date: Date) -> String {
    date.strftime("%-d %b %Y").to_string()
}

/// "in 3 days", "today", "2 days ago": how far a deadline is from the day the page was printed.
fn relative_days(date: Date, today: Date) -> String {
    let days = (date - today).get_days();
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// Gathers the whole page, nothing cut: fitting it to a format is [`Page::fit`]'s work.
pub(super) struct Builder<'a> {
    pub ladder: &'a Ladder,
    pub history: &'a History,
    pub plan: &'a Plan,
    pub today: Date,
}

/// A stakeholder's name as the warning's headline names it: the page shows the name in full under "Who".
const NAME_IN_WARNING: usize = 60;

fn item(part: Part, block: Block) -> Item {
    Item {
        part,
        block,
        total: 0,
    }
}

/// The user's text made safe for a page: one line, controls shown as escapes, spaces collapsed.
fn clean(text: &str) -> String {
    one_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn field(out: &mut Vec<Item>, part: Part, label: &'static str, text: &str) {
    if !text.trim().is_empty() {
        out.push(item(
            part,
            Block::Field {
                label,
                text: clean(text),
            },
        ));
    }
}

fn list(part: Part, label: &'static str, items: Vec<String>, inline: bool) -> Item {
    Item {
        part,
        total: items.len(),
        block: Block::List {
            label,
            items,
            more: None,
            inline,
        },
    }
}

fn section(kind: SectionKind, heading: &'static str, items: Vec<Item>) -> Section {
    Section {
        kind,
        heading,
        items,
    }
}

/// The non-blank entries of a list, made safe.
fn entries(list: &[String]) -> Vec<String> {
    list.iter()
        .filter(|x| !x.trim().is_empty())
        .map(|x| clean(x))
        .collect()
}

impl Builder<'_> {
    fn rung_line(&self, rung: Option<&RungRef>) -> String {
        let label = self.ladder.label(rung);
        match rung.and_then(|r| self.ladder.rung(r)) {
            Some(rung) if !rung.summary.is_empty() => format!("{label}: {}", rung.summary),
            _ => label,
        }
    }

    fn who(&self) -> Section {
        let s = &self.plan.stakeholder;
        let mut items = Vec::new();
        if !s.name.trim().is_empty() || !s.role.trim().is_empty() {
            let lead = Block::Lead {
                text: clean(&s.name),
                detail: clean(&s.role),
            };
            items.push(item(Part::Who, lead));
        }
        if let Some(d) = s.direction {
            field(&mut items, Part::Who, "Direction", d.describe());
        }
        let cares = entries(&s.cares_about);
        if !cares.is_empty() {
            items.push(list(Part::Cares, "Cares about", cares, true));
        }
        section(SectionKind::Who, "Who", items)
    }

    fn goal(&self) -> Section {
        let g = &self.plan.goal;
        let mut items = Vec::new();
        field(&mut items, Part::Want, "Want", &g.want);
        field(&mut items, Part::Why, "Why", &g.why);
        field(&mut items, Part::Minimum, "At least", &g.minimum);
        if let Some(by) = g.by {
            let by = format!("{} ({})", human_date(by), relative_days(by, self.today));
            field(&mut items, Part::Want, "By", &by);
        }
        section(SectionKind::Goal, "Goal", items)
    }

    fn approach(&self) -> Section {
        let t = &self.plan.tactic;
        let mut items = Vec::new();
        let (primary, backup) = (t.primary.as_ref(), t.backup.as_ref());
        field(
            &mut items,
            Part::Approach,
            "Tactic",
            &self.rung_line(primary),
        );
        field(
            &mut items,
            Part::Approach,
            "Backup",
            &self.rung_line(backup),
        );
        field(&mut items, Part::Rationale, "Why this", &t.rationale);
        let tried = self.history.tried_for(self.ladder, self.plan);
        let primary = self.ladder.index_of(t.primary.as_ref());
        let backup = self.ladder.index_of(t.backup.as_ref());
        let marks = self
            .ladder
            .rungs()
            .iter()
            .enumerate()
            .map(|(i, r)| RungMark {
                number: i + 1,
                name: r.name.clone(),
                tried: tried.get(i).copied().unwrap_or(false),
                chosen: primary == Some(i),
                backup: backup == Some(i) && primary != Some(i),
            })
            .collect();
        items.push(item(Part::Ladder, Block::Ladder(marks)));
        if let Some(warning) = warning_for(self.ladder, self.history, self.plan) {
            let (name, _) = shorten(
                &clean(&self.plan.stakeholder.name),
                NAME_IN_WARNING as f32,
                &column_measure,
            );
            let mut details = vec![(Part::WarningExplanation, COST.to_string())];
            match &warning.reason {
                Some(reason) => details.push((
                    Part::WarningReason,
                    format!("Reason given: {}", clean(reason)),
                )),
                None => details.push((Part::WarningExplanation, INVITATION.to_string())),
            }
            let headline = warning.headline(self.ladder, &name);
            items.push(item(
                Part::WarningHeadline,
                Block::Warning { headline, details },
            ));
        }
        section(SectionKind::Approach, "Approach", items)
    }

    fn room(&self) -> Section {
        let p = &self.plan.prep;
        let mut items = Vec::new();
        if !p.opening.trim().is_empty() {
            let text = format!("“{}”", clean(&p.opening));
            items.push(item(
                Part::Opening,
                Block::Field {
                    label: "Opening",
                    text,
                },
            ));
        }
        let points = entries(&p.points);
        if !points.is_empty() {
            items.push(list(Part::Points, "Key points", points, false));
        }
        let allies: Vec<String> = self
            .plan
            .allies
            .iter()
            .filter_map(crate::domain::sheet::ally_line)
            .map(|line| clean(&line))
            .collect();
        if !allies.is_empty() {
            items.push(list(Part::Allies, "Allies", allies, false));
        }
        field(&mut items, Part::Prepared, "Prepared", &p.tactic_notes);
        let exchanges: Vec<Exchange> = p
            .objections
            .iter()
            .filter(|o| !o.objection.trim().is_empty() || !o.response.trim().is_empty())
            .map(|o| Exchange {
                objection: clean(&o.objection),
                response: clean(&o.response),
            })
            .collect();
        if !exchanges.is_empty() {
            items.push(Item {
                part: Part::Objections,
                total: exchanges.len(),
                block: Block::Exchanges {
                    label: "Objections",
                    items: exchanges,
                    more: None,
                },
            });
        }
        field(&mut items, Part::Ask, "The ask", &p.ask);
        field(&mut items, Part::Fallback, "If they say no", &p.fallback);
        section(SectionKind::Room, "In the room", items)
    }

    fn try_line(
        &self,
        on: Option<Date>,
        tactic: Option<&RungRef>,
        result: Option<OutcomeResult>,
        notes: &str,
    ) -> String {
        let mut parts = vec![
            on.map_or_else(|| "undated".to_string(), human_date),
            self.ladder.label(tactic),
        ];
        if let Some(r) = result {
            parts.push(r.as_str().to_string());
        }
        let line = parts.join(" · ");
        if notes.trim().is_empty() {
            line
        } else {
            format!("{line}: {}", clean(notes))
        }
    }

    fn tried(&self) -> Section {
        // This plan's attempts carry notes (the copies a follow-up carries included: the page stands on its
        // own); other plans with the same person add their rungs and results. The history counts a carried copy
        // once, in the plan it came from (`domain::thread`), and a try this plan lists is not listed again.
        let mut tries: Vec<(Option<Date>, String)> = Vec::new();
        for a in &self.plan.attempts {
            let line = self.try_line(a.on, a.tactic.as_ref(), a.result, &a.notes);
            tries.push((a.on, line));
        }
        let mut own: Vec<Try> = tries_in(self.ladder, self.plan);
        let earlier: Vec<Try> = self
            .history
            .get(&self.plan.stakeholder.name)
            .map(|r| r.tries.clone())
            .unwrap_or_default();
        for t in earlier {
            let mine = own
                .iter()
                .position(|o| o.same(&t))
                .or_else(|| own.iter().position(|o| o.may_be(&t)));
            if let Some(i) = mine {
                own.remove(i);
                continue;
            }
            let rung = self.ladder.pick(t.rung());
            let line = self.try_line(t.on(), rung.as_ref(), t.result(), "");
            let side = if t.planned() <= self.plan.created {
                "an earlier plan"
            } else {
                "a later plan"
            };
            tries.push((t.on(), format!("{line} ({side})")));
        }
        // Newest first; undated last.
        tries.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let lines: Vec<String> = tries.into_iter().map(|(_, l)| l).collect();
        let mut items = Vec::new();
        if !lines.is_empty() {
            items.push(list(Part::Tried, "", lines, false));
        }
        section(SectionKind::Tried, "Already tried", items)
    }

    fn afterwards(&self) -> Section {
        let mut items = Vec::new();
        let recorded = self.plan.outcome.as_ref().and_then(|o| o.result);
        if let Some(o) = &self.plan.outcome {
            let mut text = o
                .result
                .map_or("no result yet".to_string(), |r| r.as_str().to_string());
            if let Some(on) = o.on {
                text = format!("{text} on {}", human_date(on));
            }
            if !o.notes.trim().is_empty() {
                text = format!("{text}: {}", clean(&o.notes));
            }
            field(&mut items, Part::Recorded, "Recorded", &text);
        }
        // With a result already recorded, empty boxes to tick would only contradict it.
        let results = if recorded.is_some() {
            Vec::new()
        } else {
            [
                OutcomeResult::Commitment,
                OutcomeResult::Compliance,
                OutcomeResult::Resistance,
            ]
            .into_iter()
            .map(|r| (r.as_str(), r.describe()))
            .collect()
        };
        items.push(item(Part::WriteIn, Block::WriteIn { results, lines: 3 }));
        section(SectionKind::Afterwards, "Afterwards", items)
    }

    pub fn build(self) -> Page {
        let sections: Vec<Section> = [
            self.who(),
            self.goal(),
            self.approach(),
            self.room(),
            self.tried(),
            self.afterwards(),
        ]
        .into_iter()
        .filter(|s| !s.items.is_empty())
        .collect();
        Page {
            title: clean(&self.plan.display_title()),
            date: human_date(self.today),
            sections,
            footer: vec![format!("overture plan {}", one_line(&self.plan.id))],
            shortened: false,
        }
    }
}
