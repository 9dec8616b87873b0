//! The compact form of a plan a list needs: enough to show a row, filter, build the stakeholder history and the
//! stats and apply the escalation rule, and nothing of the long free text. Ten thousand of these fit in a few
//! megabytes; the whole plan is read from its file when it is opened.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::domain::filter::{self, Filter};
use crate::domain::plan::FORMAT_VERSION;
use crate::domain::{Attempt, Ladder, Outcome, Plan, Stakeholder, Status, Tactic};

/// The search text is cut at this many bytes: enough for who, the title, the goal and the tactics (which
/// `filter::search_text` puts first), what came of it, and the start of the rest, while keeping a large
/// workbook's summaries small and each keystroke of the filter quick (fuzzy matching costs grow with the text).
/// Each word is kept once, so a title that repeats the goal leaves room for the notes.
pub const SEARCH_TEXT_CAP: usize = 384;

/// One plan file, summarised. The domain parts keep only what the review rules and the list read, and the
/// stakeholder's short "cares about" items (the wizard suggests them for a known name): `tactic.rationale` and
/// every `notes` are left empty (the search text carries the words of them that matter).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    pub path: PathBuf,
    pub id: String,
    /// The file's format version; a newer one than this program writes means the plan opens read-only.
    pub version: u32,
    /// The title to show: [`Plan::display_title`], so a list never needs the goal to make one up.
    pub title: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub status: Status,
    pub stakeholder: Stakeholder,
    pub tactic: Tactic,
    pub attempts: Vec<Attempt>,
    pub outcome: Option<Outcome>,
    /// [`filter::search_text`] passed through [`filter::fold`] and cut at [`SEARCH_TEXT_CAP`] bytes: folded once
    /// here (and kept so in the index), so that neither a list nor a one-shot filter folds ten thousand texts per
    /// query.
    pub search: String,
}

impl PlanSummary {
    pub fn from_plan(ladder: &Ladder, path: &Path, plan: &Plan) -> Self {
        let mut search = each_word_once(
            &filter::fold(&filter::search_text(ladder, plan)),
            SEARCH_TEXT_CAP,
        );
        truncate_at_char(&mut search, SEARCH_TEXT_CAP);
        // Cut, it still held the whole plan's text: ten thousand of them, megabytes for nothing.
        search.shrink_to_fit();
        PlanSummary {
            path: path.to_path_buf(),
            id: plan.id.clone(),
            version: plan.version,
            title: plan.display_title(),
            created: plan.created,
            updated: plan.updated,
            status: plan.status,
            stakeholder: Stakeholder {
                name: plan.stakeholder.name.clone(),
                role: plan.stakeholder.role.clone(),
                direction: plan.stakeholder.direction,
                cares_about: plan.stakeholder.cares_about.clone(),
            },
            tactic: Tactic {
                primary: plan.tactic.primary.clone(),
                backup: plan.tactic.backup.clone(),
                rationale: String::new(),
                escalation_reason: plan.tactic.escalation_reason.clone(),
            },
            attempts: plan
                .attempts
                .iter()
                .map(|a| Attempt {
                    tactic: a.tactic.clone(),
                    on: a.on,
                    result: a.result,
                    notes: String::new(),
                })
                .collect(),
            outcome: plan.outcome.as_ref().map(|o| Outcome {
                on: o.on,
                result: o.result,
                notes: String::new(),
                follow_up: o.follow_up,
            }),
            search,
        }
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Written by a newer overture: shown, but never saved over.
    pub fn read_only(&self) -> bool {
        self.version > FORMAT_VERSION
    }
}

crate::domain::facts::plan_facts_from_fields!(PlanSummary);

/// The words of `text` in order, each the first time it appears, until `cap` bytes are reached (the rest would be
/// cut anyway): the filter matches words one at a time, so the repeats only took room.
fn each_word_once(text: &str, cap: usize) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(cap.min(text.len()));
    for word in text.split_whitespace() {
        if out.len() >= cap {
            break;
        }
        if seen.insert(word) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Cuts `s` to at most `max` bytes without splitting a character.
pub(crate) fn truncate_at_char(s: &mut String, max: usize) {
    if s.len() <= max {
        return;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
}

/// Indexes of the summaries a query matches, best match first (ties keep the given order). An empty query
/// matches everything in order. The cost is one match per summary: nothing else grows with the workbook.
pub fn filter_indexes(summaries: &[PlanSummary], query: &str) -> Vec<usize> {
    filter_within(summaries, 0..summaries.len(), query)
}

/// Like [`filter_indexes`], over some of the summaries only. While a user types, each keystroke only narrows the
/// query (a fuzzy match of a longer query is also a match of its start), so a front end can pass the previous
/// keystroke's hits and pay for those alone.
pub fn filter_within(
    summaries: &[PlanSummary],
    candidates: impl IntoIterator<Item = usize>,
    query: &str,
) -> Vec<usize> {
    let filter = Filter::new(query);
    if filter.is_empty() {
        return candidates
            .into_iter()
            .filter(|&i| i < summaries.len())
            .collect();
    }
    let mut hits: Vec<(u32, usize)> = candidates
        .into_iter()
        .filter_map(|i| {
            let s = summaries.get(i)?;
            filter.score_folded(&s.search).map(|score| (score, i))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PlanFacts;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};

    #[test]
    fn summary_keeps_what_lists_and_rules_need() {
        let ladder = Ladder::embedded();
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "Dr Okafor".into();
        p.stakeholder.cares_about = vec!["audit".into()];
        p.goal.want = "Adopt the sepsis pathway".into();
        p.tactic.primary = test_rung("force");
        p.tactic.rationale = "long reasoning".into();
        p.attempts.push(Attempt {
            tactic: test_rung("reason"),
            notes: "x".repeat(2000),
            ..Default::default()
        });
        let s = PlanSummary::from_plan(&ladder, Path::new("/p/a.toml"), &p);
        assert_eq!(s.title, "Adopt the sepsis pathway");
        assert_eq!(s.file_name(), "a.toml");
        assert!(s.stakeholder.cares_about == ["audit"] && s.tactic.rationale.is_empty());
        assert!(s.attempts[0].notes.is_empty());
        assert!(s.search.len() <= SEARCH_TEXT_CAP && s.search.contains("dr okafor"));
        assert_eq!(s.created_date(), p.created_date());
        assert_eq!(
            crate::domain::history::tries_in(&ladder, &s),
            crate::domain::history::tries_in(&ladder, &p)
        );
        assert_eq!(each_word_once("a b | c a | b d", 100), "a b | c d");
        assert_eq!(each_word_once("aa bb cc dd", 5), "aa bb");
        let mut cut = "aé".repeat(10);
        truncate_at_char(&mut cut, 2);
        assert_eq!(cut, "a");
    }

    #[test]
    fn filter_matches_fuzzy_and_ranks() {
        let ladder = Ladder::embedded();
        let mk = |name: &str, want: &str| {
            let mut p = Plan::new(Timestamp::UNIX_EPOCH);
            p.stakeholder.name = name.into();
            p.goal.want = want.into();
            PlanSummary::from_plan(&ladder, Path::new("x.toml"), &p)
        };
        let all = [mk("Dr Okafor", "sepsis pathway"), mk("Ann", "rota")];
        assert_eq!(filter_indexes(&all, "okfr"), [0]);
        assert_eq!(filter_indexes(&all, ""), [0, 1]);
        assert!(filter_indexes(&all, "zebra").is_empty());
        let narrowed = filter_within(&all, filter_indexes(&all, "ok"), "okfr");
        assert_eq!(narrowed, filter_indexes(&all, "okfr"));
    }
}
