//! Pure types and rules: the ladder, plans, stakeholder history and the escalation rule. No I/O, no terminal.

/// Declares an enum of the words a plan or person file spells in lowercase (`status = "ready"`): every such
/// word reads and writes the same way (serde), parses in any case and lists its values (strum), and has
/// `as_str` and `names` for messages. One place, so that a new word cannot spell itself differently.
macro_rules! file_word {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
            strum::IntoStaticStr,
            strum::EnumString,
            strum::VariantArray,
        )]
        #[serde(rename_all = "lowercase")]
        #[strum(serialize_all = "lowercase", ascii_case_insensitive)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Every value as the file spells it, for messages that list the valid ones.
            pub fn names() -> Vec<&'static str> {
                <Self as strum::VariantArray>::VARIANTS.iter().map(|v| v.as_str()).collect()
            }
        }
    };
}

pub mod agenda;
pub mod changes;
pub mod dates;
pub mod escalation;
pub mod facts;
pub mod filter;
pub mod history;
pub mod ladder;
pub mod people;
pub mod plan;
pub mod problem;
pub mod rung;
pub mod sheet;
pub mod short_id;
pub mod snippet;
pub mod stats;
pub mod text;
pub mod thread;

pub use escalation::{EscalationWarning, escalation_warning};
pub use facts::{AttemptFacts, OutcomeFacts, PlanFacts};
pub use history::{History, names_match, normalize_name};
pub use ladder::{Ladder, LadderError, Rung};
pub use plan::{
    Ally, Attempt, Direction, Goal, Objection, Outcome, OutcomeResult, Plan, Prep, Stakeholder,
    Status, Tactic,
};
pub use problem::FileProblem;
pub use rung::{RungId, RungKey, RungRef};

/// 1-based line and column (in characters) of a byte offset, for messages that point into a file.
pub fn text_position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
