//! The app's state and its transitions: keys in, state out, no terminal. The run loop (in `mod.rs`) only
//! feeds events and time in and performs the few effects the app asks for (the external editor).

use std::time::Instant;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tempfile::TempDir;

use crate::domain::text::one_line;
use crate::domain::{History, Ladder, Plan};
use crate::store::{DataDir, Workbook, plan_file};

use super::action::Action;
use super::draft::{self, AUTOSAVE_AFTER, FoundDraft};
use super::event::AppEvent;
use super::keymap::{self, Mode};
use super::screens::help::Help;
use super::screens::home::{Home, HomeView};
use super::screens::plan_view::PlanView;
use super::screens::wizard::{Ctx, FieldId, Focus, Outcome, Step, Wizard};
use super::theme::Theme;

/// Below this size the screens cannot be laid out; a notice says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone)]
pub enum Screen {
    Home(Home),
    Plan(Box<PlanView>),
    Wizard(Box<Wizard>),
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help(Help),
    Resume(Box<FoundDraft>),
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

/// Something the run loop must do outside the pure state: it needs the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Edit(String),
}

pub struct App {
    pub data: DataDir,
    pub ladder: Ladder,
    pub theme: Theme,
    pub workbook: Workbook,
    pub history: History,
    /// The screen stack; the first is always the plans list.
    pub screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub effect: Option<Effect>,
    pub quit: bool,
    pub demo: bool,
    /// Today, fixed at start so that every screen agrees (and tests can pin it).
    pub today: jiff::civil::Date,
    drafts: Vec<FoundDraft>,
    /// When an unsaved change was first seen by the autosave clock.
    change_seen: Option<Instant>,
    /// Keeps the demo workbook's folder alive as long as the app.
    _demo_dir: Option<TempDir>,
}

