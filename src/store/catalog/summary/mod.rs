//! The compact form of a plan a list needs: enough to show a row, filter, build the stakeholder history and the
//! stats and apply the escalation rule, and nothing of the long free text. Ten thousand of these fit in a few
//! megabytes; the whole plan is read from its file when it is opened.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::filter::{Filter, fold, word_score};
use crate::domain::people::Person;
use crate::domain::plan::FORMAT_VERSION;
use crate::domain::snippet::{SHOWN_IN_LIST, Snippet, person_snippet, snippet_scored};
use crate::domain::{
    AttemptFacts, Ladder, OutcomeFacts, OutcomeResult, Plan, PlanFacts, RungRef, Stakeholder,
    Status, Tactic,
};

mod interner;
mod parts;

pub(crate) use interner::Interner;
pub(in crate::store::catalog) use parts::Stamps;
pub use parts::{Location, PlanText};

/// One plan file, summarised: what the review rules and the list read. No free text but the title: the
/// stakeholder's `cares_about`, `tactic.rationale` and every `notes` are left out; their words are in the
/// full-text index (`super::search`), not in memory, and the wizard reads "cares about" from a person's newest
/// plan files when it needs them.
///
/// Kept small because a workbook holds one per plan (120 bytes here and about 200 on the heap at 50,000 plans):
/// the id, title, follows and file name share one allocation ([`PlanText`], which the list's rows share too), the
/// folder is held once per load ([`Location`]), the stakeholder, the tactic and each rung are shared by every
/// summary naming the same ones ([`Interner`]), and attempts and the outcome keep no notes.
#[derive(Debug, Clone)]
pub struct PlanSummary {
    /// Where the file is: its folder, shared by every summary of a load, with the name in `text`.
    pub(in crate::store::catalog) location: Location,
    pub(in crate::store::catalog) text: PlanText,
    /// When the plan was created and last changed ([`Self::created`], [`Self::updated`]).
    pub(in crate::store::catalog) stamps: Stamps,
    /// The file's format version, saturated at `u16::MAX` (any version past this program's opens read-only
    /// alike): two bytes where the file's number takes four, which keeps the summary at 120 bytes.
    pub(in crate::store::catalog) version: u16,
    pub status: Status,
    pub(in crate::store::catalog) stakeholder: Arc<Stakeholder>,
    pub(in crate::store::catalog) tactic: Arc<Tactic>,
    pub(in crate::store::catalog) attempts: Box<[AttemptSummary]>,
    pub(in crate::store::catalog) outcome: Option<OutcomeFacts>,
    /// The goal's "by" date: what the agenda needs (`domain::agenda`).
    pub by: Option<Date>,
}

/// An attempt as a summary keeps it: no notes.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::store::catalog) struct AttemptSummary {
    /// Shared by every attempt naming the rung ([`Interner::rung`]): eight bytes instead of twenty-four.
    pub tactic: Option<Arc<RungRef>>,
    pub on: Option<Date>,
    pub result: Option<OutcomeResult>,
    pub from: Box<str>,
}

impl PlanSummary {
    pub(crate) fn from_plan(path: &Path, plan: &Plan) -> Self {
        PlanSummary {
            location: Location::At(Arc::new(path.to_path_buf())),
            text: PlanText::new(&plan.id, &plan.display_title(), &plan.follows),
            version: Self::short_version(plan.version),
            stamps: Stamps::new(plan.created, plan.updated),
            status: plan.status,
            stakeholder: Arc::new(Stakeholder {
                name: plan.stakeholder.name.clone(),
                role: plan.stakeholder.role.clone(),
                direction: plan.stakeholder.direction,
                cares_about: Vec::new(),
            }),
            tactic: Arc::new(Tactic {
                primary: plan.tactic.primary.clone(),
                backup: plan.tactic.backup.clone(),
                rationale: String::new(),
                escalation_reason: plan.tactic.escalation_reason.clone(),
            }),
            attempts: plan
                .attempts
                .iter()
                .map(|a| AttemptSummary {
                    tactic: a.tactic.clone().map(Arc::new),
                    on: a.on,
                    result: a.result,
                    from: a.from.as_str().into(),
                })
                .collect(),
            outcome: plan.outcome.as_ref().map(OutcomeFacts::from),
            by: plan.goal.by,
        }
    }

    /// The plan's file.
    pub fn path(&self) -> PathBuf {
        self.location.path(&self.text)
    }

    /// Whether the summary is of the file at `path` (no path built).
    pub fn is_at(&self, path: &Path) -> bool {
        self.location.is(&self.text, path)
    }

