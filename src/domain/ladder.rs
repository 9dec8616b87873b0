//! The escalation ladder, gentle to hard. It is data (`assets/ladder.toml`, embedded) so that the wording can be
//! improved, or the whole ladder replaced by a user's own file, without touching the rules that use it.

use serde::Deserialize;

use super::rung::{RungId, RungKey, RungRef};

/// The ladder shipped with the program.
pub(crate) const EMBEDDED_LADDER: &str = include_str!("../../assets/ladder.toml");

/// The fewest rungs a ladder may have: one rung is no ladder, and nothing would be gentler than anything.
pub(crate) const MIN_RUNGS: usize = 2;

/// The most rungs a ladder may have: the taxonomies people use run from Cialdini's six to Yukl's eleven, and a
/// twelfth still fits one printed page and one screen. The digits pick rungs 1 to 9; the rest are picked by
/// moving the highlight onto them.
pub const MAX_RUNGS: usize = 12;

/// The tactics in order, gentlest first. Positions in this list are the rung numbers minus one.
#[derive(Debug, Clone, PartialEq)]
pub struct Ladder {
    rungs: Vec<Rung>,
}

/// One tactic on the ladder, with the guidance shown while choosing and preparing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub research_name: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub research_note: String,
    #[serde(default)]
    pub escalation: bool,
    /// The rung that works through other people (Silent allies, Yukl's coalition): choosing it lists the people
    /// the stakeholder listens to as candidate allies. At most one rung has it.
    #[serde(default)]
    pub coalition: bool,
    #[serde(default)]
    pub caution: String,
    #[serde(default)]
    pub prepare_prompt: String,
    #[serde(default)]
    pub guidance: Guidance,
}

/// What a user needs to judge a tactic: when it helps, when it backfires, how to open, what to prepare.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    #[serde(default)]
    pub helps: String,
    #[serde(default)]
    pub backfires: String,
    #[serde(default)]
    pub opener: String,
    #[serde(default)]
    pub prepare: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LadderFile {
    version: u32,
    #[serde(rename = "rung")]
    rungs: Vec<Rung>,
}

/// Why a ladder file was refused, with the place in the file when the parser knows it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{message}", location.map(|(l, c)| format!("{l}:{c}: ")).unwrap_or_default())]
pub struct LadderError {
    /// 1-based line and column.
    pub location: Option<(usize, usize)>,
    pub message: String,
}

impl LadderError {
    fn plain(message: impl Into<String>) -> Self {
        Self {
            location: None,
            message: message.into(),
        }
    }
}

impl Ladder {
    /// The shipped ladder. It is checked by a test, so failing here would be a build mistake, not user input.
    pub fn embedded() -> Self {
        match Self::from_toml(EMBEDDED_LADDER) {
            Ok(ladder) => ladder,
            Err(e) => panic!("the embedded ladder is invalid: {e}"),
        }
    }

