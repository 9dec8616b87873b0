//! The plan sheet: what a plan says, section by section, with its labels, worked out once. `overture show` and
//! the workbook's plan view both draw it (as plain lines, and as styled lines that wrap), so a plan reads the
//! same way in the terminal and in the workbook; each adds only what its medium needs (the escalation warning
//! and the ladder as text for `show`, the ladder strip and the timeline in the workbook). The printed page has
//! its own one-page layout (`export::layout`).

use super::text::one_line;
use super::{Ladder, Plan};

/// A plan's sections in reading order. Empty fields are left out, and so are the preparation and the outcome
/// when there is nothing in them; the stakeholder, the goal and the tactic always show, even empty, so a plan
/// that has only its required keys still reads as a plan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sheet {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub heading: &'static str,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entry {
    /// A labelled value; it may hold line breaks.
    Field { label: &'static str, value: String },
    /// A labelled list.
    List {
        label: &'static str,
        items: Vec<String>,
    },
    /// Text written in answer to a question (the chosen rung's preparation prompt), the question first.
    Answer { question: String, text: String },
    /// What they might say, and the reply prepared for it.
    Objection { objection: String, response: String },
}

pub(crate) const STAKEHOLDER: &str = "Stakeholder";
pub(crate) const GOAL: &str = "Goal";
pub(crate) const TACTIC: &str = "Tactic";
pub(crate) const PREPARE: &str = "Prepare";
pub(crate) const OUTCOME: &str = "Outcome";
pub(crate) const DROPPED: &str = "Dropped";

impl Sheet {
    pub fn new(plan: &Plan, ladder: &Ladder) -> Sheet {
        let mut sections = Vec::new();
        let mut section = |heading, entries: Vec<Option<Entry>>| {
            let entries: Vec<Entry> = entries.into_iter().flatten().collect();
            if !entries.is_empty() || [STAKEHOLDER, GOAL, TACTIC].contains(&heading) {
                sections.push(Section { heading, entries });
            }
        };
        let s = &plan.stakeholder;
        section(
            STAKEHOLDER,
            vec![
                field("Name", &s.name),
                field("Role", &s.role),
                s.direction.and_then(|d| field("Direction", d.describe())),
                list("Cares about", &s.cares_about),
            ],
        );
        let g = &plan.goal;
        section(
            GOAL,
            vec![
                field("You want them", &g.want),
                field("Why it matters", &g.why),
                field("Least you'd take", &g.minimum),
                g.by.and_then(|d| field("By when", &d.to_string())),
            ],
        );
        let t = &plan.tactic;
        let primary = match &t.primary {
            None => "not chosen yet".to_string(),
            Some(r) => ladder.label(Some(r)),
        };
        section(
            TACTIC,
            vec![
                field("Primary", &primary),
                field("Backup", &ladder.label(t.backup.as_ref())),
                field("Why this rung", &t.rationale),
                field("Why escalate", super::escalation::reason_to_show(ladder, t)),
            ],
        );
        let p = &plan.prep;
        let question = (t.primary.as_ref())
            .and_then(|r| ladder.rung(r))
            .map(|r| one_line(&r.prepare_prompt))
            .filter(|q| !q.is_empty())
            .unwrap_or_else(|| "Tactic notes".into());
        let mut prepare = vec![
            field("Opening line", &p.opening),
            list("Key points", &p.points),
            (!p.tactic_notes.trim().is_empty()).then(|| Entry::Answer {
                question,
                text: p.tactic_notes.trim().to_string(),
            }),
        ];
        let allies: Vec<String> = plan.allies.iter().filter_map(ally_line).collect();
        prepare.push(list("Allies", &allies));
        prepare.extend(p.objections.iter().map(|o| {
            Some(Entry::Objection {
                objection: o.objection.trim().to_string(),
                response: o.response.trim().to_string(),
            })
        }));
        prepare.push(field("The ask", &p.ask));
        prepare.push(field("If they say no", &p.fallback));
        section(PREPARE, prepare);
        if let Some(o) = &plan.outcome {
            section(
                OUTCOME,
                vec![
                    o.result.and_then(|r| {
                        field("Result", &format!("{}: {}", r.as_str(), r.describe()))
                    }),
                    o.on.and_then(|d| field("On", &d.to_string())),
                    field("Notes", &o.notes),
                    o.follow_up.and_then(|d| field("Follow up", &d.to_string())),
                ],
            );
        }
        // The reason a plan was dropped is what someone looking back wants to know first; it is in the file
        // (`dropped_reason`), so it is on the sheet too, while the plan stays dropped.
        if plan.status == super::Status::Dropped {
            section(DROPPED, vec![field("Why", &plan.dropped_reason)]);
        }
        Sheet { sections }
    }
}

