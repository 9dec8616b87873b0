//! `overture list`: one line a plan, newest first, broken files after the rest.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Context, Failure, Output, parse_status};
use crate::domain::filter::Filter;
use crate::domain::snippet::Snippet;
use crate::domain::{
    History, Ladder, PlanFacts, RungRef, Status, agenda, dates, escalation, short_id,
    text::one_line,
};
use crate::store::{Catalog, catalog};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
    /// Only plans with this stakeholder (case and spacing ignored)
    #[arg(long, value_name = "NAME")]
    stakeholder: Option<String>,
    /// Only plans with this status: draft, ready, done or dropped
    #[arg(long, value_name = "S", value_parser = parse_status)]
    status: Option<Status>,
    /// Only plans matching every word anywhere in their text, as the workbook's `/` filter matches (case and
    /// accents ignored; `okfr` finds Okafor); still newest first, with the passage that matched when the row
    /// does not show it
    #[arg(value_name = "WORDS")]
    words: Vec<String>,
}

/// One plan as scripts see it in `list --json`. Field names are part of the contract, like the file format.
/// It borrows from the catalog, so ten thousand of them cost little beyond the text they become.
#[derive(Debug, Serialize)]
pub struct PlanJson<'a> {
    pub id: &'a str,
    pub path: std::borrow::Cow<'a, str>,
    pub title: &'a str,
    pub created: String,
    pub updated: String,
    pub status: &'static str,
    pub stakeholder: &'a str,
    pub role: &'a str,
    pub direction: Option<&'static str>,
    /// The primary tactic's key as the file writes it; null when none is chosen, as every value that may be
    /// absent (a rung, a date, an id) is, so a script tests one thing. Free text (title, role) stays a string.
    pub tactic: Option<&'a str>,
    pub rung: Option<usize>,
    /// The backup tactic's key; null when none, as `tactic`.
    pub backup: Option<&'a str>,
    /// The goal's "by" date.
    pub by: Option<String>,
    /// The id of the plan this one follows up (null when none): the thread it belongs to.
    pub follows: Option<&'a str>,
    /// What is due for this plan, as `overture agenda` says it (null when nothing is).
    pub due: Option<DueJson>,
    pub outcome: Option<OutcomeJson>,
    pub escalation_warning: bool,
    pub read_only: bool,
    /// Where the query's words matched, when not in the stakeholder, title or tactic (only with WORDS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<MatchJson>,
}

/// The outcome recorded: its result (null when none was noted), date and follow-up date.
#[derive(Debug, Serialize)]
pub struct OutcomeJson {
    pub result: Option<&'static str>,
    pub on: Option<String>,
    pub follow_up: Option<String>,
}

/// A plan's agenda item: `kind` is `talk`, `follow-up` or `record-outcome` (docs/JSON.md).
#[derive(Debug, Serialize)]
pub struct DueJson {
    pub kind: &'static str,
    pub date: String,
    pub overdue: bool,
}

/// A passage of the field the words matched in, with the matched words as byte ranges of `text`.
#[derive(Debug, Serialize)]
pub struct MatchJson {
    pub field: &'static str,
    /// Whose field it is, when it is the stakeholder's in the register rather than the plan's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub text: String,
    pub marks: Vec<[usize; 2]>,
}

/// How many characters of a matched passage `list WORDS` shows.
const SNIPPET_WIDTH: usize = 72;

#[derive(Debug, Serialize)]
struct Broken {
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

#[derive(Debug, Serialize)]
struct Listing<'a> {
    plans: PlansJson<'a>,
    broken: Vec<Broken>,
    conflicts: Vec<String>,
}

/// The plans, turned into JSON one at a time as they are written rather than gathered first.
struct PlansJson<'a> {
    summaries: &'a [catalog::PlanSummary],
    /// The plans listed, by position in `summaries`.
    positions: &'a [usize],
    /// The passages of a run of plans (nothing when there is no query), a run at a time: see [`Passages`].
    passages: &'a Passages<'a>,
    ladder: &'a Ladder,
    history: &'a History,
    tz: jiff::tz::TimeZone,
    /// The ids other plans follow, and today: what each plan's agenda item depends on.
    followed: std::collections::HashSet<&'a str>,
    today: jiff::civil::Date,
}

impl std::fmt::Debug for PlansJson<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} plans", self.positions.len())
    }
}

impl Serialize for PlansJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rows =
            self.positions.chunks(PASSAGES_AT_ONCE).flat_map(|run| {
                let snippets = self.passages.of(run);
                run.iter().zip(snippets).map(|(&i, snippet)| {
                    let p = &self.summaries[i];
                    let mut json = summary(self.ladder, self.history, &self.tz, p);
                    json.due = agenda::item_for(&p.agenda_source(), &self.followed, self.today)
                        .map(|i| DueJson {
                            kind: i.kind.as_str(),
                            date: i.date.to_string(),
                            overdue: i.overdue(),
                        });
                    json.matched = snippet.map(|s| MatchJson {
                        field: s.field,
                        person: s.whose,
                        text: s.text,
                        marks: s.marks.iter().map(|m| [m.start, m.end]).collect(),
                    });
                    json
                })
            });
        serializer.collect_seq(rows)
    }
}

