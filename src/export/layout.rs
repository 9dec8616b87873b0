//! The one-page plan as a model: what the page says, built once from a plan and drawn by every renderer (plain
//! text, Markdown, PDF, the TUI preview), so that all of them agree on what is shown and what was left out.
//!
//! The shortening rule, applied here and only here: each field is cut at a word (with an ellipsis) to a length
//! cap, and each list is capped with a note saying how many items the full plan holds beyond it ("+3 more points
//! in the full plan"). The caps start generous and tighten in fixed steps ([`LEVELS`]) until the page fits in
//! 60 lines of 80 columns of plain text; the PDF renderer then picks a type size that fits the same content.

use jiff::civil::Date;

use super::sections::Builder;
use crate::domain::{History, Ladder, Plan};

pub use super::sections::human_date;

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
pub const LADDER_LEGEND: &str = "✓ tried, ▶ chosen, ▷ backup, · not yet";

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
        item: 60,
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
        item: 57,
        cares: 3,
        points: 3,
        objections: 2,
        tries: 2,
        write_lines: 1,
    },
];

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
