//! The escalation rule, defined here and nowhere else: choosing a hard rung (Authority, Force) before the gentler
//! rungs have been tried with this person tends to buy grudging compliance or open resistance, so it is warned
//! about. It warns; it never blocks.

use super::{History, Ladder, PlanFacts};

/// A warning that the plan escalates early.
#[derive(Debug, Clone, PartialEq)]
pub struct EscalationWarning {
    /// The hardest escalation rung the plan chooses (0-based).
    pub rung: usize,
    /// The primary, when it is an escalation rung chosen early (0-based).
    pub primary: Option<usize>,
    /// The backup, when it is an escalation rung chosen early (0-based): the headline names it as the backup, so
    /// an Authority plan with Force as its backup does not read as a Force plan.
    pub backup: Option<usize>,
    /// Gentler rungs not yet tried with this stakeholder, in ladder order (0-based), never one the plan chooses.
    pub untried: Vec<usize>,
    /// The user's reason for going ahead, when one was given.
    pub reason: Option<String>,
}

/// What escalating early tends to cost, with its source, shown wherever the warning is.
pub(crate) const COST: &str = "Reaching for the hard rungs before the gentle ones tends to buy grudging compliance or \
open resistance rather than commitment (Falbe & Yukl, 1992; Yukl & Tracey, 1992).";

/// The invitation that goes with the warning.
pub(crate) const INVITATION: &str =
    "You can still go ahead: note why, and the reason is saved with the plan.";

/// Applies the rule to a plan, given which rungs were tried with its stakeholder (index = rung).
///
/// Each escalation rung the plan chooses (primary or backup) is checked against every rung gentler than it; for
/// the backup, the plan's own primary counts as tried, since it comes first. The warning reports the hardest
/// chosen rung and every untried gentler rung.
pub fn escalation_warning<P: PlanFacts + ?Sized>(
    ladder: &Ladder,
    plan: &P,
    tried: &[bool],
) -> Option<EscalationWarning> {
    let primary = ladder.index_of(plan.tactic().primary.as_ref());
    let backup = ladder.index_of(plan.tactic().backup.as_ref());
    let mut untried: Vec<usize> = Vec::new();
    // A rung the plan chooses is never "untried" in its own warning: the backup is part of the plan, and the
    // primary comes before the backup.
    let early = |chosen: Option<usize>, untried: &mut Vec<usize>| -> Option<usize> {
        let rung = chosen?;
        if !ladder.get(rung).is_some_and(|r| r.escalation) {
            return None;
        }
        let gaps: Vec<usize> = (0..rung)
            .filter(|&i| {
                !tried.get(i).copied().unwrap_or(false) && Some(i) != primary && Some(i) != backup
            })
            .collect();
        if gaps.is_empty() {
            return None;
        }
        untried.extend(gaps);
        Some(rung)
    };
    let primary_early = early(primary, &mut untried);
    let backup_early = early(backup.filter(|b| Some(*b) != primary), &mut untried);
    untried.sort_unstable();
    untried.dedup();
    let rung = primary_early.max(backup_early)?;
    let reason = plan.tactic().escalation_reason.trim();
    Some(EscalationWarning {
        rung,
        primary: primary_early,
        backup: backup_early,
        untried,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    })
}

/// Whether a tactic chooses an escalation rung at all, primary or backup. The escalation reason belongs to that
/// choice: a plan that chooses none has no reason to show or keep.
pub fn chooses_escalation(ladder: &Ladder, tactic: &super::Tactic) -> bool {
    [&tactic.primary, &tactic.backup]
        .into_iter()
        .filter_map(|rung| rung.as_ref().and_then(|r| ladder.rung(r)))
        .any(|rung| rung.escalation)
}

/// The reason as it should be shown: none for a plan that no longer chooses an escalation rung.
pub fn reason_to_show<'a>(ladder: &Ladder, tactic: &'a super::Tactic) -> &'a str {
    if chooses_escalation(ladder, tactic) {
        tactic.escalation_reason.trim()
    } else {
        ""
    }
}

/// Clears a reason left behind by an escalation the plan no longer chooses (Force picked, a reason typed, then
/// Reason chosen instead). Returns the reason cleared, so the front end can say so.
pub fn clear_stale_reason(ladder: &Ladder, tactic: &mut super::Tactic) -> Option<String> {
    if tactic.escalation_reason.trim().is_empty() || chooses_escalation(ladder, tactic) {
        return None;
    }
    Some(std::mem::take(&mut tactic.escalation_reason))
}

