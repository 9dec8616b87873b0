//! The screens of the workbook and the one contract they all keep ([`View`]): which keys apply (their
//! [`Mode`]), what an action does to them, how they are drawn from the app's state (read only), and which
//! bindings their footer offers. The app holds a stack of [`Screen`]s and at most one dialog on top; it asks
//! the one on top, and does what the [`Reply`] asks. A new screen is a file here, a variant of [`Screen`] (the
//! compiler then points at every `match` to complete, all in this file) and its keys in the keymap: see
//! docs/ARCHITECTURE.md.

pub(crate) mod about;
pub(crate) mod agenda;
pub(crate) mod dialog;
pub(crate) mod help;
pub mod home;
pub(crate) mod people_map;
pub(crate) mod person;
pub(crate) mod person_form;
pub(crate) mod plan_view;
pub(crate) mod preview;
pub(crate) mod record;
pub mod reflection;
pub(crate) mod stakeholders;
pub mod wizard;

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::domain::{History, Ladder};
use crate::export::Format;
use crate::store::DataDir;
use crate::store::catalog::Catalog;
use crate::tui::action::Action;
use crate::tui::keymap::{Hint, Keymap, Mode};
use crate::tui::plan_list::Rows;
use crate::tui::theme::Theme;

use about::About;
use agenda::AgendaView;
use home::{Home, HomeView};
use plan_view::PlanView;
use preview::{Preview, PreviewOutcome};
use reflection::{ReflectionScreen, ReflectionView};
use stakeholders::{StakeholdersScreen, StakeholdersView};
use wizard::{Ctx, Outcome, Wizard};

/// What the app lends a screen to decide and draw: read only, so drawing can never change anything.
pub struct State<'a> {
    pub ladder: &'a Ladder,
    pub theme: &'a Theme,
    /// The keys in effect (the defaults with the config file's `[keys]`).
    pub keys: &'a Keymap,
    /// Today, fixed at start so that every screen agrees (and tests can pin it).
    pub today: jiff::civil::Date,
    /// The latest message, for the screen's footer (`None` while handling keys).
    pub status: Option<&'a Line<'static>>,
    pub rows: &'a Rows,
    pub history: &'a History,
    pub catalog: &'a Catalog,
    /// How many agenda items are overdue and due today, counted when the catalog or the day changes (not at
    /// every frame: it is a pass over every plan).
    pub due: (usize, usize),
    pub data: &'a DataDir,
    /// The throwaway example workbook, not the user's.
    pub demo: bool,
}

impl State<'_> {
    /// The wizard's narrower view of the same state.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            ladder: self.ladder,
            theme: self.theme,
            keys: self.keys,
            today: self.today,
        }
    }
}

/// What a screen asks of the app after an action: the screen changes itself; anything beyond it (another
/// screen, a file, a message) is asked for here.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Handled; nothing more to do.
    Done,
    /// Not the screen's own: the app's keys (open, new plan, the plan actions, reload...).
    Pass,
    /// Close this screen (or dialog).
    Back,
    Say(String),
    Warn(String),
    Help,
    /// Hand this text to the external editor.
    Edit(String),
    /// Save the wizard's plan; `leave` closes the wizard once it is written.
    Save {
        leave: bool,
    },
    /// Leave the wizard dropping what was not saved.
    Discard,
    /// Show the page as it will print.
    Preview,
    Print,
    Export {
        path: PathBuf,
        format: Format,
    },
    /// Move an agenda item's date (`z`).
    Snooze {
        plan: String,
        kind: crate::domain::agenda::Kind,
        to: jiff::civil::Date,
    },
    /// A person's page (from the stakeholders map).
    OpenPerson {
        key: String,
        name: String,
    },
    /// Write a person's register fields: `was` as the register had them (`None`: a new file), `now` as edited.
    SavePerson {
        was: Option<Box<crate::domain::people::Person>>,
        now: Box<crate::domain::people::Person>,
    },
    /// The wizard's "did you mean": `typed` is another name for `now` (the person as the register will have them).
    RecordAlias {
        was: Option<Box<crate::domain::people::Person>>,
        now: Box<crate::domain::people::Person>,
        typed: String,
    },
    /// A new plan for `ally` to put in a word with `plan`'s stakeholder (it follows `plan`).
    AllyPlan {
        ally: String,
        plan: Box<crate::domain::Plan>,
    },
    /// Back to the list, narrowed to one stakeholder.
    ShowPerson {
        key: String,
        name: String,
    },
}

/// The contract every screen and dialog keeps.
pub trait View {
    /// Which bindings apply now.
    fn mode(&self) -> Mode;

    /// What an action from the keymap does here. By default nothing of the screen's own: the app's (a dialog
    /// whose answers write files leaves them all to the app).
    fn handle(&mut self, _action: Action, _state: &State) -> Reply {
        Reply::Pass
    }

