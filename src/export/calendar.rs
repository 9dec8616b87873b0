//! The agenda as an iCalendar file (RFC 5545), for any calendar app: `overture calendar` and the config's
//! `calendar_file`, rewritten after every save. One all-day entry per agenda item (`domain::agenda`), written by
//! the `icalendar` crate (folding at 75 octets, CRLF, escaping); only the values handed to it are ours.
//!
//! Three promises shape what is written:
//! - **Re-importing changes nothing.** A UID names the plan and which of its dates the entry is for (the talk,
//!   on the goal's "by" date, or the follow-up), so a calendar updates an entry instead of adding a second one.
//!   A talk whose date passed with nothing recorded keeps its UID and changes only its wording ("how did it
//!   go?"). DTSTAMP is when the plan last changed, or the day the talk's wording changed, never the clock: the
//!   same plans give the same bytes.
//! - **Candid notes stay on the machine.** An entry says whom to talk to and about what (the plan's title), and
//!   where to find the plan; the notes, the preparation, the tactics and what was recorded go in only when the
//!   caller asks for details (`--details`).
//! - **Every item, however far ahead**, unless the caller sets a horizon: a calendar shows the future anyway,
//!   and a file that left out what is far away would delete those entries from a subscribed calendar.

use std::path::Path;

use icalendar::{Calendar, Class, Component, Event, EventLike};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::agenda::{self, Item, Kind};
use crate::domain::{Ladder, Plan, text};
use crate::store::catalog::Catalog;
use crate::store::{DataDir, Workbook};

/// The product id every file carries (RFC 5545 3.7.3).
const PRODID: &str = "-//overture//overture agenda//EN";

/// One entry to write: the agenda item, when its plan last changed, and the details, when they were asked for.
#[derive(Debug, Clone)]
pub struct Entry {
    pub item: Item,
    pub updated: Timestamp,
    /// The plan's candid parts, already in words; `None` unless details were asked for.
    pub details: Option<String>,
}

/// The UID of the entry for `item`: the plan's id and which of its dates it is for. A talk and the "how did it
/// go?" that replaces it once its date passes are one entry, on one date.
pub fn uid(item: &Item) -> String {
    let which = match item.kind {
        Kind::Talk | Kind::RecordOutcome => "talk",
        Kind::FollowUp => "follow-up",
    };
    format!("{}-{which}@overture", clean_line(&item.plan))
}

/// What the entry says in a calendar's day view: whom, and about what. Nothing from the notes.
pub fn summary(item: &Item) -> String {
    let words = |s: &str| {
        clean_line(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let who = words(&item.stakeholder);
    let mut title = words(&item.title);
    // A plan with neither title nor goal is shown as "Talk with Dr Okafor" (`Plan::display_title`): after the
    // name it only says the name again ("Talk to Dr Okafor: Talk with Dr Okafor").
    if !who.is_empty() && title == format!("Talk with {who}") {
        title.clear();
    }
    let (with_someone, alone) = match item.kind {
        Kind::Talk => ("Talk to", "Talk"),
        Kind::FollowUp => ("Follow up with", "Follow up"),
        Kind::RecordOutcome => ("Record how it went with", "Record how it went"),
    };
    match (who.is_empty(), title.is_empty()) {
        (false, false) => format!("{with_someone} {who}: {title}"),
        (false, true) => format!("{with_someone} {who}"),
        (true, false) => format!("{alone}: {title}"),
        (true, true) => alone.to_string(),
    }
}

/// The entry's DTSTAMP: when the plan last changed, or, for a talk whose date has passed, the start of the day
/// after it (when its wording changed), whichever is later. Never the clock, so that unchanged plans export
/// byte for byte the same.
fn stamp(entry: &Entry) -> Timestamp {
    if entry.item.kind != Kind::RecordOutcome {
        return entry.updated;
    }
    let passed = entry.item.date.tomorrow().ok().and_then(|d| {
        jiff::tz::Offset::UTC
            .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .ok()
    });
    passed.map_or(entry.updated, |p| p.max(entry.updated))
}

fn to_chrono_date(date: Date) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

fn to_chrono_time(ts: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(ts.as_second(), 0).unwrap_or_default()
}

/// Text as a calendar may hold it: line breaks as `\n` (escaped by the crate), no other control characters
/// (RFC 5545 3.3.11 allows none but tab), so nothing in a plan can break a line or the CRLF rule; and no
/// bidirectional overrides, which would make an entry read otherwise than it says, in a calendar app or in the
/// terminal `overture calendar` prints to.
fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || text::is_bidi_control(c)))
        .collect()
}

