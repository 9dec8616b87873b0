//! The compact form of a plan a list needs: enough to show a row, filter, build the stakeholder history and the
//! stats and apply the escalation rule, and nothing of the long free text. Ten thousand of these fit in a few
//! megabytes; the whole plan is read from its file when it is opened.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::filter::{Filter, fold, word_score};
use crate::domain::people::Person;
use crate::domain::plan::FORMAT_VERSION;
use crate::domain::snippet::{SHOWN_IN_LIST, Snippet, person_snippet, snippet_scored};
use crate::domain::{
    AttemptFacts, Direction, Ladder, OutcomeFacts, OutcomeResult, Plan, PlanFacts, RungRef,
    Stakeholder, Status, Tactic,
};

/// One plan file, summarised: what the review rules and the list read. No free text but the title: the
/// stakeholder's `cares_about`, `tactic.rationale` and every `notes` are left out; their words are in the
/// full-text index (`super::search`), not in memory, and the wizard reads "cares about" from a person's newest
/// plan files when it needs them.
///
/// Kept small because a workbook holds one per plan (136 bytes here and about 200 on the heap at 50,000 plans):
/// the id, title, follows and file name share one allocation ([`PlanText`], which the list's rows share too), the
/// folder is held once per load ([`Location`]), the stakeholder, the tactic and each rung are shared by every
/// summary naming the same ones ([`Interner`]), and attempts and the outcome keep no notes.
#[derive(Debug, Clone)]
pub struct PlanSummary {
    /// Where the file is: its folder, shared by every summary of a load, with the name in `text`.
    pub(in crate::store::catalog) location: Location,
    pub(in crate::store::catalog) text: PlanText,
    /// The file's format version; a newer one than this program writes means the plan opens read-only.
    pub version: u32,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub status: Status,
    pub(in crate::store::catalog) stakeholder: Arc<Stakeholder>,
    pub(in crate::store::catalog) tactic: Arc<Tactic>,
    pub(in crate::store::catalog) attempts: Box<[AttemptSummary]>,
    pub(in crate::store::catalog) outcome: Option<OutcomeFacts>,
    /// The goal's "by" date: what the agenda needs (`domain::agenda`).
    pub by: Option<Date>,
}

/// A plan's id, display title, the id it follows and its file's name, in one shared allocation: a list row
/// clones it for the cost of a reference count instead of copying the texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanText {
    text: Arc<str>,
    title_end: u32,
    /// Ids are short: these two lengths fit in 16 bits, so the whole is 24 bytes.
    id_end: u16,
    follows_len: u16,
}

impl PlanText {
    pub fn new(id: &str, title: &str, follows: &str) -> Self {
        Self::with_name(id, title, follows, "")
    }

    /// With the file's name (UTF-8; a name that is not is kept whole in a [`Location`] instead).
    pub fn with_name(id: &str, title: &str, follows: &str, name: &str) -> Self {
        // Texts past 1 GiB cannot come from a plan file (the loader refuses files over 4 MiB); cut to be safe.
        let [title, name] = [title, name].map(|t| cut(t, u32::MAX as usize / 4));
        // An id longer than 64 KB is no id a person wrote: it is cut rather than kept whole.
        let [id, follows] = [id, follows].map(|t| cut(t, usize::from(u16::MAX)));
        let mut text = String::with_capacity(id.len() + title.len() + follows.len() + name.len());
        for part in [id, title, follows, name] {
            text.push_str(part);
        }
        PlanText {
            id_end: id.len() as u16,
            title_end: (id.len() + title.len()) as u32,
            follows_len: follows.len() as u16,
            text: Arc::from(text),
        }
    }

    fn follows_end(&self) -> usize {
        self.title_end as usize + usize::from(self.follows_len)
    }

    /// The file's name when the summary keeps its folder apart (see [`Location`]), else empty.
    pub fn name(&self) -> &str {
        self.text.get(self.follows_end()..).unwrap_or_default()
    }

