//! What each section of the page holds, gathered from a plan under one [`Budget`]: the fields in reading
//! order, each cut and each list capped as the budget says, with a note of what was left out.

use jiff::civil::Date;

use super::layout::{Block, Budget, Exchange, Page, RungMark, Section, SectionKind};
use super::wrap::{column_measure, shorten};
use crate::domain::escalation::warning_for;
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

/// Gathers the page under one budget, remembering whether anything was cut.
pub(super) struct Builder<'a> {
    pub ladder: &'a Ladder,
    pub history: &'a History,
    pub plan: &'a Plan,
    pub today: Date,
    pub budget: Budget,
    pub shortened: bool,
}

impl Builder<'_> {
    /// A file's text made safe and cut to `max` columns.
    fn cut(&mut self, text: &str, max: usize) -> String {
        let (text, cut) = shorten(&one_line(text), max as f32, &column_measure);
        self.shortened |= cut;
        text
    }

    fn field(&mut self, out: &mut Vec<Block>, label: &'static str, text: &str, max: usize) {
        if !text.trim().is_empty() {
            let text = self.cut(text, max);
            out.push(Block::Field { label, text });
        }
    }

    /// Keeps the first `cap` items and says how many more there are, in the words given.
    fn capped<T>(
        &mut self,
        items: Vec<T>,
        cap: usize,
        what: (&str, &str),
    ) -> (Vec<T>, Option<String>) {
        let total = items.len();
        if total <= cap {
            return (items, None);
        }
        self.shortened = true;
        let kept: Vec<T> = items.into_iter().take(cap).collect();
        let n = total - cap;
        let noun = if n == 1 { what.0 } else { what.1 };
        let noun = if noun.is_empty() {
            String::new()
        } else {
            format!(" {noun}")
        };
        (kept, Some(format!("+{n} more{noun} in the full plan")))
    }

    fn rung_line(&self, rung: Option<&RungRef>) -> String {
        let label = self.ladder.label(rung);
        match rung.and_then(|r| self.ladder.rung(r)) {
            Some(rung) if !rung.summary.is_empty() => format!("{label}: {}", rung.summary),
            _ => label,
        }
    }

    fn who(&mut self) -> Section {
        let s = &self.plan.stakeholder;
        let mut blocks = Vec::new();
        if !s.name.trim().is_empty() || !s.role.trim().is_empty() {
            let text = self.cut(&s.name, self.budget.short);
            let detail = self.cut(&s.role, self.budget.short);
            blocks.push(Block::Lead { text, detail });
        }
        if let Some(d) = s.direction {
            blocks.push(Block::Field {
                label: "Direction",
                text: d.describe().to_string(),
            });
        }
        let cares: Vec<String> = s
            .cares_about
            .iter()
            .filter(|c| !c.trim().is_empty())
            .cloned()
            .collect();
        let (cares, more) = self.capped(cares, self.budget.cares, ("", ""));
        if !cares.is_empty() {
            let item_cap = (self.budget.long / cares.len()).max(12);
            let mut text = cares
                .iter()
                .map(|c| self.cut(c, item_cap))
                .collect::<Vec<_>>()
                .join("; ");
            if let Some(more) = more {
                text = format!("{text} ({more})");
            }
            blocks.push(Block::Field {
                label: "Cares about",
                text,
            });
        }
        Section {
            kind: SectionKind::Who,
            heading: "Who",
            blocks,
        }
    }

    fn goal(&mut self) -> Section {
        let g = &self.plan.goal;
        let b = self.budget;
        let mut blocks = Vec::new();
        self.field(&mut blocks, "Want", &g.want, b.long);
        self.field(&mut blocks, "Why", &g.why, b.long);
        self.field(&mut blocks, "At least", &g.minimum, b.long);
        if let Some(by) = g.by {
            blocks.push(Block::Field {
                label: "By",
                text: format!("{} ({})", human_date(by), relative_days(by, self.today)),
            });
        }
        Section {
            kind: SectionKind::Goal,
            heading: "Goal",
            blocks,
        }
    }

    fn approach(&mut self) -> Section {
        let t = &self.plan.tactic;
        let b = self.budget;
        let mut blocks = Vec::new();
        let primary = self.rung_line(t.primary.as_ref());
        self.field(&mut blocks, "Tactic", &primary, b.long);
        let backup = self.rung_line(t.backup.as_ref());
        self.field(&mut blocks, "Backup", &backup, b.long);
        self.field(&mut blocks, "Why this", &t.rationale, b.long);
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
        blocks.push(Block::Ladder(marks));
        if let Some(mut warning) = warning_for(self.ladder, self.history, self.plan) {
            // The reason is the user's text, so it is shortened like any field; the rest is the rule's own words.
            warning.reason = warning.reason.map(|r| self.cut(&r, b.long));
            let name = self.cut(&self.plan.stakeholder.name, b.short);
            blocks.push(Block::Warning(warning.lines(self.ladder, &name)));
        }
        Section {
            kind: SectionKind::Approach,
            heading: "Approach",
            blocks,
        }
    }

    fn room(&mut self) -> Section {
        let p = &self.plan.prep;
        let b = self.budget;
        let mut blocks = Vec::new();
        if !p.opening.trim().is_empty() {
            let text = self.cut(&p.opening, b.long);
            blocks.push(Block::Field {
                label: "Opening",
                text: format!("“{text}”"),
            });
        }
        let points: Vec<String> = p
            .points
            .iter()
            .filter(|x| !x.trim().is_empty())
            .cloned()
            .collect();
        let (points, more) = self.capped(points, b.points, ("point", "points"));
        if !points.is_empty() {
            let items = points.iter().map(|x| self.cut(x, b.item)).collect();
            blocks.push(Block::List {
                label: "Key points",
                items,
                more,
            });
        }
        self.field(&mut blocks, "Prepared", &p.tactic_notes, b.long);
        let objections: Vec<_> = p
            .objections
            .iter()
            .filter(|o| !o.objection.trim().is_empty() || !o.response.trim().is_empty())
            .cloned()
            .collect();
        let (objections, more) = self.capped(objections, b.objections, ("objection", "objections"));
        if !objections.is_empty() {
            let items = objections
                .iter()
                .map(|o| Exchange {
                    objection: self.cut(&o.objection, b.item),
                    response: self.cut(&o.response, b.item),
                })
                .collect();
            blocks.push(Block::Exchanges {
                label: "Objections",
                items,
                more,
            });
        }
        self.field(&mut blocks, "The ask", &p.ask, b.long);
        self.field(&mut blocks, "If they say no", &p.fallback, b.long);
        Section {
            kind: SectionKind::Room,
            heading: "In the room",
            blocks,
        }
    }

    fn try_line(
        &mut self,
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
            format!("{line}: {}", one_line(notes).trim())
        }
    }

    fn tried(&mut self) -> Section {
        // This plan's attempts carry notes; earlier plans with the same person add their rungs and results.
        let mut tries: Vec<(Option<Date>, String)> = Vec::new();
        for a in &self.plan.attempts.clone() {
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
            if let Some(i) = own.iter().position(|o| *o == t) {
                own.remove(i);
                continue;
            }
            let rung = self.ladder.pick(t.rung);
            let line = self.try_line(t.on, rung.as_ref(), t.result, "");
            tries.push((t.on, format!("{line} (an earlier plan)")));
        }
        // Newest first; undated last.
        tries.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let b = self.budget;
        let lines: Vec<String> = tries.into_iter().map(|(_, l)| l).collect();
        let (lines, more) = self.capped(lines, b.tries, ("try", "tries"));
        let mut blocks = Vec::new();
        if !lines.is_empty() {
            let items = lines.iter().map(|l| self.cut(l, b.item)).collect();
            blocks.push(Block::List {
                label: "",
                items,
                more,
            });
        }
        Section {
            kind: SectionKind::Tried,
            heading: "Already tried",
            blocks,
        }
    }

    fn afterwards(&mut self) -> Section {
        let b = self.budget;
        let mut blocks = Vec::new();
        if let Some(o) = &self.plan.outcome {
            let mut text = o
                .result
                .map_or("no result yet".to_string(), |r| r.as_str().to_string());
            if let Some(on) = o.on {
                text = format!("{text} on {}", human_date(on));
            }
            if !o.notes.trim().is_empty() {
                text = format!("{text}: {}", one_line(&o.notes).trim());
            }
            let text = self.cut(&text, b.long);
            blocks.push(Block::Field {
                label: "Recorded",
                text,
            });
        }
        let results = [
            OutcomeResult::Commitment,
            OutcomeResult::Compliance,
            OutcomeResult::Resistance,
        ]
        .into_iter()
        .map(|r| (r.as_str(), r.describe()))
        .collect();
        blocks.push(Block::WriteIn {
            results,
            lines: b.write_lines,
        });
        Section {
            kind: SectionKind::Afterwards,
            heading: "Afterwards",
            blocks,
        }
    }

    pub fn build(mut self) -> Page {
        let title = self.cut(&self.plan.display_title(), self.budget.title);
        let sections: Vec<Section> = [
            self.who(),
            self.goal(),
            self.approach(),
            self.room(),
            self.tried(),
            self.afterwards(),
        ]
        .into_iter()
        .filter(|s| !s.blocks.is_empty())
        .collect();
        let mut footer = vec![format!("overture plan {}", one_line(&self.plan.id))];
        if self.shortened {
            footer.push("Shortened to fit one page: the full plan holds more.".to_string());
        }
        Page {
            title,
            date: human_date(self.today),
            sections,
            footer,
            shortened: self.shortened,
        }
    }
}