    /// Orders as the paths do, building them only when the two are not in one folder.
    pub fn path_cmp(&self, other: &PlanSummary) -> std::cmp::Ordering {
        self.location
            .cmp_paths(&self.text, &other.location, &other.text)
    }

    /// The file's name, when it is UTF-8.
    pub fn file_name(&self) -> Option<&str> {
        self.location.name(&self.text)
    }

    /// Where the file is: what a list row keeps, with [`Self::text`].
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The plan's id (also [`PlanFacts::id`], here so callers need not import the trait).
    pub fn id(&self) -> &str {
        self.text.id()
    }

    /// The id of the plan this one follows up, or empty.
    pub fn follows(&self) -> &str {
        self.text.follows()
    }

    pub fn stakeholder(&self) -> &Stakeholder {
        &self.stakeholder
    }

    pub fn tactic(&self) -> &Tactic {
        &self.tactic
    }

    /// [`Plan::display_title`].
    pub fn title(&self) -> &str {
        self.text.title()
    }

    /// The id, title and follows, shared: what a list row keeps.
    pub fn text(&self) -> &PlanText {
        &self.text
    }

    /// Sets the file the summary came from (a link is loaded under the path it leads to), keeping the folder
    /// apart when it is `dir`.
    pub(in crate::store::catalog) fn set_path(&mut self, dir: &Arc<PathBuf>, path: &Path) {
        if self.is_at(path) && matches!(&self.location, Location::In(d) if Arc::ptr_eq(d, dir)) {
            return;
        }
        let name = super::utf8_name(path);
        match name {
            Some(name) if path.parent() == Some(dir.as_path()) => {
                let t = &self.text;
                self.text = PlanText::with_name(t.id(), t.title(), t.follows(), name);
                self.location = Location::In(Arc::clone(dir));
            }
            _ => {
                let t = &self.text;
                self.text = PlanText::new(t.id(), t.title(), t.follows());
                self.location = Location::At(Arc::new(path.to_path_buf()));
            }
        }
    }

    /// What the agenda reads of this plan.
    pub fn agenda_source(&self) -> crate::domain::agenda::Source<'_> {
        crate::domain::agenda::Source {
            id: self.text.id(),
            status: self.status,
            stakeholder: &self.stakeholder.name,
            title: std::borrow::Cow::Borrowed(self.text.title()),
            by: self.by,
            outcome: self.outcome,
            follows: self.text.follows(),
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
        let mut shown = vec![self.stakeholder.name.as_str(), self.text.title()];
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
        let own = super::super::plan_file::load(&self.path(), ladder)
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
        u32::from(self.version) > FORMAT_VERSION
    }

    /// The file's format version (saturated at `u16::MAX`).
    pub fn version(&self) -> u32 {
        u32::from(self.version)
    }

    pub(in crate::store::catalog) fn short_version(version: u32) -> u16 {
        u16::try_from(version).unwrap_or(u16::MAX)
    }

    /// When the plan was created (also [`PlanFacts::created`], here so callers need not import the trait).
    pub fn created(&self) -> Timestamp {
        self.stamps.get(0)
    }

    /// When the plan was last changed.
    pub fn updated(&self) -> Timestamp {
        self.stamps.get(1)
    }
}

/// Two summaries are equal when they say the same of the same file, however each holds its path.
impl PartialEq for PlanSummary {
    fn eq(&self, other: &Self) -> bool {
        let PlanSummary {
            location: _,
            text: _,
            version,
            stamps,
            status,
            stakeholder,
            tactic,
            attempts,
            outcome,
            by,
        } = self;
        self.path_cmp(other).is_eq()
            && (self.id(), self.title(), self.follows())
                == (other.id(), other.title(), other.follows())
            && (version, stamps, status, by, outcome)
                == (
                    &other.version,
                    &other.stamps,
                    &other.status,
                    &other.by,
                    &other.outcome,
                )
            && (stakeholder, tactic, attempts)
                == (&other.stakeholder, &other.tactic, &other.attempts)
    }
}