impl App {
    /// Loads the workbook in `data` and looks for drafts to resume.
    pub fn new(data: DataDir, ladder: Ladder, theme: Theme) -> anyhow::Result<App> {
        let workbook = Workbook::load(&data)
            .map_err(|e| anyhow::anyhow!("could not read {}: {e}", data.plans().display()))?;
        let history = workbook.history(&ladder);
        let mut drafts = draft::list(&data);
        drafts.reverse();
        let mut app = App {
            data,
            ladder,
            theme,
            workbook,
            history,
            screens: vec![Screen::Home(Home::default())],
            overlay: None,
            status: None,
            effect: None,
            quit: false,
            demo: false,
            today: crate::domain::dates::today(),
            drafts,
            change_seen: None,
            _demo_dir: None,
        };
        app.offer_next_draft();
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

    fn offer_next_draft(&mut self) {
        if let Some(found) = self.drafts.pop() {
            self.overlay = Some(Overlay::Resume(Box::new(found)));
        }
    }

    pub fn wizard(&self) -> Option<&Wizard> {
        match self.screens.last() {
            Some(Screen::Wizard(w)) => Some(w),
            _ => None,
        }
    }

    /// The screen state that decides what keys mean.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => return Mode::Help,
            Some(Overlay::Resume(_)) => return Mode::Resume,
            None => {}
        }
        match self.screens.last() {
            Some(Screen::Plan(_)) => Mode::PlanView,
            Some(Screen::Wizard(w)) => w.mode(),
            _ => Mode::Home,
        }
    }

    pub fn on_event(&mut self, event: AppEvent) {
        match event {
            AppEvent::Key(key) => self.on_key(key),
            AppEvent::Paste(text) => self.paste(&text),
            AppEvent::Resize => {}
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        self.status = None;
        match keymap::lookup(self.mode(), &key) {
            Some(action) => self.handle(action),
            None => {
                if self.overlay.is_none() {
                    let ladder = &self.ladder;
                    if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
                        let outcome = w.unbound_key(key, ladder);
                        self.apply(outcome);
                    }
                }
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.overlay.is_some() {
            return;
        }
        let ladder = &self.ladder;
        if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
            w.paste(text, ladder);
        }
    }

    pub fn handle(&mut self, action: Action) {
        if action == Action::Quit {
            self.before_quit();
            self.quit = true;
            return;
        }
        match &mut self.overlay {
            Some(Overlay::Help(help)) => {
                match action {
                    Action::Help | Action::CloseHelp => self.overlay = None,
                    other => help.handle(other),
                }
                return;
            }
            Some(Overlay::Resume(_)) => {
                self.handle_resume(action);
                return;
            }
            None => {}
        }
        if action == Action::Help {
            self.open_help();
            return;
        }
        let count = self.workbook.plans.len();
        match self.screens.last_mut() {
            Some(Screen::Home(home)) => match action {
                Action::NewPlan => self.new_plan(),
                Action::Open => self.open_selected(),
                other => home.handle(other, count),
            },
            Some(Screen::Plan(view)) => match action {
                Action::Back => {
                    self.screens.pop();
                }
                other => view.handle(other),
            },
            Some(Screen::Wizard(w)) => {
                let outcome = w.handle(action, &self.ladder);
                self.apply(outcome);
            }
            None => {}
        }
    }

    fn open_help(&mut self) {
        self.overlay = Some(Overlay::Help(Help {
            mode: self.mode(),
            scroll: 0,
        }));
    }

    fn handle_resume(&mut self, action: Action) {
        let Some(Overlay::Resume(found)) = self.overlay.take() else {
            return;
        };
        match action {
            Action::Confirm => self.resume(*found),
            Action::DiscardDraft => {
                let _ = std::fs::remove_file(&found.path);
                self.say(Tone::Info, "The unsaved plan was discarded.");
                self.offer_next_draft();
            }
            Action::Cancel => {
                self.drafts.clear();
                self.say(Tone::Info, "Kept for later: it is offered again next time.");
            }
            _ => self.overlay = Some(Overlay::Resume(found)),
        }
    }

    fn others(&self, id: &str) -> Vec<Plan> {
        self.workbook
            .plans
            .iter()
            .filter(|p| p.plan.id != id)
            .map(|p| p.plan.clone())
            .collect()
    }

    fn new_plan(&mut self) {
        let plan = Plan::new(Timestamp::now());
        let others = self.others(&plan.id);
        let wizard = Wizard::new(plan, None, others, &self.ladder);
        self.screens.push(Screen::Wizard(Box::new(wizard)));
    }

    fn resume(&mut self, found: FoundDraft) {
        let d = found.draft;
        let file = d.editing.as_deref().and_then(|p| plan_file::load(p).ok());
        let others = self.others(&d.plan.id);
        let mut wizard = Wizard::new(d.plan, file, others, &self.ladder);
        wizard.fields.by.set_text(&d.by_text);
        let step = Step::ALL.get(d.step).copied().unwrap_or(Step::Stakeholder);
        wizard.go_to(step, &self.ladder);
        wizard.dirty = true;
        self.drafts.clear();
        self.screens.truncate(1);
        self.screens.push(Screen::Wizard(Box::new(wizard)));
        self.say(
            Tone::Info,
            "Resumed where you left off. Ctrl-S saves it as a plan.",
        );
    }

    fn open_selected(&mut self) {
        let selected = match self.screens.last() {
            Some(Screen::Home(h)) => h.selected,
            _ => return,
        };
        let Some(pf) = self
            .workbook
            .newest_first()
            .get(selected)
            .map(|p| (*p).clone())
        else {
            return;
        };
        let view = PlanView::new(pf, &self.ladder, &self.history);
        self.screens.push(Screen::Plan(Box::new(view)));
    }

    fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }

    fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::None => {}
            Outcome::Save => {
                self.save();
            }
            Outcome::SaveAndLeave => {
                if self.save() {
                    self.leave_wizard();
                }
            }
            Outcome::Leave => self.leave_wizard(),
            Outcome::Discard => {
                if let Some(w) = self.wizard() {
                    draft::remove(&self.data, &w.base.id);
                }
                self.leave_wizard();
                self.say(Tone::Info, "Left without saving.");
            }
            Outcome::Edit(text) => self.effect = Some(Effect::Edit(text)),
            Outcome::Help => self.open_help(),
            Outcome::Message(m) => self.say(Tone::Info, m),
            Outcome::Warn(m) => self.say(Tone::Error, m),
        }
    }

    fn leave_wizard(&mut self) {
        if matches!(self.screens.last(), Some(Screen::Wizard(_))) {
            self.screens.pop();
        }
        self.change_seen = None;
        if let Some(Screen::Home(h)) = self.screens.last_mut() {
            h.clamp(self.workbook.plans.len());
        }
    }

    /// Saves the wizard's plan: a new file the first time, the same file (keeping the user's edits) after.
    pub fn save(&mut self) -> bool {
        let ladder = &self.ladder;
        let data = &self.data;
        let Some(Screen::Wizard(w)) = self.screens.last_mut() else {
            return false;
        };
        let (plan, date_error) = w.plan(ladder, Timestamp::now());
        if let Some(e) = date_error {
            w.go_to(Step::Goal, ladder);
            w.set_focus(Focus::Field(FieldId::By), ladder);
            self.say(Tone::Error, format!("Not saved: by when: {e}"));
            return false;
        }
        let result = match &w.file {
            Some(file) => file.save(&plan),
            None => plan_file::save_new(&data.plans(), &plan),
        };
        match result {
            Ok(file) => {
                draft::remove(data, &plan.id);
                let name = file.file_name();
                w.saved(file);
                self.change_seen = None;
                self.reload();
                self.say(
                    Tone::Success,
                    format!("Saved as {}: {}", plan.status.as_str(), one_line(&name)),
                );
                true
            }
            Err(e) => {
                self.say(
                    Tone::Error,
                    format!("Not saved: {}", one_line(&e.to_string())),
                );
                false
            }
        }
    }

    fn reload(&mut self) {
        match Workbook::load(&self.data) {
            Ok(wb) => {
                self.workbook = wb;
                self.history = self.workbook.history(&self.ladder);
            }
            Err(e) => self.say(Tone::Error, format!("Could not reload the plans: {e}")),
        }
    }

    /// Advances the autosave clock: a change is written to the drafts folder once it is
    /// [`AUTOSAVE_AFTER`] old, however much typing follows it.
    pub fn tick(&mut self, now: Instant) {
        let due = self.wizard().is_some_and(|w| w.autosave_due);
        if !due {
            self.change_seen = None;
            return;
        }
        let seen = *self.change_seen.get_or_insert(now);
        if now.saturating_duration_since(seen) >= AUTOSAVE_AFTER {
            self.autosave();
        }
    }

    /// Writes the wizard's work to its draft file now.
    pub fn autosave(&mut self) {
        self.change_seen = None;
        let ladder = &self.ladder;
        let Some(Screen::Wizard(w)) = self.screens.last_mut() else {
            return;
        };
        let d = draft::Draft {
            version: draft::DRAFT_VERSION,
            editing: w.file.as_ref().map(|f| f.path.clone()),
            step: w.step.index(),
            by_text: w.fields.by.text(),
            plan: w.plan(ladder, Timestamp::now()).0,
        };
        w.autosave_due = false;
        if let Err(e) = draft::write(&self.data, &d) {
            self.say(Tone::Error, format!("Autosave failed: {e}"));
        }
    }

    /// Keeps unsaved work as a draft before the program ends.
    pub fn before_quit(&mut self) {
        if self.wizard().is_some_and(|w| w.dirty) {
            self.autosave();
        }
    }

    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effect.take()
    }

    /// The external editor's result.
    pub fn finish_edit(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                let ladder = &self.ladder;
                if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
                    w.replace_focused_text(&text, ladder);
                }
            }
            Err(e) => self.say(Tone::Error, e),
        }
    }

    fn status_line(&self) -> Option<Line<'static>> {
        self.status.as_ref().map(|s| {
            let style = match s.tone {
                Tone::Info => Style::new(),
                Tone::Success => self.theme.ok,
                Tone::Error => self.theme.error,
            };
            Line::styled(format!(" {}", one_line(&s.text)), style)
        })
    }

    /// Draws the whole screen. Reads the state only.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Paragraph::new(format!(
                "too small: needs at least {MIN_WIDTH} x {MIN_HEIGHT}"
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        }
        let status = self.status_line();
        let ctx = Ctx {
            ladder: &self.ladder,
            theme: &self.theme,
            today: self.today,
        };
        match self.screens.last() {
            Some(Screen::Home(home)) => (&HomeView {
                home,
                workbook: &self.workbook,
                ladder: &self.ladder,
                theme: &self.theme,
                demo: self.demo,
                location: self.data.plans().display().to_string(),
                status: status.as_ref(),
            })
                .render(area, buf),
            Some(Screen::Plan(view)) => {
                view.render(&self.ladder, &self.theme, status.as_ref(), area, buf)
            }
            Some(Screen::Wizard(w)) => w.render(&ctx, status.as_ref(), area, buf),
            None => {}
        }
        match &self.overlay {
            Some(Overlay::Help(help)) => help.render(&self.theme, area, buf),
            Some(Overlay::Resume(found)) => render_resume(found, &self.theme, area, buf),
            None => {}
        }
    }
}

fn render_resume(found: &FoundDraft, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let plan = &found.draft.plan;
    let when = found
        .modified
        .and_then(|t| Timestamp::try_from(t).ok())
        .map(|t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "earlier".into());
    let who = if plan.stakeholder.name.trim().is_empty() {
        String::new()
    } else {
        format!(" for {}", one_line(plan.stakeholder.name.trim()))
    };
    let text = format!(
        "A plan you were writing{who} was not saved: “{}”, autosaved {when}.",
        one_line(&plan.display_title())
    );
    let paragraphs = [(text, Style::new())];
    let choices = [
        ("y", "Resume it (y or Enter)", true),
        ("n", "Not now: keep it for next time", false),
        ("d", "Discard it", false),
    ];
    super::screens::dialog::dialog(
        " Unsaved plan found ",
        &paragraphs,
        &choices,
        theme,
        area,
        buf,
    );
}