/// "Sister Mensah: say the rota worked on her ward", or the name alone when no ask is written yet.
pub(crate) fn ally_line(ally: &super::Ally) -> Option<String> {
    let name = ally.name.trim();
    let ask = ally.ask.trim();
    match (name.is_empty(), ask.is_empty()) {
        (true, true) => None,
        (false, true) => Some(name.to_string()),
        (true, false) => Some(format!("(no name): {ask}")),
        (false, false) => Some(format!("{name}: {ask}")),
    }
}

fn field(label: &'static str, value: &str) -> Option<Entry> {
    let value = value.trim();
    (!value.is_empty()).then(|| Entry::Field {
        label,
        value: value.to_string(),
    })
}

fn list(label: &'static str, items: &[String]) -> Option<Entry> {
    let items: Vec<String> = items
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect();
    (!items.is_empty()).then_some(Entry::List { label, items })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Plan;

    #[test]
    fn allies_show_in_the_preparation_with_what_they_will_be_asked() {
        let mut plan = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        plan.allies = vec![
            crate::domain::Ally {
                name: "Sister Mensah".into(),
                ask: "say the rota worked on her ward".into(),
            },
            crate::domain::Ally {
                name: " Mr Ode ".into(),
                ask: String::new(),
            },
            crate::domain::Ally::default(),
        ];
        let sheet = Sheet::new(&plan, &Ladder::embedded());
        let prepare = sheet
            .sections
            .iter()
            .find(|s| s.heading == PREPARE)
            .unwrap();
        assert_eq!(
            prepare.entries,
            [Entry::List {
                label: "Allies",
                items: vec![
                    "Sister Mensah: say the rota worked on her ward".into(),
                    "Mr Ode".into()
                ]
            }]
        );
    }

    #[test]
    fn a_dropped_plan_says_why_and_a_reopened_one_does_not() {
        let mut plan = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        plan.stakeholder.name = "Kim Ray".into();
        plan.mark_dropped("Moved to another trust", jiff::Timestamp::UNIX_EPOCH);
        let sheet = Sheet::new(&plan, &Ladder::embedded());
        let dropped = sheet.sections.iter().find(|s| s.heading == DROPPED);
        assert_eq!(
            dropped.map(|s| s.entries.clone()),
            Some(vec![Entry::Field {
                label: "Why",
                value: "Moved to another trust".into()
            }])
        );
        plan.reopen(jiff::Timestamp::UNIX_EPOCH);
        let sheet = Sheet::new(&plan, &Ladder::embedded());
        assert!(sheet.sections.iter().all(|s| s.heading != DROPPED));
    }

    #[test]
    fn empty_fields_and_sections_are_left_out_but_the_first_three_always_show() {
        let mut plan = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        plan.stakeholder.name = "Dr Okafor".into();
        plan.stakeholder.cares_about = vec!["  ".into(), "Patient safety".into()];
        let sheet = Sheet::new(&plan, &Ladder::embedded());
        let headings: Vec<_> = sheet.sections.iter().map(|s| s.heading).collect();
        assert_eq!(headings, [STAKEHOLDER, GOAL, TACTIC]);
        assert!(sheet.sections[1].entries.is_empty());
        assert_eq!(
            sheet.sections[0].entries[1],
            Entry::List {
                label: "Cares about",
                items: vec!["Patient safety".into()]
            }
        );
        assert_eq!(
            sheet.sections[2].entries,
            [Entry::Field {
                label: "Primary",
                value: "not chosen yet".into()
            }]
        );
    }
}
