//! The one-page plan as a model: what the page says, built once from a plan and drawn by every renderer (plain
//! text, Markdown, PDF, the pocket card, the TUI preview), so that all of them agree on what is on the page.
//!
//! The page is built whole ([`Page::build`]); each format then fits it to its own size ([`Page::fit`]): the text
//! form to 80 columns by 60 lines, the PDF to its paper measured in its own font, the card to an index card,
//! and Markdown not at all. Fitting gives way in the order [`GIVE_WAY`] lists, which follows the page's
//! priorities ([`PRIORITIES`], written out in `docs/PAGE.md`): what is said in the room is cut last.

use jiff::civil::Date;

use super::sections::Builder;
use super::wrap::{column_measure, shorten_sentence};
use crate::domain::{History, Ladder, Plan};

pub use super::sections::human_date;

/// The most lines a printed text page holds (a common printer default at 6 lines per inch, with margins).
pub(crate) const PAGE_LINES: usize = 60;
/// The widest a printed text page may be, in columns.
pub(crate) const PAGE_COLUMNS: usize = 80;

/// The footer's note on a page that left some of the plan out.
pub(crate) const SHORTENED: &str = "Shortened to fit one page: the full plan holds more.";

/// Everything a page can hold. [`PRIORITIES`] orders them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The ask: the one question the conversation is for.
    Ask,
    /// The opening line, said first.
    Opening,
    /// The answers prepared for objections.
    Answers,
    /// What to do if the answer is no.
    Fallback,
    /// The objections themselves, in the stakeholder's words.
    Objections,
    /// Key points to make.
    Points,
    /// The allies asked to put in a word, and what each will be asked to say (the coalition rung).
    Allies,
    /// What the stakeholder cares about.
    Cares,
    /// The stakeholder: name, role, direction.
    Who,
    /// The plan's title.
    Title,
    /// What is wanted, and by when.
    Want,
    /// The tactic and the backup.
    Approach,
    /// The ladder drawn whole (the tactic, the backup and what was tried are said elsewhere too).
    Ladder,
    /// What was already tried.
    Tried,
    /// The escalation warning's first line.
    WarningHeadline,
    /// The reason given for escalating.
    WarningReason,
    /// The least that would do.
    Minimum,
    /// Why the goal matters.
    Why,
    /// The notes for the chosen tactic (evidence, what can be offered).
    Prepared,
    /// Why this tactic.
    Rationale,
    /// The outcome already recorded, with its notes.
    Recorded,
    /// The form to fill in afterwards: result boxes, date, ruled lines.
    WriteIn,
    /// What escalating early costs, with its source, and the invitation to note a reason.
    WarningExplanation,
}

/// The page's priorities, most important first: what the person will say and do in the room, then the approach
/// and what was tried, then the warning's headline; the explanations and the form to fill in give way first.
pub const PRIORITIES: [Part; 23] = [
    Part::Ask,
    Part::Opening,
    Part::Answers,
    Part::Fallback,
    Part::Objections,
    Part::Points,
    Part::Allies,
    Part::Cares,
    Part::Who,
    Part::Title,
    Part::Want,
    Part::Approach,
    Part::Ladder,
    Part::Tried,
    Part::WarningHeadline,
    Part::WarningReason,
    Part::Minimum,
    Part::Why,
    Part::Prepared,
    Part::Rationale,
    Part::Recorded,
    Part::WriteIn,
    Part::WarningExplanation,
];

/// One step of giving way when a page does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Give {
    /// Leave the part out (the footer then says the page was shortened, when the part is the user's words).
    Drop(Part),
    /// Cut the part's text (each item's, for a list) to this many columns, at a sentence end when one is near.
    Shorten(Part, usize),
    /// Keep this many of the part's items and say how many more the full plan holds.
    Cap(Part, usize),
    /// Keep at most this many ruled lines for notes.
    NoteLines(usize),
}

