//! The spelling key: the form of a name two spellings of one person share. Everything that compares stakeholder
//! names (the history, the stats, the lists, the register) compares these keys.

use unicode_normalization::UnicodeNormalization;

/// The key of a name: what is left once the differences that never tell two people apart are removed.
///
/// - case ("DR ADEYEMI"), and spaces around, between and repeated;
/// - punctuation: a title's full stop ("Dr. Adeyemi" = "Dr Adeyemi"), commas, hyphens and brackets count as a
///   space ("Jean-Luc" = "Jean Luc"); apostrophes are dropped ("O'Brien" = "OBrien", ’ as ');
/// - Unicode forms: "Ö" as one character or as O plus a combining mark (NFC), and compatibility forms such as
///   full-width letters or the "ﬁ" ligature (NFKC).
///
/// Two people whose names differ only in these ways are one person; "DrPatel" and "Dr Patel" still differ (a
/// space between letters is kept).
pub fn person_key(name: &str) -> String {
    if name.is_ascii() {
        // The common case, without an allocation per step: lists key every plan's name.
        let mut out = String::with_capacity(name.len());
        let mut gap = false;
        for b in name.bytes() {
            let c = b as char;
            if c.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '`' {
                // dropped: O'Brien is OBrien
            } else if c.is_ascii_whitespace() || c.is_ascii_punctuation() || c.is_ascii_control() {
                gap = true;
            }
        }
        out
    } else {
        let mut out = String::with_capacity(name.len());
        let mut gap = false;
        for c in name.nfkc().flat_map(char::to_lowercase) {
            if is_apostrophe(c) {
                continue;
            }
            if c.is_whitespace() || c.is_control() || is_punctuation(c) || is_invisible(c) {
                gap = true;
                continue;
            }
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
        // Lowercasing can decompose (İ); compose again so both spellings end in the same form.
        out.nfc().collect()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{00b4}'
    )
}

/// Punctuation that separates words. std has no Unicode general category, so: ASCII's, and the blocks where
/// names' punctuation comes from (general punctuation, CJK, full-width forms after NFKC are ASCII already).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00a1}'..='\u{00bf}' if !c.is_alphanumeric())
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{2030}'..='\u{205e}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || c == '\u{00d7}'
}

/// Characters that draw nothing: zero-width spaces and joiners, direction marks. A pasted name often carries them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Levenshtein distance in characters, stopping early once it exceeds `limit` (returns `limit + 1` then): the
/// "did you mean" only cares about small distances, and compares a typed name with every known person.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(limit + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spacing_and_title_full_stops_do_not_make_a_new_person() {
        for same in [
            "Dr. Adeyemi",
            "dr adeyemi",
            "  DR   ADEYEMI ",
            "Dr.Adeyemi",
            "Dr Adeyemi.",
        ] {
            assert_eq!(person_key(same), "dr adeyemi", "{same:?}");
        }
        assert_eq!(
            person_key("Jean-Luc  Picard"),
            person_key("jean luc picard")
        );
        assert_eq!(person_key("O'Brien"), person_key("OBrien"));
        assert_eq!(person_key("O\u{2019}Brien"), person_key("O'Brien"));
        assert_ne!(person_key("DrPatel"), person_key("Dr Patel"));
        assert_ne!(person_key("Dr Patel"), person_key("Dr Patil"));
        assert_eq!(person_key(" .. "), "");
    }

    #[test]
    fn unicode_forms_are_one_person() {
        // Ö as one character, and as O followed by a combining diaeresis
        assert_eq!(
            person_key("Dr \u{d6}zdemir"),
            person_key("dr O\u{308}zdemir")
        );
        assert_eq!(person_key("Søren Ødegård"), person_key("SØREN ØDEGÅRD"));
        // full-width letters (NFKC) and a ligature
        assert_eq!(person_key("\u{ff24}\u{ff52} Chen"), "dr chen");
        assert_eq!(person_key("So\u{fb01}a"), "sofia");
        // invisible characters pasted with a name
        assert_eq!(person_key("Dr\u{200b} Chen\u{200f}"), "dr chen");
        assert_eq!(person_key("Dr\u{a0}Chen"), "dr chen");
        assert_eq!(person_key("Dr Chen\u{3002}"), "dr chen");
        // scripts without case keep their letters and marks
        assert_eq!(person_key("שרה  לוי"), "שרה לוי");
        assert_eq!(person_key("अनीता"), "अनीता");
    }

    #[test]
    fn the_ascii_path_and_the_unicode_path_agree() {
        for name in ["Dr. Adeyemi", "O'Brien-Smith", "a\tb", "X,  Y"] {
            let forced = format!("{name}\u{e9}");
            let k = person_key(&forced);
            assert_eq!(k.trim_end_matches('\u{e9}'), person_key(name), "{name:?}");
        }
    }

    #[test]
    fn edit_distance_counts_and_stops_early() {
        assert_eq!(edit_distance("dr adeyemi", "dr adeyemmi", 2), 1);
        assert_eq!(edit_distance("patel", "patil", 2), 1);
        assert_eq!(edit_distance("abc", "abc", 0), 0);
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("a", "abcdef", 2), 3);
        assert_eq!(edit_distance("abcdef", "uvwxyz", 2), 3);
    }
}
