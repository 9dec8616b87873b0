//! A plan: who, what, how, and what came of it. These types mirror the file format documented in
//! `docs/FORMAT.md`; the names of their fields are a contract with users' own files and tools.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use super::dates;
use super::facts::PlanFacts;
use super::ladder::Ladder;
use super::rung::{self, RungRef};

/// The plan format this program writes. A file with a newer version is opened read-only.
pub(crate) const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub version: u32,
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(with = "dates::timestamp")]
    pub created: Timestamp,
    #[serde(with = "dates::timestamp")]
    pub updated: Timestamp,
    #[serde(default)]
    pub status: Status,
    /// Why the plan was dropped, in the user's words; empty unless `status` is `dropped`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dropped_reason: String,
    /// The id of the plan this one follows up, so a conversation's history can be traced.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub follows: String,
    #[serde(default)]
    pub stakeholder: Stakeholder,
    #[serde(default)]
    pub goal: Goal,
    #[serde(default)]
    pub tactic: Tactic,
    #[serde(default, skip_serializing_if = "Prep::is_empty")]
    pub prep: Prep,
    /// For the coalition rung (Silent allies): who will put in a word, and what you will ask each to say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allies: Vec<Ally>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attempts: Vec<Attempt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

file_word! {
    /// Where a plan stands: being written, ready to take into the room, or over (done, dropped).
    #[derive(Default)]
    pub enum Status {
        #[default]
        Draft,
        Ready,
        Done,
        Dropped,
    }
}

file_word! {
    /// Which way the influence runs: the research finds that what works on a boss differs from what works on a peer.
    pub enum Direction {
        Up,
        Peer,
        Down,
        Outside,
    }
}

impl Direction {
    /// A phrase for people: "up (someone senior)".
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Direction::Up => "up: someone senior to you",
            Direction::Peer => "peer: a colleague at your level",
            Direction::Down => "down: someone who reports to you",
            Direction::Outside => "outside: another team or organisation",
        }
    }
}

file_word! {
    /// How the other person responded, after Falbe & Yukl (1992), plus "undecided" for a conversation still open.
    pub enum OutcomeResult {
        Commitment,
        Compliance,
        Resistance,
        Undecided,
    }
}

impl OutcomeResult {
    /// What each result means, so that people record the same thing by the same word.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            OutcomeResult::Commitment => "they agreed and are acting on it with energy",
            OutcomeResult::Compliance => "they are doing it, but with the least effort",
            OutcomeResult::Resistance => "they refused, argued, delayed or only pretended",
            OutcomeResult::Undecided => "no clear answer yet",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stakeholder {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cares_about: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// What you want them to do: an observable request.
    #[serde(default)]
    pub want: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// The least you would accept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub minimum: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "dates::opt_date"
    )]
    pub by: Option<Date>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tactic {
    /// The rung the plan leads with; `primary = ""` in the file (what a draft without one holds) is `None`.
    #[serde(default, with = "rung::text_or_empty")]
    pub primary: Option<RungRef>,
    /// The rung to fall back on; the key is left out of the file when there is none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rung::text_or_empty"
    )]
    pub backup: Option<RungRef>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    /// Why the user chose to escalate although gentler rungs are untried.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub escalation_reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Prep {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opening: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<String>,
    /// The answer to the chosen rung's own question (Reason: the evidence; Deal: what you can offer; ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tactic_notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objections: Vec<Objection>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask: String,
    /// What you will do if they say no (your alternative, in Fisher and Ury's terms).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fallback: String,
}

impl Prep {
    pub(crate) fn is_empty(&self) -> bool {
        self == &Prep::default()
    }
}

/// Someone you will ask to put in a word with the stakeholder, and what you will ask them to say. The name is
/// matched to a person like a stakeholder's (`domain::people`); the plan keeps it as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ally {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Objection {
    #[serde(default)]
    pub objection: String,
    #[serde(default)]
    pub response: String,
}

