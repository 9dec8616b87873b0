//! Ladder strips: what has been tried with a person, rung by rung, and how it went. The compact form is one mark
//! per rung (the stakeholders table); the tall form is the ladder with words (the plan view). The marks are
//! those of `overture stakeholders`, so the screen and the command line read alike.

use jiff::civil::Date;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::wrap::{fit, truncate};
use crate::domain::history::{StakeholderRecord, result_mark};
use crate::domain::text::one_line;
use crate::domain::{Ladder, OutcomeResult, Plan};
use crate::tui::theme::Theme;

/// One rung as a strip shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RungState {
    pub tried: bool,
    /// The most recent result recorded for the rung.
    pub result: Option<OutcomeResult>,
    /// When it was last tried, when known.
    pub on: Option<Date>,
    pub chosen: bool,
    pub backup: bool,
}

/// What the marks mean, shown beside every strip.
pub const LEGEND: &str = crate::domain::history::MARKS_LEGEND;

/// The state of each rung for a stakeholder's record, with `plan`'s own choices marked when given.
pub fn states(ladder: &Ladder, record: &StakeholderRecord, plan: Option<&Plan>) -> Vec<RungState> {
    let n = ladder.len();
    let tried = record.tried(n);
    let results = record.latest_results(n);
    (0..n)
        .map(|i| RungState {
            tried: tried[i],
            result: results[i],
            on: record
                .tries
                .iter()
                .filter(|t| t.rung() == i)
                .filter_map(|t| t.on())
                .max(),
            chosen: plan.is_some_and(|p| ladder.index_of(p.tactic.primary.as_ref()) == Some(i)),
            backup: plan.is_some_and(|p| ladder.index_of(p.tactic.backup.as_ref()) == Some(i)),
        })
        .collect()
}

/// The mark for a rung's result, and its style.
pub fn mark(state: &RungState, theme: &Theme) -> (char, Style) {
    let style = match (state.result, state.tried) {
        (Some(OutcomeResult::Commitment), _) => theme.ok,
        (Some(OutcomeResult::Resistance), _) => theme.warning,
        (None, false) => theme.muted,
        _ => Style::new(),
    };
    (result_mark(state.result, state.tried), style)
}

/// One mark per rung, gentlest first: "x?·······".
pub fn compact(states: &[RungState], theme: &Theme) -> Vec<Span<'static>> {
    states
        .iter()
        .map(|s| {
            let (c, style) = mark(s, theme);
            Span::styled(c.to_string(), style)
        })
        .collect()
}

/// The ladder, hardest rung at the top, each with its mark and what it means in words.
pub fn tall(
    ladder: &Ladder,
    states: &[RungState],
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    // Numbers line up on a ladder of ten or more; long names (a ladder of research terms) get room.
    let number_w = ladder.len().to_string().len();
    let name_w = super::ladder::name_width(ladder);
    for (i, rung) in ladder.rungs().iter().enumerate().rev() {
        let Some(state) = states.get(i) else {
            continue;
        };
        let (c, style) = mark(state, theme);
        let choice = if state.chosen {
            "▶"
        } else if state.backup {
            "▷"
        } else {
            " "
        };
        let mut words = match (state.result, state.tried) {
            (Some(r), _) => r.as_str().to_string(),
            (None, true) => "tried, no result noted".to_string(),
            (None, false) => "not tried".to_string(),
        };
        if let Some(on) = state.on {
            words.push_str(&format!(", {on}"));
        }
        if state.chosen {
            words.push_str(" · chosen for this plan");
        } else if state.backup {
            words.push_str(" · the backup");
        }
        let name_style = if state.chosen {
            theme.heading
        } else {
            Style::new()
        };
        let head = format!("{choice} {:>number_w$} ", i + 1);
        let name = fit(&one_line(&rung.name), name_w);
        let used = head.chars().count() + name_w + 3;
        out.push(Line::from(vec![
            Span::styled(head, name_style),
            Span::styled(name, name_style),
            Span::raw(" "),
            Span::styled(c.to_string(), style),
            Span::raw(" "),
            Span::styled(truncate(&words, width.saturating_sub(used)), style),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::History;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};
    use jiff::Timestamp;

    #[test]
    fn marks_follow_the_latest_result() {
        let ladder = Ladder::embedded();
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "A".into();
        p.tactic.primary = test_rung("coach");
        p.attempts = vec![crate::domain::Attempt {
            tactic: test_rung("reason"),
            result: Some(OutcomeResult::Resistance),
            on: Some(jiff::civil::date(2026, 1, 2)),
            notes: String::new(),
            from: String::new(),
        }];
        let history = History::from_plans(&ladder, [&p]);
        let s = states(&ladder, history.get("a").unwrap(), Some(&p));
        let theme = Theme::no_colour();
        let text: String = compact(&s, &theme)
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(text, "x········");
        assert!(s[2].chosen);
        assert_eq!(s[0].on, Some(jiff::civil::date(2026, 1, 2)));
        let tall = tall(&ladder, &s, &theme, 60);
        assert_eq!(tall.len(), 9);
        assert!(tall[6].to_string().contains("chosen for this plan"));
        assert!(tall[8].to_string().contains("resistance, 2026-01-02"));
    }
}