/// [`clean`] on one line.
fn clean_line(s: &str) -> String {
    clean(&s.replace(['\n', '\r'], " "))
}

/// The calendar for these entries, in the order given.
pub fn render(entries: &[Entry]) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", PRODID));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    calendar.append_property(("X-WR-CALNAME", "overture"));
    for entry in entries {
        let Some(day) = to_chrono_date(entry.item.date) else {
            continue;
        };
        let next = day.succ_opt().unwrap_or(day);
        let stamp = to_chrono_time(stamp(entry));
        let mut description = format!(
            "Planned in overture: overture show {}",
            clean_line(&entry.item.plan)
        );
        if let Some(details) = &entry.details {
            description = format!("{}\n\n{description}", clean(details.trim_end()));
        }
        let event = Event::new()
            .uid(&uid(&entry.item))
            .summary(&summary(&entry.item))
            .description(&description)
            .starts(day)
            .ends(next)
            .timestamp(stamp)
            .last_modified(stamp)
            .class(Class::Private)
            // A reminder of a day, not a meeting: it does not make the day look busy.
            .add_property("TRANSP", "TRANSPARENT")
            .done();
        calendar.push(event);
    }
    refold(&calendar.done().to_string())
}

/// The longest line RFC 5545 3.1 allows, in octets, without its CRLF.
const LINE_OCTETS: usize = 75;

