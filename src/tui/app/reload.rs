//! Reading the plans folder again: after the app's own writes, on `r`, and when the watcher saw the folder
//! change. Every screen is brought up to date and the list keeps its selection on the same plan where it can.

use std::io;
use std::sync::mpsc;

use super::{App, Loading, Screen, Tone};
use crate::domain::filter::Filter;
use crate::store::catalog::Catalog;
use crate::tui::plan_list;
use crate::tui::screens::wizard::Others;

/// The longest passage the list shows under a filtered list (it is cut to the terminal's width).
const PASSAGE_WIDTH: usize = 160;

impl App {
    /// Loads the workbook again and refreshes every screen; returns whether the list's rows changed.
    ///
    /// The old catalog, its history and the list's rows are let go before the new ones are read (what the list
    /// showed is kept as a digest, its selection by id and path): at 50,000 plans, holding both for the length of
    /// the load would double the workbook's memory after every save. Nothing is drawn in between. A load that
    /// fails leaves an empty list that says why; the next reload (`r`, the watcher) fills it again.
    pub fn reload(&mut self) -> bool {
        // This load is newer than one still running in the background.
        self.loading = None;
        let before = self.rows.digest();
        let keep = self.home().and_then(|h| h.selection(&self.rows));
        // An open wizard lets go of the old summaries too, so that they are not held beside the new ones (a reload
        // with the wizard open peaked at 61 MB at 50,000 plans), and shares the new ones after.
        let lent = self.lend_summaries();
        self.release();
        let catalog = match Catalog::load(&self.data, &self.ladder) {
            Ok(c) => c,
            Err(e) => {
                self.say(Tone::Error, format!("Could not reload the plans: {e}"));
                Catalog::default()
            }
        };
        self.put(catalog, keep);
        self.share_summaries(lent);
        self.rows.digest() != before
    }

    /// Takes the summaries back from any open wizard (which keeps only the id it passes over), so that the
    /// catalog can change them in place or let them go; [`App::share_summaries`] gives them back.
    fn lend_summaries(&mut self) -> Vec<String> {
        self.screens
            .iter_mut()
            .filter_map(|s| match s {
                Screen::Wizard(w) => Some(std::mem::take(&mut w.others).skip().to_string()),
                _ => None,
            })
            .collect()
    }

    /// Shares the catalog's summaries, as they are now, with the wizards [`App::lend_summaries`] took them from.
    fn share_summaries(&mut self, lent: Vec<String>) {
        let mut lent = lent.into_iter();
        for screen in &mut self.screens {
            if let Screen::Wizard(w) = screen
                && let Some(skip) = lent.next()
            {
                w.others = Others::new(std::sync::Arc::clone(&self.catalog.summaries), &skip);
            }
        }
    }

    /// Lets go of the catalog and what is made from it (history, rows, the list's search index): see
    /// [`App::reload`].
    fn release(&mut self) {
        self.catalog = Catalog::default();
        self.release_views();
    }

    /// Lets go of what is made from the catalog (history, rows, the list's search index).
    fn release_views(&mut self) {
        self.history = std::sync::Arc::default();
        self.rows = plan_list::Rows::default();
        for screen in &mut self.screens {
            if let Screen::Home(home) = screen {
                home.rows_changed(std::sync::Arc::default());
            }
        }
    }

