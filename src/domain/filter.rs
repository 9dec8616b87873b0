//! The live filter over plans, one definition for the command line and the full-screen list. Each word of the
//! query must be found in the text, in any order: as a substring ("sepsis", "afor"), or fuzzily inside one word
//! of the text ("okfr" finds "Okafor"). A word never matches letters scattered across several words, so "okafor"
//! does not find "of kale after food or rest": a loose fuzzy match found most of a large workbook and told the
//! user nothing. Case and accents are ignored ("soren" finds "Søren"), by nucleo's Unicode tables.
//!
//! A query that grows by typing only narrows: whatever matches "okaf" also matched "oka". Front ends use that to
//! look only at the previous keystroke's hits.

use nucleo_matcher::chars::{normalize, to_lower_case};

use super::{Ladder, Plan};

/// Text as the filter compares it: lower case by simple Unicode case folding, accents removed. Lists fold each
/// text once when they are built, so a keystroke only compares.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Most letters of a mostly-ASCII text (a dash or a quote makes it non-ASCII) skip the Unicode tables.
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                to_lower_case(normalize(to_lower_case(c)))
            }
        })
        .collect()
}

/// A compiled query.
pub struct Filter {
    /// The query's words, folded.
    words: Vec<String>,
}

/// Scores: a match at the start of a word ranks above one inside a word, which ranks above a fuzzy one.
const AT_WORD_START: u32 = 300;
const INSIDE_WORD: u32 = 200;
const FUZZY: u32 = 100;

impl Filter {
    pub fn new(query: &str) -> Self {
        Filter {
            words: query.split_whitespace().map(fold).collect(),
        }
    }

    /// The query's words, folded.
    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }

    /// True when the query matches everything.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// A score when `text` matches (higher is better), None when it does not.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        if self.words.is_empty() {
            return Some(0);
        }
        self.score_folded(&fold(text))
    }

    /// Like [`Filter::score`], for a text already passed through [`fold`]: the cheap path a list takes on every
    /// keystroke.
    pub(crate) fn score_folded(&self, text: &str) -> Option<u32> {
        self.words
            .iter()
            .try_fold(0u32, |total, w| Some(total + word_score(w, text)?))
    }
}

/// How well one folded query word matches a folded text, if it does.
pub(crate) fn word_score(word: &str, text: &str) -> Option<u32> {
    if let Some(at) = text.find(word) {
        let starts_word = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        return Some(if starts_word {
            AT_WORD_START
        } else {
            INSIDE_WORD
        });
    }
    // Fuzzy, inside one word of the text: the tighter the letters lie, the better. Most texts do not hold the
    // letters in order at all; one pass over the whole text rules those out before splitting it into words.
    if !is_subsequence(word, text) {
        return None;
    }
    let wanted = word.chars().count();
    let score = |span: usize| FUZZY.saturating_sub(u32::try_from(span - wanted).unwrap_or(FUZZY));
    if word.is_ascii() && text.is_ascii() {
        // Most texts and queries: the same walk over bytes, several times faster than decoding characters.
        text.as_bytes()
            .split(u8::is_ascii_whitespace)
            .filter(|w| w.len() >= wanted)
            .filter_map(|w| fuzzy_span(word.bytes(), w.iter().copied()))
            .map(score)
            .max()
    } else {
        text.split_whitespace()
            // bytes, at least as many as characters: a cheap way to skip words too short to match
            .filter(|w| w.len() >= wanted)
            .filter_map(|w| fuzzy_span(word.chars(), w.chars()))
            .map(score)
            .max()
    }
}