/// The order in which a page gives way, applied one step at a time until it fits. Lower priorities are touched
/// first (a test holds the list to [`PRIORITIES`]); the ask, the opening line, the answers and the fallback are
/// only shortened by the last steps, which a page reaches only when one of them alone would overflow it.
pub(crate) const GIVE_WAY: &[Give] = &[
    Give::Drop(Part::WarningExplanation),
    Give::NoteLines(1),
    Give::Drop(Part::WriteIn),
    Give::Shorten(Part::Recorded, 120),
    Give::Shorten(Part::Rationale, 160),
    Give::Shorten(Part::Prepared, 160),
    Give::Shorten(Part::Why, 160),
    Give::Shorten(Part::Minimum, 160),
    Give::Shorten(Part::WarningReason, 160),
    Give::Shorten(Part::Recorded, 70),
    Give::Shorten(Part::Rationale, 75),
    Give::Shorten(Part::Prepared, 75),
    Give::Shorten(Part::Why, 75),
    Give::Shorten(Part::Minimum, 75),
    Give::Shorten(Part::WarningReason, 75),
    Give::Cap(Part::Tried, 3),
    Give::Shorten(Part::Tried, 76),
    Give::Cap(Part::Tried, 2),
    // Whole low-priority items go before anything said in the room is shortened.
    Give::Drop(Part::Recorded),
    Give::Drop(Part::Rationale),
    Give::Drop(Part::Prepared),
    Give::Drop(Part::Why),
    Give::Drop(Part::Minimum),
    Give::Drop(Part::WarningReason),
    Give::Drop(Part::Ladder),
    Give::Cap(Part::Tried, 1),
    Give::Shorten(Part::Approach, 60),
    Give::Shorten(Part::Want, 160),
    Give::Shorten(Part::Title, 70),
    Give::Shorten(Part::Who, 60),
    Give::Shorten(Part::Cares, 60),
    Give::Cap(Part::Cares, 4),
    Give::Shorten(Part::Allies, 100),
    Give::Cap(Part::Allies, 3),
    Give::Cap(Part::Points, 6),
    Give::Shorten(Part::Points, 150),
    Give::Shorten(Part::Objections, 150),
    Give::Cap(Part::Cares, 3),
    Give::Cap(Part::Points, 4),
    Give::Shorten(Part::Points, 100),
    Give::Cap(Part::Objections, 4),
    Give::Shorten(Part::Objections, 76),
    Give::Cap(Part::Points, 3),
    Give::Cap(Part::Objections, 3),
    // From here on, something said in the room would overflow the page by itself.
    Give::Shorten(Part::Fallback, 300),
    Give::Shorten(Part::Answers, 300),
    Give::Shorten(Part::Opening, 300),
    Give::Shorten(Part::Ask, 300),
    Give::Shorten(Part::Want, 90),
    Give::Shorten(Part::Points, 60),
    Give::Cap(Part::Objections, 2),
    Give::Shorten(Part::Fallback, 190),
    Give::Shorten(Part::Answers, 150),
    Give::Shorten(Part::Opening, 190),
    Give::Shorten(Part::Ask, 190),
    Give::Shorten(Part::Title, 56),
    Give::Shorten(Part::Who, 40),
    Give::Shorten(Part::Objections, 57),
    Give::Shorten(Part::Fallback, 90),
    Give::Shorten(Part::Answers, 57),
    Give::Shorten(Part::Opening, 125),
    Give::Shorten(Part::Ask, 125),
    Give::Cap(Part::Cares, 2),
    Give::Shorten(Part::Want, 60),
];

/// A page: a header and sections in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub title: String,
    /// The day the page was made, written for people ("26 Nov 2026").
    pub date: String,
    pub sections: Vec<Section>,
    /// Small print: where the full plan is, and whether this page was shortened.
    pub footer: Vec<String>,
    /// True when any of the user's words were cut or any list capped to fit.
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
    pub items: Vec<Item>,
}

/// A block with the part of the plan it shows, so that fitting knows what gives way first.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub part: Part,
    pub block: Block,
    /// How many entries the full plan holds, for lists; the note of what was left out is made from it.
    pub total: usize,
}

