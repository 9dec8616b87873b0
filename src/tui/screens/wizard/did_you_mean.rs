//! "Did you mean Dr Adeyemi (2 plans, last: resistance)?": asked as the focus leaves the stakeholder's name when
//! it is close to a known person but none of their spellings (`domain::people::did_you_mean`). Choosing the
//! known person records the typed spelling as another name for them (the app writes it to the register, an
//! effect); "someone new" keeps the name; Esc goes back to the name to change it. The wizard's history is
//! counted again at once, so what was tried with them shows under Already tried.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Asking, Ctx, FieldId, Focus, Outcome, Wizard};
use crate::domain::people::{People, Person, did_you_mean, person_key};
use crate::domain::text::one_line;
use crate::domain::{History, Ladder};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screens::dialog::Dialog;

impl Wizard {
    /// Asks "did you mean" when the name typed is close to someone known but not them, once per name.
    pub(super) fn ask_did_you_mean(&mut self) {
        let typed = self.fields.name.value();
        let key = person_key(&typed);
        if key.is_empty() || self.steps.name_settled == key || self.asking != Asking::Nothing {
            return;
        }
        let candidates = did_you_mean(&typed, &self.people, &self.history);
        if candidates.is_empty() {
            return;
        }
        self.steps.did_you_mean = candidates;
        self.steps.did_you_mean_at = 0;
        self.asking = Asking::DidYouMean;
    }

    /// Ctrl-S: a new plan saved straight from the name asks "did you mean" first, as leaving the field would. A
    /// plan being edited saves as asked (its name was settled when it was first saved).
    pub(super) fn save_unless_asking(&mut self) -> Outcome {
        if self.focus == Focus::Field(FieldId::Name) && self.file.is_none() {
            self.ask_did_you_mean();
            if self.asking == Asking::DidYouMean {
                return Outcome::None;
            }
        }
        Outcome::Save
    }

    pub(super) fn handle_did_you_mean(&mut self, action: Action, ladder: &Ladder) -> Outcome {
        let n = self.steps.did_you_mean.len().max(1);
        let typed = self.fields.name.value();
        match action {
            Action::Down => self.steps.did_you_mean_at = (self.steps.did_you_mean_at + 1) % n,
            Action::Up => self.steps.did_you_mean_at = (self.steps.did_you_mean_at + n - 1) % n,
            Action::NewPerson => {
                self.asking = Asking::Nothing;
                self.steps.name_settled = person_key(&typed);
                return Outcome::Message(format!("{} is someone new.", one_line(typed.trim())));
            }
            Action::Cancel => {
                self.asking = Asking::Nothing;
                self.go_to(super::Step::Stakeholder, ladder);
                self.set_focus(Focus::Field(FieldId::Name), ladder);
            }
            Action::Confirm => {
                self.asking = Asking::Nothing;
                self.steps.name_settled = person_key(&typed);
                let Some(chosen) = self.steps.did_you_mean.get(self.steps.did_you_mean_at) else {
                    return Outcome::None;
                };
                let was = self.people.first(&chosen.name).cloned();
                let mut now = was.clone().unwrap_or_else(|| Person::named(&chosen.name));
                now.add_alias(&typed);
                // Counted as one person from now on, in this wizard; the register is written by the app.
                let mut persons: Vec<Person> = self.people.persons().to_vec();
                match persons.iter_mut().find(|p| Some(&**p) == was.as_ref()) {
                    Some(p) => *p = now.clone(),
                    None => persons.push(now.clone()),
                }
                self.people = People::new(persons);
                self.history = std::sync::Arc::new(History::from_facts_in(
                    ladder,
                    self.others.iter(),
                    &self.people.keys(),
                ));
                self.settle_name(ladder);
                return Outcome::RecordAlias {
                    was: was.map(Box::new),
                    now: Box::new(now),
                    typed,
                };
            }
            Action::Help => return Outcome::Help,
            _ => {}
        }
        Outcome::None
    }

    pub(super) fn render_did_you_mean(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let typed = one_line(self.fields.name.value().trim());
        let mut paragraphs: Vec<(String, Style)> = Vec::new();
        let candidates = &self.steps.did_you_mean;
        match candidates.as_slice() {
            [one] => paragraphs.push((one_line(&one.question()), theme.heading)),
            _ => {
                paragraphs.push((
                    format!("“{typed}” is close to someone you know. Did you mean:"),
                    theme.heading,
                ));
                for (i, c) in candidates.iter().enumerate() {
                    let (marker, style) = if i == self.steps.did_you_mean_at {
                        ("▶ ", theme.selected)
                    } else {
                        ("  ", Style::new())
                    };
                    paragraphs.push((format!("{marker}{}", one_line(&c.describe())), style));
                }
            }
        }
        let chosen = candidates
            .get(self.steps.did_you_mean_at)
            .map_or(String::new(), |c| one_line(&c.name));
        let yes = format!("Yes: {chosen} (“{typed}” becomes another name for them)");
        let no = "No: someone new, keep the name".to_string();
        let choices = [
            (Action::Confirm, yes.as_str(), true),
            (Action::NewPerson, no.as_str(), false),
            (Action::Cancel, "Back to the name, to change it", false),
        ];
        Dialog {
            title: " Did you mean? ",
            paragraphs: &paragraphs,
            choices: &choices,
            mode: Mode::WizardDidYouMean,
        }
        .render(ctx.keys, theme, area, buf);
    }
}