    pub fn id(&self) -> &str {
        self.text
            .get(..usize::from(self.id_end))
            .unwrap_or_default()
    }

    /// [`Plan::display_title`], so a list never needs the goal to make one up.
    pub fn title(&self) -> &str {
        self.text
            .get(usize::from(self.id_end)..self.title_end as usize)
            .unwrap_or_default()
    }

    pub fn follows(&self) -> &str {
        self.text
            .get(self.title_end as usize..self.follows_end())
            .unwrap_or_default()
    }
}

/// Where a plan's file is. Usually its folder, one `Arc` shared by every plan of a load, with the file's name in
/// the [`PlanText`]: at 50,000 plans that saves the folder's path fifty thousand times. A file whose name is not
/// UTF-8, or that is loaded under another path (a link), keeps its whole path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    In(Arc<PathBuf>),
    At(Arc<PathBuf>),
}

impl Location {
    /// The file's path, given the texts that hold its name.
    pub fn path(&self, text: &PlanText) -> PathBuf {
        match self {
            Location::In(dir) => dir.join(text.name()),
            Location::At(path) => path.to_path_buf(),
        }
    }

    /// Whether the file is `path`, without building the path.
    pub fn is(&self, text: &PlanText, path: &Path) -> bool {
        match self {
            Location::In(dir) => {
                path.parent() == Some(dir.as_path()) && super::utf8_name(path) == Some(text.name())
            }
            Location::At(p) => **p == *path,
        }
    }

    /// Orders two files as their paths do, building them only when the two are not in one folder.
    pub fn cmp_paths(
        &self,
        text: &PlanText,
        other: &Location,
        other_text: &PlanText,
    ) -> std::cmp::Ordering {
        match (self, other) {
            (Location::In(a), Location::In(b)) if Arc::ptr_eq(a, b) || a == b => {
                Path::new(text.name()).cmp(Path::new(other_text.name()))
            }
            _ => self.path(text).cmp(&other.path(other_text)),
        }
    }

    /// The file's name, when it is UTF-8.
    pub fn name<'a>(&'a self, text: &'a PlanText) -> Option<&'a str> {
        match self {
            Location::In(_) => Some(text.name()),
            Location::At(p) => super::utf8_name(p),
        }
    }
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
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

/// Hands out one shared copy of each distinct stakeholder and tactic, so that the summaries of a person's many
/// plans (and the many plans with the same tactics and no escalation reason) hold one each.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    /// By a hash of name, role and direction, so that a stakeholder already held costs no allocation to look up.
    stakeholders: HashMap<u64, Vec<Arc<Stakeholder>>>,
    hasher: std::hash::RandomState,
    tactics: HashMap<u64, Vec<Arc<Tactic>>>,
    /// The plans' folder, shared by every summary of its files.
    dir: Option<Arc<PathBuf>>,
    /// The rungs attempts name (a handful; past 64 distinct ones, not shared).
    rungs: Vec<Arc<RungRef>>,
}

impl Interner {
    /// One that also keeps `dir` apart from the paths of the summaries it shares (see [`Location`]).
    pub fn in_folder(dir: &Arc<PathBuf>) -> Self {
        Interner {
            dir: Some(Arc::clone(dir)),
            ..Default::default()
        }
    }

    /// The shared stakeholder with these parts (a summary keeps no "cares about").
    pub fn stakeholder(
        &mut self,
        name: &str,
        role: &str,
        direction: Option<Direction>,
    ) -> Arc<Stakeholder> {
        let key = (name, role, direction);
        shared(
            &mut self.stakeholders,
            self.hasher.hash_one(key),
            key,
            |s, &(name, role, direction)| {
                s.name == name && s.role == role && s.direction == direction
            },
            |(name, role, direction)| Stakeholder {
                name: name.to_string(),
                role: role.to_string(),
                direction,
                cares_about: Vec::new(),
            },
        )
    }

