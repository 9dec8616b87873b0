//! The app's state and its transitions: keys in, state and effects out, no terminal and no writes. The run
//! loop (in `tui/mod.rs`) feeds events and time in and has `tui::perform` carry out the effects the app queued
//! (writing a plan or a draft, the trash, the external editor, the printer); each result comes back through
//! [`App::on_done`]. Nothing in this folder writes a file.
//!
//! This file holds the state and the key dispatch, `draw` the drawing; the transitions live beside it by subject:
//! `effect` (the effects and their results), `wizard_flow` (new plans, saving, autosave, resume), `review` (what is done to saved plans from the list and
//! the plan view, the stakeholders and reflection views, the print preview), `conflict` (a plan changed on disk
//! while it was being edited), `reload` (reading the plans folder again).

/// The app's state as the screens see it: read only. A macro rather than a method, so that it borrows only
/// the fields it names and the screen stack stays free to be changed beside it.
macro_rules! state {
    ($app:expr, $status:expr) => {
        $crate::tui::screens::State {
            ladder: &$app.ladder,
            theme: &$app.theme,
            keys: &$app.keys,
            today: $app.today,
            status: $status,
            rows: &$app.rows,
            history: &$app.history,
            catalog: &$app.catalog,
            due: $app.due,
            data: &$app.data,
            demo: $app.demo,
        }
    };
}

mod conflict;
mod draw;
mod effect;
mod people;
mod reload;
mod review;
mod wizard_flow;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use tempfile::TempDir;

use crate::domain::text::one_line;
use crate::domain::{History, Ladder};
use crate::export;
use crate::store::DataDir;
use crate::store::catalog::Catalog;

use super::action::{Action, ScreenKind};
use super::event::AppEvent;
use super::keymap::{Keymap, Mode};
use super::plan_list::{self, Rows};
use super::screens::dialog::DropReason;
use super::screens::help::Help;
use super::screens::home::Home;
use super::screens::record::RecordForm;
use super::screens::wizard::Wizard;
use super::screens::{Reply, View};
use super::theme::Theme;
use crate::store::draft::{self, FoundDraft};
use crate::store::watch::Watcher;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::{truncate, wrap};

pub use conflict::{Conflict, DiskNow};
pub use effect::{Done, DraftWhy, Effect, Target, Why, Write};
pub use people::{PersonWhy, PersonWrite};
pub use wizard_flow::{AUTOSAVE_AFTER, Kept};

/// Below this size the screens cannot be laid out; a notice says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub use crate::tui::screens::Screen;

/// A plan about to be deleted, while the user is asked.
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteTarget {
    pub path: PathBuf,
    pub title: String,
}

/// A dialog over the screens; it takes the keys while it is open.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(Help),
    Resume(Box<FoundDraft>),
    Record(Box<RecordForm>),
    ConfirmDelete(Box<DeleteTarget>),
    DropReason(Box<DropReason>),
    Conflict(Box<Conflict>),
}

impl Overlay {
    pub fn view(&self) -> &dyn View {
        match self {
            Overlay::Help(o) => o,
            Overlay::Resume(o) => &**o,
            Overlay::Record(o) => &**o,
            Overlay::ConfirmDelete(o) => &**o,
            Overlay::DropReason(o) => &**o,
            Overlay::Conflict(o) => &**o,
        }
    }

