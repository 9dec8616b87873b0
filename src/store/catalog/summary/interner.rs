//! One shared copy of each stakeholder, tactic and rung the summaries of a load name ([`Interner`]).

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Location, PlanSummary};
use crate::domain::{Direction, Ladder, RungRef, Stakeholder, Tactic};

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
