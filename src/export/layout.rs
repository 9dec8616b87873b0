//! The one-page plan as a model: what the page says, built once from a plan and drawn by every renderer (plain
//! text, Markdown, PDF, the TUI preview), so that all of them agree on what is shown and what was left out.
//!
//! The shortening rule, applied here and only here: each field is cut at a word (with an ellipsis) to a length
//! cap, and each list is capped with a note saying how many items the full plan holds beyond it ("+3 more points
//! in the full plan"). The caps start generous and tighten in fixed steps ([`LEVELS`]) until the page fits in
//! 60 lines of 80 columns of plain text; the PDF renderer then picks a type size that fits the same content.

use jiff::civil::Date;

use super::wrap::{column_measure, shorten};
use crate::domain::escalation::warning_for;
use crate::domain::history::{Try, tries_in};
use crate::domain::text::one_line;
use crate::domain::{History, Ladder, OutcomeResult, Plan};

/// The most lines a printed text page holds (a common printer default at 6 lines per inch, with margins).
pub const PAGE_LINES: usize = 60;
/// The widest a printed text page may be, in columns.
pub const PAGE_COLUMNS: usize = 80;

/// A page: a header and sections in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub title: String,
    /// The day the page was made, written for people ("26 Nov 2026").
    pub date: String,
    pub sections: Vec<Section>,
    /// Small print: where the full plan is, and whether this page was shortened.
    pub footer: Vec<String>,
    /// True when any field was cut or any list capped.
    pub shortened: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Who,
    Goal,
    Approach,
    Room,
    Tried,
    Afterwards,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: &'static str,
    pub blocks: Vec<Block>,
}

