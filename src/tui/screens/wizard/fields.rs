//! The wizard's form data and its mapping to and from a [`Plan`]. The plan the wizard started from is kept
//! whole, so fields the form does not show (outcome, a user's own keys) survive a save untouched.

use jiff::Timestamp;

#[cfg(test)]
use crate::domain::Status;
use crate::domain::{Attempt, Direction, Ladder, Objection, OutcomeResult, Plan, RungRef, dates};
use crate::tui::widgets::field::TextField;

/// Every text field of the wizard. Objections are pairs and live apart, see [`Objections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Name,
    Role,
    CaresAbout,
    Want,
    Why,
    Minimum,
    By,
    /// The plan's own title, for the list (optional: the goal stands in for it).
    Title,
    /// When the highlighted rung of "Already tried" was tried.
    TriedOn,
    Rationale,
    EscalationReason,
    Opening,
    Points,
    TacticNotes,
    Objection(usize),
    Response(usize),
    Ask,
    Fallback,
    /// What the ally with this number (in [`Fields::allies`]) will be asked to say.
    AllyAsk(usize),
}

#[derive(Debug, Clone)]
pub struct Fields {
    pub name: TextField,
    pub role: TextField,
    pub cares: TextField,
    pub want: TextField,
    pub why: TextField,
    pub minimum: TextField,
    pub by: TextField,
    pub title: TextField,
    /// The date of the highlighted "already tried" rung: one field, filled from that rung's row
    /// ([`TriedRow::on_text`]) when it takes the focus.
    pub tried_on: TextField,
    pub rationale: TextField,
    pub reason: TextField,
    pub opening: TextField,
    pub points: TextField,
    pub notes: TextField,
    pub ask: TextField,
    pub fallback: TextField,
    pub objections: Vec<(TextField, TextField)>,
    /// The allies chosen for the coalition rung: each name (as offered) and what they will be asked to say.
    pub allies: Vec<(String, TextField)>,
}

/// The most objection pairs a plan offers rows for; more can still be added in the file by hand.
pub const MAX_OBJECTIONS: usize = 8;

fn objection_pair() -> (TextField, TextField) {
    (
        TextField::new(
            "They may say",
            "An objection you expect, in their words.",
            true,
        ),
        TextField::new("You answer", "How you will answer it.", true),
    )
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            name: TextField::new(
                "Name",
                "Who you need to win over. Known names are suggested as you type.",
                false,
            )
            .with_placeholder("e.g. Dr Okafor"),
            role: TextField::new("Role", "Their job or position.", false)
                .with_placeholder("e.g. consultant anaesthetist"),
            cares: TextField::new(
                "Cares about",
                "What matters to them, one a line: it shapes which tactic will land.",
                true,
            )
            .with_placeholder("e.g. patient safety"),
            want: TextField::new(
                "You want them",
                "What you want them to do: something you could see them do.",
                true,
            )
            .with_placeholder("to do what, exactly?"),
            why: TextField::new(
                "Why it matters",
                "Why this matters, to you and to them.",
                true,
            ),
            minimum: TextField::new(
                "Least you'd take",
                "The least you would accept, decided before you are in the room.",
                true,
            ),
            by: TextField::new(
                "By when",
                "A date: 2026-12-18, 18 dec, fri, in 2 weeks, +3d, end of month. Optional.",
                false,
            )
            .with_placeholder("18 dec, fri, in 2 weeks"),
            title: TextField::new(
                "Title",
                "Optional: what the list calls this plan (else the goal).",
                false,
            )
            .with_placeholder("optional: the goal is used"),
            tried_on: TextField::new(
                "When",
                "When you tried it (optional): 3 dec, yesterday, -2w. Tab: back to the ladder.",
                false,
            )
            .with_placeholder("3 dec, yesterday, -2w"),
            rationale: TextField::new(
                "Why it fits",
                "Why this tactic suits this person. Optional.",
                true,
            ),
            reason: TextField::new(
                "Why escalate",
                "Why go ahead although gentler rungs are untried?",
                false,
            )
            .wrapping(),
            opening: TextField::new("Opening line", "The first thing you will say.", true),
            points: TextField::new(
                "Key points",
                "The points you want to make, one a line.",
                true,
            ),
            notes: TextField::new("Your answer", "Your answer to the question above.", true),
            ask: TextField::new(
                "The ask",
                "The specific request, in the words you will use.",
                true,
            ),
            fallback: TextField::new("If they say no", "What you will do if they say no.", true),
            objections: vec![objection_pair()],
            allies: Vec::new(),
        }
    }
}