    /// Parses and validates a ladder file, so that a user's replacement is refused with a message they can act on
    /// rather than breaking screens later.
    pub fn from_toml(text: &str) -> Result<Self, LadderError> {
        let file: LadderFile = toml::from_str(text).map_err(|e| LadderError {
            location: e
                .span()
                .map(|s| crate::domain::text_position(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        if file.version != 1 {
            return Err(LadderError::plain(format!(
                "ladder version {} is not supported (expected 1)",
                file.version
            )));
        }
        let ladder = Ladder { rungs: file.rungs };
        ladder.validate()?;
        Ok(ladder)
    }

    fn validate(&self) -> Result<(), LadderError> {
        if self.rungs.len() < MIN_RUNGS || self.rungs.len() > MAX_RUNGS {
            return Err(LadderError::plain(format!(
                "a ladder needs between {MIN_RUNGS} and {MAX_RUNGS} rungs, this one has {}",
                self.rungs.len()
            )));
        }
        let mut seen: Vec<String> = Vec::new();
        for (i, rung) in self.rungs.iter().enumerate() {
            let n = i + 1;
            if rung.key.is_empty()
                || !rung
                    .key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(LadderError::plain(format!(
                    "rung {n}: key {:?} must be lowercase letters, digits and '-'",
                    rung.key
                )));
            }
            if rung.name.trim().is_empty() {
                return Err(LadderError::plain(format!(
                    "rung {n} ({}) has no name",
                    rung.key
                )));
            }
            let mut own: Vec<String> = Vec::new();
            for spelling in std::iter::once(&rung.key)
                .chain(&rung.aliases)
                .chain([&rung.name])
            {
                let norm = normalize_key(spelling);
                if own.contains(&norm) {
                    continue;
                }
                own.push(norm.clone());
                if seen.contains(&norm) {
                    return Err(LadderError::plain(format!(
                        "rung {n} ({}): {spelling:?} is already used by another rung",
                        rung.key
                    )));
                }
                seen.push(norm);
            }
        }
        let coalition: Vec<&str> = self
            .rungs
            .iter()
            .filter(|r| r.coalition)
            .map(|r| r.key.as_str())
            .collect();
        if coalition.len() > 1 {
            return Err(LadderError::plain(format!(
                "only one rung can be the coalition tactic (coalition = true); {} are",
                coalition.join(", ")
            )));
        }
        Ok(())
    }

    /// The coalition rung (0-based), where the ladder marks one: the tactic whose preparation is choosing allies.
    pub fn coalition(&self) -> Option<usize> {
        self.rungs.iter().position(|r| r.coalition)
    }

    /// The rungs gentlest first: index 0 is rung 1, as every list and chart numbers them.
    pub fn rungs(&self) -> &[Rung] {
        &self.rungs
    }

    pub fn len(&self) -> usize {
        self.rungs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rungs.is_empty()
    }

    /// A rung by 0-based position; `None` past the end, since positions can come from a file.
    pub(crate) fn get(&self, index: usize) -> Option<&Rung> {
        self.rungs.get(index)
    }

    /// The position (0-based) of a rung given as a key, a name, an alias or a rung number, in any case and with
    /// `_` or spaces for `-`, so that `Feel_Good`, `favor` and `9` all work.
    pub fn position(&self, input: &str) -> Option<usize> {
        // Files hold canonical keys: find those without allocating (lists call this for every plan). Spellings
        // are unique across rungs (see `validate`), so this finds what the full comparison below would.
        if !input.bytes().all(|b| b.is_ascii_digit())
            && let Some(i) = self.rungs.iter().position(|r| r.key == input)
        {
            return Some(i);
        }
        let norm = normalize_key(input);
        if norm.is_empty() {
            return None;
        }
        if let Ok(n) = norm.parse::<usize>() {
            return (1..=self.rungs.len()).contains(&n).then(|| n - 1);
        }
        self.rungs.iter().position(|r| {
            normalize_key(&r.key) == norm
                || normalize_key(&r.name) == norm
                || r.aliases.iter().any(|a| normalize_key(a) == norm)
        })
    }

    /// The rung for an input spelling, see [`Ladder::position`].
    pub fn find(&self, input: &str) -> Option<&Rung> {
        self.position(input).and_then(|i| self.rungs.get(i))
    }

    /// The rung at a 0-based position, as a plan should name it: by its canonical key. What a pick on screen
    /// or a rung typed on the command line becomes.
    pub fn pick(&self, index: usize) -> Option<RungRef> {
        let rung = self.rungs.get(index)?;
        Some(RungRef::Known {
            id: RungId::at(index),
            key: RungKey::new(rung.key.clone())?,
        })
    }

    /// A rung typed by a person (key, name, alias or number, see [`Ladder::position`]), named canonically.
    pub(crate) fn pick_input(&self, input: &str) -> Option<RungRef> {
        self.position(input).and_then(|i| self.pick(i))
    }

    /// Resolves a key as a file spells it: known to this ladder, or kept as an unknown key. The spelling is
    /// kept either way, so that a save writes back what was read.
    pub(crate) fn resolve(&self, key: RungKey) -> RungRef {
        match self.position(key.as_str()) {
            Some(i) => RungRef::Known {
                id: RungId::at(i),
                key,
            },
            None => RungRef::Unknown(key),
        }
    }

    /// A rung as a file spells it, resolved as a loader resolves it; `None` for the empty text (no rung).
    pub fn resolve_text(&self, text: &str) -> Option<RungRef> {
        RungKey::new(text).map(|key| self.resolve(key))
    }

    /// Resolves again against this ladder (a plan made or read with another one, or by serde alone).
    pub(crate) fn re_resolve(&self, rung: &mut RungRef) {
        let key = rung.key().clone();
        *rung = self.resolve(key);
    }

    /// The 0-based position of a rung a plan names, when this ladder knows it: what indexes a list kept per rung.
    /// The range is checked, so a rung resolved against another ladder cannot index past this one.
    pub(crate) fn index_of(&self, rung: Option<&RungRef>) -> Option<usize> {
        rung.and_then(RungRef::index)
            .filter(|&i| i < self.rungs.len())
    }

    /// The rung a plan names, when this ladder knows it.
    pub(crate) fn rung(&self, rung: &RungRef) -> Option<&Rung> {
        rung.index().and_then(|i| self.rungs.get(i))
    }

    /// "9 Force" style label; the key as written marked `?` when this ladder lacks it; empty for no rung.
    pub fn label(&self, rung: Option<&RungRef>) -> String {
        match rung {
            None => String::new(),
            Some(r) => match self.rung(r) {
                Some(known) => format!("{} {}", r.index().map_or(0, |i| i + 1), known.name),
                None => format!("? {}", crate::domain::text::one_line(r.key().as_str())),
            },
        }
    }

    /// The canonical keys, for error messages that list what is accepted.
    pub(crate) fn keys(&self) -> Vec<&str> {
        self.rungs.iter().map(|r| r.key.as_str()).collect()
    }

    /// Rung names in the order given, joined for a sentence: "Reason, Inspire and Coach".
    pub(crate) fn names_for_sentence(&self, rungs: &[usize]) -> String {
        let names: Vec<&str> = rungs
            .iter()
            .filter_map(|&i| self.get(i))
            .map(|r| r.name.as_str())
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

fn normalize_key(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escalating(ladder: &Ladder) -> Vec<&str> {
        ladder
            .rungs()
            .iter()
            .filter(|r| r.escalation)
            .map(|r| r.key.as_str())
            .collect()
    }

    #[test]
    fn embedded_ladder_is_valid_and_ordered() {
        let ladder = Ladder::embedded();
        assert_eq!(
            ladder.keys(),
            [
                "reason",
                "inspire",
                "coach",
                "feel-good",
                "deal",
                "favour",
                "silent-allies",
                "authority",
                "force"
            ]
        );
        assert_eq!(escalating(&ladder), ["authority", "force"]);
        for r in ladder.rungs() {
            assert!(!r.summary.is_empty(), "{} has no summary", r.key);
            assert!(!r.guidance.helps.is_empty(), "{} has no guidance", r.key);
            assert!(!r.guidance.backfires.is_empty(), "{}", r.key);
            assert!(!r.guidance.opener.is_empty(), "{}", r.key);
            assert!(!r.guidance.prepare.is_empty(), "{}", r.key);
            assert!(!r.research_name.is_empty(), "{}", r.key);
            assert!(!r.source.is_empty(), "{}", r.key);
            assert!(!r.prepare_prompt.is_empty(), "{}", r.key);
        }
    }

    /// The worked example shipped beside the default ladder, and the shortest and longest ladders the tests use.
    const YUKL: &str = include_str!("../../assets/ladders/yukl-11.toml");
    const TWO: &str = include_str!("../../tests/fixtures/ladders/two.toml");
    const TWELVE: &str = include_str!("../../tests/fixtures/ladders/twelve.toml");

    #[test]
    fn the_yukl_example_has_eleven_tactics_with_guidance_and_sources() {
        let ladder = Ladder::from_toml(YUKL).unwrap();
        assert_eq!(
            ladder.keys(),
            [
                "rational-persuasion",
                "apprising",
                "inspirational-appeal",
                "consultation",
                "collaboration",
                "ingratiation",
                "personal-appeal",
                "exchange",
                "coalition",
                "legitimating",
                "pressure"
            ]
        );
        assert_eq!(escalating(&ladder), ["legitimating", "pressure"]);
        for r in ladder.rungs() {
            assert!(
                r.summary.chars().count() <= 60,
                "{}: summary too long",
                r.key
            );
            for text in [
                &r.summary,
                &r.research_name,
                &r.source,
                &r.research_note,
                &r.prepare_prompt,
                &r.guidance.helps,
                &r.guidance.backfires,
                &r.guidance.opener,
                &r.guidance.prepare,
            ] {
                assert!(!text.trim().is_empty(), "{} lacks a field", r.key);
                // No percentages or effect sizes: nothing on screen that the sources cannot back.
                assert!(!text.contains('%'), "{}: {text}", r.key);
            }
        }
        // The old ladder's words still find their nearest tactic, so a plan typed from habit resolves.
        assert_eq!(ladder.position("force"), Some(10));
        assert_eq!(ladder.position("Reason"), Some(0));
        assert_eq!(ladder.position("11"), Some(10));
    }

    #[test]
    fn ladders_of_two_to_twelve_rungs_are_accepted_and_no_more() {
        assert_eq!(Ladder::from_toml(TWO).unwrap().len(), MIN_RUNGS);
        let twelve = Ladder::from_toml(TWELVE).unwrap();
        assert_eq!(twelve.len(), MAX_RUNGS);
        assert_eq!(twelve.position("12"), Some(11));
        assert_eq!(twelve.position("13"), None);
        let thirteen =
            format!("{TWELVE}\n[[rung]]\nkey = \"more\"\nname = \"More\"\nsummary = \"\"\n");
        let e = Ladder::from_toml(&thirteen).unwrap_err();
        assert!(
            e.message
                .contains("between 2 and 12 rungs, this one has 13"),
            "{e}"
        );
    }

    #[test]
    fn a_key_resolves_once_into_a_known_rung_or_a_kept_unknown_key() {
        let l = Ladder::embedded();
        let feel = l.resolve_text("Feel Good").unwrap();
        assert_eq!(feel.index(), Some(3));
        // The spelling is kept, so that a save writes back what was read.
        assert_eq!(feel.key().as_str(), "Feel Good");
        assert_eq!(l.label(Some(&feel)), "4 Feel Good");
        let bribe = l.resolve_text("bribe").unwrap();
        assert_eq!(bribe, RungRef::Unknown(RungKey::new("bribe").unwrap()));
        assert_eq!(l.label(Some(&bribe)), "? bribe");
        assert_eq!(l.resolve_text(""), None);
        assert_eq!(l.label(None), "");
        // A rung picked on screen or typed on the command line is named by its canonical key.
        assert_eq!(l.pick_input("FAVOR").unwrap().key().as_str(), "favour");
        // Resolved against a shorter ladder, a rung it lacks becomes unknown and cannot index past its end.
        let two = Ladder::from_toml(TWO).unwrap();
        let mut force = l.pick_input("force").unwrap();
        assert_eq!(
            two.index_of(Some(&force)),
            None,
            "an id from another ladder"
        );
        two.re_resolve(&mut force);
        assert_eq!(force, RungRef::Unknown(RungKey::new("force").unwrap()));
        two.re_resolve(&mut bribe.clone());
    }

    #[test]
    fn accepts_aliases_in_any_case() {
        let l = Ladder::embedded();
        for (input, want) in [
            ("favor", "favour"),
            ("FAVOUR", "favour"),
            ("feel_good", "feel-good"),
            ("Feel Good", "feel-good"),
            ("silent_allies", "silent-allies"),
            ("  Silent   Allies ", "silent-allies"),
            ("9", "force"),
            ("1", "reason"),
        ] {
            assert_eq!(l.find(input).map(|r| r.key.as_str()), Some(want), "{input}");
        }
        for bad in ["", "10", "0", "charm", "-"] {
            assert_eq!(l.position(bad), None, "{bad}");
        }
    }

    #[test]
    fn rejects_bad_ladders_with_a_reason() {
        let e =
            Ladder::from_toml("version = 1\n[[rung]]\nkey = \"a\"\nname = \"A\"\nsummary = \"\"\n")
                .unwrap_err();
        assert!(e.message.contains("between 2 and 12"), "{e}");
        let e = Ladder::from_toml("version = 1\nrung = 3\n").unwrap_err();
        assert_eq!(e.location, Some((2, 8)), "{e}");
        let dup = "version = 1\n[[rung]]\nkey = \"a\"\nname = \"A\"\nsummary = \"\"\n[[rung]]\nkey = \"b\"\nname = \"a\"\nsummary = \"\"\n";
        assert!(
            Ladder::from_toml(dup)
                .unwrap_err()
                .message
                .contains("already used")
        );
        let e = Ladder::from_toml("version = 2\nrung = []\n").unwrap_err();
        assert!(e.message.contains("version 2"));
        let e = Ladder::from_toml(
            "version = 1\n[[rung]]\nkey = \"a\"\nname = \"A\"\nsummary = \"\"\ncolour = 1\n",
        )
        .unwrap_err();
        assert!(e.message.contains("colour"), "{e}");
    }
}

#[cfg(test)]
mod coalition_tests {
    use super::*;

    #[test]
    fn the_shipped_ladders_mark_their_coalition_rung_and_two_are_refused() {
        let ladder = Ladder::embedded();
        assert_eq!(
            ladder.coalition().map(|i| ladder.rungs()[i].key.as_str()),
            Some("silent-allies")
        );
        let yukl = Ladder::from_toml(include_str!("../../assets/ladders/yukl-11.toml")).unwrap();
        assert_eq!(
            yukl.coalition().map(|i| yukl.rungs()[i].key.as_str()),
            Some("coalition")
        );
        let two = EMBEDDED_LADDER.replacen(
            "escalation = false\n",
            "escalation = false\ncoalition = true\n",
            1,
        );
        let err = Ladder::from_toml(&two).unwrap_err();
        assert!(err.message.contains("only one rung"), "{err}");
        let none = EMBEDDED_LADDER.replace("coalition = true\n", "");
        assert_eq!(Ladder::from_toml(&none).unwrap().coalition(), None);
    }
}
