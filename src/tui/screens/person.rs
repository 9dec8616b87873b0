//! A person's page (Enter on the stakeholders map): what the register says of them, the ladder strip of what was
//! tried and how it went, their plans (the thread, oldest first) and the agenda items that concern them. Read
//! only but for `e`, which edits the register fields in place (`screens::person_form`), saved by the app.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::person_form::{PersonForm, PersonFormOutcome};
use super::{Reply, State, View};
use crate::domain::people::Person;
use crate::domain::text::one_line;
use crate::domain::{PlanFacts, agenda};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::widgets::chrome::Chrome;
use crate::tui::widgets::form::Focused;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::strip;
use crate::tui::widgets::wrap::{truncate, wrap};

#[derive(Debug, Clone)]
pub struct PersonPage {
    /// The person key: the page follows the person through reloads (a new alias, a rename in the register).
    pub key: String,
    /// Their name as the map showed it, for a person no longer found.
    pub name: String,
    pub scroll: Scroll,
    /// The register fields being edited (`e`), while they are.
    pub form: Option<PersonForm>,
}

impl PersonPage {
    pub fn new(key: String, name: String) -> PersonPage {
        PersonPage {
            key,
            name,
            scroll: Scroll::default(),
            form: None,
        }
    }

    /// The register's entry for this person, if they have one.
    pub fn registered<'a>(&self, state: &'a State) -> Option<&'a Person> {
        let keys = state.history.keys();
        let people = &state.catalog.register.people;
        // By the name the page was opened with (one look-up), else by every person's key (a rename).
        people
            .first(&self.name)
            .filter(|p| keys.key(&p.name) == self.key)
            .or_else(|| {
                people
                    .persons()
                    .iter()
                    .find(|p| keys.key(&p.name) == self.key)
            })
    }

    /// The name to show: the register's, else the plans'.
    pub fn shown_name(&self, state: &State) -> String {
        self.registered(state)
            .map(|p| p.name.trim().to_string())
            .or_else(|| state.history.by_key(&self.key).map(|r| r.name.clone()))
            .unwrap_or_else(|| self.name.clone())
    }

    /// The form's save went through: the page shows the register as it is now, from the top, where what the form
    /// edits is ("In your register"); the offset the page had before the form would show other lines, or none.
    pub fn saved(&mut self) {
        self.form = None;
        self.scroll.handle(Action::Top);
    }

    /// The form's save was refused: the form stays, with the reason.
    pub fn refused(&mut self, reason: String) {
        if let Some(form) = &mut self.form {
            form.error = Some(reason);
        }
    }

    fn lines(&self, state: &State, width: usize) -> Vec<Line<'static>> {
        let theme = state.theme;
        let mut out: Vec<Line<'static>> = Vec::new();
        let heading = |out: &mut Vec<Line<'static>>, text: &str| {
            if !out.is_empty() {
                out.push(Line::raw(""));
            }
            out.push(Line::styled(truncate(text, width), theme.heading));
        };
        let para = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
            for l in wrap(text, width) {
                out.push(Line::styled(l, style));
            }
        };
        heading(&mut out, "In your register");
        match self.registered(state) {
            None => para(
                &mut out,
                "Not in the register yet: known from plans only. e records their stance, influence, other \
                 names and who they listen to.",
                theme.muted,
            ),
            Some(p) => {
                let stance = p.stance.map_or("not set".to_string(), |s| {
                    format!("{} ({})", s.as_str(), s.describe())
                });
                para(&mut out, &format!("Stance: {stance}"), Style::new());
                let influence = p.influence.map_or("not set", |i| i.as_str());
                para(&mut out, &format!("Influence: {influence}"), Style::new());
                if !p.role.trim().is_empty() {
                    para(
                        &mut out,
                        &format!("Role: {}", one_line(&p.role)),
                        Style::new(),
                    );
                }
                if !p.aliases.is_empty() {
                    let names: Vec<String> = p.aliases.iter().map(|a| one_line(a)).collect();
                    para(
                        &mut out,
                        &format!("Also called: {}", names.join(", ")),
                        Style::new(),
                    );
                }
                if !p.cares_about.is_empty() {
                    let items: Vec<String> = p.cares_about.iter().map(|a| one_line(a)).collect();
                    para(
                        &mut out,
                        &format!("Cares about: {}", items.join("; ")),
                        Style::new(),
                    );
                }
                if p.listens_to.is_empty() {
                    para(&mut out, "Listens to: nobody recorded", theme.muted);
                } else {
                    para(&mut out, "Listens to:", Style::new());
                    for l in &p.listens_to {
                        let mut text = one_line(&l.name);
                        if !l.note.trim().is_empty() {
                            text.push_str(&format!(": {}", one_line(&l.note)));
                        }
                        for line in wrap(&text, width.saturating_sub(2).max(1)) {
                            out.push(Line::raw(format!("  {line}")));
                        }
                    }
                }
                if !p.notes.trim().is_empty() {
                    para(
                        &mut out,
                        &format!("Notes: {}", one_line(&p.notes)),
                        Style::new(),
                    );
                }
            }
        }
        para(
            &mut out,
            "Stance and influence are your own judgement; overture never works them out.",
            theme.muted,
        );
        let record = state.history.by_key(&self.key);
        heading(&mut out, "What was tried, and how it went");
        match record {
            Some(r) => {
                out.extend(strip::tall(
                    state.ladder,
                    &strip::states(state.ladder, r, None),
                    theme,
                    width,
                ));
            }
            None => para(
                &mut out,
                "Nothing tried yet: no plan names them.",
                theme.muted,
            ),
        }
        heading(&mut out, "Plans");
        let plans: Vec<&crate::store::catalog::PlanSummary> = match record {
            Some(r) => {
                let mut v: Vec<_> = r
                    .plans
                    .iter()
                    .filter_map(|&i| state.catalog.summaries.get(i))
                    .collect();
                v.sort_by_key(|p| p.created());
                v
            }
            None => Vec::new(),
        };
        if plans.is_empty() {
            para(&mut out, "None yet.", theme.muted);
        }
        for p in &plans {
            let date = crate::domain::PlanFacts::created_date(*p).to_string();
            let tactic = p
                .tactic()
                .primary
                .as_ref()
                .and_then(|r| state.ladder.rung(r))
                .map_or("no tactic yet".to_string(), |r| one_line(&r.name));
            let result = p
                .outcome_result()
                .map_or(String::new(), |r| format!(", {}", r.as_str()));
            let thread = if p.follows().is_empty() { "" } else { "↳ " };
            para(
                &mut out,
                &format!(
                    "{date} {thread}{} · {} · {tactic}{result}",
                    one_line(p.title()),
                    p.status.as_str()
                ),
                Style::new(),
            );
        }
        heading(&mut out, "On the agenda");
        // Their plans, and any plan that follows one of them (a follow-up settles what was due), for the rule in
        // `domain::agenda`; the items kept are theirs.
        let ids: std::collections::HashSet<&str> = plans.iter().map(|p| p.id()).collect();
        let items: Vec<agenda::Item> = agenda::agenda(
            state
                .catalog
                .summaries
                .iter()
                .filter(|s| ids.contains(s.id()) || ids.contains(s.follows()))
                .map(|s| s.agenda_source()),
            state.today,
            None,
        )
        .into_iter()
        .filter(|i| ids.contains(i.plan.as_str()))
        .collect();
        if items.is_empty() {
            para(&mut out, "Nothing due.", theme.muted);
        }
        for item in &items {
            let style = if item.overdue() {
                theme.warning
            } else {
                Style::new()
            };
            para(
                &mut out,
                &format!(
                    "{} · {} · {}",
                    item.date,
                    item.when.heading(),
                    one_line(&item.about())
                ),
                style,
            );
        }
        out
    }
}