impl Fields {
    pub fn get(&self, id: FieldId) -> Option<&TextField> {
        Some(match id {
            FieldId::Name => &self.name,
            FieldId::Role => &self.role,
            FieldId::CaresAbout => &self.cares,
            FieldId::Want => &self.want,
            FieldId::Why => &self.why,
            FieldId::Minimum => &self.minimum,
            FieldId::By => &self.by,
            FieldId::Title => &self.title,
            FieldId::TriedOn => &self.tried_on,
            FieldId::Rationale => &self.rationale,
            FieldId::EscalationReason => &self.reason,
            FieldId::Opening => &self.opening,
            FieldId::Points => &self.points,
            FieldId::TacticNotes => &self.notes,
            FieldId::Ask => &self.ask,
            FieldId::Fallback => &self.fallback,
            FieldId::Objection(i) => &self.objections.get(i)?.0,
            FieldId::Response(i) => &self.objections.get(i)?.1,
            FieldId::AllyAsk(i) => &self.allies.get(i)?.1,
        })
    }

    pub fn get_mut(&mut self, id: FieldId) -> Option<&mut TextField> {
        Some(match id {
            FieldId::Name => &mut self.name,
            FieldId::Role => &mut self.role,
            FieldId::CaresAbout => &mut self.cares,
            FieldId::Want => &mut self.want,
            FieldId::Why => &mut self.why,
            FieldId::Minimum => &mut self.minimum,
            FieldId::By => &mut self.by,
            FieldId::Title => &mut self.title,
            FieldId::TriedOn => &mut self.tried_on,
            FieldId::Rationale => &mut self.rationale,
            FieldId::EscalationReason => &mut self.reason,
            FieldId::Opening => &mut self.opening,
            FieldId::Points => &mut self.points,
            FieldId::TacticNotes => &mut self.notes,
            FieldId::Ask => &mut self.ask,
            FieldId::Fallback => &mut self.fallback,
            FieldId::Objection(i) => &mut self.objections.get_mut(i)?.0,
            FieldId::Response(i) => &mut self.objections.get_mut(i)?.1,
            FieldId::AllyAsk(i) => &mut self.allies.get_mut(i)?.1,
        })
    }

    pub fn all_mut(&mut self) -> Vec<&mut TextField> {
        let mut v = vec![
            &mut self.name,
            &mut self.role,
            &mut self.cares,
            &mut self.want,
            &mut self.why,
            &mut self.minimum,
            &mut self.by,
            &mut self.title,
            &mut self.tried_on,
            &mut self.rationale,
            &mut self.reason,
            &mut self.opening,
            &mut self.points,
            &mut self.notes,
            &mut self.ask,
            &mut self.fallback,
        ];
        for (o, r) in &mut self.objections {
            v.push(o);
            v.push(r);
        }
        for (_, a) in &mut self.allies {
            v.push(a);
        }
        v
    }

    /// Keeps exactly one empty objection pair at the end, so there is always a place for the next one.
    pub fn tidy_objections(&mut self) {
        tidy(&mut self.objections);
    }

    /// The date typed into "by when": `Ok(None)` when empty.
    pub fn by_date(&self) -> Result<Option<jiff::civil::Date>, String> {
        let text = self.by.value();
        if text.is_empty() {
            return Ok(None);
        }
        dates::parse_user_date(&text).map(Some)
    }
}

