//! Recording what happened, in a small form over the list or the plan: the outcome of the conversation (result,
//! date, notes, when to follow up) or one attempt (rung, result, date, notes). The change itself is made by
//! `Plan::record_outcome` / `Plan::record_attempt`, the same calls the command line makes.

use jiff::{Timestamp, civil::Date};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};
use strum::VariantArray;

use crate::domain::dates::{describe, parse_date_phrase};
use crate::domain::text::one_line;
use crate::domain::{Attempt, Ladder, Outcome, OutcomeResult, Plan};
use crate::store::PlanFile;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use crate::tui::widgets::field::TextField;
use crate::tui::widgets::form::{self, Focused, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Outcome,
    Attempt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFocus {
    Rung,
    Result,
    On,
    Notes,
    FollowUp,
}

/// What the form asks of the app after a key.
pub use form::Outcome as FormOutcome;

#[derive(Debug, Clone)]
pub struct RecordForm {
    pub kind: RecordKind,
    /// The plan as it was when the form opened: saving checks the file is still the same.
    pub file: PlanFile,
    pub focus: RecordFocus,
    /// The rung tried (attempts only), 0-based.
    pub rung: usize,
    /// None until the user picks one: no answer is assumed, least of all the most hopeful.
    pub result: Option<OutcomeResult>,
    /// The last attempt's result: the first one offered (→ from "not chosen").
    pub suggested: Option<OutcomeResult>,
    pub on: TextField,
    pub notes: TextField,
    pub follow_up: TextField,
    /// Why the last save was refused (a date that is not one).
    pub error: Option<String>,
    /// The day the form opened: what "tomorrow" or "fri" count from.
    pub today: Date,
}

impl RecordForm {
    /// A form for `file`'s plan; an outcome form starts from the outcome already recorded, if any.
    pub fn new(kind: RecordKind, file: PlanFile, ladder: &Ladder, today: Date) -> Self {
        let mut on = TextField::new(
            "On",
            "When it happened: 2026-12-18, 18 dec, today, yesterday, -3d.",
            false,
        )
        .with_placeholder("18 dec, yesterday");
        let mut notes = TextField::new("Notes", "What happened, in your words.", false).wrapping();
        let mut follow_up = TextField::new(
            "Follow up on",
            "When to check in again (optional): 18 dec, fri, in 2 weeks, +3d, end of month.",
            false,
        )
        .with_placeholder("18 dec, +2w (optional)");
        let mut result = None;
        on.set_text(&today.to_string());
        let plan = &file.plan;
        let suggested = plan.attempts.iter().rev().find_map(|a| a.result);
        if kind == RecordKind::Outcome
            && let Some(o) = &plan.outcome
        {
            // An outcome recorded before is being changed: its result is the answer already given.
            result = o.result;
            if let Some(d) = o.on {
                on.set_text(&d.to_string());
            }
            notes.set_text(&o.notes);
            follow_up.set_text(&o.follow_up.map(|d| d.to_string()).unwrap_or_default());
        }
        let rung = ladder.index_of(plan.tactic.primary.as_ref()).unwrap_or(0);
        let focus = match kind {
            RecordKind::Outcome => RecordFocus::Result,
            RecordKind::Attempt => RecordFocus::Rung,
        };
        RecordForm {
            kind,
            file,
            focus,
            rung,
            result,
            suggested,
            on,
            notes,
            follow_up,
            error: None,
            today,
        }
    }

    pub fn mode(&self) -> Mode {
        match self.focus {
            RecordFocus::Rung | RecordFocus::Result => Mode::RecordChoice,
            _ => Mode::RecordText,
        }
    }

    pub fn handle(&mut self, action: Action, ladder_len: usize) -> FormOutcome {
        let results = OutcomeResult::VARIANTS.len();
        let choices = self.result_choices();
        match action {
            Action::NextField => self.step_focus(true),
            Action::PrevField => self.step_focus(false),
            Action::NextChoice | Action::PrevChoice => {
                let forward = action == Action::NextChoice;
                let step = |i: usize, len: usize| {
                    if forward {
                        (i + 1) % len.max(1)
                    } else {
                        (i + len.max(1) - 1) % len.max(1)
                    }
                };
                match self.focus {
                    RecordFocus::Rung => self.rung = step(self.rung, ladder_len),
                    RecordFocus::Result => {
                        self.result = Some(match self.result {
                            // The first press offers the suggestion (or the first result, or the last).
                            None if forward => choices[0],
                            None => choices[results - 1],
                            Some(r) => {
                                let at = choices.iter().position(|c| *c == r).unwrap_or(0);
                                choices[step(at, results)]
                            }
                        })
                    }
                    _ => {}
                }
            }
            Action::PickChoice(i) => match self.focus {
                RecordFocus::Rung if i < ladder_len => self.rung = i,
                RecordFocus::Result if i < results => {
                    self.result = Some(OutcomeResult::VARIANTS[i])
                }
                _ => {}
            },
            Action::Save => return FormOutcome::Save,
            Action::Cancel => return FormOutcome::Cancel,
            _ => {}
        }
        FormOutcome::None
    }

    /// The results in the order ←→ offers them: the last attempt's first, then the rest as the ladder of answers
    /// goes (the digits keep the fixed order, 1 commitment to 4 undecided).
    fn result_choices(&self) -> Vec<OutcomeResult> {
        let mut all: Vec<OutcomeResult> = self.suggested.into_iter().collect();
        all.extend(
            OutcomeResult::VARIANTS
                .iter()
                .filter(|r| Some(**r) != self.suggested),
        );
        all
    }

    fn date(field: &TextField, what: &str, today: Date) -> Result<Option<Date>, String> {
        let text = field.value();
        if text.is_empty() {
            return Ok(None);
        }
        parse_date_phrase(&text, today)
            .map(Some)
            .map_err(|e| format!("{what}: {e}"))
    }

    /// The focused date field's hint: the date said back in words as it is typed ("= Friday 11 December"),
    /// the accepted forms while it is not a date yet, the field's own hint while it is empty.
    fn date_hint(&self, field: &TextField) -> String {
        if field.value().is_empty() {
            return field.hint.clone();
        }
        match parse_date_phrase(&field.value(), self.today) {
            // The day it happened cannot be ahead: said while typing, as the wizard's "already tried" does.
            Ok(d) if std::ptr::eq(field, &self.on) && d > self.today => {
                format!("= {}: after today", describe(d, self.today))
            }
            Ok(d) => format!("= {}", describe(d, self.today)),
            Err(_) => format!("Not a date yet. {}", field.hint),
        }
    }

    /// The result chosen, or the question again (with the focus on it): saving never assumes one.
    fn chosen(&mut self) -> Result<OutcomeResult, String> {
        self.result.ok_or_else(|| {
            self.focus_on(RecordFocus::Result);
            // The focus is on the choice now, whose hint names its keys as the user has them.
            "choose a result first: commitment, compliance, resistance or undecided".to_string()
        })
    }

    /// The plan with the outcome or attempt recorded, or why it cannot be (moving the focus to the culprit).
    pub fn build(&mut self, ladder: &Ladder, now: Timestamp) -> Result<Plan, String> {
        let on = match Self::date(&self.on, "on", self.today) {
            Ok(d) => d,
            Err(e) => {
                self.focus_on(RecordFocus::On);
                return Err(e);
            }
        };
        // What is recorded has happened: a day after today is a slip, said on the field (the follow-up, planned,
        // may be ahead).
        if let Some(problem) =
            on.and_then(|d| crate::domain::changes::happened_problem(d, self.today))
        {
            self.focus_on(RecordFocus::On);
            return Err(format!("on: {problem}"));
        }
        let mut plan = self.file.plan.clone();
        let notes = self.notes.value();
        match self.kind {
            RecordKind::Outcome => {
                let follow_up = match Self::date(&self.follow_up, "follow up on", self.today) {
                    Ok(d) => d,
                    Err(e) => {
                        self.focus_on(RecordFocus::FollowUp);
                        return Err(e);
                    }
                };
                if let Some(problem) = crate::domain::changes::follow_up_problem(on, follow_up) {
                    self.focus_on(RecordFocus::FollowUp);
                    return Err(problem);
                }
                let result = self.chosen()?;
                plan.record_outcome(
                    Outcome {
                        on,
                        result: Some(result),
                        notes,
                        follow_up,
                    },
                    now,
                );
            }
            RecordKind::Attempt => {
                let result = self.chosen()?;
                let tactic = ladder.pick(self.rung);
                plan.record_attempt(
                    Attempt {
                        tactic,
                        on,
                        result: Some(result),
                        notes,
                        from: String::new(),
                    },
                    now,
                );
            }
        }
        Ok(plan)
    }

    pub fn render(
        &self,
        ladder: &Ladder,
        theme: &Theme,
        keys: &crate::tui::keymap::Keymap,
        area: Rect,
        buf: &mut Buffer,
    ) {
        if area.width < 20 || area.height < 6 {
            return;
        }
        let plan = &self.file.plan;
        let title = match self.kind {
            RecordKind::Outcome => " Record the outcome ",
            RecordKind::Attempt => " Log an attempt ",
        };
        let rung_name = ladder
            .get(self.rung)
            .map(|r| format!("{} {}", self.rung + 1, one_line(&r.name)))
            .unwrap_or_default();
        let who = one_line(plan.stakeholder.name.trim());
        let about = if who.is_empty() {
            one_line(&plan.display_title())
        } else {
            format!("{who}: {}", one_line(&plan.display_title()))
        };
        let mut rows = vec![Row::Note(about, theme.muted), Row::Gap];
        for focus in self.order() {
            let focused = *focus == self.focus;
            rows.push(match focus {
                RecordFocus::Rung => Row::Choice {
                    label: "Rung tried",
                    value: rung_name.clone(),
                    focused,
                },
                RecordFocus::Result => Row::Choice {
                    label: "Result",
                    value: self
                        .result
                        .map_or("(not chosen yet)", |r| r.as_str())
                        .to_string(),
                    focused,
                },
                RecordFocus::On => Row::Field {
                    field: &self.on,
                    focused,
                },
                RecordFocus::Notes => Row::Field {
                    field: &self.notes,
                    focused,
                },
                RecordFocus::FollowUp => Row::Field {
                    field: &self.follow_up,
                    focused,
                },
            });
        }
        rows.push(Row::Gap);
        // The keys that change a choice, as the user has them ("←→" by default).
        let choice_keys: String = [Action::PrevChoice, Action::NextChoice]
            .into_iter()
            .filter_map(|a| keys.key_for(crate::tui::keymap::Context::RecordChoice, a))
            .collect();
        let hint = match self.focus {
            RecordFocus::Result => {
                let next = keys
                    .key_for(
                        crate::tui::keymap::Context::RecordChoice,
                        Action::NextChoice,
                    )
                    .unwrap_or_else(|| "→".into());
                match (self.result, self.suggested) {
                    (Some(r), _) => {
                        format!(
                            "{}: {}. {choice_keys} or 1-4 choose.",
                            r.as_str(),
                            r.describe()
                        )
                    }
                    (None, Some(s)) => format!(
                        "How did it go? {next} offers {}, the last attempt's result; 1-4 choose.",
                        s.as_str()
                    ),
                    (None, None) => format!("How did it go? {choice_keys} or 1-4 choose."),
                }
            }
            RecordFocus::Rung => format!(
                "{choice_keys} or {} choose the rung you tried.",
                crate::tui::screens::wizard::tactic::digit_range(ladder)
            ),
            RecordFocus::On => self.date_hint(&self.on),
            RecordFocus::Notes => self.notes.hint.clone(),
            RecordFocus::FollowUp => self.date_hint(&self.follow_up),
        };
        match &self.error {
            Some(e) => rows.push(Row::Note(format!("Not saved: {e}"), theme.error)),
            None => rows.push(Row::Note(hint, theme.muted)),
        }
        rows.push(Row::Note(
            keys.footer(
                Mode::RecordText,
                usize::from(area.width.min(70).saturating_sub(4)),
                1,
            )
            .concat()
            .trim_start()
            .to_string(),
            theme.key,
        ));
        let width = area.width.min(70);
        // The rows' own heights, so the box fits its content: a note wraps, the notes field grows to 3 rows.
        let inner_w = usize::from(width.saturating_sub(4)).max(1);
        let wrapped = |r: &Row| match r {
            Row::Note(text, _) => crate::tui::widgets::wrap::wrap(text, inner_w).len(),
            Row::Field { field, focused } => usize::from(
                field.height(
                    u16::try_from(inner_w.saturating_sub(21))
                        .unwrap_or(1)
                        .max(1),
                    *focused,
                    3,
                ),
            ),
            _ => 1,
        };
        let content: usize = rows.iter().map(wrapped).sum();
        let height = u16::try_from(content + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let rect = crate::tui::widgets::popup::popup(area, width, height, buf);
        let block = Block::bordered().title(Span::styled(title, theme.title));
        let inner = block.inner(rect);
        block.render(rect, buf);
        let inner = Rect {
            x: inner.x.saturating_add(1),
            width: inner.width.saturating_sub(2),
            ..inner
        };
        form::render(&rows, inner, buf, theme);
    }
}

impl Focused for RecordForm {
    type Focus = RecordFocus;

    fn order(&self) -> &'static [RecordFocus] {
        use RecordFocus as F;
        match self.kind {
            RecordKind::Outcome => &[F::Result, F::On, F::Notes, F::FollowUp],
            RecordKind::Attempt => &[F::Rung, F::Result, F::On, F::Notes],
        }
    }

    fn focus(&self) -> RecordFocus {
        self.focus
    }

    fn store_focus(&mut self, focus: RecordFocus) {
        self.focus = focus;
    }

    fn text_field(&mut self, focus: RecordFocus) -> Option<&mut TextField> {
        match focus {
            RecordFocus::On => Some(&mut self.on),
            RecordFocus::Notes => Some(&mut self.notes),
            RecordFocus::FollowUp => Some(&mut self.follow_up),
            RecordFocus::Rung | RecordFocus::Result => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn form(kind: RecordKind) -> RecordForm {
        let file = PlanFile {
            path: "/plans/p.toml".into(),
            plan: Plan::new(Timestamp::UNIX_EPOCH),
            text: String::new(),
            read_only: None,
        };
        // Wednesday 9 December 2026.
        let today = jiff::civil::date(2026, 12, 9);
        RecordForm::new(kind, file, &Ladder::embedded(), today)
    }

    fn type_into(field: &mut TextField, text: &str) {
        field.set_text("");
        for c in text.chars() {
            field.input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn a_typed_date_is_said_back_and_saved_as_the_day_it_names() {
        let mut f = form(RecordKind::Outcome);
        f.result = Some(OutcomeResult::Commitment);
        type_into(&mut f.follow_up, "fri");
        assert_eq!(f.date_hint(&f.follow_up), "= Friday 11 December");
        type_into(&mut f.follow_up, "fr");
        assert!(f.date_hint(&f.follow_up).starts_with("Not a date yet."));
        type_into(&mut f.on, "yesterday");
        type_into(&mut f.follow_up, "in 2 weeks");
        let plan = f.build(&Ladder::embedded(), Timestamp::UNIX_EPOCH).unwrap();
        let outcome = plan.outcome.unwrap();
        assert_eq!(outcome.on, Some(jiff::civil::date(2026, 12, 8)));
        assert_eq!(outcome.follow_up, Some(jiff::civil::date(2026, 12, 23)));
    }

    /// What happened cannot be dated after today (said while typing, refused on save, the focus on the day); the
    /// follow-up, planned, may be.
    #[test]
    fn a_day_after_today_is_refused_for_what_happened_but_not_for_the_follow_up() {
        for kind in [RecordKind::Outcome, RecordKind::Attempt] {
            let mut f = form(kind);
            f.result = Some(OutcomeResult::Commitment);
            type_into(&mut f.on, "fri");
            assert_eq!(f.date_hint(&f.on), "= Friday 11 December: after today");
            f.focus = RecordFocus::Notes;
            let e = f
                .build(&Ladder::embedded(), Timestamp::UNIX_EPOCH)
                .unwrap_err();
            assert!(e.starts_with("on: 2026-12-11 is after today"), "{e}");
            assert_eq!(f.focus, RecordFocus::On);
            type_into(&mut f.on, "today");
            if kind == RecordKind::Outcome {
                type_into(&mut f.follow_up, "fri");
            }
            assert!(f.build(&Ladder::embedded(), Timestamp::UNIX_EPOCH).is_ok());
        }
    }

    #[test]
    fn a_date_that_is_not_one_is_refused_with_the_forms() {
        let mut f = form(RecordKind::Outcome);
        type_into(&mut f.follow_up, "soonish");
        let e = f
            .build(&Ladder::embedded(), Timestamp::UNIX_EPOCH)
            .unwrap_err();
        assert!(e.contains("18 dec, dec 18"), "{e}");
        assert_eq!(f.focus, RecordFocus::FollowUp);
    }

    #[test]
    fn no_result_is_assumed_and_the_last_attempts_is_offered_first() {
        let mut f = form(RecordKind::Outcome);
        assert_eq!(f.result, None);
        let e = f
            .build(&Ladder::embedded(), Timestamp::UNIX_EPOCH)
            .unwrap_err();
        assert!(e.contains("choose a result"), "{e}");
        assert_eq!(f.focus, RecordFocus::Result);
        f.handle(Action::NextChoice, 9);
        assert_eq!(
            f.result,
            Some(OutcomeResult::Commitment),
            "nothing to suggest"
        );

        let mut f = form(RecordKind::Attempt);
        f.file.plan.attempts.push(Attempt {
            result: Some(OutcomeResult::Compliance),
            ..Default::default()
        });
        f.suggested = Some(OutcomeResult::Compliance);
        f.focus = RecordFocus::Result;
        assert!(f.build(&Ladder::embedded(), Timestamp::UNIX_EPOCH).is_err());
        f.handle(Action::NextChoice, 9);
        assert_eq!(f.result, Some(OutcomeResult::Compliance));
        f.handle(Action::NextChoice, 9);
        assert_eq!(f.result, Some(OutcomeResult::Commitment));
        f.handle(Action::PickChoice(2), 9);
        assert_eq!(
            f.result,
            Some(OutcomeResult::Resistance),
            "digits keep their order"
        );
        let plan = f.build(&Ladder::embedded(), Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(
            plan.attempts.last().unwrap().result,
            Some(OutcomeResult::Resistance)
        );
    }

    #[test]
    fn the_suggestion_comes_from_the_plans_last_attempt_with_a_result() {
        let mut file = form(RecordKind::Outcome).file;
        for r in [
            Some(OutcomeResult::Resistance),
            Some(OutcomeResult::Compliance),
            None,
        ] {
            file.plan.attempts.push(Attempt {
                result: r,
                ..Default::default()
            });
        }
        let f = RecordForm::new(
            RecordKind::Outcome,
            file,
            &Ladder::embedded(),
            jiff::civil::date(2026, 12, 9),
        );
        assert_eq!(f.suggested, Some(OutcomeResult::Compliance));
        assert_eq!(f.result, None);
    }
}