    pub fn view_mut(&mut self) -> &mut dyn View {
        match self {
            Overlay::Help(o) => o,
            Overlay::Resume(o) => &mut **o,
            Overlay::Record(o) => &mut **o,
            Overlay::ConfirmDelete(o) => &mut **o,
            Overlay::DropReason(o) => &mut **o,
            Overlay::Conflict(o) => &mut **o,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// The latest message, shown until the next key.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

/// A deleted plan that `u` can put back.
#[derive(Debug, Clone, PartialEq)]
pub struct Trashed {
    pub trashed: PathBuf,
    pub original: PathBuf,
    pub id: String,
    pub title: String,
}

/// Where the whole catalog is while the list shows only the newest plans.
enum Loading {
    /// Not started: the first frame comes first, so the loader's threads do not compete with it.
    Deferred,
    /// Loading on its own thread; the receiver gets exactly one message.
    Running(Receiver<io::Result<Catalog>>),
}

pub struct App {
    /// Whether the last frame was too small to show anything but a notice. Keys then do nothing but quit: a
    /// key pressed blind (`d`, `y`) must not delete a plan no one can see. Set where the frame is drawn.
    too_small: std::cell::Cell<bool>,
    pub data: DataDir,
    pub ladder: Ladder,
    pub theme: Theme,
    /// The keys in effect: the defaults with the config file's `[keys]`; lookups, the footers and help use it.
    pub keys: Arc<Keymap>,
    /// What each part of the last frame is, for clicks (filled while drawing; see `tui::event::clickable`).
    pub hits: super::event::HitMap,
    /// Whether the mouse is captured (the config's `mouse`): help then says how to select text.
    pub mouse: bool,
    /// Every plan file, summarised: the list, the history and the reflection read these; a plan is read in
    /// full only when it is opened.
    pub catalog: Catalog,
    /// Shared with a wizard on a plan the workbook does not hold yet (see `Wizard::new`).
    pub history: std::sync::Arc<History>,
    /// The history waits to be made again, when the catalog changed while a wizard was open (see
    /// [`App::catch_up`]).
    history_stale: bool,
    /// The list's rows, built from the catalog on every load.
    pub rows: Rows,
    /// The screen stack; the first is always the plans list.
    pub screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// The message the last key put away: help shows it in full, as one too long for the lines above the footer
    /// (several problems in the config file) is cut there.
    last_message: Option<String>,
    /// What the transitions asked the run loop to do, oldest first (see [`Effect`]).
    effects: VecDeque<Effect>,
    pub quit: bool,
    /// The quit kept a plan in progress as a draft: said on the normal screen afterwards.
    pub quit_kept_draft: bool,
    pub demo: bool,
    /// Today, fixed at start so that every screen agrees (and tests can pin it).
    today: jiff::civil::Date,
    /// Overdue and due-today counts for the list's top line: a function of the catalog and `today`, so counted
    /// where either changes ([`App::set_today`], the catalog's install), never while drawing.
    due: (usize, usize),
    /// Paper and font for saved and printed pages.
    pub export: export::Options,
    /// The config's `calendar_file`, rewritten after every change to the plans (never in the demo, whose plans
    /// are not the user's).
    pub calendar_file: Option<PathBuf>,
    /// Deleted plans, the latest last, for `u`.
    pub trash: Vec<Trashed>,
    /// Watches the plans folder for changes made outside the app (none in tests).
    pub watcher: Option<Watcher>,
    drafts: Vec<FoundDraft>,
    /// The whole catalog, while it waits for the first frame or loads on its own thread after it.
    loading: Option<Loading>,
    /// When an unsaved change was first seen by the autosave clock.
    change_seen: Option<Instant>,
    /// Keeps the demo workbook's folder alive as long as the app.
    _demo_dir: Option<TempDir>,
}

impl App {
    /// Loads the workbook in `data` and looks for drafts to resume.
    pub fn new(data: DataDir, ladder: Ladder, theme: Theme) -> anyhow::Result<App> {
        let catalog = Catalog::load(&data, &ladder)
            .map_err(|e| anyhow::anyhow!("could not read {}: {e}", data.plans().display()))?;
        Ok(App::with_catalog(data, ladder, theme, catalog))
    }

    /// Pins the day every screen counts from (tests pin it; the app fixes it at start).
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.today = today;
        self.count_due();
    }

    fn count_due(&mut self) {
        self.due = crate::domain::agenda::due_now(
            self.catalog.summaries.iter().map(|s| s.agenda_source()),
            self.today,
        );
    }

    fn with_catalog(data: DataDir, ladder: Ladder, theme: Theme, catalog: Catalog) -> App {
        let history = std::sync::Arc::new(catalog.history(&ladder));
        let rows = plan_list::rows(&catalog, &ladder);
        let (mut drafts, unreadable) = draft::list(&data);
        drafts.reverse();
        let home = Home::new(&rows, catalog.search.clone());
        let mut app = App {
            data,
            ladder,
            theme,
            keys: Arc::new(Keymap::default()),
            hits: super::event::HitMap::default(),
            mouse: false,
            catalog,
            history,
            history_stale: false,
            rows,
            screens: vec![Screen::Home(Box::new(home))],
            overlay: None,
            status: None,
            last_message: None,
            effects: VecDeque::new(),
            quit: false,
            quit_kept_draft: false,
            too_small: std::cell::Cell::new(false),
            demo: false,
            today: crate::domain::dates::today(),
            due: (0, 0),
            export: export::Options::default(),
            calendar_file: None,
            trash: Vec::new(),
            watcher: None,
            drafts,
            loading: None,
            change_seen: None,
            _demo_dir: None,
        };
        app.count_due();
        if let Some(first) = unreadable.first() {
            let more = match unreadable.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            app.say(Tone::Error, format!("{first}{more}"));
        }
        app.offer_next_draft();
        app
    }

    /// Like [`App::new`], but quick whatever the size of the workbook: reads only the newest `newest` plans (file
    /// names start with the creation date), enough to fill the first screen. The whole catalog is loaded on its
    /// own thread once [`App::after_first_frame`] is called; [`App::take_loaded`] swaps it in when it arrives.
    pub fn start(
        data: DataDir,
        ladder: Ladder,
        theme: Theme,
        newest: usize,
    ) -> anyhow::Result<App> {
        let first = Catalog::load_newest(&data, &ladder, newest)
            .map_err(|e| anyhow::anyhow!("could not read {}: {e}", data.plans().display()))?;
        let mut app = App::with_catalog(data, ladder, theme, first);
        app.loading = Some(Loading::Deferred);
        Ok(app)
    }

    /// A demo workbook in a temporary folder that lives as long as the app.
    pub fn demo(ladder: Ladder, theme: Theme) -> anyhow::Result<App> {
        let (dir, data) = super::demo::create()?;
        let mut app = App::new(data, ladder, theme)?;
        app.demo = true;
        app._demo_dir = Some(dir);
        Ok(app)
    }

    /// Starts watching the plans folder for changes made outside the app.
    pub fn watch(&mut self) {
        self.watcher = Some(Watcher::spawn_folders(
            vec![self.data.plans(), self.data.people()],
            crate::store::watch::EVERY,
        ));
    }

    /// The work that waits until the first frame is on screen: watching the folder (its first look stats every
    /// file) and loading the whole catalog. On two cores, starting them earlier delays the first frame. The
    /// watcher starts first, so a file changed while the catalog loads is either read by the load or noticed.
    pub fn after_first_frame(&mut self) {
        if self.watcher.is_none() {
            self.watch();
        }
        if matches!(self.loading, Some(Loading::Deferred)) {
            self.loading = Some(Loading::Running(Catalog::load_in_background(
                self.data.clone(),
                self.ladder.clone(),
            )));
        }
    }

    pub fn wizard(&self) -> Option<&Wizard> {
        match self.screens.last() {
            Some(Screen::Wizard(w)) => Some(w),
            _ => None,
        }
    }

    pub fn home(&self) -> Option<&Home> {
        match self.screens.first() {
            Some(Screen::Home(h)) => Some(h),
            _ => None,
        }
    }

    /// The screen state that decides what keys mean: the dialog's, else the screen's on top.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.screens.last()) {
            (Some(overlay), _) => overlay.view().mode(),
            (None, Some(screen)) => screen.view().mode(),
            (None, None) => Mode::Home,
        }
    }