    /// The shared tactic with these parts (a summary keeps no rationale).
    pub fn tactic(
        &mut self,
        primary: Option<RungRef>,
        backup: Option<RungRef>,
        escalation_reason: &str,
    ) -> Arc<Tactic> {
        let hash = self.hasher.hash_one((&primary, &backup, escalation_reason));
        shared(
            &mut self.tactics,
            hash,
            (primary, backup, escalation_reason),
            |t, (primary, backup, reason)| {
                t.primary == *primary && t.backup == *backup && t.escalation_reason == *reason
            },
            |(primary, backup, reason)| Tactic {
                primary,
                backup,
                rationale: String::new(),
                escalation_reason: reason.to_string(),
            },
        )
    }

    /// The shared copy of `rung`.
    pub fn rung(&mut self, rung: RungRef) -> Arc<RungRef> {
        self.shared_rung(|r| *r == rung, || rung.clone())
    }

    /// The rung a file spells `key`, resolved against `ladder` once and then shared; `None` for the empty text.
    pub fn rung_named(&mut self, ladder: &Ladder, key: &str) -> Option<Arc<RungRef>> {
        let key = crate::domain::RungKey::new(key)?;
        Some(self.shared_rung(|r| r.key() == &key, || ladder.resolve(key.clone())))
    }

    fn shared_rung(
        &mut self,
        same: impl Fn(&RungRef) -> bool,
        make: impl FnOnce() -> RungRef,
    ) -> Arc<RungRef> {
        if let Some(r) = self.rungs.iter().find(|r| same(r)) {
            return Arc::clone(r);
        }
        let r = Arc::new(make());
        // A file naming many unknown keys must not make every lookup slow: past a few dozen, keys are not shared.
        if self.rungs.len() < 64 {
            self.rungs.push(Arc::clone(&r));
        }
        r
    }

    /// Makes `summary` share what an earlier one already holds (for summaries made from parsed plans).
    pub fn share(&mut self, summary: &mut PlanSummary) {
        let s = &summary.stakeholder;
        summary.stakeholder = self.stakeholder(&s.name, &s.role, s.direction);
        let t = &summary.tactic;
        summary.tactic = self.tactic(t.primary.clone(), t.backup.clone(), &t.escalation_reason);
        for a in summary.attempts.iter_mut() {
            if let Some(t) = a.tactic.take() {
                a.tactic = Some(self.rung(Arc::unwrap_or_clone(t)));
            }
        }
        if let (Some(dir), Location::At(path)) = (&self.dir, &summary.location) {
            let path = Arc::clone(path);
            summary.set_path(dir, &path);
        }
    }
}

/// The value in `buckets[hash]` that is `same` as `key`, or a new one made from it by `make` and kept there.
fn shared<K, T>(
    buckets: &mut HashMap<u64, Vec<Arc<T>>>,
    hash: u64,
    key: K,
    same: impl Fn(&T, &K) -> bool,
    make: impl FnOnce(K) -> T,
) -> Arc<T> {
    let bucket = buckets.entry(hash).or_default();
    if let Some(found) = bucket.iter().find(|v| same(v, &key)) {
        return Arc::clone(found);
    }
    let value = Arc::new(make(key));
    bucket.push(Arc::clone(&value));
    value
}

impl PlanSummary {
    pub(crate) fn from_plan(path: &Path, plan: &Plan) -> Self {
        PlanSummary {
            location: Location::At(Arc::new(path.to_path_buf())),
            text: PlanText::new(&plan.id, &plan.display_title(), &plan.follows),
            version: plan.version,
            created: plan.created,
            updated: plan.updated,
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
        self.version > FORMAT_VERSION
    }
}

/// Two summaries are equal when they say the same of the same file, however each holds its path.
impl PartialEq for PlanSummary {
    fn eq(&self, other: &Self) -> bool {
        let PlanSummary {
            location: _,
            text: _,
            version,
            created,
            updated,
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
            && (version, created, updated, status, by, outcome)
                == (
                    &other.version,
                    &other.created,
                    &other.updated,
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
        self.created
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
}