fn tidy(objections: &mut Vec<(TextField, TextField)>) {
    while objections.len() > 1 && {
        let n = objections.len();
        let last_empty = |p: &(TextField, TextField)| p.0.is_empty() && p.1.is_empty();
        last_empty(&objections[n - 1]) && last_empty(&objections[n - 2])
    } {
        objections.pop();
    }
    let last_full = objections
        .last()
        .is_none_or(|(o, r)| !o.is_empty() || !r.is_empty());
    if last_full && objections.len() < MAX_OBJECTIONS {
        objections.push(objection_pair());
    }
}

/// The objection rows the form shows for `objections`.
fn objection_fields(objections: &[Objection]) -> Vec<(TextField, TextField)> {
    let mut rows: Vec<(TextField, TextField)> = objections
        .iter()
        .take(MAX_OBJECTIONS)
        .map(|o| {
            let mut pair = objection_pair();
            pair.0.set_text(&o.objection);
            pair.1.set_text(&o.response);
            pair
        })
        .collect();
    tidy(&mut rows);
    rows
}

/// One rung of the already-tried checklist.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TriedRow {
    pub ticked: bool,
    pub result: Option<OutcomeResult>,
    /// The attempt this row came from, so its date and notes are kept on save.
    pub original: Option<Attempt>,
    /// Where that attempt is in [`Choices::attempts`]: it is saved in its own place.
    pub place: Option<usize>,
    /// The date as typed for this rung (the loaded try's date, `2026-11-20`, until it is edited): any date
    /// phrase ([`TriedRow::on`]).
    pub on_text: String,
}

impl TriedRow {
    /// The date the row saves: the loaded try's while the text still says it, none when the text is empty, else
    /// the date typed; a text that is not a date yet is the error, and the loaded date is kept meanwhile.
    pub fn on(&self) -> (Option<jiff::civil::Date>, Option<String>) {
        let kept = self.original.as_ref().and_then(|a| a.on);
        let text = self.on_text.trim();
        if text.is_empty() {
            return (None, None);
        }
        if kept.is_some_and(|d| d.to_string() == text) {
            return (kept, None);
        }
        match dates::parse_user_date(text) {
            Ok(d) => (Some(d), None),
            Err(e) => (kept, Some(e)),
        }
    }
}

/// The form's content in plain values: what the wizard edits, apart from the text fields.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub direction: Option<Direction>,
    pub tried: Vec<TriedRow>,
    /// The plan's attempts as loaded, in the file's order. The checklist's rows point into it; the tries it cannot
    /// show (a rung this ladder lacks, an earlier try of the same rung) are saved from it as they are.
    pub attempts: Vec<Attempt>,
    /// Objections past the form's rows, added by hand in the file: kept as they are, after the form's.
    pub more_objections: Vec<Objection>,
    /// The rungs as the plan names them; an unknown key from a file is kept as it is.
    pub primary: Option<RungRef>,
    pub backup: Option<RungRef>,
}

impl Choices {
    /// The first "already tried" date that is not a date yet, or is after `today` (a try has happened: the rule of
    /// [`crate::domain::changes::happened_problem`], which the date row already warns of): the rung and the
    /// problem, so a save can say so and show it. A date loaded from the file and left as it was is the file's.
    pub fn tried_date_problem(&self, today: jiff::civil::Date) -> Option<(usize, String)> {
        self.tried
            .iter()
            .enumerate()
            .filter(|(_, row)| row.ticked)
            .find_map(|(i, row)| {
                let (on, error) = row.on();
                let kept = row.original.as_ref().and_then(|a| a.on);
                let typed = on.filter(|_| on != kept);
                error
                    .or_else(|| {
                        typed.and_then(|d| crate::domain::changes::happened_problem(d, today))
                    })
                    .map(|e| (i, e))
            })
    }
}