/// How many plans' passages are read before they are written: each plan whose row does not explain the match is
/// read from its file, and at 50,000 plans the passages of every match, held until printing, were megabytes.
const PASSAGES_AT_ONCE: usize = 1024;

/// What `list WORDS` reads for the passages that matched.
struct Passages<'a> {
    summaries: &'a [catalog::PlanSummary],
    register: &'a crate::domain::people::People,
    ladder: &'a Ladder,
    filter: &'a Filter,
}

impl Passages<'_> {
    /// The passage of each plan of `run` (positions in `summaries`), in order; all `None` without a query. The files
    /// are read on a few threads, each taking a part of the run in order.
    fn of(&self, run: &[usize]) -> Vec<Option<Snippet>> {
        if self.filter.is_empty() {
            return run.iter().map(|_| None).collect();
        }
        let one = |&i: &usize| {
            let p = &self.summaries[i];
            let person = self.register.first(&p.stakeholder().name);
            p.snippet(self.ladder, self.filter, SNIPPET_WIDTH, person)
        };
        let threads = crate::store::catalog::threads();
        let part = run.len().div_ceil(threads).max(64);
        let parts: Option<Vec<Vec<Option<Snippet>>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = run
                .chunks(part)
                .map(|chunk| scope.spawn(move || chunk.iter().map(one).collect::<Vec<_>>()))
                .collect();
            workers.into_iter().map(|w| w.join().ok()).collect()
        });
        match parts {
            Some(parts) => parts.into_iter().flatten().collect(),
            // A worker panicked: read them here, where a panic is the command's to report.
            None => run.iter().map(one).collect(),
        }
    }
}

fn summary<'a>(
    ladder: &Ladder,
    history: &History,
    tz: &jiff::tz::TimeZone,
    p: &'a catalog::PlanSummary,
) -> PlanJson<'a> {
    PlanJson {
        id: p.id(),
        // The same text as `display()`.
        path: std::borrow::Cow::Owned(p.path().to_string_lossy().into_owned()),
        title: p.title(),
        created: dates::timestamp_text(p.created(), tz),
        updated: dates::timestamp_text(p.updated(), tz),
        status: p.status.as_str(),
        stakeholder: &p.stakeholder().name,
        role: &p.stakeholder().role,
        direction: p.stakeholder().direction.map(|d| d.as_str()),
        tactic: p.tactic().primary.as_ref().map(|r| RungRef::text(Some(r))),
        rung: ladder.index_of(p.tactic().primary.as_ref()).map(|i| i + 1),
        backup: p.tactic().backup.as_ref().map(|r| RungRef::text(Some(r))),
        by: p.by.map(|d| d.to_string()),
        follows: Some(p.follows()).filter(|f| !f.trim().is_empty()),
        due: None,
        outcome: p.outcome().as_ref().map(|o| OutcomeJson {
            result: o.result.map(|r| r.as_str()),
            on: o.on.map(|d| d.to_string()),
            follow_up: o.follow_up.map(|d| d.to_string()),
        }),
        escalation_warning: escalation::warning_for(ladder, history, p).is_some(),
        read_only: p.read_only(),
        matched: None,
    }
}

/// The cells of a plan's line in `list`: short id (the first `short` bytes of the id), date, stakeholder, tactic,
/// state and title (a follow-up marked, as in the workbook: `overture show` prints its thread).
fn row_cells(ladder: &Ladder, p: &catalog::PlanSummary, short: Option<usize>) -> [String; 6] {
    let id = short.and_then(|n| p.id().get(..n)).unwrap_or(p.id());
    [
        one_line(id),
        p.created_date().to_string(),
        one_line(&p.stakeholder().name),
        ladder.label(p.tactic().primary.as_ref()),
        p.state_label().to_string(),
        if p.follows().trim().is_empty() {
            one_line(p.title())
        } else {
            format!("↳ {}", one_line(p.title()))
        },
    ]
}

