//! The page as a one-page PDF with real, selectable text: the fonts are embedded (subset by krilla), so names in
//! any script the fonts cover print as written.

pub(super) mod bidi;
pub mod compose;
mod figures;
pub mod metrics;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use self::compose::{Composed, Op, Rgb, Sheet, compose, compose_sheet};
use self::metrics::{Metrics, Source};
use super::font::{FontSet, LoadedFont};
use super::layout::Page;
use crate::config::Paper;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font {0} could not be embedded")]
    Font(std::path::PathBuf),
    #[error("could not make the PDF: {0}")]
    Pdf(String),
}

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: color(c).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn stroke(c: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: color(c).into(),
        width,
        line_cap: LineCap::Round,
        ..Default::default()
    }
}

/// The krilla fonts, made once per document so each is embedded once.
struct Embedded {
    regular: Font,
    bold: Font,
    fallbacks: Vec<Font>,
}

fn embed(font: &LoadedFont) -> Result<Font, PdfError> {
    Font::new(font.data.clone().into(), font.index).ok_or_else(|| PdfError::Font(font.path.clone()))
}

impl Embedded {
    fn new(fonts: &FontSet) -> Result<Self, PdfError> {
        Ok(Embedded {
            regular: embed(&fonts.regular)?,
            bold: embed(&fonts.bold)?,
            fallbacks: fonts
                .fallbacks
                .iter()
                .map(embed)
                .collect::<Result<_, _>>()?,
        })
    }

    fn get(&self, source: Source) -> &Font {
        match source {
            Source::Main(metrics::Face::Regular) => &self.regular,
            Source::Main(metrics::Face::Bold) => &self.bold,
            Source::Fallback(i) => self.fallbacks.get(i).unwrap_or(&self.regular),
        }
    }
}

fn draw(surface: &mut Surface, op: &Op, fonts: &Embedded, m: &Metrics) {
    match op {
        Op::Text {
            x,
            y,
            size,
            face,
            color: c,
            text,
        } => {
            surface.set_fill(Some(fill(*c)));
            surface.set_stroke(None);
            for piece in bidi::place(text, *face, *size, m) {
                surface.draw_text(
                    Point::from_xy(x + piece.x, *y),
                    fonts.get(piece.source).clone(),
                    *size,
                    piece.text,
                    false,
                    if piece.rtl {
                        TextDirection::RightToLeft
                    } else {
                        TextDirection::LeftToRight
                    },
                );
            }
        }
        Op::Rect {
            x,
            y,
            w,
            h,
            fill: f,
            stroke: s,
        } => {
            let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.01), h.max(0.01)) else {
                return;
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            if let Some(path) = pb.finish() {
                surface.set_fill(f.map(fill));
                surface.set_stroke(s.map(|(c, w)| stroke(c, w)));
                surface.draw_path(&path);
            }
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            color: c,
            width,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*c, *width)));
                surface.draw_path(&path);
            }
        }
        Op::Check {
            x,
            y,
            size,
            color: c,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x + size * 0.18, y + size * 0.52);
            pb.line_to(x + size * 0.42, y + size * 0.76);
            pb.line_to(x + size * 0.84, y + size * 0.22);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*c, size * 0.14)));
                surface.draw_path(&path);
            }
        }
    }
}

/// The page as PDF bytes: always exactly one page of `paper`.
pub fn render(page: &Page, fonts: &FontSet, paper: Paper) -> Result<Vec<u8>, PdfError> {
    let m = Metrics::new(fonts);
    let composed = compose(page, &m, paper);
    write(&page.title, &composed, fonts, &m)
}

/// The pocket card ([`Page::card`]) as PDF bytes: one A6 page.
pub(crate) fn render_card(page: &Page, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    let m = Metrics::new(fonts);
    let card = page.card();
    let composed = compose_sheet(&card, &m, Sheet::card());
    write(&page.title, &composed, fonts, &m)
}

fn write(
    title: &str,
    composed: &Composed,
    fonts: &FontSet,
    m: &Metrics,
) -> Result<Vec<u8>, PdfError> {
    let embedded = Embedded::new(fonts)?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("overture".to_string()),
    );
    let (w, h) = composed.size;
    let settings =
        PageSettings::from_wh(w, h).ok_or_else(|| PdfError::Pdf("bad paper size".into()))?;
    let mut pdf_page = doc.start_page_with(settings);
    let mut surface = pdf_page.surface();
    for op in &composed.ops {
        draw(&mut surface, op, &embedded, m);
    }
    surface.finish();
    pdf_page.finish();
    doc.finish().map_err(|e| PdfError::Pdf(format!("{e:?}")))
}