/// Fills the form from a plan.
pub fn load(plan: &Plan, ladder: &Ladder) -> (Fields, Choices) {
    let mut f = Fields::default();
    f.name.set_text(&plan.stakeholder.name);
    f.role.set_text(&plan.stakeholder.role);
    f.cares.set_items(&plan.stakeholder.cares_about);
    f.want.set_text(&plan.goal.want);
    f.why.set_text(&plan.goal.why);
    f.minimum.set_text(&plan.goal.minimum);
    f.by.set_text(&plan.goal.by.map(|d| d.to_string()).unwrap_or_default());
    f.title.set_text(&plan.title);
    f.rationale.set_text(&plan.tactic.rationale);
    f.reason.set_text(&plan.tactic.escalation_reason);
    f.opening.set_text(&plan.prep.opening);
    f.points.set_items(&plan.prep.points);
    f.notes.set_text(&plan.prep.tactic_notes);
    f.ask.set_text(&plan.prep.ask);
    f.fallback.set_text(&plan.prep.fallback);
    f.objections = objection_fields(&plan.prep.objections);
    f.allies = plan
        .allies
        .iter()
        .map(|a| (a.name.clone(), super::allies::ask_field(&a.ask)))
        .collect();

    let mut c = Choices {
        direction: plan.stakeholder.direction,
        tried: vec![TriedRow::default(); ladder.len()],
        more_objections: plan
            .prep
            .objections
            .iter()
            .skip(MAX_OBJECTIONS)
            .cloned()
            .collect(),
        primary: plan.tactic.primary.clone(),
        backup: plan.tactic.backup.clone(),
        attempts: plan.attempts.clone(),
    };
    // A rung tried more than once shows its latest try (by date; undated ones count as oldest, then the file's
    // order), as the plan view and the history do; the earlier tries are kept as they are.
    for (place, a) in plan.attempts.iter().enumerate() {
        match ladder
            .index_of(a.tactic.as_ref())
            .and_then(|i| c.tried.get_mut(i))
        {
            Some(row) if !row.ticked || row.original.as_ref().is_some_and(|o| a.on >= o.on) => {
                *row = TriedRow {
                    ticked: true,
                    result: a.result,
                    original: Some(a.clone()),
                    place: Some(place),
                    on_text: a.on.map(|d| d.to_string()).unwrap_or_default(),
                }
            }
            _ => {}
        }
    }
    (f, c)
}

/// The plan the form describes, built on `base`. `by` is left out (and reported) when it is not a date, so that
/// callers can choose between refusing and keeping the text elsewhere. A field nobody edited keeps `base`'s value
/// exactly (trimming applies only to what was typed), and a plan with nothing edited is `base` itself, its status
/// and the time of its last change included: saved, its file does not change by a byte.
pub fn build(
    base: &Plan,
    f: &Fields,
    c: &Choices,
    ladder: &Ladder,
    now: Timestamp,
) -> (Plan, Option<String>) {
    let mut p = base.clone();
    p.title = text_or(&base.title, &f.title);
    p.stakeholder.name = text_or(&base.stakeholder.name, &f.name);
    p.stakeholder.role = text_or(&base.stakeholder.role, &f.role);
    p.stakeholder.direction = c.direction;
    p.stakeholder.cares_about = items_or(&base.stakeholder.cares_about, &f.cares);
    p.goal.want = text_or(&base.goal.want, &f.want);
    p.goal.why = text_or(&base.goal.why, &f.why);
    p.goal.minimum = text_or(&base.goal.minimum, &f.minimum);
    let mut date_error = None;
    match f.by_date() {
        Ok(d) => p.goal.by = d,
        Err(e) => {
            p.goal.by = None;
            date_error = Some(e);
        }
    }
    p.tactic.primary = c.primary.clone();
    p.tactic.backup = c.backup.clone();
    p.tactic.rationale = text_or(&base.tactic.rationale, &f.rationale);
    p.tactic.escalation_reason = text_or(&base.tactic.escalation_reason, &f.reason);
    p.prep.opening = text_or(&base.prep.opening, &f.opening);
    p.prep.points = items_or(&base.prep.points, &f.points);
    p.prep.tactic_notes = text_or(&base.prep.tactic_notes, &f.notes);
    p.prep.objections = objections(&base.prep.objections, f, c);
    p.prep.ask = text_or(&base.prep.ask, &f.ask);
    p.prep.fallback = text_or(&base.prep.fallback, &f.fallback);
    p.attempts = attempts(c, ladder);
    p.allies = super::allies::build(&base.allies, &f.allies);
    if p == *base {
        return (p, date_error);
    }
    p.updated = now;
    p.settle_status();
    (p, date_error)
}

