//! Editing a person's register fields on their page (`e`): stance, influence, role, other spellings, who they
//! listen to, notes. A form like the outcome form (`screens::record`); saving is asked of the app, which writes
//! the person's file through an effect (a changed file is refused, never overwritten).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use strum::VariantArray;

use crate::domain::people::{Influence, Person, Stance};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::field::TextField;
use crate::tui::widgets::form::{self, Focused, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonFocus {
    Stance,
    Influence,
    Role,
    Aliases,
    ListensTo,
    Notes,
}

const ORDER: [PersonFocus; 6] = [
    PersonFocus::Stance,
    PersonFocus::Influence,
    PersonFocus::Role,
    PersonFocus::Aliases,
    PersonFocus::ListensTo,
    PersonFocus::Notes,
];

/// What the form asks of its page after a key.
pub use form::Outcome as PersonFormOutcome;

#[derive(Debug, Clone)]
pub struct PersonForm {
    /// The person as the register had them when the form opened (`None`: known from plans only, a new file).
    pub was: Option<Person>,
    /// The name the person is shown by (kept; not edited here).
    pub name: String,
    pub focus: PersonFocus,
    pub stance: Option<Stance>,
    pub influence: Option<Influence>,
    pub role: TextField,
    pub aliases: TextField,
    pub listens: TextField,
    pub notes: TextField,
    /// Why the last save did not happen.
    pub error: Option<String>,
}

impl PersonForm {
    pub fn new(was: Option<Person>, name: &str) -> PersonForm {
        let mut role = TextField::new("Role", "Their role, in your words.", false);
        let mut aliases = TextField::new(
            "Other names",
            "Other spellings plans use for them, one a line: plans under these count for them.",
            true,
        );
        let mut listens = TextField::new(
            "Listens to",
            "People they listen to, one a line, with why after a colon: Sister Mensah: trusts her on rotas.",
            true,
        );
        let mut notes = TextField::new("Notes", "Anything else, in your words.", true);
        let person = was.clone().unwrap_or_else(|| Person::named(name));
        role.set_text(&person.role);
        aliases.set_items(&person.aliases);
        let lines: Vec<String> = person
            .listens_to
            .iter()
            .map(|l| {
                if l.note.is_empty() {
                    l.name.clone()
                } else {
                    format!("{}: {}", l.name, l.note)
                }
            })
            .collect();
        listens.set_items(&lines);
        notes.set_text(&person.notes);
        PersonForm {
            name: person.name.clone(),
            was,
            focus: PersonFocus::Stance,
            stance: person.stance,
            influence: person.influence,
            role,
            aliases,
            listens,
            notes,
            error: None,
        }
    }

    pub fn mode(&self) -> Mode {
        match self.focus {
            PersonFocus::Stance | PersonFocus::Influence => Mode::PersonFormChoice,
            _ => Mode::PersonFormText,
        }
    }

    pub fn handle(&mut self, action: Action) -> PersonFormOutcome {
        match action {
            Action::NextField => self.step_focus(true),
            Action::PrevField => self.step_focus(false),
            Action::NextChoice | Action::PrevChoice => {
                let forward = action == Action::NextChoice;
                match self.focus {
                    PersonFocus::Stance => {
                        self.stance = cycle(Stance::VARIANTS, self.stance, forward)
                    }
                    PersonFocus::Influence => {
                        self.influence = cycle(Influence::VARIANTS, self.influence, forward)
                    }
                    _ => {}
                }
            }
            Action::Save => return PersonFormOutcome::Save,
            Action::Cancel => return PersonFormOutcome::Cancel,
            _ => {}
        }
        PersonFormOutcome::None
    }

    /// The person with the form's fields, everything else (the name, direction, what they care about, the
    /// user's own keys in the file) as it was.
    pub fn build(&self) -> Person {
        let mut person = self
            .was
            .clone()
            .unwrap_or_else(|| Person::named(&self.name));
        person.stance = self.stance;
        person.influence = self.influence;
        person.role = self.role.value();
        person.aliases.clear();
        for a in self.aliases.items() {
            person.add_alias(&a);
        }
        person.listens_to.clear();
        for line in self.listens.items() {
            // "Name: why", or "Name => why" as `overture people set --listens-to` takes it.
            let (name, note) = line
                .split_once("=>")
                .or_else(|| line.split_once(':'))
                .unwrap_or((line.as_str(), ""));
            if !person.is_called(name) {
                person.add_listens_to(name, note);
            }
        }
        person.notes = self.notes.value();
        person
    }

    pub fn render(&self, theme: &Theme, keys: &Keymap, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let focused = |f| self.focus == f;
        let stance = self.stance.map_or("not set".to_string(), |s| {
            format!("{}: {}", s.as_str(), s.describe())
        });
        let influence = self
            .influence
            .map_or("not set".to_string(), |i| i.as_str().to_string());
        let mut rows = vec![
            Row::Note(
                "Stance and influence are your own judgement: nothing here is computed.".into(),
                theme.muted,
            ),
            Row::Gap,
            Row::Choice {
                label: "Stance",
                value: stance,
                focused: focused(PersonFocus::Stance),
            },
            Row::Choice {
                label: "Influence",
                value: influence,
                focused: focused(PersonFocus::Influence),
            },
            Row::Field {
                field: &self.role,
                focused: focused(PersonFocus::Role),
            },
            Row::Field {
                field: &self.aliases,
                focused: focused(PersonFocus::Aliases),
            },
            Row::Field {
                field: &self.listens,
                focused: focused(PersonFocus::ListensTo),
            },
            Row::Field {
                field: &self.notes,
                focused: focused(PersonFocus::Notes),
            },
            Row::Gap,
        ];
        let hint = match self.focus {
            PersonFocus::Stance | PersonFocus::Influence => {
                let change: String = [Action::PrevChoice, Action::NextChoice]
                    .into_iter()
                    .filter_map(|a| keys.key_for(Context::PersonChoice, a))
                    .collect();
                format!("{change} change it (one of the choices is \"not set\").")
            }
            PersonFocus::Role => self.role.hint.clone(),
            PersonFocus::Aliases => self.aliases.hint.clone(),
            PersonFocus::ListensTo => self.listens.hint.clone(),
            PersonFocus::Notes => self.notes.hint.clone(),
        };
        match &self.error {
            Some(e) => rows.push(Row::Note(format!("Not saved: {e}"), theme.error)),
            None => rows.push(Row::Note(hint, theme.muted)),
        }
        form::render(&rows, area, buf, theme);
    }
}

/// The next (or previous) of `all`, with "not set" between the last and the first.
fn cycle<T: Copy + PartialEq>(all: &[T], now: Option<T>, forward: bool) -> Option<T> {
    let mut options: Vec<Option<T>> = vec![None];
    options.extend(all.iter().copied().map(Some));
    let n = options.len();
    let at = options.iter().position(|o| *o == now).unwrap_or(0);
    options[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }]
}

