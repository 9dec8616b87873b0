//! The register of people from the workbook: a person's page and its edit form, the map, and the alias the
//! wizard's "did you mean" records. A change to a person is an [`Effect::WritePerson`] carried out by
//! `tui::perform` (as `overture people set` would write it); what follows comes back through
//! [`App::person_written`].

use super::effect::Effect;
use super::{App, Screen, Tone};
use crate::domain::people::Person;
use crate::domain::text::one_line;

/// A person's file to write: `was` is the person as the register had them when the change began (`None`: known
/// from plans only, so a new file), `now` as they should be. A file that no longer says `was` is refused.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonWrite {
    pub was: Option<Person>,
    pub now: Person,
    pub why: PersonWhy,
}

/// What a person is written for, which decides what is said and who is told.
#[derive(Debug, Clone, PartialEq)]
pub enum PersonWhy {
    /// The edit form on their page.
    Page,
    /// The wizard's "did you mean": `typed` is now another name for them.
    Alias { typed: String },
}

impl App {
    /// Queues the write of a person's register fields.
    pub(super) fn save_person(&mut self, was: Option<Person>, now: Person, why: PersonWhy) {
        self.ask(Effect::WritePerson(Box::new(PersonWrite { was, now, why })));
    }

    /// A person's file was written, or refused: the register is read again and the page or the wizard told.
    pub(super) fn person_written(&mut self, write: PersonWrite, result: Result<Person, String>) {
        match result {
            Ok(saved) => {
                self.after_write(None);
                for screen in &mut self.screens {
                    if let Screen::Person(page) = screen {
                        page.saved();
                    }
                }
                let said = match &write.why {
                    PersonWhy::Page => format!("Saved {} in the register.", one_line(&saved.name)),
                    PersonWhy::Alias { typed } => format!(
                        "{} is now another name for {} (in the register).",
                        one_line(typed.trim()),
                        one_line(&saved.name)
                    ),
                };
                self.say(Tone::Success, said);
            }
            Err(reason) => {
                let reason = one_line(&reason);
                match write.why {
                    PersonWhy::Page => {
                        for screen in &mut self.screens {
                            if let Screen::Person(page) = screen {
                                page.refused(reason.clone());
                            }
                        }
                        self.say(Tone::Error, format!("Not saved: {reason}"));
                    }
                    PersonWhy::Alias { typed } => self.say(
                        Tone::Error,
                        format!(
                            "{} was not recorded as another name for {}: {reason}",
                            one_line(typed.trim()),
                            one_line(&write.now.name)
                        ),
                    ),
                }
            }
        }
    }
}