/// The kinds of content a section holds; each renderer decides how each kind looks.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A name set apart, with a detail after it (the stakeholder and their role).
    Lead { text: String, detail: String },
    /// A labelled line of text.
    Field { label: &'static str, text: String },
    /// A labelled list, with a note when items were left out.
    List {
        label: &'static str,
        items: Vec<String>,
        more: Option<String>,
    },
    /// Objections and the answers prepared for them.
    Exchanges {
        label: &'static str,
        items: Vec<Exchange>,
        more: Option<String>,
    },
    /// The whole ladder, gentle to hard, marking what was tried and what is chosen.
    Ladder(Vec<RungMark>),
    /// The escalation warning, in the words of `domain::escalation`.
    Warning(Vec<String>),
    /// Room to write what happened, by hand.
    WriteIn {
        /// Result words with what each means.
        results: Vec<(&'static str, &'static str)>,
        /// Ruled lines for notes (the PDF may give more when the page has room).
        lines: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub objection: String,
    pub response: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RungMark {
    /// 1-based, as people count rungs.
    pub number: usize,
    pub name: String,
    pub tried: bool,
    pub chosen: bool,
    pub backup: bool,
}

impl RungMark {
    /// One symbol for the rung's state, chosen first, then backup, then tried.
    pub fn symbol(&self) -> char {
        if self.chosen {
            '▶'
        } else if self.backup {
            '▷'
        } else if self.tried {
            '✓'
        } else {
            '·'
        }
    }
}

/// What the ladder symbols mean, shown beside every ladder.
pub const LADDER_LEGEND: &str = "✓ tried  ▶ chosen  ▷ backup  · not yet";

/// Caps for one step of the shortening rule, in display columns (wide characters count two) and items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// The title.
    pub title: usize,
    /// Names, roles, short labels.
    pub short: usize,
    /// Sentences: why, the ask, the opening line, notes.
    pub long: usize,
    /// Each item in a list.
    pub item: usize,
    pub cares: usize,
    pub points: usize,
    pub objections: usize,
    pub tries: usize,
    pub write_lines: usize,
}

/// The steps of the rule, most generous first. The last step must fit any plan (a test holds it to that).
pub const LEVELS: [Budget; 5] = [
    Budget {
        title: 70,
        short: 60,
        long: 300,
        item: 150,
        cares: 5,
        points: 6,
        objections: 4,
        tries: 4,
        write_lines: 3,
    },
    Budget {
        title: 70,
        short: 60,
        long: 190,
        item: 120,
        cares: 4,
        points: 5,
        objections: 3,
        tries: 3,
        write_lines: 3,
    },
    Budget {
        title: 70,
        short: 60,
        long: 125,
        item: 100,
        cares: 4,
        points: 4,
        objections: 3,
        tries: 3,
        write_lines: 2,
    },
    Budget {
        title: 62,
        short: 50,
        long: 90,
        item: 61,
        cares: 3,
        points: 3,
        objections: 2,
        tries: 2,
        write_lines: 2,
    },
    Budget {
        title: 56,
        short: 40,
        long: 60,
        item: 58,
        cares: 3,
        points: 3,
        objections: 2,
        tries: 2,
        write_lines: 1,
    },
];

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
struct Builder<'a> {
    ladder: &'a Ladder,
    history: &'a History,
    plan: &'a Plan,
    today: Date,
    budget: Budget,
    shortened: bool,
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

    fn rung_line(&self, key: &str) -> String {
        let label = self.ladder.label(key);
        match self.ladder.find(key) {
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
        let primary = self.rung_line(&t.primary);
        self.field(&mut blocks, "Tactic", &primary, b.long);
        let backup = self.rung_line(&t.backup);
        self.field(&mut blocks, "Backup", &backup, b.long);
        self.field(&mut blocks, "Why this", &t.rationale, b.long);
        let tried = self.history.tried_for(self.ladder, self.plan);
        let primary = self.ladder.position(&t.primary);
        let backup = self.ladder.position(&t.backup);
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
        tactic: &str,
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
            let line = self.try_line(a.on, &a.tactic, a.result, &a.notes);
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
            let key = self
                .ladder
                .get(t.rung)
                .map(|r| r.key.clone())
                .unwrap_or_default();
            let line = self.try_line(t.on, &key, t.result, "");
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

    fn build(mut self) -> Page {
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

impl Page {
    /// Builds the page for a plan, shortened by the rule in this module's documentation until it fits.
    pub fn build(ladder: &Ladder, history: &History, plan: &Plan, today: Date) -> Page {
        let mut page = None;
        for budget in LEVELS {
            let candidate = Page::build_with(ladder, history, plan, today, budget);
            let fits = super::text::render(&candidate, PAGE_COLUMNS).len() <= PAGE_LINES;
            page = Some(candidate);
            if fits {
                break;
            }
        }
        page.unwrap_or_else(|| {
            Page::build_with(ladder, history, plan, today, LEVELS[LEVELS.len() - 1])
        })
    }

    /// The page under one fixed budget, for tests and for callers with their own limits.
    pub fn build_with(
        ladder: &Ladder,
        history: &History,
        plan: &Plan,
        today: Date,
        budget: Budget,
    ) -> Page {
        Builder {
            ladder,
            history,
            plan,
            today,
            budget,
            shortened: false,
        }
        .build()
    }

    /// Every piece of text on the page, for searching and tests.
    pub fn all_text(&self) -> String {
        let mut out = vec![self.title.clone(), self.date.clone()];
        for s in &self.sections {
            out.push(s.heading.to_string());
            for b in &s.blocks {
                match b {
                    Block::Lead { text, detail } => out.extend([text.clone(), detail.clone()]),
                    Block::Field { label, text } => out.extend([label.to_string(), text.clone()]),
                    Block::List { label, items, more } => {
                        out.push(label.to_string());
                        out.extend(items.iter().cloned());
                        out.extend(more.iter().cloned());
                    }
                    Block::Exchanges { label, items, more } => {
                        out.push(label.to_string());
                        for e in items {
                            out.extend([e.objection.clone(), e.response.clone()]);
                        }
                        out.extend(more.iter().cloned());
                    }
                    Block::Ladder(marks) => out.extend(marks.iter().map(|m| m.name.clone())),
                    Block::Warning(lines) => out.extend(lines.iter().cloned()),
                    Block::WriteIn { results, .. } => {
                        out.extend(results.iter().map(|(w, _)| w.to_string()))
                    }
                }
            }
        }
        out.extend(self.footer.iter().cloned());
        out.join("\n")
    }
}