    /// A key no binding claimed: text for the field that has the keyboard, if any.
    fn input(&mut self, _key: KeyEvent, _state: &State) -> Reply {
        Reply::Done
    }

    /// Pasted text, for the field that has the keyboard, if any.
    fn paste(&mut self, _text: &str, _state: &State) {}

    /// Draws from the state, changing nothing.
    fn render(&self, state: &State, area: Rect, buf: &mut Buffer);

    /// The workbook was read again (a change on disk, a save): bring what is shown up to date.
    fn refresh(&mut self, _state: &State) {}

    /// What the footer offers, most important first: the keymap's hints for the screen's mode (the keymap
    /// writes their text, with the user's own keys).
    fn hints(&self, keys: &Keymap) -> Vec<Hint> {
        keys.hints(self.mode())
    }
}

/// The full screens, stacked; the first is always the plans list. Each variant has a [`ScreenKind`] of the same
/// name (derived), which is what `Action::Show` carries and what the config file calls it.
#[derive(Debug, Clone, strum::EnumDiscriminants)]
#[strum_discriminants(
    name(ScreenKind),
    derive(Hash, strum::IntoStaticStr),
    strum(serialize_all = "kebab-case"),
    doc = "Which screen, without its state: what a key opens (`Action::Show`), named in the config file by its kebab-case name (`about`)."
)]
pub enum Screen {
    Home(Box<Home>),
    Plan(Box<PlanView>),
    Wizard(Box<Wizard>),
    Stakeholders(StakeholdersView),
    Reflection(Box<ReflectionView>),
    Preview(Box<Preview>),
    About(Box<About>),
    Agenda(Box<AgendaView>),
    Person(Box<person::PersonPage>),
}

impl Screen {
    pub fn view(&self) -> &dyn View {
        match self {
            Screen::Home(s) => &**s,
            Screen::Plan(s) => &**s,
            Screen::Wizard(s) => &**s,
            Screen::Stakeholders(s) => s,
            Screen::Reflection(s) => &**s,
            Screen::Preview(s) => &**s,
            Screen::About(s) => &**s,
            Screen::Agenda(s) => &**s,
            Screen::Person(s) => &**s,
        }
    }

    pub fn view_mut(&mut self) -> &mut dyn View {
        match self {
            Screen::Home(s) => &mut **s,
            Screen::Plan(s) => &mut **s,
            Screen::Wizard(s) => &mut **s,
            Screen::Stakeholders(s) => s,
            Screen::Reflection(s) => &mut **s,
            Screen::Preview(s) => &mut **s,
            Screen::About(s) => &mut **s,
            Screen::Agenda(s) => &mut **s,
            Screen::Person(s) => &mut **s,
        }
    }

    /// The screen `Action::Show(kind)` opens, over whatever is showing; `None` for the screens the app opens
    /// itself, with what they need (a plan, a wizard, the list).
    pub fn open(kind: ScreenKind, state: &State) -> Option<Screen> {
        match kind {
            ScreenKind::About => Some(Screen::About(Box::new(About::new(state)))),
            ScreenKind::Agenda => Some(Screen::Agenda(Box::new(AgendaView::new(state)))),
            ScreenKind::Home
            | ScreenKind::Plan
            | ScreenKind::Wizard
            | ScreenKind::Stakeholders
            | ScreenKind::Reflection
            | ScreenKind::Preview
            | ScreenKind::Person => None,
        }
    }
}

impl View for Home {
    fn mode(&self) -> Mode {
        if self.filtering {
            Mode::HomeFilter
        } else {
            Mode::Home
        }
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        if Home::handle(self, action, state.rows) {
            Reply::Done
        } else {
            Reply::Pass
        }
    }

    fn input(&mut self, key: KeyEvent, state: &State) -> Reply {
        if self.filtering {
            self.filter_key(key, state.rows);
        }
        Reply::Done
    }

    fn paste(&mut self, text: &str, state: &State) {
        if self.filtering {
            self.filter_paste(text, state.rows);
        }
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        use ratatui::widgets::Widget;
        (&HomeView {
            home: self,
            rows: state.rows,
            theme: state.theme,
            keys: state.keys,
            demo: state.demo,
            location: state.data.plans().display().to_string(),
            status: state.status,
            conflicts: state.catalog.conflicts.len(),
            due: state.due,
            today: state.today,
        })
            .render(area, buf);
    }
}

