//! The compact form of a plan a list needs: enough to show a row, filter, build the stakeholder history and the
//! stats and apply the escalation rule, and nothing of the long free text. Ten thousand of these fit in a few
//! megabytes; the whole plan is read from its file when it is opened.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::domain::filter::{Filter, fold, word_score};
use crate::domain::people::Person;
use crate::domain::plan::FORMAT_VERSION;
use crate::domain::snippet::{SHOWN_IN_LIST, Snippet, person_snippet, snippet_scored};
use crate::domain::{Attempt, Ladder, Outcome, Plan, Stakeholder, Status, Tactic};

/// One plan file, summarised. The domain parts keep only what the review rules and the list read, and the
/// stakeholder's short "cares about" items (the wizard suggests them for a known name): `tactic.rationale` and
/// every `notes` are left empty: their words are in the full-text index (`super::search`), not in memory.
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
    /// The goal's "by" date and the plan this one follows: what the agenda needs (`domain::agenda`).
    pub by: Option<jiff::civil::Date>,
    pub follows: String,
}

impl PlanSummary {
    pub(crate) fn from_plan(path: &Path, plan: &Plan) -> Self {
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
                    from: a.from.clone(),
                })
                .collect(),
            outcome: plan.outcome.as_ref().map(|o| Outcome {
                on: o.on,
                result: o.result,
                notes: String::new(),
                follow_up: o.follow_up,
            }),
            by: plan.goal.by,
            follows: plan.follows.clone(),
        }
    }

    /// What the agenda reads of this plan.
    pub fn agenda_source(&self) -> crate::domain::agenda::Source<'_> {
        crate::domain::agenda::Source {
            id: &self.id,
            status: self.status,
            stakeholder: &self.stakeholder.name,
            title: std::borrow::Cow::Borrowed(&self.title),
            by: self.by,
            outcome: self.outcome.as_ref(),
            follows: &self.follows,
        }
    }

    /// Where `filter` matched this plan, when that is not in what a list shows of it (the stakeholder, the title,
    /// the tactic): the plan is read from its file for that, so a match a row explains costs nothing. `None`
    /// when the list's columns explain it or the file cannot be read. `person` is the plan's stakeholder in the
    /// register (`People::first`), whose words a search also reads: their passage is shown when it matches more of
    /// the query's words than any field of the plan the list does not already show ("Dr Adeyemi's notes: …").
    pub fn snippet(
        &self,
        ladder: &Ladder,
        filter: &Filter,
        width: usize,
        person: Option<&Person>,
    ) -> Option<Snippet> {
        if filter.is_empty() {
            return None;
        }
        let mut shown = vec![self.stakeholder.name.as_str(), self.title.as_str()];
        for rung in [&self.tactic.primary, &self.tactic.backup] {
            if let Some(r) = rung.as_ref().and_then(|r| ladder.rung(r)) {
                shown.push(&r.name);
            }
        }
        let words: Vec<String> = shown
            .iter()
            .flat_map(|t| {
                fold(t)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let explained = filter
            .words()
            .iter()
            .all(|w| words.iter().any(|t| word_score(w, t).is_some()));
        if explained {
            return None;
        }
        let own = super::super::plan_file::load(&self.path, ladder)
            .ok()
            .and_then(|pf| snippet_scored(ladder, &pf.plan, filter, width))
            .filter(|(_, s)| !SHOWN_IN_LIST.contains(&s.field));
        let theirs = person.and_then(|p| person_snippet(p, filter, width));
        match (own, theirs) {
            (Some((mine, s)), Some((n, _))) if mine >= n => Some(s),
            (_, Some((_, s))) => Some(s),
            (own, None) => own.map(|(_, s)| s),
        }
    }

    /// Written by a newer overture: shown, but never saved over.
    pub(crate) fn read_only(&self) -> bool {
        self.version > FORMAT_VERSION
    }
}

crate::domain::facts::plan_facts_from_fields!(PlanSummary);

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
        let s = PlanSummary::from_plan(Path::new("/p/a.toml"), &p);
        assert_eq!(s.title, "Adopt the sepsis pathway");
        assert_eq!(s.path, Path::new("/p/a.toml"));
        assert!(s.stakeholder.cares_about == ["audit"] && s.tactic.rationale.is_empty());
        assert!(s.attempts[0].notes.is_empty());
        assert_eq!(s.created_date(), p.created_date());
        assert_eq!(
            crate::domain::history::tries_in(&ladder, &s),
            crate::domain::history::tries_in(&ladder, &p)
        );
    }
}