/// The kinds of content a section holds; each renderer decides how each kind looks.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A name set apart, with a detail after it (the stakeholder and their role).
    Lead { text: String, detail: String },
    /// A labelled line of text.
    Field { label: &'static str, text: String },
    /// A labelled list, with a note when items were left out. An inline list reads as one field ("a; b; c").
    List {
        label: &'static str,
        items: Vec<String>,
        more: Option<String>,
        inline: bool,
    },
    /// Objections and the answers prepared for them.
    Exchanges {
        label: &'static str,
        items: Vec<Exchange>,
        more: Option<String>,
    },
    /// The whole ladder, gentle to hard, marking what was tried and what is chosen.
    Ladder(Vec<RungMark>),
    /// The escalation warning, in the words of `domain::escalation`: a headline, then lines that each belong
    /// to a part (the explanation or the reason given) and give way with it.
    Warning {
        headline: String,
        details: Vec<(Part, String)>,
    },
    /// Room to write what happened, by hand.
    WriteIn {
        /// Result words with what each means; empty when an outcome is already recorded.
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
    pub(crate) fn symbol(&self) -> char {
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
pub(crate) const LADDER_LEGEND: &str = "✓ tried, ▶ chosen, ▷ backup, · not yet";

/// The words for what a capped list left out: singular and plural ("" for a list of things said inline).
fn noun(part: Part) -> (&'static str, &'static str) {
    match part {
        Part::Points => ("point", "points"),
        Part::Allies => ("ally", "allies"),
        Part::Objections => ("objection", "objections"),
        Part::Tried => ("try", "tries"),
        _ => ("", ""),
    }
}

/// "+3 more points in the full plan" ("+2 more tries left off this page"), or nothing when nothing is left out.
pub(super) fn more_note(part: Part, total: usize, kept: usize) -> Option<String> {
    let n = total.checked_sub(kept).filter(|&n| n > 0)?;
    let (one, many) = noun(part);
    let noun = if n == 1 { one } else { many };
    let noun = if noun.is_empty() {
        String::new()
    } else {
        format!(" {noun}")
    };
    // Tries come from other plans with the person too, which the full plan does not hold.
    let place = if part == Part::Tried {
        "left off this page"
    } else {
        "in the full plan"
    };
    Some(format!("+{n} more{noun} {place}"))
}

/// Keeps the first `cap` items of a list whose full plan holds `total`, noting the rest; true when any went.
fn cap_items<T>(
    items: &mut Vec<T>,
    more: &mut Option<String>,
    cap: usize,
    part: Part,
    total: usize,
) -> bool {
    let capped = items.len() > cap;
    items.truncate(cap);
    *more = more_note(part, total, items.len());
    capped
}

/// A list read as one field: "a; b; c (+2 more in the full plan)".
pub(crate) fn inline_list(items: &[String], more: Option<&String>) -> String {
    let text = items.join("; ");
    match more {
        Some(more) => format!("{text} ({more})"),
        None => text,
    }
}

/// Cuts `text` to `max` columns; true when anything was cut.
fn cut(text: &mut String, max: usize) -> bool {
    let (short, was_cut) = shorten_sentence(text, max as f32, &column_measure);
    if was_cut {
        *text = short;
    }
    was_cut
}

impl Item {
    /// Applies one step to this item; true when the user's words were cut or left out.
    fn give(&mut self, give: Give) -> bool {
        let part = self.part;
        match (give, &mut self.block) {
            (Give::NoteLines(n), Block::WriteIn { lines, .. }) => {
                *lines = (*lines).min(n);
                false
            }
            (Give::Drop(p), Block::Warning { details, .. }) => {
                let before = details.len();
                details.retain(|(q, _)| *q != p);
                details.len() < before && p != Part::WarningExplanation
            }
            (Give::Shorten(p, max), Block::Warning { details, .. }) => details
                .iter_mut()
                .filter(|(q, _)| *q == p)
                .fold(false, |acc, (_, t)| cut(t, max) | acc),
            (Give::Shorten(p, max), Block::Exchanges { items, .. })
                if p == Part::Answers || p == part =>
            {
                items.iter_mut().fold(false, |acc, e| {
                    let text = if p == Part::Answers {
                        &mut e.response
                    } else {
                        &mut e.objection
                    };
                    cut(text, max) | acc
                })
            }
            (Give::Shorten(p, max), block) if p == part => match block {
                Block::Lead { text, detail } => cut(text, max) | cut(detail, max),
                Block::Field { text, .. } => cut(text, max),
                Block::List { items, .. } => {
                    items.iter_mut().fold(false, |acc, t| cut(t, max) | acc)
                }
                _ => false,
            },
            (Give::Cap(p, cap), Block::List { items, more, .. }) if p == part => {
                cap_items(items, more, cap, part, self.total)
            }
            (Give::Cap(p, cap), Block::Exchanges { items, more, .. }) if p == part => {
                cap_items(items, more, cap, part, self.total)
            }
            _ => false,
        }
    }
}

impl Page {
    /// Builds the whole page for a plan: nothing cut. Each format fits it to its size with [`Page::fit`].
    pub fn build(ladder: &Ladder, history: &History, plan: &Plan, today: Date) -> Page {
        Builder {
            ladder,
            history,
            plan,
            today,
        }
        .build()
    }

    /// The page after the first `level` steps of [`GIVE_WAY`], with the footer saying whether it was shortened.
    pub(crate) fn at_level(&self, level: usize) -> Page {
        let mut page = self.clone();
        for &give in GIVE_WAY.iter().take(level) {
            if let Give::Drop(part) = give {
                let before: usize = page.sections.iter().map(|s| s.items.len()).sum();
                for s in &mut page.sections {
                    s.items.retain(|i| i.part != part);
                }
                let after: usize = page.sections.iter().map(|s| s.items.len()).sum();
                let ours = matches!(
                    part,
                    Part::WriteIn | Part::Ladder | Part::WarningExplanation
                );
                page.shortened |= after < before && !ours;
            }
            if let Give::Shorten(Part::Title, max) = give {
                page.shortened |= cut(&mut page.title, max);
                continue;
            }
            for s in &mut page.sections {
                for item in &mut s.items {
                    page.shortened |= item.give(give);
                }
            }
        }
        page.sections.retain(|s| !s.items.is_empty());
        page.footer.retain(|f| f != SHORTENED);
        if page.shortened {
            page.footer.push(SHORTENED.to_string());
        }
        page
    }

    /// The least-cut page that `fits` accepts, or the most-cut one when none is accepted. Each step only ever
    /// takes away, so the first level that fits is found by bisection.
    pub(crate) fn fit(&self, fits: impl Fn(&Page) -> bool) -> Page {
        let level = self.fit_level(&fits).unwrap_or(GIVE_WAY.len());
        self.at_level(level)
    }

    /// The first level of [`GIVE_WAY`] at which `fits` accepts the page, if any does.
    pub(crate) fn fit_level(&self, fits: &dyn Fn(&Page) -> bool) -> Option<usize> {
        if fits(self) {
            return Some(0);
        }
        let (mut lo, mut hi) = (0, GIVE_WAY.len());
        if !fits(&self.at_level(hi)) {
            return None;
        }
        // fits(lo) is false, fits(hi) is true.
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if fits(&self.at_level(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }

    /// Every block on the page, in reading order.
    pub(crate) fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(|i| &i.block))
    }

    /// Every piece of text on the page, for searching and tests.
    pub(crate) fn all_text(&self) -> String {
        let mut out = vec![self.title.clone(), self.date.clone()];
        for s in &self.sections {
            out.push(s.heading.to_string());
            for item in &s.items {
                match &item.block {
                    Block::Lead { text, detail } => out.extend([text.clone(), detail.clone()]),
                    Block::Field { label, text } => out.extend([label.to_string(), text.clone()]),
                    Block::List {
                        label, items, more, ..
                    } => {
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
                    Block::Warning { headline, details } => {
                        out.push(headline.clone());
                        out.extend(details.iter().map(|(_, l)| l.clone()));
                    }
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