/// The rule applied with the workbook's history: what every front end calls.
pub fn warning_for<P: PlanFacts + ?Sized>(
    ladder: &Ladder,
    history: &History,
    plan: &P,
) -> Option<EscalationWarning> {
    escalation_warning(ladder, plan, &history.tried_for(ladder, plan))
}

impl EscalationWarning {
    /// The rung names, in ladder order, joined for a sentence.
    pub(crate) fn untried_names(&self, ladder: &Ladder) -> String {
        ladder.names_for_sentence(&self.untried)
    }

    /// One line naming the problem, worded for what is early: the primary ("Force chosen before Reason and
    /// Coach were tried with Dr Okafor."), the backup ("Force chosen as the backup before …"), or both ("Force,
    /// with Authority as the backup, chosen before …").
    pub fn headline(&self, ladder: &Ladder, stakeholder: &str) -> String {
        let name = |i: usize| ladder.names_for_sentence(&[i]);
        let rung = match (self.primary, self.backup) {
            (Some(p), Some(b)) => format!("{}, with {} as the backup, chosen", name(p), name(b)),
            (None, Some(b)) => format!("{} chosen as the backup", name(b)),
            (Some(p), None) => format!("{} chosen", name(p)),
            (None, None) => format!("{} chosen", name(self.rung)),
        };
        let who = stakeholder.trim();
        let who = if who.is_empty() {
            "this person".to_string()
        } else {
            crate::domain::text::one_line(who)
        };
        let n = self.untried.len();
        // A name that ends a sentence already ("Jr.", or one shortened to fit a page, "…") takes no second stop.
        let stop = if who.ends_with(['.', '…', '!', '?']) {
            ""
        } else {
            "."
        };
        format!(
            "{rung} before {} {} tried with {who}{stop}",
            self.untried_names(ladder),
            if n == 1 { "was" } else { "were" }
        )
    }