impl Focused for PersonForm {
    type Focus = PersonFocus;

    fn order(&self) -> &'static [PersonFocus] {
        &ORDER
    }

    fn focus(&self) -> PersonFocus {
        self.focus
    }

    fn store_focus(&mut self, focus: PersonFocus) {
        self.focus = focus;
    }

    fn text_field(&mut self, focus: PersonFocus) -> Option<&mut TextField> {
        match focus {
            PersonFocus::Role => Some(&mut self.role),
            PersonFocus::Aliases => Some(&mut self.aliases),
            PersonFocus::ListensTo => Some(&mut self.listens),
            PersonFocus::Notes => Some(&mut self.notes),
            PersonFocus::Stance | PersonFocus::Influence => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn the_form_changes_only_what_it_shows_and_keeps_the_rest() {
        let mut was = Person::named("Dr Adeyemi");
        was.cares_about = vec!["patient safety".into()];
        was.add_alias("Adeyemi");
        let mut form = PersonForm::new(Some(was), "Dr Adeyemi");
        assert_eq!(form.mode(), Mode::PersonFormChoice);
        form.handle(Action::PrevChoice);
        assert_eq!(form.stance, Some(Stance::Blocker));
        form.handle(Action::NextChoice);
        assert_eq!(form.stance, None);
        form.handle(Action::NextField);
        form.handle(Action::NextChoice);
        form.handle(Action::NextChoice);
        form.handle(Action::NextChoice);
        assert_eq!(form.influence, Some(Influence::High));
        for _ in 0..3 {
            form.handle(Action::NextField);
        }
        assert_eq!(form.focus, PersonFocus::ListensTo);
        assert_eq!(form.mode(), Mode::PersonFormText);
        for c in "Sister Mensah: rotas".chars() {
            form.input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let p = form.build();
        assert_eq!(p.influence, Some(Influence::High));
        assert_eq!(p.stance, None);
        assert_eq!(p.aliases, ["Adeyemi"]);
        assert_eq!(p.cares_about, ["patient safety"]);
        assert_eq!(p.listens_to.len(), 1);
        assert_eq!(p.listens_to[0].name, "Sister Mensah");
        assert_eq!(p.listens_to[0].note, "rotas");
        assert_eq!(form.handle(Action::Save), PersonFormOutcome::Save);
        assert_eq!(form.handle(Action::Cancel), PersonFormOutcome::Cancel);
    }
}