/// Something already tried with this stakeholder, before or during this plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attempt {
    /// The rung tried. The key is required in the file, but may be empty (`None`): the date and result still count.
    #[serde(with = "rung::text_or_empty")]
    pub tactic: Option<RungRef>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "dates::opt_date"
    )]
    pub on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<OutcomeResult>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The id of the plan this try was first recorded in, when it was carried here by a follow-up: a copy, so
    /// the plan file stays whole on its own, that the counts skip while that plan still records the same try
    /// (`domain::thread`). Empty for a try recorded in this plan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "dates::opt_date"
    )]
    pub on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<OutcomeResult>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "dates::opt_date"
    )]
    pub follow_up: Option<Date>,
}

impl Plan {
    /// A blank plan with a fresh id, created now.
    pub fn new(now: Timestamp) -> Self {
        Plan {
            version: FORMAT_VERSION,
            id: ulid::Ulid::generate().to_string(),
            title: String::new(),
            created: now,
            updated: now,
            status: Status::Draft,
            dropped_reason: String::new(),
            follows: String::new(),
            stakeholder: Stakeholder::default(),
            goal: Goal::default(),
            tactic: Tactic::default(),
            prep: Prep::default(),
            allies: Vec::new(),
            attempts: Vec::new(),
            outcome: None,
        }
    }

    /// A plan is complete enough to carry into the room once it says who, what and how.
    pub(crate) fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.stakeholder.name.trim().is_empty() {
            missing.push("stakeholder name");
        }
        if self.goal.want.trim().is_empty() {
            missing.push("what you want");
        }
        if self.tactic.primary.is_none() {
            missing.push("tactic");
        }
        missing
    }

    /// Resolves every rung the plan names against the ladder in use: what each loader does once, so that the
    /// rest of the program reads known rungs and unknown keys instead of looking text up again.
    pub(crate) fn resolve_rungs(&mut self, ladder: &Ladder) {
        resolve_rungs(ladder, &mut self.tactic, &mut self.attempts);
    }

    pub(crate) fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// The title to show: the user's own, or one made from who and what.
    pub fn display_title(&self) -> String {
        if !self.title.trim().is_empty() {
            return self.title.trim().to_string();
        }
        let want = self.goal.want.trim();
        match (self.stakeholder.name.trim(), want) {
            ("", "") => "Untitled plan".to_string(),
            (name, "") => format!("Talk with {name}"),
            (_, want) => want.to_string(),
        }
    }

    /// Status, or the outcome's result once one is recorded: what a list shows in one word.
    pub(crate) fn state_label(&self) -> &'static str {
        PlanFacts::state_label(self)
    }

    /// The date a person thinks of the plan by: when it was created, in their time zone.
    pub(crate) fn created_date(&self) -> Date {
        PlanFacts::created_date(self)
    }
}

/// Resolves the rungs of a plan's tactic and attempts: [`Plan::resolve_rungs`], and the same for a summary.
pub(crate) fn resolve_rungs(ladder: &Ladder, tactic: &mut Tactic, attempts: &mut [Attempt]) {
    let rungs = [&mut tactic.primary, &mut tactic.backup]
        .into_iter()
        .chain(attempts.iter_mut().map(|a| &mut a.tactic));
    for rung in rungs.flatten() {
        ladder.re_resolve(rung);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_parsing_is_case_insensitive() {
        assert_eq!("Ready".parse(), Ok(Status::Ready));
        assert_eq!("UP".parse(), Ok(Direction::Up));
        assert_eq!("commitment".parse(), Ok(OutcomeResult::Commitment));
        assert!("win".parse::<OutcomeResult>().is_err());
        assert_eq!(Status::Dropped.as_str(), "dropped");
        assert_eq!(Direction::Outside.as_str(), "outside");
    }

    #[test]
    fn titles_fall_back_to_who_and_what() {
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        assert_eq!(p.display_title(), "Untitled plan");
        p.stakeholder.name = "Dr Okafor".into();
        assert_eq!(p.display_title(), "Talk with Dr Okafor");
        p.goal.want = "Sign the rota".into();
        assert_eq!(p.display_title(), "Sign the rota");
        assert_eq!(p.missing(), ["tactic"]);
    }
}