    /// The full warning as lines of text: headline, cost, and either the reason given or the invitation.
    pub(crate) fn lines(&self, ladder: &Ladder, stakeholder: &str) -> Vec<String> {
        let mut lines = vec![self.headline(ladder, stakeholder), COST.to_string()];
        match &self.reason {
            Some(reason) => lines.push(format!(
                "Reason given: {}",
                crate::domain::text::one_line(reason)
            )),
            None => lines.push(INVITATION.to_string()),
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};
    use crate::domain::{Attempt, Outcome, OutcomeResult, Plan};
    use jiff::Timestamp;

    fn plan(name: &str, primary: &str, backup: &str, attempts: &[&str]) -> Plan {
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = name.into();
        p.tactic.primary = test_rung(primary);
        p.tactic.backup = test_rung(backup);
        p.attempts = attempts
            .iter()
            .map(|t| Attempt {
                tactic: test_rung(t),
                ..Default::default()
            })
            .collect();
        p
    }

    const GENTLE: [&str; 7] = [
        "reason",
        "inspire",
        "coach",
        "feel-good",
        "deal",
        "favour",
        "silent-allies",
    ];

    fn untried_keys(ladder: &Ladder, w: &Option<EscalationWarning>) -> Option<Vec<String>> {
        w.as_ref().map(|w| {
            w.untried
                .iter()
                .map(|&i| ladder.rungs()[i].key.clone())
                .collect()
        })
    }

    #[test]
    fn rule_table() {
        let ladder = Ladder::embedded();
        let all_but =
            |skip: &str| -> Vec<&str> { GENTLE.iter().copied().filter(|k| *k != skip).collect() };
        let everything_gentle = GENTLE.to_vec();
        let with_authority: Vec<&str> = GENTLE.iter().copied().chain(["authority"]).collect();
        // (primary, backup, tried in this plan, expected untried keys or None for no warning)
        type Case<'a> = (&'a str, &'a str, Vec<&'a str>, Option<Vec<&'a str>>);
        let cases: Vec<Case> = vec![
            ("reason", "", vec![], None),
            ("silent-allies", "", vec![], None),
            ("deal", "favour", vec![], None),
            (
                "force",
                "",
                vec![],
                Some(GENTLE.iter().copied().chain(["authority"]).collect()),
            ),
            ("authority", "", vec![], Some(GENTLE.to_vec())),
            ("authority", "", everything_gentle.clone(), None),
            (
                "force",
                "",
                everything_gentle.clone(),
                Some(vec!["authority"]),
            ),
            ("force", "", with_authority.clone(), None),
            ("authority", "", all_but("coach"), Some(vec!["coach"])),
            // aliases and odd spellings count as the rung they name
            (
                "Authority",
                "",
                vec![
                    "REASON",
                    "inspire",
                    "Coach",
                    "feel_good",
                    "deal",
                    "favor",
                    "Silent Allies",
                ],
                None,
            ),
            (
                "reason",
                "force",
                vec![],
                Some(GENTLE[1..].iter().copied().chain(["authority"]).collect()),
            ),
            ("authority", "force", everything_gentle.clone(), None),
            ("deal", "authority", all_but("deal"), None),
            // unknown rungs never warn and never count as tried
            ("bribe", "", vec![], None),
            ("authority", "", vec!["bribe"], Some(GENTLE.to_vec())),
        ];
        for (primary, backup, tried, want) in cases {
            let p = plan("Dr Okafor", primary, backup, &tried);
            let w = warning_for(&ladder, &History::default(), &p);
            let want: Option<Vec<String>> = want.map(|v| v.iter().map(|s| s.to_string()).collect());
            assert_eq!(
                untried_keys(&ladder, &w),
                want,
                "{primary}/{backup} after {tried:?}"
            );
        }
    }

    #[test]
    fn tried_counts_across_plans_for_the_same_person_only() {
        let ladder = Ladder::embedded();
        let earlier = plan(
            "  dr   OKAFOR ",
            "reason",
            "",
            &["inspire", "coach", "feel-good"],
        );
        let mut with_outcome = plan("Dr Okafor", "deal", "", &["favour"]);
        with_outcome.outcome = Some(Outcome {
            result: Some(OutcomeResult::Resistance),
            ..Default::default()
        });
        let mut no_outcome = plan("Dr Okafor", "silent-allies", "", &[]);
        no_outcome.outcome = Some(Outcome::default());
        let someone_else = plan("Dr Okafo", "silent-allies", "", &["silent-allies"]);
        let plans = [earlier, with_outcome, no_outcome, someone_else];
        let history = History::from_plans(&ladder, &plans);
        let now = plan("Dr Okafor", "authority", "", &[]);
        let w = warning_for(&ladder, &history, &now).unwrap();
        // reason: earlier plan's primary has no outcome, so it is not tried; silent allies only tried by someone else
        assert_eq!(
            untried_keys(&ladder, &Some(w.clone())).unwrap(),
            ["reason", "silent-allies"]
        );
        assert_eq!(
            w.headline(&ladder, "Dr Okafor"),
            "Authority chosen before Reason and Silent allies were tried with Dr Okafor."
        );
        // One full stop, after a shortened name or an abbreviation too.
        assert!(w.headline(&ladder, "Dr Okaf…").ends_with("with Dr Okaf…"));
        assert!(
            w.headline(&ladder, "Sam Jones Jr.")
                .ends_with("with Sam Jones Jr.")
        );
    }

    #[test]
    fn reason_is_carried_not_required() {
        let ladder = Ladder::embedded();
        let mut p = plan("A", "force", "", &[]);
        p.tactic.escalation_reason = "  patient safety, today  ".into();
        let w = warning_for(&ladder, &History::default(), &p).unwrap();
        assert_eq!(w.reason.as_deref(), Some("patient safety, today"));
        assert!(
            w.lines(&ladder, "A")
                .iter()
                .any(|l| l.contains("Reason given"))
        );
        p.tactic.escalation_reason.clear();
        let lines = warning_for(&ladder, &History::default(), &p)
            .unwrap()
            .lines(&ladder, "A");
        assert_eq!(lines.len(), 3);
        assert!(lines[1].contains("compliance"));
    }

    fn headline(primary: &str, backup: &str, tried: &[&str]) -> String {
        let ladder = Ladder::embedded();
        let p = plan("Dr Adeyemi", primary, backup, tried);
        warning_for(&ladder, &History::default(), &p)
            .map(|w| w.headline(&ladder, "Dr Adeyemi"))
            .unwrap_or_default()
    }

    #[test]
    fn the_headline_reads_for_each_combination_and_never_names_a_chosen_rung_as_untried() {
        // Primary only.
        assert_eq!(
            headline(
                "force",
                "",
                &["reason", "inspire", "coach", "feel-good", "deal", "favour"]
            ),
            "Force chosen before Silent allies and Authority were tried with Dr Adeyemi."
        );
        assert_eq!(
            headline(
                "authority",
                "deal",
                &["reason", "inspire", "coach", "feel-good", "favour"]
            ),
            "Authority chosen before Silent allies was tried with Dr Adeyemi."
        );
        // Backup only.
        assert_eq!(
            headline(
                "coach",
                "force",
                &["reason", "inspire", "feel-good", "deal", "favour"]
            ),
            "Force chosen as the backup before Silent allies and Authority were tried with Dr Adeyemi."
        );
        // Both: the backup is part of the plan, so it is not among the untried.
        assert_eq!(
            headline("force", "authority", &["reason", "deal"]),
            "Force, with Authority as the backup, chosen before Inspire, Coach, Feel Good, Favour and Silent \
             allies were tried with Dr Adeyemi."
        );
        assert_eq!(
            headline(
                "authority",
                "force",
                &["reason", "inspire", "coach", "deal", "favour"]
            ),
            "Authority, with Force as the backup, chosen before Feel Good and Silent allies were tried with \
             Dr Adeyemi."
        );
        let all = ["reason", "inspire", "coach", "feel-good", "deal", "favour"];
        assert_eq!(
            headline("force", "authority", &all),
            "Force, with Authority as the backup, chosen before Silent allies was tried with Dr Adeyemi."
        );
        // Authority's only gentler gap was Force's own: once the gentle rungs are tried, nothing is early.
        assert_eq!(
            headline(
                "force",
                "authority",
                &[all.as_slice(), &["silent-allies"]].concat()
            ),
            ""
        );
    }

    #[test]
    fn a_reason_belongs_to_an_escalation_the_plan_still_chooses() {
        let ladder = Ladder::embedded();
        let mut p = plan("A", "force", "", &[]);
        p.tactic.escalation_reason = "urgent".into();
        assert!(chooses_escalation(&ladder, &p.tactic));
        assert_eq!(reason_to_show(&ladder, &p.tactic), "urgent");
        assert_eq!(clear_stale_reason(&ladder, &mut p.tactic), None);
        // An escalation backup keeps it.
        p.tactic.primary = test_rung("reason");
        p.tactic.backup = test_rung("authority");
        assert_eq!(clear_stale_reason(&ladder, &mut p.tactic), None);
        assert_eq!(p.tactic.escalation_reason, "urgent");
        // Neither rung escalates: nothing shown, and cleared.
        p.tactic.backup = test_rung("deal");
        assert!(!chooses_escalation(&ladder, &p.tactic));
        assert_eq!(reason_to_show(&ladder, &p.tactic), "");
        assert_eq!(
            clear_stale_reason(&ladder, &mut p.tactic).as_deref(),
            Some("urgent")
        );
        assert_eq!(p.tactic.escalation_reason, "");
        assert_eq!(clear_stale_reason(&ladder, &mut p.tactic), None);
        // All gentle rungs tried: Force no longer warns, but the reason still belongs to it.
        let mut p = plan("A", "force", "", &GENTLE);
        p.tactic.escalation_reason = "kept".into();
        assert_eq!(clear_stale_reason(&ladder, &mut p.tactic), None);
    }

    #[test]
    fn a_hard_primary_and_a_hard_backup_are_both_named() {
        let ladder = Ladder::embedded();
        let p = plan("Dr Okafor", "authority", "force", &[]);
        let w = warning_for(&ladder, &History::default(), &p).unwrap();
        assert!(
            w.headline(&ladder, "Dr Okafor")
                .starts_with("Authority, with Force as the backup, chosen before Reason,"),
            "{}",
            w.headline(&ladder, "Dr Okafor")
        );
        // The other way round: the hard backup is named once, as chosen, and not among the untried.
        let p = plan("Dr Okafor", "force", "authority", &[]);
        let w = warning_for(&ladder, &History::default(), &p).unwrap();
        let headline = w.headline(&ladder, "Dr Okafor");
        assert!(
            headline.starts_with("Force, with Authority as the backup, chosen before Reason,")
                && headline.contains("Feel Good, Deal, Favour and Silent allies were tried"),
            "{headline}"
        );
        let p = plan("Dr Okafor", "reason", "force", &[]);
        let w = warning_for(&ladder, &History::default(), &p).unwrap();
        assert!(
            w.headline(&ladder, "Dr Okafor")
                .starts_with("Force chosen as the backup before Inspire,")
        );
    }
}
