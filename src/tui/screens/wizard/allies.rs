//! Allies for the coalition rung (Silent allies, or whichever rung the ladder marks `coalition = true`): once it
//! is the primary tactic, the tactic step lists the people the stakeholder listens to, best first
//! (`domain::people::suggest_allies`: your latest talk with them, never a blocker), and Space chooses some. The
//! Prepare step then asks, per ally, what you will ask them to say; they are saved as the plan's `[[allies]]`.

use ratatui::style::Style;

use super::{Focus, Outcome, Wizard};
use crate::domain::Ladder;
use crate::domain::people::{AllySuggestion, person_key, suggest_allies};
use crate::domain::text::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::field::TextField;
use crate::tui::widgets::form::Row;

/// The plan's allies as the form describes them: each ask as loaded where it was not edited (its own line
/// breaks and spaces kept), else as typed.
pub fn build(
    base: &[crate::domain::Ally],
    chosen: &[(String, TextField)],
) -> Vec<crate::domain::Ally> {
    chosen
        .iter()
        .map(|(name, ask)| crate::domain::Ally {
            name: name.clone(),
            ask: base
                .iter()
                .find(|a| a.name == *name && ask.shows(&a.ask))
                .map_or_else(|| ask.value(), |a| a.ask.clone()),
        })
        .collect()
}

/// The field asking what one ally will be asked to say.
pub fn ask_field(ask: &str) -> TextField {
    let mut f = TextField::new(
        "Ask them to say",
        "What you will ask this ally to say to the stakeholder, in a sentence.",
        false,
    )
    .wrapping();
    f.set_text(ask);
    f
}

impl Wizard {
    /// Whether the primary tactic is the ladder's coalition rung.
    pub fn coalition_chosen(&self, ladder: &Ladder) -> bool {
        ladder
            .coalition()
            .is_some_and(|c| ladder.index_of(self.choices.primary.as_ref()) == Some(c))
    }

    /// The people offered as allies: the suggestions, then anyone already chosen who is not among them.
    pub fn ally_choices(&self) -> Vec<AllySuggestion> {
        let name = self.fields.name.value();
        let mut all = suggest_allies(&name, &self.people, &self.history);
        for (chosen, _) in &self.fields.allies {
            if !all
                .iter()
                .any(|s| person_key(&s.name) == person_key(chosen))
            {
                all.push(AllySuggestion {
                    name: chosen.clone(),
                    note: String::new(),
                    stance: None,
                    last: None,
                    plans: 0,
                });
            }
        }
        all
    }

    fn ally_index(&self, name: &str) -> Option<usize> {
        let key = person_key(name);
        self.fields
            .allies
            .iter()
            .position(|(n, _)| person_key(n) == key)
    }

    /// j/k among the candidate allies.
    pub(super) fn move_ally(&mut self, action: crate::tui::action::Action) {
        use crate::tui::action::Action;
        let n = self.ally_choices().len();
        self.steps.ally = match action {
            Action::Down => (self.steps.ally + 1).min(n.saturating_sub(1)),
            Action::Up => self.steps.ally.saturating_sub(1),
            _ => self.steps.ally,
        };
    }

    /// Space on an ally: chosen, or not any more (what was typed for them goes with them).
    pub(super) fn toggle_ally(&mut self) -> Outcome {
        let choices = self.ally_choices();
        let Some(s) = choices.get(self.steps.ally.min(choices.len().saturating_sub(1))) else {
            return Outcome::None;
        };
        match self.ally_index(&s.name) {
            Some(i) => {
                self.fields.allies.remove(i);
            }
            None => self.fields.allies.push((s.name.clone(), ask_field(""))),
        }
        self.changed();
        Outcome::None
    }

    /// The allies' rows under the tactic's fields: a heading, then one line per person.
    pub(super) fn ally_rows(&self, ladder: &Ladder, theme: &Theme) -> Vec<Row<'_>> {
        if !self.coalition_chosen(ladder) {
            return Vec::new();
        }
        let choices = self.ally_choices();
        let mut rows = vec![Row::Note(
            "Allies: who they listen to, best first".into(),
            theme.heading,
        )];
        if choices.is_empty() {
            rows.push(Row::Note(
                "Nobody recorded yet: on the stakeholders map (S, then m), their page records who they listen to."
                    .into(),
                theme.muted,
            ));
            return rows;
        }
        for (i, s) in choices.iter().enumerate() {
            let chosen = self.ally_index(&s.name).is_some();
            let here = self.focus == Focus::Allies && i == self.steps.ally;
            let mut text = format!(
                "{} {}",
                if chosen { "[x]" } else { "[ ]" },
                one_line(&s.name)
            );
            let mut about = Vec::new();
            if let Some(r) = s.last {
                about.push(format!("last: {}", r.as_str()));
            }
            if let Some(st) = s.stance {
                about.push(st.as_str().to_string());
            }
            if !s.note.trim().is_empty() {
                about.push(one_line(&s.note));
            }
            if !about.is_empty() {
                text.push_str(&format!(" · {}", about.join(" · ")));
            }
            let style = if here { theme.selected } else { Style::new() };
            rows.push(Row::Note(text, style));
        }
        rows
    }
}
