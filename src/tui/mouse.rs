//! The mouse, as a second way to do what keys do: a click selects a row (a click on the selected row opens it,
//! so a double-click does too), picks a status tab, a wizard step or a rung, or presses a dialog's button; the
//! wheel sends the screen's own "down" and "up". What a click lands on comes from the last frame's
//! [`HitMap`](super::event::HitMap), so the areas always match what was drawn.

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::app::{App, Screen};
use super::event::{Mouse, MouseKind, Target};
use super::keymap::Mode;
use super::screens::wizard::{Focus, Step};

/// How many lines one notch of the wheel scrolls a long screen; lists move their selection by one.
const WHEEL_LINES: usize = 3;

impl App {
    pub fn on_mouse(&mut self, mouse: Mouse) {
        match mouse.kind {
            MouseKind::WheelDown | MouseKind::WheelUp => {
                let down = mouse.kind == MouseKind::WheelDown;
                let action = match (self.hits.at(mouse.column, mouse.row), down) {
                    (Some(Target::Guidance), true) => Action::GuidanceDown,
                    (Some(Target::Guidance), false) => Action::GuidanceUp,
                    (_, true) => Action::Down,
                    (_, false) => Action::Up,
                };
                self.wheel(action);
            }
            MouseKind::Click => self.click(mouse.column, mouse.row),
        }
    }

    /// The wheel presses the key the user has for "down" (or "up") on this screen, if there is one: in a text
    /// field there is none, and the wheel does nothing.
    fn wheel(&mut self, action: Action) {
        let mode = self.mode();
        let Some(key) = self.key_of(mode, action) else {
            return;
        };
        let lines = match mode {
            Mode::PlanView | Mode::Preview | Mode::Help | Mode::WizardReview => WHEEL_LINES,
            _ if matches!(action, Action::GuidanceDown | Action::GuidanceUp) => WHEEL_LINES,
            _ => 1,
        };
        for _ in 0..lines {
            self.on_key(key);
        }
    }

    /// A key bound to `action` where `mode` is active, as a key event.
    fn key_of(&self, mode: Mode, action: Action) -> Option<KeyEvent> {
        use super::keymap::Keys;
        self.keys
            .rows()
            .iter()
            .filter(|r| mode.contexts().contains(&r.context) && r.bound.action() == Some(action))
            .flat_map(|r| r.keys.iter())
            .find_map(|k| match *k {
                Keys::Key(code, mods) => Some(KeyEvent::new(code, mods)),
                Keys::Digits => None,
            })
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some(target) = self.hits.at(column, row) else {
            return;
        };
        // A dialog answers only its own buttons: a click beside it must not act on the screen beneath.
        let dialog = self.overlay.is_some()
            || matches!(
                self.mode(),
                Mode::WizardWarning | Mode::WizardLeaveConfirm | Mode::WizardBackupPending
            );
        match target {
            Target::Key(key) => self.on_key(key),
            Target::Inert | Target::Guidance => {}
            _ if dialog => {}
            Target::Row(i) => self.click_row(i),
            Target::Tab(i) => {
                if self.mode() == Mode::Home {
                    self.status = None;
                    self.handle(Action::ShowTab(i));
                }
            }
            Target::Step(i) => {
                let ladder = &self.ladder;
                if let (Some(Screen::Wizard(w)), Some(&step)) =
                    (self.screens.last_mut(), Step::ALL.get(i))
                {
                    self.status = None;
                    w.go_to(step, ladder);
                }
            }
            Target::Rung(i) => self.click_rung(i),
        }
    }

    /// Selects the row; on the row already selected, opens it.
    fn click_row(&mut self, i: usize) {
        self.status = None;
        // A click in the list while typing a filter keeps the filter, as Enter would.
        if let Some(Screen::Home(home)) = self.screens.last()
            && home.filtering
        {
            self.handle(Action::KeepFilter);
        }
        let open = match self.screens.last_mut() {
            Some(Screen::Home(home)) if i < home.visible.len() => {
                let again = home.selected == i;
                home.selected = i;
                again
            }
            Some(Screen::Stakeholders(view)) if view.map => {
                let Some(p) = view.map_people.get(i).cloned() else {
                    return;
                };
                let again = view.map_key.as_deref() == Some(p.key.as_str())
                    || (view.map_key.is_none() && i == 0);
                view.map_key = Some(p.key.clone());
                again
            }
            Some(Screen::Stakeholders(view)) => {
                let again = view.selected == i;
                view.selected = i;
                again
            }
            _ => return,
        };
        if open {
            self.handle(Action::Open);
        }
    }

    /// On the tactic step, puts the cursor on the rung; on the rung under the cursor, chooses it as primary. On
    /// the already-tried step, the same with ticking it.
    fn click_rung(&mut self, i: usize) {
        self.status = None;
        let ladder = &self.ladder;
        let Some(Screen::Wizard(w)) = self.screens.last_mut() else {
            return;
        };
        let (focus, again_action) = match w.step {
            Step::Tactic => (Focus::Ladder, Action::PickHighlighted),
            Step::Tried => (Focus::Tried, Action::ToggleTried),
            _ => return,
        };
        let cursor = match focus {
            Focus::Ladder => w.steps.ladder,
            _ => w.steps.tried,
        };
        let again = w.focus == focus && cursor == i;
        if w.focus != focus {
            w.set_focus(focus, ladder);
        }
        match focus {
            Focus::Ladder => w.steps.ladder = i,
            _ => w.steps.tried = i,
        }
        if again {
            self.handle(again_action);
        }
    }
}