    pub fn on_event(&mut self, event: AppEvent) {
        match event {
            AppEvent::Key(key) => self.on_key(key),
            AppEvent::Paste(text) => self.paste(&text),
            AppEvent::Mouse(mouse) => {
                self.on_mouse(mouse);
                self.catch_up();
            }
            AppEvent::Resize => {}
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        self.key_pressed(key);
        // The list's query or selection may have changed: where it matched the selected plan follows.
        self.find_passage();
        self.catch_up();
    }

    fn key_pressed(&mut self, key: KeyEvent) {
        self.last_message = self.status.take().map(|s| s.text);
        if self.too_small.get() {
            if self.keys.lookup(self.mode(), &key) == Some(Action::Quit) {
                self.quit_asked();
            }
            return;
        }
        match self.keys.lookup(self.mode(), &key) {
            Some(action) => self.handle(action),
            None => self.unbound_key(key),
        }
    }

    /// A key no binding claimed: text for whichever field has the keyboard.
    fn unbound_key(&mut self, key: KeyEvent) {
        // The first screen's plans may have come without their words: a query waits for the whole catalog.
        if self.mode() == Mode::HomeFilter {
            self.finish_loading();
        }
        let state = state!(self, None);
        let reply = match (&mut self.overlay, self.screens.last_mut()) {
            (Some(overlay), _) => overlay.view_mut().input(key, &state),
            (None, Some(screen)) => screen.view_mut().input(key, &state),
            (None, None) => Reply::Done,
        };
        self.reply(reply, None);
    }

    /// Pasted text goes to whichever field has the keyboard, as text: never read as keys, so a paste holding a
    /// `q` or an escape sequence cannot quit or steer the app.
    pub fn paste(&mut self, text: &str) {
        self.pasted(text);
        self.find_passage();
        self.catch_up();
    }

    fn pasted(&mut self, text: &str) {
        if self.too_small.get() {
            return;
        }
        // The first screen's plans may have come without their words: a query waits for the whole catalog.
        if self.mode() == Mode::HomeFilter {
            self.finish_loading();
        }
        let state = state!(self, None);
        match (&mut self.overlay, self.screens.last_mut()) {
            (Some(overlay), _) => overlay.view_mut().paste(text, &state),
            (None, Some(screen)) => screen.view_mut().paste(text, &state),
            (None, None) => {}
        }
    }

    /// The one place an action changes the state: an open dialog takes it first, then the screen on top; what
    /// they pass on is the app's.
    pub fn handle(&mut self, action: Action) {
        if action == Action::Quit {
            return self.quit_asked();
        }
        let state = state!(self, None);
        if let Some(overlay) = &mut self.overlay {
            match overlay.view_mut().handle(action, &state) {
                Reply::Pass => self.dialog_action(action),
                Reply::Back => self.overlay = None,
                other => self.reply(other, Some(action)),
            }
            return;
        }
        if action == Action::Help {
            return self.open_help();
        }
        if let Action::Show(kind) = action {
            // Pressed again on the screen it opened: nothing to stack.
            if !self
                .screens
                .last()
                .is_some_and(|top| ScreenKind::from(top) == kind)
                && let Some(screen) = Screen::open(kind, &state)
            {
                self.screens.push(screen);
            }
            return;
        }
        let reply = match self.screens.last_mut() {
            Some(screen) => screen.view_mut().handle(action, &state),
            None => Reply::Pass,
        };
        self.reply(reply, Some(action));
    }

    /// Does what a screen asked for after `action` (none for typed text).
    fn reply(&mut self, reply: Reply, action: Option<Action>) {
        match reply {
            Reply::Done => {}
            Reply::Pass => {
                if let Some(action) = action {
                    self.app_action(action);
                }
            }
            Reply::Back => self.leave_screen(),
            Reply::Say(m) => self.say(Tone::Info, m),
            Reply::Warn(m) => self.say(Tone::Error, m),
            Reply::Help => self.open_help(),
            Reply::Edit(text) => self.edit_externally(text),
            Reply::Save { leave } => self.save(leave),
            Reply::Discard => self.discard_wizard(),
            Reply::Preview => self.preview_wizard(),
            Reply::Print => self.print_preview(),
            Reply::Export { path, format } => self.export_preview(path, format),
            Reply::Snooze { plan, kind, to } => self.snooze(&plan, kind, to),
            r @ (Reply::OpenPerson { .. }
            | Reply::SavePerson { .. }
            | Reply::RecordAlias { .. }
            | Reply::AllyPlan { .. }) => self.people_reply(r),
            Reply::ShowPerson { key, name } => {
                self.screens.truncate(1);
                if let Some(Screen::Home(home)) = self.screens.first_mut() {
                    home.show_person(&self.rows, key, name);
                }
            }
        }
    }

    /// The dialog on top passed the action on: its answer writes files or opens screens, which is the app's.
    fn dialog_action(&mut self, action: Action) {
        match &self.overlay {
            Some(Overlay::Resume(_)) => self.handle_resume(action),
            Some(Overlay::Record(_)) => self.handle_record(action),
            Some(Overlay::ConfirmDelete(_)) => self.handle_confirm_delete(action),
            Some(Overlay::DropReason(_)) => self.handle_drop_reason(action),
            Some(Overlay::Conflict(_)) => self.handle_conflict(action),
            Some(Overlay::Help(_)) | None => {}
        }
    }

    /// The keys the screens leave to the app, whichever screen is on top (the keymap decides where each is bound).
    fn app_action(&mut self, action: Action) {
        match action {
            Action::NewPlan => self.new_plan(),
            Action::Open => self.open_selected(),
            Action::Stakeholders => self.open_stakeholders(),
            Action::Reflection => self.open_reflection(),
            Action::Reload => self.reload_by_hand(),
            Action::Undo => self.undo_delete(),
            other => self.plan_action(other),
        }
    }

    /// Closes the screen on top (never the list).
    fn leave_screen(&mut self) {
        if self.screens.len() > 1 {
            self.screens.pop();
        }
        self.change_seen = None;
    }

    fn open_help(&mut self) {
        self.overlay = Some(Overlay::Help(Help {
            message: self.last_message.clone(),
            mode: self.mode(),
            scroll: Scroll::default(),
            mouse: self.mouse,
        }));
    }

    /// A problem found before the workbook opened (the config file's), for its first screen.
    pub fn warn_at_start(&mut self, text: &str) {
        // A draft that could not be read was said already: both stay in view.
        let text = match self.status.take() {
            Some(earlier) if earlier.tone == Tone::Error => format!("{text}; {}", earlier.text),
            _ => text.to_string(),
        };
        self.say(Tone::Error, text);
    }

    fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }
}
