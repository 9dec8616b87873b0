//! The register of people from the workbook: a person's page and its edit form, the map, and the alias the
//! wizard's "did you mean" records. A change to a person is an [`Effect::WritePerson`] carried out by
//! `tui::perform` (as `overture people set` would write it); what follows comes back through
//! [`App::person_written`].

use super::effect::Effect;
use super::{App, Screen, Tone};
use crate::domain::people::Person;
use crate::domain::text::one_line;
use crate::tui::screens::Reply;
use crate::tui::screens::person::PersonPage;

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
    /// What the map, a person's page, the wizard's "did you mean" and the plan view's `A` ask of the app.
    pub(super) fn people_reply(&mut self, reply: Reply) {
        match reply {
            Reply::OpenPerson { key, name } => self
                .screens
                .push(Screen::Person(Box::new(PersonPage::new(key, name)))),
            Reply::SavePerson { was, now } => {
                self.save_person(was.map(|b| *b), *now, PersonWhy::Page)
            }
            Reply::RecordAlias { was, now, typed } => {
                self.save_person(was.map(|b| *b), *now, PersonWhy::Alias { typed })
            }
            Reply::AllyPlan { ally, plan } => self.ally_plan(&ally, &plan),
            _ => {}
        }
    }

    /// `A` on an ally in the plan view: a new plan for them, to put in a word with this plan's stakeholder about
    /// its goal, following this plan. It opens in the wizard, unsaved.
    pub(super) fn ally_plan(&mut self, ally: &str, of: &crate::domain::Plan) {
        let mut plan = crate::domain::Plan::new(jiff::Timestamp::now());
        plan.stakeholder.name = ally.trim().to_string();
        let goal = of.goal.want.trim();
        let about = if goal.is_empty() {
            one_line(&of.display_title())
        } else {
            one_line(goal)
        };
        plan.goal.want = format!(
            "Put in a word with {} about {about}",
            one_line(of.stakeholder.name.trim())
        );
        plan.follows = of.id.clone();
        self.open_wizard(plan, None);
        if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
            // Who it is for is settled: the goal, prefilled, is where to start.
            w.go_to(crate::tui::screens::wizard::Step::Goal, &self.ladder);
            w.dirty = true;
        }
        self.say(
            Tone::Info,
            format!(
                "A plan for {}, following “{}”. It is saved when you save it.",
                one_line(ally.trim()),
                one_line(&of.display_title())
            ),
        );
    }

    /// Queues the write of a person's register fields.
    pub(super) fn save_person(&mut self, was: Option<Person>, now: Person, why: PersonWhy) {
        self.ask(Effect::WritePerson(Box::new(PersonWrite { was, now, why })));
    }

    /// A person's file was written, or refused: the register is read again and the page or the wizard told.
    pub(super) fn person_written(&mut self, write: PersonWrite, result: Result<Person, String>) {
        match result {
            Ok(saved) => {
                self.after_person_write();
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
