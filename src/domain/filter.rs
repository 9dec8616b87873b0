//! The live filter over plans: fuzzy and case-insensitive, so "okfr sepsis" finds Dr Okafor's sepsis plan.
//! Matching is done by nucleo (the matcher behind the helix editor) rather than by hand: it handles Unicode case
//! folding and accents, and ranks tight matches first.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{Ladder, Plan};

/// A compiled query. Each space-separated word must match somewhere in the text, in any order.
pub struct Filter {
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
    empty: bool,
}

impl Filter {
    pub fn new(query: &str) -> Self {
        Filter {
            pattern: Pattern::new(
                query,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            ),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            empty: query.trim().is_empty(),
        }
    }

    /// True when the query matches everything.
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// A score when `text` matches (higher is better), None when it does not.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        if self.empty {
            return Some(0);
        }
        self.pattern
            .score(Utf32Str::new(text, &mut self.buf), &mut self.matcher)
    }
}

/// The text a plan is searched by: who, the title, the goal, the tactics by name, and every note.
pub fn search_text(ladder: &Ladder, plan: &Plan) -> String {
    // The short parts that identify a plan come first: a large workbook keeps only the start of this text.
    let mut parts: Vec<&str> = vec![
        &plan.stakeholder.name,
        &plan.stakeholder.role,
        &plan.title,
        &plan.goal.want,
    ];
    for key in [&plan.tactic.primary, &plan.tactic.backup] {
        if let Some(r) = ladder.find(key) {
            parts.push(&r.name);
        }
    }
    parts.push(&plan.goal.why);
    parts.push(&plan.tactic.rationale);
    for a in &plan.attempts {
        parts.push(&a.notes);
    }
    if let Some(o) = &plan.outcome {
        parts.push(&o.notes);
    }
    parts.retain(|p| !p.trim().is_empty());
    // An ASCII separator keeps most texts ASCII, which the matcher scans several times faster.
    parts.join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    #[test]
    fn fuzzy_case_insensitive_and_word_order_free() {
        let ladder = Ladder::embedded();
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "Dr Okafor".into();
        p.goal.want = "Adopt the sepsis pathway".into();
        p.tactic.primary = "silent-allies".into();
        p.outcome = Some(crate::domain::Outcome {
            notes: "Agreed after the audit".into(),
            ..Default::default()
        });
        let text = search_text(&ladder, &p);
        for hit in [
            "okafor",
            "OKFR",
            "sepsis okafor",
            "silent",
            "audit",
            "",
            "  ",
        ] {
            assert!(
                Filter::new(hit).score(&text).is_some(),
                "{hit:?} should match {text:?}"
            );
        }
        for miss in ["berg", "okafor zebra", "force"] {
            assert!(
                Filter::new(miss).score(&text).is_none(),
                "{miss:?} should not match"
            );
        }
        let mut søren = Plan::new(Timestamp::UNIX_EPOCH);
        søren.stakeholder.name = "Søren Ødegård".into();
        assert!(
            Filter::new("soren")
                .score(&search_text(&ladder, &søren))
                .is_some()
        );
    }

    #[test]
    fn tighter_matches_score_higher() {
        let mut f = Filter::new("deal");
        let tight = f.score("Deal with the rota").unwrap();
        let loose = f.score("discuss every available leave").unwrap_or(0);
        assert!(tight > loose);
    }
}