    /// True while the whole catalog is still loading (the list shows the newest plans).
    pub fn loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Swaps in the whole catalog if its background load has finished; returns whether it did. Never waits.
    pub fn take_loaded(&mut self) -> bool {
        let Some(Loading::Running(rx)) = &self.loading else {
            return false;
        };
        match rx.try_recv() {
            Ok(result) => {
                self.loading = None;
                self.loaded(result);
                true
            }
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                self.reload();
                true
            }
        }
    }

    /// Waits for the background load, if one is running: before the wizard takes the history for the
    /// escalation rule, which must see every plan.
    pub(super) fn finish_loading(&mut self) {
        match self.loading.take() {
            Some(Loading::Running(rx)) => match rx.recv() {
                Ok(result) => self.loaded(result),
                Err(_) => {
                    self.reload();
                }
            },
            Some(Loading::Deferred) => {
                self.reload();
            }
            None => {}
        }
    }

    fn loaded(&mut self, result: io::Result<Catalog>) {
        match result {
            Ok(c) => {
                self.install(c);
            }
            Err(e) => self.say(Tone::Error, format!("Could not read every plan: {e}")),
        }
    }

    /// Puts `catalog` in place and refreshes every screen (from a background load, which the old catalog
    /// shows meanwhile).
    fn install(&mut self, catalog: Catalog) {
        let keep = self.home().and_then(|h| h.selection(&self.rows));
        self.put(catalog, keep);
    }

    /// Puts `catalog` in place and refreshes every screen, the list keeping `keep` selected where it can.
    fn put(&mut self, catalog: Catalog, keep: crate::tui::screens::home::Selection) {
        // The old history and rows go before the new ones are made, not after; the rows first, as they read
        // through the old catalog's summaries and would keep them.
        self.rows = plan_list::Rows::default();
        self.history = std::sync::Arc::default();
        self.catalog = catalog;
        self.count_due();
        self.rows = plan_list::rows(&self.catalog, &self.ladder);
        // A wizard open keeps a history of its own, and only it is on screen: the workbook's waits until the
        // wizard closes (`catch_up`), so that the two are not held, and one made, at once (4 MB more at 50,000
        // plans after a save in the wizard). The views under the wizard wait with it.
        self.history_stale = self.screens.iter().any(|s| matches!(s, Screen::Wizard(_)));
        if !self.history_stale {
            self.history = std::sync::Arc::new(self.catalog.history(&self.ladder));
        }
        let state = state!(self, None);
        for screen in &mut self.screens {
            match screen {
                // The list keeps its selection on the same plan, which only the app knows from before the load.
                Screen::Home(home) => {
                    let at = home.selected;
                    home.rows_changed(self.catalog.search.clone());
                    home.refresh(&self.rows, keep.clone(), at);
                }
                _ if self.history_stale => {}
                other => other.view_mut().refresh(&state),
            }
        }
        self.find_passage();
    }

    /// Makes the workbook's history again, and refreshes the views that wait for it, once no wizard is open after
    /// a change made while one was ([`App::put`]). Called after every key, click and finished effect.
    pub(super) fn catch_up(&mut self) {
        if !self.history_stale || self.screens.iter().any(|s| matches!(s, Screen::Wizard(_))) {
            return;
        }
        self.history_stale = false;
        self.history = std::sync::Arc::new(self.catalog.history(&self.ladder));
        let state = state!(self, None);
        for screen in &mut self.screens {
            if !matches!(screen, Screen::Home(_)) {
                screen.view_mut().refresh(&state);
            }
        }
    }

    /// Finds where the list's query matched the selected plan, when the query or the selection changed: one plan
    /// read from its file, never more per keystroke.
    pub(super) fn find_passage(&mut self) {
        let Some(Screen::Home(home)) = self.screens.first_mut() else {
            return;
        };
        let question = home.passage_question(&self.rows);
        if question.as_ref() == home.passage_asked() {
            return;
        }
        let passage = question.as_ref().and_then(|(query, path)| {
            let summary = self.catalog.summaries.iter().find(|s| s.is_at(path))?;
            let person = self
                .catalog
                .register
                .people
                .first(&summary.stakeholder().name);
            summary.snippet(&self.ladder, &Filter::new(query), PASSAGE_WIDTH, person)
        });
        home.set_passage(question, passage);
    }

    /// After the app wrote to the plans folder: reload, select `id` on the list, and tell the watcher that this
    /// change is not news.
    pub(super) fn after_write(&mut self, id: Option<&str>) {
        if let Some(w) = &self.watcher {
            w.rebase();
        }
        self.reload();
        if let Some(id) = id
            && let Some(Screen::Home(home)) = self.screens.first_mut()
        {
            home.select_id(&self.rows, id);
        }
    }

    /// After the app wrote `saved`: that plan alone is taken in, where the catalog holds it already (a drop, an
    /// outcome, an attempt, an edit: [`Catalog::saved`]) or as a new file (a new plan, a copy, a plan brought back
    /// from the trash: [`Catalog::added`]), so that a save in a large workbook costs what one plan costs. A
    /// catalog still loading, or a file it could not take in, reads the folder again ([`App::after_write`]).
    pub(super) fn after_save(&mut self, saved: &crate::store::PlanFile) {
        let took = self.in_place(|catalog, ladder| match catalog.position_of(&saved.path) {
            Some(at) => catalog.saved(at, &saved.path, &saved.plan, ladder),
            None => catalog.added(&saved.path, &saved.plan, ladder),
        });
        if took {
            if let Some(Screen::Home(home)) = self.screens.first_mut() {
                home.select_id(&self.rows, &saved.plan.id);
            }
            return;
        }
        self.after_write(Some(&saved.plan.id));
    }

    /// After the app moved the plan at `path` to the trash: the catalog lets go of it alone
    /// ([`Catalog::removed`]), or reads the folder again.
    pub(super) fn after_trash(&mut self, path: &std::path::Path) {
        if !self.in_place(|catalog, _| catalog.removed(path)) {
            self.after_write(None);
        }
    }

    /// Changes the catalog where it stands with `change` (which says whether it could), after the app's own
    /// write, and makes again what is made from it; the list keeps its selection. The rows and the list hold the
    /// summaries and the search index: they are let go first, so that both are changed in place rather than
    /// copied. `false` when the catalog is still loading or `change` could not: the caller reads the folder.
    fn in_place(
        &mut self,
        change: impl FnOnce(&mut Catalog, &crate::domain::Ladder) -> bool,
    ) -> bool {
        if self.loading.is_some() {
            return false;
        }
        if let Some(w) = &self.watcher {
            w.rebase();
        }
        let keep = self.home().and_then(|h| h.selection(&self.rows));
        self.release_views();
        // An open wizard shares the summaries too: it lets go of them while they change (else the change would
        // copy all of them, 10 MB at 50,000 plans), and shares them again after, changed or not.
        let lent = self.lend_summaries();
        let changed = change(&mut self.catalog, &self.ladder);
        self.share_summaries(lent);
        if !changed {
            return false;
        }
        let catalog = std::mem::take(&mut self.catalog);
        self.put(catalog, keep);
        true
    }

    /// After the app wrote a person's file: the register alone is read again ([`Catalog::reread_people`]), and
    /// what is made from it (the history, which knows people by every name, the rows, the list's search) made
    /// again; the plans are not read. A catalog still loading reads the folder again ([`App::after_write`]).
    pub(super) fn after_person_write(&mut self) {
        let data = self.data.clone();
        if !self.in_place(|catalog, _| catalog.reread_people(&data)) {
            self.after_write(None);
        }
    }

    /// The watcher saw the folder change.
    pub fn files_changed(&mut self) {
        if self.reload() && self.status.is_none() {
            self.say(
                Tone::Info,
                "The plans folder changed on disk: the list is up to date.",
            );
        }
    }
}
