//! Reading the plans folder again: after the app's own writes, on `r`, and when the watcher saw the folder
//! change. Every screen is brought up to date and the list keeps its selection on the same plan where it can.

use std::io;
use std::sync::mpsc;

use super::{App, Loading, Screen, Tone};
use crate::domain::filter::Filter;
use crate::store::catalog::Catalog;
use crate::tui::plan_list;

/// The longest passage the list shows under a filtered list (it is cut to the terminal's width).
const PASSAGE_WIDTH: usize = 160;

impl App {
    /// Loads the workbook again and refreshes every screen; returns whether the list's rows changed.
    pub fn reload(&mut self) -> bool {
        // This load is newer than one still running in the background.
        self.loading = None;
        match Catalog::load(&self.data, &self.ladder) {
            Ok(c) => self.install(c),
            Err(e) => {
                self.say(Tone::Error, format!("Could not reload the plans: {e}"));
                false
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

    /// Puts `catalog` in place and refreshes every screen; returns whether the list's rows changed.
    fn install(&mut self, catalog: Catalog) -> bool {
        let keep = self.home().and_then(|h| h.selection(&self.rows));
        // The rows read through the catalog's summaries: the old ones go with the old catalog, before the history
        // is built again, rather than keeping it alive meanwhile.
        let rows = plan_list::rows(&catalog, &self.ladder);
        let changed = rows != self.rows;
        self.rows = rows;
        self.catalog = catalog;
        self.count_due();
        self.history = self.catalog.history(&self.ladder);
        let state = state!(self, None);
        for screen in &mut self.screens {
            match screen {
                // The list keeps its selection on the same plan, which only the app knows from before the load.
                Screen::Home(home) => {
                    let at = home.selected;
                    home.rows_changed(self.catalog.search.clone());
                    home.refresh(&self.rows, keep.clone(), at);
                }
                other => other.view_mut().refresh(&state),
            }
        }
        self.find_passage();
        changed
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
