//! Measuring text in the embedded fonts, and splitting it into runs by which font has each character, so that a
//! name in a script the main font lacks is set in a fallback font instead of as empty boxes.

use std::cell::RefCell;
use std::collections::HashMap;

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use crate::export::font::{FontSet, LoadedFont};

/// Regular or bold: the two weights a page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// Which loaded font a run is set in: the face's own font, or a fallback by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Source {
    Main(Face),
    Fallback(usize),
}

/// Widths per character and font, cached because wrapping measures the same text many times.
pub(crate) struct Metrics<'a> {
    fonts: &'a FontSet,
    cache: RefCell<HashMap<(Source, char), Option<f32>>>,
}

/// Advance of `c` in `font`, in ems; None when the font has no glyph for it.
fn advance(font: &LoadedFont, c: char) -> Option<f32> {
    let f = font.font_ref()?;
    let gid = f.charmap().map(c)?;
    if gid.to_u32() == 0 {
        return None;
    }
    f.glyph_metrics(Size::new(1.0), LocationRef::default())
        .advance_width(gid)
}

impl<'a> Metrics<'a> {
    pub(crate) fn new(fonts: &'a FontSet) -> Self {
        Metrics {
            fonts,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub(crate) fn font(&self, source: Source) -> &LoadedFont {
        match source {
            Source::Main(Face::Regular) => &self.fonts.regular,
            Source::Main(Face::Bold) => &self.fonts.bold,
            Source::Fallback(i) => self.fonts.fallbacks.get(i).unwrap_or(&self.fonts.regular),
        }
    }

    fn advance(&self, source: Source, c: char) -> Option<f32> {
        *self
            .cache
            .borrow_mut()
            .entry((source, c))
            .or_insert_with(|| advance(self.font(source), c))
    }

    /// The font that will draw `c`: the face's own when it has the glyph, else the first fallback that does.
    fn source_for(&self, face: Face, c: char) -> Source {
        let main = Source::Main(face);
        if c.is_whitespace() || self.advance(main, c).is_some() {
            return main;
        }
        (0..self.fonts.fallbacks.len())
            .map(Source::Fallback)
            .find(|&s| self.advance(s, c).is_some())
            .unwrap_or(main)
    }

    /// Splits text into runs of one font each; combining marks stay in their letter's run.
    pub(crate) fn runs<'t>(&self, text: &'t str, face: Face) -> Vec<(Source, &'t str)> {
        let mut runs: Vec<(Source, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<Source> = None;
        for (i, c) in text.char_indices() {
            let joins = c.is_whitespace()
                || unicode_width::UnicodeWidthChar::width(c) == Some(0) && !c.is_control();
            let source = match current {
                Some(cur) if joins => cur,
                _ => self.source_for(face, c),
            };
            if current.is_some_and(|cur| cur != source) {
                runs.push((current.unwrap_or(source), &text[start..i]));
                start = i;
            }
            current = Some(source);
        }
        if let Some(cur) = current {
            runs.push((cur, &text[start..]));
        }
        runs
    }

    /// Width of `text` at `size` points. Kerning is not counted, which errs towards wider, so text never overflows.
    /// Scripts whose letters join or combine (Arabic, Devanagari, Thai) are shaped first, as krilla will draw
    /// them: their letters' own widths would leave a gap after every such word.
    pub(crate) fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        if text.chars().any(needs_shaping) {
            return self
                .runs(text, face)
                .into_iter()
                .map(|(source, part)| {
                    shaped_width(self.font(source), part).unwrap_or_else(|| self.summed(part, face))
                })
                .sum::<f32>()
                * size;
        }
        self.summed(text, face) * size
    }

    /// Width in ems, letter by letter.
    fn summed(&self, text: &str, face: Face) -> f32 {
        let mut ems = 0.0;
        for c in text.chars() {
            let source = self.source_for(face, c);
            ems += self
                .advance(source, c)
                .or_else(|| self.advance(Source::Main(face), '?'))
                .unwrap_or(0.6);
        }
        ems
    }
}

/// Letters whose drawn width depends on their neighbours.
fn needs_shaping(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF // Arabic, Syriac and presentation forms
        | 0x0900..=0x0DFF                                   // Indic scripts
        | 0x0E00..=0x0EFF                                   // Thai, Lao
        | 0x1000..=0x109F) // Myanmar
}

/// The width of `text` in ems as shaped in `font`, or None when the font cannot be read for shaping.
fn shaped_width(font: &LoadedFont, text: &str) -> Option<f32> {
    let face = rustybuzz::Face::from_slice(&font.data, font.index)?;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let glyphs = rustybuzz::shape(&face, &[], buffer);
    let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
    let per_em = face.units_per_em().max(1) as f32;
    Some(units as f32 / per_em)
}