/// Whether `word`'s bytes occur in `text` in order, anywhere: a necessary condition for a fuzzy match (characters
/// in order have their bytes in order), checked in one pass. A byte match that is no character match only lets the
/// text through to the exact check.
fn is_subsequence(word: &str, text: &str) -> bool {
    let mut rest = text.as_bytes();
    for &b in word.as_bytes() {
        match rest.iter().position(|&t| t == b) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// When `word`'s letters occur in order in `within` (both as characters, or both as bytes), how many letters of
/// `within` the shortest such run starting at the first possible letter spans.
fn fuzzy_span<T: PartialEq + Copy>(
    word: impl Iterator<Item = T>,
    within: impl Iterator<Item = T>,
) -> Option<usize> {
    let mut need = word.peekable();
    let mut span = 0;
    let mut started = false;
    for c in within {
        let Some(&n) = need.peek() else { break };
        if started {
            span += 1;
        }
        if c == n {
            if !started {
                started = true;
                span = 1;
            }
            need.next();
        }
    }
    need.peek().is_none().then_some(span)
}

/// Every field a user wrote, labelled for a snippet, in the order a search reads them: who, the title, the goal,
/// the tactics by name, what came of it, then the longer preparation and reasoning. Empty fields are left out.
pub(crate) fn search_fields<'a>(
    ladder: &'a Ladder,
    plan: &'a Plan,
) -> Vec<(&'static str, &'a str)> {
    let mut parts: Vec<(&'static str, &'a str)> = vec![
        ("stakeholder", &plan.stakeholder.name),
        ("role", &plan.stakeholder.role),
        ("title", &plan.title),
        ("goal", &plan.goal.want),
    ];
    for rung in [&plan.tactic.primary, &plan.tactic.backup] {
        if let Some(r) = rung.as_ref().and_then(|r| ladder.rung(r)) {
            parts.push(("tactic", &r.name));
        }
    }
    if let Some(o) = &plan.outcome {
        parts.push(("outcome", &o.notes));
    }
    for a in &plan.attempts {
        parts.push(("attempt", &a.notes));
    }
    parts.push(("why", &plan.goal.why));
    parts.push(("minimum", &plan.goal.minimum));
    parts.extend(
        plan.stakeholder
            .cares_about
            .iter()
            .map(|c| ("cares about", c.as_str())),
    );
    parts.push(("rationale", &plan.tactic.rationale));
    parts.push(("escalation", &plan.tactic.escalation_reason));
    parts.push(("opening", &plan.prep.opening));
    parts.extend(plan.prep.points.iter().map(|p| ("point", p.as_str())));
    parts.push(("tactic notes", &plan.prep.tactic_notes));
    for o in &plan.prep.objections {
        parts.push(("objection", &o.objection));
        parts.push(("answer", &o.response));
    }
    parts.push(("ask", &plan.prep.ask));
    parts.push(("fallback", &plan.prep.fallback));
    for ally in &plan.allies {
        parts.push(("ally", &ally.name));
        parts.push(("ally's word", &ally.ask));
    }
    parts.push(("why dropped", &plan.dropped_reason));
    parts.retain(|(_, p)| !p.trim().is_empty());
    parts
}

/// The text a plan is searched by: every field of [`search_fields`], in its order.
pub fn search_text(ladder: &Ladder, plan: &Plan) -> String {
    // An ASCII separator keeps most texts ASCII, which the matcher scans several times faster.
    let parts: Vec<&str> = search_fields(ladder, plan)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    parts.join(" | ")
}

/// The distinct words of everything a plan holds, folded, separated by single spaces: what a full-text index
/// files the plan under. A query word matches inside one word of the text (see [`Filter`]), so matching against
/// these words alone finds exactly what matching the whole text would.
pub(crate) fn terms(ladder: &Ladder, plan: &Plan) -> String {
    let mut seen: std::collections::HashSet<String, WordHash> =
        std::collections::HashSet::with_capacity_and_hasher(256, WordHash);
    let mut out = String::new();
    each_term(ladder, plan, |word| {
        if !seen.contains(word) {
            seen.insert(word.to_string());
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    });
    out
}

/// Every word of [`terms`], as often as it occurs: for an index that keeps each word once a plan itself, where
/// making the list of distinct words first would cost a second lookup of each.
pub(crate) fn each_term(ladder: &Ladder, plan: &Plan, mut word: impl FnMut(&str)) {
    // Every field folded into one text first (folding is letter by letter, and the fields are joined by a space,
    // so its words are the fields' words in order): no allocation per word. This runs for every plan of a
    // workbook read without an index, where it cost as much as parsing.
    let mut folded = String::new();
    for (_, part) in search_fields(ladder, plan) {
        folded.push(' ');
        if part.is_ascii() {
            let start = folded.len();
            folded.push_str(part);
            folded[start..].make_ascii_lowercase();
        } else {
            folded.push_str(&fold(part));
        }
    }
    folded.split_whitespace().for_each(&mut word);
}

/// A hash for the words of plans (sets and maps built while a workbook is indexed), several times faster than
/// the standard library's on short words. It need not resist crafted keys: a plan's author could only slow the
/// indexing of their own workbook, which a few colliding words cannot do much.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHash;

impl std::hash::BuildHasher for WordHash {
    type Hasher = WordHasher;
    fn build_hasher(&self) -> WordHasher {
        WordHasher(0)
    }
}

/// See [`WordHash`]: eight bytes at a time, multiplied and rotated (as rustc's FxHash), mixed at the end so that
/// the high bits a hash table looks at depend on every byte.
pub(crate) struct WordHasher(u64);

const WORD_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 32);
        let h = h.wrapping_mul(WORD_SEED);
        h ^ (h >> 29)
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(WORD_SEED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `terms` gives exactly the words of folding each field on its own, in order, each once.
    #[test]
    fn terms_are_each_fields_words_once() {
        let ladder = Ladder::embedded();
        let mut p = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "Dr ÉLODIE Okafor".into();
        p.stakeholder.role = "Head\tof  Ward".into();
        p.goal.want = "Adopt the sepsis — pathway, ÇA VA".into();
        p.goal.why = "the rota; the ROTA again 张伟 Ωmega".into();
        p.prep.points = vec!["okafor".into(), "  ".into(), "élodie x".into()];
        p.tactic.primary = crate::domain::rung::test_rung("reason");
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::new();
        for (_, part) in search_fields(&ladder, &p) {
            for w in fold(part).split_whitespace() {
                if seen.insert(w.to_string()) {
                    words.push(w.to_string());
                }
            }
        }
        assert_eq!(terms(&ladder, &p), words.join(" "));
        assert_eq!(words.iter().filter(|w| *w == "rota").count(), 1);
    }
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};
    use jiff::Timestamp;

    #[test]
    fn fuzzy_case_insensitive_and_word_order_free() {
        let ladder = Ladder::embedded();
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "Dr Okafor".into();
        p.goal.want = "Adopt the sepsis pathway".into();
        p.tactic.primary = test_rung("silent-allies");
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
        for miss in ["berg", "okafor zebra", "force", "okafor sepsispathway"] {
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
    fn the_quick_rejection_never_drops_a_fuzzy_match() {
        for (word, text) in [
            ("okfr", "dr okafor"),
            ("sr", "søren"),
            ("ød", "søren ødegård"),
            ("张伟", "张 x 伟"),
        ] {
            assert!(is_subsequence(word, text), "{word:?} in {text:?}");
        }
        assert!(!is_subsequence("zz", "okafor z"));
        assert!(Filter::new("dgrd").score("Søren Ødegård").is_some());
        assert!(Filter::new("zzzz").score("Dr Okafor").is_none());
        // ASCII texts take a byte path, others a character path: both score alike.
        for (query, text) in [
            ("okfr", "dr okafor | sepsis"),
            ("sps", "dr okafor | sepsis"),
            ("wrd", "sepsis | ward"),
        ] {
            let ascii = Filter::new(query).score(text);
            let unicode = Filter::new(query).score(&format!("{text} ø"));
            assert!(ascii.is_some() && ascii == unicode, "{query:?} in {text:?}");
        }
    }

    #[test]
    fn a_word_never_matches_letters_scattered_across_words() {
        assert!(
            Filter::new("okafor")
                .score("of kale after food or rest")
                .is_none()
        );
        assert!(Filter::new("okfr").score("Dr Okafor").is_some());
        assert!(Filter::new("afor").score("Dr Okafor").is_some());
        assert!(Filter::new("dr okafor").score("Okafor, Dr").is_some());
        assert!(Filter::new("ØDE").score("Søren Ødegård").is_some());
    }

    #[test]
    fn a_longer_query_only_narrows() {
        let texts = ["Dr Okafor | sepsis", "of kale after food", "Okonkwo", "oak"];
        for (short, long) in [("ok", "oka"), ("oka", "okaf"), ("ok", "ok s")] {
            for t in texts {
                if Filter::new(long).score(t).is_some() {
                    assert!(Filter::new(short).score(t).is_some(), "{long} {short} {t}");
                }
            }
        }
    }

    #[test]
    fn tighter_matches_score_higher() {
        let mut f = Filter::new("deal");
        let tight = f.score("Deal with the rota").unwrap();
        let loose = f.score("discuss every available leave").unwrap_or(0);
        assert!(tight > loose);
    }
}