impl View for PersonPage {
    fn mode(&self) -> Mode {
        match &self.form {
            Some(form) => form.mode(),
            None => Mode::Person,
        }
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        if let Some(form) = &mut self.form {
            return match form.handle(action) {
                PersonFormOutcome::None => Reply::Done,
                PersonFormOutcome::Cancel => {
                    self.form = None;
                    Reply::Say("Nothing changed.".into())
                }
                PersonFormOutcome::Save => {
                    let now = form.build();
                    if form.was.as_ref() == Some(&now) {
                        self.form = None;
                        return Reply::Say("Nothing to save: nothing changed.".into());
                    }
                    form.error = None;
                    Reply::SavePerson {
                        was: form.was.clone().map(Box::new),
                        now: Box::new(now),
                    }
                }
            };
        }
        match action {
            Action::Back => Reply::Back,
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                self.scroll.handle(action);
                Reply::Done
            }
            Action::Edit => {
                let was = self.registered(state).cloned();
                let name = self.shown_name(state);
                self.form = Some(PersonForm::new(was, &name));
                Reply::Done
            }
            _ => Reply::Pass,
        }
    }

    fn input(&mut self, key: KeyEvent, _state: &State) -> Reply {
        if let Some(form) = &mut self.form {
            Focused::input(form, key);
        }
        Reply::Done
    }

    fn paste(&mut self, text: &str, _state: &State) {
        if let Some(form) = &mut self.form {
            Focused::paste(form, text);
        }
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        if area.height < 3 || area.width < 4 {
            return;
        }
        let name = one_line(&self.shown_name(state));
        let title = match &self.form {
            Some(_) => format!(" overture · {name} · editing"),
            None => format!(" overture · {name}"),
        };
        let body = Chrome {
            title: &title,
            status: state.status,
            keys: state.keys,
            mode: self.mode(),
            theme: state.theme,
            gap: true,
        }
        .render(area, buf);
        if body.is_empty() {
            return;
        }
        if let Some(form) = &self.form {
            form.render(state.theme, state.keys, body, buf);
            return;
        }
        let lines = self.lines(state, usize::from(body.width));
        let first = self.scroll.first_line(lines.len(), body.height);
        for (row, line) in lines
            .into_iter()
            .skip(first)
            .take(usize::from(body.height))
            .enumerate()
        {
            line.render(
                Rect {
                    y: body.y + row as u16,
                    height: 1,
                    ..body
                },
                buf,
            );
        }
    }
}
