//! Where a query matched a plan: a short passage of the field that matched best, with the matched words marked,
//! so that a plan found by a word deep in its notes shows why it is in the list.

use std::ops::Range;

use super::filter::{Filter, fold, search_fields, word_score};
use super::people::Person;
use super::people::search::person_fields;
use super::{Ladder, Plan};

/// A passage of one field, on one line, and the byte ranges of `text` that matched a query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Which field it comes from ("attempt", "why", "objection", …): see [`search_fields`].
    pub field: &'static str,
    /// The register's name of the person whose field it is, for a passage from the plan's stakeholder's page
    /// (`None`: the plan's own field).
    pub whose: Option<String>,
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// How the passage is introduced: the field ("attempt"), or whose it is ("Dr Adeyemi's notes").
    pub fn label(&self) -> String {
        match &self.whose {
            Some(who) => super::people::search::field_label(who, self.field),
            None => self.field.to_string(),
        }
    }

    /// The passage with each matched word between `open` and `close`, for plain text (`[rota]`).
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 4 * self.marks.len());
        let mut at = 0;
        for m in &self.marks {
            out.push_str(&self.text[at..m.start]);
            out.push_str(open);
            out.push_str(&self.text[m.clone()]);
            out.push_str(close);
            at = m.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// The fields a plans list shows in its own columns: a match there needs no snippet.
pub(crate) const SHOWN_IN_LIST: [&str; 4] = ["stakeholder", "title", "goal", "tactic"];

/// The passage of `plan` that best explains why `filter` matched it, at most about `width` characters: the
/// field whose words match the most query words (the first such in [`search_fields`]' order), from a few words
/// before its first match. `None` for an empty query or a plan it does not match anywhere.
pub fn snippet(ladder: &Ladder, plan: &Plan, filter: &Filter, width: usize) -> Option<Snippet> {
    scored(search_fields(ladder, plan), filter, width).map(|(_, s)| s)
}

/// The passage of a person's register text (see [`person_fields`]) that best explains why `filter` matched a plan
/// of theirs, as [`snippet`] finds one in a plan, and how many of the query's words its field matched.
pub fn person_snippet(person: &Person, filter: &Filter, width: usize) -> Option<(usize, Snippet)> {
    let (n, mut s) = scored(person_fields(person), filter, width)?;
    s.whose = Some(person.name.trim().to_string());
    Some((n, s))
}

/// [`snippet`], with how many of the query's words the passage's field matched.
pub fn snippet_scored(
    ladder: &Ladder,
    plan: &Plan,
    filter: &Filter,
    width: usize,
) -> Option<(usize, Snippet)> {
    scored(search_fields(ladder, plan), filter, width)
}

fn scored(
    fields: Vec<(&'static str, &str)>,
    filter: &Filter,
    width: usize,
) -> Option<(usize, Snippet)> {
    if filter.is_empty() {
        return None;
    }
    let words = filter.words();
    let mut best: Option<(usize, &'static str, Vec<&str>, Vec<bool>)> = None;
    for (field, text) in fields {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let mut found = vec![false; words.len()];
        let hit: Vec<bool> = tokens
            .iter()
            .map(|t| {
                let folded = fold(t);
                let mut any = false;
                for (i, w) in words.iter().enumerate() {
                    if word_score(w, &folded).is_some() {
                        found[i] = true;
                        any = true;
                    }
                }
                any
            })
            .collect();
        let count = found.iter().filter(|f| **f).count();
        if count > best.as_ref().map_or(0, |b| b.0) {
            best = Some((count, field, tokens, hit));
            if count == words.len() {
                break;
            }
        }
    }
    let (count, field, tokens, hit) = best?;
    let first = hit.iter().position(|h| *h).unwrap_or(0);
    let start = first.saturating_sub(3);
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut used = 0;
    if start > 0 {
        text.push('…');
        used += 1;
    }
    let mut end = start;
    for (i, token) in tokens.iter().enumerate().skip(start) {
        let n = token.chars().count();
        if i > first && used + n + 1 > width {
            break;
        }
        if i > start {
            text.push(' ');
            used += 1;
        }
        let at = text.len();
        text.push_str(token);
        used += n;
        if hit[i] {
            marks.push(at..text.len());
        }
        end = i + 1;
    }
    if end < tokens.len() {
        text.push_str(" …");
    }
    Some((
        count,
        Snippet {
            field,
            whose: None,
            text,
            marks,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    #[test]
    fn marks_the_words_of_the_best_field() {
        let ladder = Ladder::embedded();
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "Dr Okafor".into();
        p.goal.want = "Adopt the sepsis pathway".into();
        p.attempts.push(crate::domain::Attempt {
            notes: format!(
                "{} she asked who owns the Rota now.\nThen we stopped.",
                "word ".repeat(50)
            ),
            ..Default::default()
        });
        let s = snippet(&ladder, &p, &Filter::new("rota okafor"), 40).unwrap();
        assert_eq!(s.field, "stakeholder");
        let s = snippet(&ladder, &p, &Filter::new("rota owns"), 40).unwrap();
        assert_eq!(s.field, "attempt");
        assert_eq!(
            s.marked("[", "]"),
            "…she asked who [owns] the [Rota] now. Then …"
        );
        assert!(snippet(&ladder, &p, &Filter::new("zebra"), 40).is_none());
        assert!(snippet(&ladder, &p, &Filter::new(""), 40).is_none());
        let mut søren = Plan::new(Timestamp::UNIX_EPOCH);
        søren.goal.why = "Ask Søren first".into();
        let s = snippet(&ladder, &søren, &Filter::new("soren"), 40).unwrap();
        assert_eq!(
            (s.field, s.marked("<", ">").as_str()),
            ("why", "Ask <Søren> first")
        );
    }
}
