//! Right-to-left text on the page. A PDF draws glyphs where it is told, so the order a reader sees is ours to get
//! right: a Hebrew or Arabic name inside an English line ("Agree the rota with דוד כהן") must read right to left,
//! and the line around it left to right. The Unicode bidirectional algorithm (by `unicode-bidi`) splits a line into
//! runs in the order they appear on the page; each run is then shaped in its own direction and placed after the
//! one before. The page itself is left to right (labels on the left), so that is every line's base direction.

use unicode_bidi::{BidiInfo, Level};

use super::metrics::{Face, Metrics, Source};

/// A piece of a line as it is drawn: its text, the font that has its letters, how far from the line's start it
/// begins, and whether it is shaped right to left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece<'t> {
    pub text: &'t str,
    pub source: Source,
    pub x: f32,
    pub rtl: bool,
}

/// Whether `text` can hold anything right to left at all; the common case skips the algorithm.
fn may_be_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF        // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
            | 0xFB1D..=0xFDFF      // Hebrew and Arabic presentation forms
            | 0xFE70..=0xFEFF      // Arabic presentation forms B
            | 0x10800..=0x10FFF    // historic right-to-left scripts
            | 0x1E800..=0x1EFFF    // Adlam and others
            | 0x200F | 0x202B | 0x202E | 0x2067) // right-to-left marks, embeddings, overrides, isolates
    })
}

/// The line's runs in the order they appear on the page, each with its direction.
fn visual_runs(text: &str) -> Vec<(&str, bool)> {
    if !may_be_rtl(text) {
        return vec![(text, false)];
    }
    let info = BidiInfo::new(text, Some(Level::ltr()));
    let mut out = Vec::new();
    for para in &info.paragraphs {
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            if let Some(piece) = text.get(run) {
                out.push((piece, rtl));
            }
        }
    }
    out
}

/// Where each piece of `text` goes, from the left end of the line. Within a right-to-left run the font runs are
/// placed from the right, so the run's first letter ends up rightmost.
pub(crate) fn place<'t>(text: &'t str, face: Face, size: f32, m: &Metrics) -> Vec<Piece<'t>> {
    let mut pieces = Vec::new();
    let mut x = 0.0;
    for (run, rtl) in visual_runs(text) {
        let mut fonts = m.runs(run, face);
        if rtl {
            fonts.reverse();
        }
        for (source, part) in fonts {
            pieces.push(Piece {
                text: part,
                source,
                x,
                rtl,
            });
            x += m.width(part, face, size);
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_one_run() {
        assert_eq!(
            visual_runs("Dr Okafor · Søren 中文"),
            vec![("Dr Okafor · Søren 中文", false)]
        );
    }

    #[test]
    fn a_hebrew_name_in_an_english_line_reads_right_to_left() {
        let runs = visual_runs("Agree the rota with דוד כהן before Friday");
        assert_eq!(
            runs,
            vec![
                ("Agree the rota with ", false),
                ("דוד כהן", true),
                (" before Friday", false)
            ]
        );
    }

    #[test]
    fn numbers_inside_arabic_stay_left_to_right() {
        let runs = visual_runs("جناح 7 اليوم");
        // Visual order: the later word first (leftmost), then the number, then the first word; the spaces belong
        // to the Arabic around them.
        assert_eq!(runs, vec![(" اليوم", true), ("7", false), ("جناح ", true)]);
    }

    #[test]
    fn a_line_that_is_all_hebrew_is_one_right_to_left_run() {
        assert_eq!(visual_runs("ד״ר דוד כהן"), vec![("ד״ר דוד כהן", true)]);
    }
}