/// Folds the crate's output again. icalendar 0.17.17 folds every line but the last piece of a long one, which
/// can reach 76 octets (a space and 75), and may end a line with a space, which some readers drop (the `ical`
/// crate does). Here each content line is unfolded and folded at most 75 octets a line, on a character
/// boundary, and where it can (within a few characters) between two characters that are not spaces.
fn refold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.replace("\r\n ", "").split_terminator("\r\n") {
        let mut rest = line;
        let mut limit = LINE_OCTETS;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let hard = cut;
            let spaced = |at: usize| {
                rest[..at].ends_with(char::is_whitespace)
                    || rest[at..].starts_with(char::is_whitespace)
            };
            while cut > hard.saturating_sub(12) && cut > 1 && spaced(cut) {
                cut -= 1;
                while !rest.is_char_boundary(cut) {
                    cut -= 1;
                }
            }
            if cut == 0 || spaced(cut) {
                cut = hard;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LINE_OCTETS - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

/// The plan's candid parts, for `--details`: the tactics, the goal, the preparation, the tries and the outcome.
pub fn details(ladder: &Ladder, plan: &Plan) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut field = |label: &str, value: &str| {
        let value = value.trim();
        if !value.is_empty() {
            out.push(format!("{label}: {value}"));
        }
    };
    field("Goal", &plan.goal.want);
    field("Why", &plan.goal.why);
    field("At least", &plan.goal.minimum);
    if plan.tactic.primary.is_some() {
        field("Tactic", &ladder.label(plan.tactic.primary.as_ref()));
    }
    if plan.tactic.backup.is_some() {
        field("Backup", &ladder.label(plan.tactic.backup.as_ref()));
    }
    field("Rationale", &plan.tactic.rationale);
    field("Opening", &plan.prep.opening);
    for point in &plan.prep.points {
        field("Point", point);
    }
    field("Tactic notes", &plan.prep.tactic_notes);
    for o in &plan.prep.objections {
        field("Objection", &o.objection);
        field("Answer", &o.response);
    }
    field("Ask", &plan.prep.ask);
    field("Fallback", &plan.prep.fallback);
    for attempt in &plan.attempts {
        let mut said = ladder.label(attempt.tactic.as_ref());
        if let Some(on) = attempt.on {
            said.push_str(&format!(" on {on}"));
        }
        if let Some(result) = attempt.result {
            said.push_str(&format!(": {}", result.as_str()));
        }
        if !attempt.notes.trim().is_empty() {
            said.push_str(&format!(" ({})", attempt.notes.trim()));
        }
        field("Tried", &said);
    }
    if let Some(outcome) = &plan.outcome {
        let mut said = outcome
            .result
            .map_or("recorded", |r| r.as_str())
            .to_string();
        if let Some(on) = outcome.on {
            said.push_str(&format!(" on {on}"));
        }
        field("Outcome", &said);
        field("Outcome notes", &outcome.notes);
    }
    out.join("\n")
}

/// The horizon: items up to `days` days after `today`, overdue ones whatever it says; `None` for every item.
fn until(today: Date, days: Option<u16>) -> Option<Date> {
    days.map(|d| {
        today
            .checked_add(jiff::Span::new().days(i64::from(d)))
            .unwrap_or(Date::MAX)
    })
}

/// The calendar of every plan's agenda item, without details: from the catalog (summaries are enough).
pub fn from_catalog(catalog: &Catalog, today: Date, days: Option<u16>) -> String {
    let items = agenda::agenda(
        catalog.summaries.iter().map(|s| s.agenda_source()),
        today,
        until(today, days),
    );
    let entries: Vec<Entry> = items
        .into_iter()
        .filter_map(|item| {
            let summary = catalog.summaries.iter().find(|s| s.id() == item.plan)?;
            Some(Entry {
                updated: summary.updated(),
                item,
                details: None,
            })
        })
        .collect();
    render(&entries)
}

/// The calendar with each plan's details (`--details`): from whole plans.
pub fn from_workbook(
    workbook: &Workbook,
    ladder: &Ladder,
    today: Date,
    days: Option<u16>,
) -> String {
    let items = agenda::agenda(
        workbook
            .plans
            .iter()
            .map(|pf| agenda::Source::from(&pf.plan)),
        today,
        until(today, days),
    );
    let entries: Vec<Entry> = items
        .into_iter()
        .filter_map(|item| {
            let pf = workbook.plans.iter().find(|pf| pf.plan.id == item.plan)?;
            Some(Entry {
                updated: pf.plan.updated,
                details: Some(details(ladder, &pf.plan)),
                item,
            })
        })
        .collect();
    render(&entries)
}

/// What became of rewriting the config's `calendar_file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rewritten {
    /// The file was written.
    Written,
    /// The file already held exactly this calendar; it was left alone (a subscribed calendar sees no change).
    Unchanged,
}

/// Rewrites the calendar file the config names (`calendar_file`), from the plans on disk: atomically, 0600, no
/// details, every item. Left untouched when it already says the same. The error is one line, to be reported
/// beside the save it followed; it never undoes that save.
pub fn rewrite_file(data: &DataDir, ladder: &Ladder, path: &Path) -> Result<Rewritten, String> {
    let catalog = Catalog::load(data, ladder)
        .map_err(|e| format!("could not read the plans for {}: {e}", path.display()))?;
    let text = from_catalog(&catalog, crate::domain::dates::today(), None);
    if crate::store::read::text(path, CALENDAR_CAP).is_ok_and(|old| old == text) {
        return Ok(Rewritten::Unchanged);
    }
    crate::store::output::write(
        data,
        path,
        text.as_bytes(),
        crate::store::output::Replace::Yes,
    )
    .map(|_| Rewritten::Written)
    .map_err(|e| text::one_line(&e.to_string()))
}

/// The most of an existing calendar file read to compare it with the new one; a larger file is rewritten.
const CALENDAR_CAP: crate::store::read::Cap = crate::store::read::Cap {
    bytes: 64 * 1024 * 1024,
    what: "a calendar file",
};

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