/// What a text field saves: `base` as it was while the field shows it unedited, else the text typed, trimmed.
fn text_or(base: &str, field: &TextField) -> String {
    if field.shows(base) {
        base.to_string()
    } else {
        field.value()
    }
}

/// What a list field saves: `base` as it was while the field shows it unedited (an item with a line break, an
/// empty or padded one stays as it is), else the lines typed, trimmed, without empty ones.
fn items_or(base: &[String], field: &TextField) -> Vec<String> {
    if field.shows(&base.join("\n")) {
        base.to_vec()
    } else {
        field.items()
    }
}

/// The objections the form describes: `kept` (the plan's) when no row was edited, else each row's, a row left
/// as it was keeping its objection exactly, then those past the form's rows.
fn objections(kept: &[Objection], f: &Fields, c: &Choices) -> Vec<Objection> {
    let loaded = objection_fields(kept);
    let same_text = |a: &(TextField, TextField), b: &(TextField, TextField)| {
        a.0.text() == b.0.text() && a.1.text() == b.1.text()
    };
    if loaded.len() == f.objections.len()
        && loaded
            .iter()
            .zip(&f.objections)
            .all(|(a, b)| same_text(a, b))
    {
        return kept.to_vec();
    }
    f.objections
        .iter()
        .enumerate()
        .filter_map(|(i, (o, r))| match kept.get(i) {
            Some(k) if o.shows(&k.objection) && r.shows(&k.response) => Some(k.clone()),
            _ if o.is_empty() && r.is_empty() => None,
            Some(k) => Some(Objection {
                objection: text_or(&k.objection, o),
                response: text_or(&k.response, r),
            }),
            None => Some(Objection {
                objection: o.value(),
                response: r.value(),
            }),
        })
        .chain(c.more_objections.iter().cloned())
        .collect()
}

/// The attempts the form describes: each in its place in the file, a checklist row standing for the try it was
/// loaded from (gone when unticked), then the rows newly ticked, in the ladder's order. Rebuilt in the ladder's
/// order, an unchanged plan moved its attempts about in the file.
fn attempts(c: &Choices, ladder: &Ladder) -> Vec<Attempt> {
    let from_row = |i: usize, row: &TriedRow| -> Option<Attempt> {
        let rung = ladder.pick(i).filter(|_| row.ticked)?;
        let mut a = row.original.clone().unwrap_or_default();
        if ladder.index_of(a.tactic.as_ref()) != Some(i) {
            a.tactic = Some(rung);
        }
        a.result = row.result;
        a.on = row.on().0;
        Some(a)
    };
    let mut row_at: Vec<Option<usize>> = vec![None; c.attempts.len()];
    for (i, row) in c.tried.iter().enumerate() {
        if let Some(slot) = row.place.and_then(|k| row_at.get_mut(k)) {
            *slot = Some(i);
        }
    }
    let placed = c
        .attempts
        .iter()
        .zip(row_at)
        .filter_map(|(a, row)| match row {
            Some(i) => c.tried.get(i).and_then(|r| from_row(i, r)),
            None => Some(a.clone()),
        });
    let added = c
        .tried
        .iter()
        .enumerate()
        .filter(|(_, row)| row.place.is_none())
        .filter_map(|(i, row)| from_row(i, row));
    placed.chain(added).collect()
}

#[cfg(test)]
mod tests;