/// Pads a cell to a display width (wide characters count as two), cutting it with an ellipsis when longer.
pub fn cell(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total = s.width();
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if total > width && used + w + 1 > width {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let workbook: Catalog = ctx.catalog()?;
    let history = workbook.history(&ctx.ladder);
    let filter = Filter::new(&args.words.join(" "));
    let hits = if filter.is_empty() {
        None
    } else {
        Some(
            workbook
                .search
                .search(&filter)
                .map_err(|e| ctx.read_failure(e))?,
        )
    };
    let positions: Vec<usize> = workbook
        .newest_first_positions()
        .into_iter()
        .filter(|&i| hits.as_ref().is_none_or(|h| h.score(i).is_some()))
        .filter(|&i| {
            let p = &workbook.summaries[i];
            args.stakeholder
                .as_ref()
                .is_none_or(|n| history.keys().same(n, &p.stakeholder().name))
                && args.status.is_none_or(|s| p.status == s)
        })
        .collect();
    drop(hits);
    if args.json {
        let ladder = ctx.ladder.clone();
        // Written as it is made, straight to stdout: the text is megabytes for a large workbook.
        out.stream = Some(super::Stream(Box::new(move |w| {
            let passages = Passages {
                summaries: &workbook.summaries,
                register: &workbook.register.people,
                ladder: &ladder,
                filter: &filter,
            };
            let listing = Listing {
                plans: PlansJson {
                    summaries: &workbook.summaries,
                    positions: &positions,
                    passages: &passages,
                    ladder: &ladder,
                    history: &history,
                    tz: jiff::tz::TimeZone::system(),
                    followed: workbook
                        .summaries
                        .iter()
                        .map(|s| s.follows())
                        .filter(|f| !f.is_empty())
                        .collect(),
                    today: dates::today(),
                },
                broken: workbook
                    .broken
                    .iter()
                    .map(|b| Broken {
                        path: b.path.display().to_string(),
                        line: b.position.map(|p| p.0),
                        column: b.position.map(|p| p.1),
                        message: b.message.clone(),
                    })
                    .collect(),
                conflicts: workbook
                    .conflicts
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect(),
            };
            super::write_json(w, &listing)
        })));
        return Ok(());
    }
    if positions.is_empty() && workbook.broken.is_empty() {
        if workbook.summaries.is_empty() {
            out.warn(
                "No plans yet. Start one with `overture` (the workbook) or `overture new --help`.",
            );
            // Said plainly, so that a folder on a drive that is not mounted is not mistaken for lost plans.
            if !ctx.data.plans().exists() {
                out.warn(format!(
                    "({} does not exist yet; the first plan saved creates it.)",
                    ctx.data.plans().display()
                ));
            }
        } else {
            out.warn("No plans match.");
        }
    }
    // Unique across the whole workbook, not only the plans listed, so that `show ID` finds the one shown: each
    // plan's short id is the start of its id, kept as a length.
    let short_len = short_id::lengths_of(workbook.summaries.len(), |i| workbook.summaries[i].id());
    // The column widths first, then every line written as it is made: at fifty thousand plans the lines held
    // together (six strings a plan, and the text) were more than the catalog itself.
    let mut widths = (0, 0, 0, 0);
    for &i in &positions {
        let r = row_cells(
            &ctx.ladder,
            &workbook.summaries[i],
            short_len.get(i).map(|&n| n as usize),
        );
        widths.0 = widths.0.max(r[0].width());
        widths.1 = widths.1.max(r[2].width());
        widths.2 = widths.2.max(r[3].width());
        widths.3 = widths.3.max(r[4].width());
    }
    let (w0, w2, w3, w4) = (
        widths.0.min(26),
        widths.1.min(24),
        widths.2.min(16),
        widths.3.min(10),
    );
    let ladder = ctx.ladder.clone();
    out.stream = Some(super::Stream(Box::new(move |w| {
        let passages = Passages {
            summaries: &workbook.summaries,
            register: &workbook.register.people,
            ladder: &ladder,
            filter: &filter,
        };
        // The passage a search matched goes under the row, beside the date.
        let indent = " ".repeat(w0 + 2 + 12);
        for run in positions.chunks(PASSAGES_AT_ONCE) {
            for (&i, snippet) in run.iter().zip(passages.of(run)) {
                let r = row_cells(
                    &ladder,
                    &workbook.summaries[i],
                    short_len.get(i).map(|&n| n as usize),
                );
                let line = format!(
                    "{}  {}  {}  {}  {}  {}",
                    cell(&r[0], w0),
                    r[1],
                    cell(&r[2], w2),
                    cell(&r[3], w3),
                    cell(&r[4], w4),
                    r[5]
                );
                writeln!(w, "{}", line.trim_end())?;
                if let Some(s) = snippet {
                    writeln!(
                        w,
                        "{indent}{}: {}",
                        s.label(),
                        one_line(&s.marked("[", "]"))
                    )?;
                }
            }
        }
        for b in &workbook.broken {
            writeln!(
                w,
                "broken      {}: {}",
                one_line(&b.location()),
                one_line(&b.message)
            )?;
        }
        for c in &workbook.conflicts {
            writeln!(
                w,
                "conflict    {}: a copy left by a sync tool; merge it by hand, then delete it",
                one_line(&c.display().to_string())
            )?;
        }
        Ok(())
    })));
    Ok(())
}