impl PlanFacts for PlanSummary {
    fn id(&self) -> &str {
        self.text.id()
    }
    fn follows(&self) -> &str {
        self.text.follows()
    }
    fn created(&self) -> Timestamp {
        self.stamps.get(0)
    }
    fn status(&self) -> Status {
        self.status
    }
    fn stakeholder(&self) -> &Stakeholder {
        &self.stakeholder
    }
    fn tactic(&self) -> &Tactic {
        &self.tactic
    }
    fn attempts(&self) -> impl Iterator<Item = AttemptFacts<'_>> {
        self.attempts.iter().map(|a| AttemptFacts {
            tactic: a.tactic.as_deref(),
            on: a.on,
            result: a.result,
            from: &a.from,
        })
    }
    fn outcome(&self) -> Option<OutcomeFacts> {
        self.outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Attempt;
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
        assert_eq!(s.title(), "Adopt the sepsis pathway");
        assert_eq!(s.path(), Path::new("/p/a.toml"));
        let mut shared = s.clone();
        let dir: Arc<PathBuf> = Arc::new(PathBuf::from("/p"));
        shared.set_path(&dir, Path::new("/p/a.toml"));
        assert_eq!(shared.location, Location::In(dir.clone()));
        assert_eq!(
            (shared.path(), shared.file_name()),
            (PathBuf::from("/p/a.toml"), Some("a.toml"))
        );
        assert_eq!(
            (shared.id(), shared.title(), shared.follows()),
            (s.id(), s.title(), s.follows())
        );
        assert!(shared.is_at(Path::new("/p/a.toml")) && !shared.is_at(Path::new("/q/a.toml")));
        // A file elsewhere (a link's target) keeps its whole path.
        shared.set_path(&dir, Path::new("/q/b.toml"));
        assert_eq!(shared.path(), PathBuf::from("/q/b.toml"));
        assert!(matches!(shared.location, Location::At(_)));
        assert!(s.stakeholder.cares_about.is_empty() && s.tactic.rationale.is_empty());
        assert_eq!(s.attempts().count(), 1);
        assert_eq!(s.created_date(), p.created_date());
        assert_eq!(
            crate::domain::history::tries_in(&ladder, &s),
            crate::domain::history::tries_in(&ladder, &p)
        );
    }

    #[test]
    fn plan_text_keeps_its_parts_apart() {
        let t = PlanText::new("01J", "Rota — 张伟", "01H");
        assert_eq!(
            (t.id(), t.title(), t.follows(), t.name()),
            ("01J", "Rota — 张伟", "01H", "")
        );
        let t = PlanText::with_name("01J", "Rota", "", "2026-rota.toml");
        assert_eq!(
            (t.id(), t.title(), t.follows(), t.name()),
            ("01J", "Rota", "", "2026-rota.toml")
        );
        let empty = PlanText::new("", "", "");
        assert_eq!((empty.id(), empty.title(), empty.follows()), ("", "", ""));
    }

    #[test]
    fn summaries_of_one_person_share_one_stakeholder() {
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "Dr Okafor".into();
        let mut a = PlanSummary::from_plan(Path::new("/p/a.toml"), &p);
        let mut b = PlanSummary::from_plan(Path::new("/p/b.toml"), &p);
        assert!(!Arc::ptr_eq(&a.stakeholder, &b.stakeholder));
        let mut interner = Interner::default();
        interner.share(&mut a);
        interner.share(&mut b);
        assert!(Arc::ptr_eq(&a.stakeholder, &b.stakeholder) && Arc::ptr_eq(&a.tactic, &b.tactic));
        assert_eq!(a.stakeholder().name, "Dr Okafor");
    }

    #[test]
    fn a_summary_stays_at_120_bytes() {
        // A workbook holds one per plan: 16 more bytes are 0.8 MB at 50,000 plans (issue 16's memory target).
        assert!(
            std::mem::size_of::<PlanSummary>() <= 120,
            "{}",
            std::mem::size_of::<PlanSummary>()
        );
    }

    #[test]
    fn times_and_versions_come_back_as_the_file_has_them() {
        let times = [
            Timestamp::UNIX_EPOCH,
            Timestamp::new(1_780_000_000, 123_456_789).unwrap(),
            Timestamp::new(-86_401, -5).unwrap(),
            Timestamp::MIN,
            Timestamp::MAX,
        ];
        for created in times {
            for updated in times {
                let mut p = Plan::new(created);
                p.updated = updated;
                let s = PlanSummary::from_plan(Path::new("/p/a.toml"), &p);
                assert_eq!((s.created(), s.updated()), (created, updated));
            }
        }
        for (version, read_only) in [(1, false), (FORMAT_VERSION + 1, true), (u32::MAX, true)] {
            let mut p = Plan::new(Timestamp::UNIX_EPOCH);
            p.version = version;
            let s = PlanSummary::from_plan(Path::new("/p/a.toml"), &p);
            assert_eq!(s.read_only(), read_only, "{version}");
            assert_eq!(s.version(), version.min(u32::from(u16::MAX)));
        }
    }
}
