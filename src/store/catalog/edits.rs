//! The catalog changed where it stands after the workbook's own writes (a save, a new plan, a copy, a delete, a
//! person's page), so that each costs what one plan costs instead of a load of the whole folder. The indexes on
//! disk are left as they are: the next load reads the files whose stamps changed, and finds the rest gone.

use std::path::Path;
use std::sync::Arc;

use super::summary::Location;
use super::{Catalog, PlanSummary, resolve};
use crate::domain::Ladder;
use crate::store::DataDir;

impl Catalog {
    /// Reads the register of people again after a person's file was written, the plans as they are: a change to
    /// the register costs what the register costs, not a load of every plan (0.6 to 0.9 s at 50,000). `false`, and
    /// nothing changed, when the search index is shared (the caller reads the whole folder again).
    pub fn reread_people(&mut self, data: &DataDir) -> bool {
        if Arc::get_mut(&mut self.search).is_none() {
            return false;
        }
        self.read_people(data);
        true
    }

    /// Where the plan whose file is `path` stands in `summaries`; `None` for a file the catalog holds no plan of
    /// (a new file, a broken one).
    pub fn position_of(&self, path: &Path) -> Option<usize> {
        self.summaries.iter().position(|s| s.is_at(path))
    }

    /// Takes in `plan`, which the workbook itself just wrote to `path` where a plan of this catalog already was:
    /// its summary is replaced where it stands and its words stand in for the search index's
    /// ([`SearchIndex::replace`]), so that a save costs what one plan costs instead of a load of the whole folder
    /// (0.6 to 0.9 s and 48 MB at 50,000 plans). The indexes on disk are left as they are: the next load reads the
    /// file again, its stamp having changed. `i` is the plan's place ([`Catalog::position_of`]). `false`, and
    /// nothing changed, when the plan there is not at `path` or the search index is shared: the caller reads the
    /// folder again.
    pub fn saved(
        &mut self,
        i: usize,
        path: &Path,
        plan: &crate::domain::Plan,
        ladder: &Ladder,
    ) -> bool {
        if !self.summaries.get(i).is_some_and(|s| s.is_at(path)) {
            return false;
        }
        let (Ok(number), Some(search)) = (u32::try_from(i), Arc::get_mut(&mut self.search)) else {
            return false;
        };
        search.replace(number, words_of(ladder, plan));
        let summary = summary_in(&self.summaries, path, plan);
        let renamed = summary.stakeholder().name != self.summaries[i].stakeholder().name;
        Arc::make_mut(&mut self.summaries)[i] = summary;
        if renamed {
            // The register's words count for a person's plans: this plan may have changed person.
            self.share_people();
        }
        true
    }

    /// Takes in `plan`, which the workbook itself just wrote to `path` as a new file (a new plan, a copy, a plan
    /// brought back from the trash): its summary is put where the listing puts its file, and its words given to
    /// the search index there ([`SearchIndex::insert`]), so that a new plan costs what one plan costs instead of
    /// a load of the whole folder (0.6 to 0.9 s at 50,000 plans). The indexes on disk are left as they are: the
    /// next load reads the file. `false`, and nothing changed, when the catalog already holds something at `path`
    /// (a plan, or a file it could not read) or the search index is shared: the caller reads the folder again.
    pub fn added(&mut self, path: &Path, plan: &crate::domain::Plan, ladder: &Ladder) -> bool {
        if self.position_of(path).is_some() || self.broken.iter().any(|b| b.path == path) {
            return false;
        }
        let Some(search) = Arc::get_mut(&mut self.search) else {
            return false;
        };
        let summary = summary_in(&self.summaries, path, plan);
        let at = self
            .summaries
            .partition_point(|s| s.path_cmp(&summary) == std::cmp::Ordering::Less);
        search.insert(resolve::number(at), words_of(ladder, plan));
        Arc::make_mut(&mut self.summaries).insert(at, summary);
        // The register's words count for each plan by its position, which moved for the plans after this one.
        self.share_people();
        true
    }

    /// Lets go of the plan at `path`, whose file the workbook itself just moved to the trash: its summary and its
    /// place in the search index go ([`SearchIndex::remove`]), without a load of the whole folder. `false`, and
    /// nothing changed, when the catalog holds no plan at `path` (a file it could not read) or the search index
    /// is shared: the caller reads the folder again.
    pub fn removed(&mut self, path: &Path) -> bool {
        let Some(at) = self.position_of(path) else {
            return false;
        };
        let Some(search) = Arc::get_mut(&mut self.search) else {
            return false;
        };
        search.remove(resolve::number(at));
        Arc::make_mut(&mut self.summaries).remove(at);
        self.share_people();
        true
    }
}

/// The words a plan is found by, for the search index to take in.
fn words_of(ladder: &Ladder, plan: &crate::domain::Plan) -> Vec<Box<str>> {
    let mut words: Vec<Box<str>> = Vec::new();
    crate::domain::filter::each_term(ladder, plan, |w| words.push(w.into()));
    words
}

/// The summary of `plan` at `path`, sharing the folder of `summaries` (as a load's summaries share it) when the
/// file is in it.
fn summary_in(summaries: &[PlanSummary], path: &Path, plan: &crate::domain::Plan) -> PlanSummary {
    let mut summary = PlanSummary::from_plan(path, plan);
    if let Some(Location::In(dir)) = summaries.first().map(PlanSummary::location) {
        let dir = Arc::clone(dir);
        summary.set_path(&dir, path);
    }
    summary
}