impl View for PlanView {
    fn mode(&self) -> Mode {
        Mode::PlanView
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        match action {
            Action::Back => Reply::Back,
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                PlanView::handle(self, action);
                Reply::Done
            }
            Action::NextField => match self.next_ally(state.keys) {
                Some(said) => Reply::Say(said),
                None => Reply::Say("This plan has no allies.".into()),
            },
            Action::AllyPlan => match self.file.plan.allies.get(self.ally) {
                Some(a) => Reply::AllyPlan {
                    ally: a.name.clone(),
                    plan: Box::new(self.file.plan.clone()),
                },
                None => Reply::Say(
                    "This plan has no allies: they are chosen on the tactic step, for Silent allies.".into(),
                ),
            },
            _ => Reply::Pass,
        }
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        PlanView::render(
            self,
            state.ladder,
            state.theme,
            state.keys,
            state.status,
            area,
            buf,
        );
    }

    /// The open plan is read again in full; one that is gone or broken now stays as it was.
    fn refresh(&mut self, state: &State) {
        if let Ok(pf) = crate::store::plan_file::load(&self.file.path, state.ladder) {
            let scroll = self.scroll.clone();
            *self = PlanView::new(pf, state.ladder, state.history, state.catalog);
            self.scroll = scroll;
        }
    }
}

impl View for Wizard {
    fn mode(&self) -> Mode {
        Wizard::mode(self)
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        Wizard::handle(self, action, state.ladder, state.keys).into()
    }

    fn input(&mut self, key: KeyEvent, state: &State) -> Reply {
        self.unbound_key(key, state.ladder).into()
    }

    fn paste(&mut self, text: &str, state: &State) {
        Wizard::paste(self, text, state.ladder);
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        Wizard::render(self, &state.ctx(), state.status, area, buf);
    }
}

impl From<Outcome> for Reply {
    fn from(outcome: Outcome) -> Reply {
        match outcome {
            Outcome::None => Reply::Done,
            Outcome::Save => Reply::Save { leave: false },
            Outcome::SaveAndLeave => Reply::Save { leave: true },
            Outcome::Leave => Reply::Back,
            Outcome::Discard => Reply::Discard,
            Outcome::Edit(text) => Reply::Edit(text),
            Outcome::Help => Reply::Help,
            Outcome::Preview => Reply::Preview,
            Outcome::Message(m) => Reply::Say(m),
            Outcome::Warn(m) => Reply::Warn(m),
            Outcome::RecordAlias { was, now, typed } => Reply::RecordAlias { was, now, typed },
        }
    }
}

impl View for StakeholdersView {
    fn mode(&self) -> Mode {
        if self.map {
            Mode::StakeholdersMap
        } else {
            Mode::Stakeholders
        }
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        if self.map {
            return self.handle_map(action);
        }
        match action {
            Action::ToggleMap => {
                self.map = true;
                self.map_refresh(state);
                Reply::Done
            }
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                StakeholdersView::handle(self, action, state.history.records().len());
                Reply::Done
            }
            Action::Open => match state.history.records().get(self.selected) {
                Some(record) => Reply::ShowPerson {
                    key: record.key.clone(),
                    name: crate::domain::text::one_line(&record.name),
                },
                None => Reply::Done,
            },
            Action::Back => Reply::Back,
            _ => Reply::Pass,
        }
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        use ratatui::widgets::Widget;
        if self.map {
            return self.render_map(state, area, buf);
        }
        (&StakeholdersScreen {
            view: self,
            history: state.history,
            ladder: state.ladder,
            theme: state.theme,
            keys: state.keys,
            status: state.status,
            rows: state.rows,
            today: state.today,
        })
            .render(area, buf);
    }

    fn refresh(&mut self, state: &State) {
        self.clamp(state.history.records().len());
        if self.map {
            self.map_refresh(state);
        }
    }
}

impl View for ReflectionView {
    fn mode(&self) -> Mode {
        Mode::Reflection
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        match action {
            Action::Back => Reply::Back,
            Action::Stakeholders | Action::Reload => Reply::Pass,
            other => {
                if ReflectionView::handle(self, other, state.ladder.len()) {
                    self.rebuild(state.ladder, state.catalog.summaries.iter());
                }
                Reply::Done
            }
        }
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        use ratatui::widgets::Widget;
        (&ReflectionScreen {
            view: self,
            ladder: state.ladder,
            theme: state.theme,
            keys: state.keys,
            status: state.status,
        })
            .render(area, buf);
    }

    fn refresh(&mut self, state: &State) {
        self.set_keys(state.catalog.register.keys());
        self.rebuild(state.ladder, state.catalog.summaries.iter());
    }
}

impl View for Preview {
    fn mode(&self) -> Mode {
        if self.prompt.is_some() {
            Mode::PreviewPrompt
        } else {
            Mode::Preview
        }
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        match Preview::handle(self, action, state.keys) {
            PreviewOutcome::None => Reply::Done,
            PreviewOutcome::Back => Reply::Back,
            PreviewOutcome::Message(m) => Reply::Say(m),
            PreviewOutcome::Print => Reply::Print,
            PreviewOutcome::Save { path, format } => Reply::Export { path, format },
        }
    }

    fn input(&mut self, key: KeyEvent, _state: &State) -> Reply {
        Preview::input(self, key);
        Reply::Done
    }

    fn paste(&mut self, text: &str, _state: &State) {
        Preview::paste(self, text);
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        Preview::render(self, state.theme, state.keys, state.status, area, buf);
    }
}
