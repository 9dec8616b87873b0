//! Setting the page model on paper: a list of positioned drawing operations, built at the largest type size that
//! fits one page. Keeping placement apart from the PDF library lets tests check that nothing overlaps and nothing
//! runs off the page, without reading a PDF back.

use super::metrics::{Face, Metrics};
use crate::config::Paper;
use crate::export::layout::{Block, GIVE_WAY, Page};
use crate::export::wrap::wrap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

pub(crate) const INK: Rgb = Rgb(0x1d, 0x23, 0x2a);
pub(crate) const MUTED: Rgb = Rgb(0x5b, 0x66, 0x70);
pub(crate) const ACCENT: Rgb = Rgb(0x1f, 0x5b, 0x7a);
pub(crate) const ACCENT_LIGHT: Rgb = Rgb(0xdf, 0xeb, 0xf2);
pub(crate) const RULE: Rgb = Rgb(0xc4, 0xcc, 0xd3);
pub(crate) const TRIED: Rgb = Rgb(0xee, 0xf1, 0xf3);
pub(crate) const WARN_FILL: Rgb = Rgb(0xfd, 0xf3, 0xe3);
pub(crate) const WARN_BAR: Rgb = Rgb(0xc2, 0x74, 0x10);
pub(crate) const WARN_INK: Rgb = Rgb(0x74, 0x3b, 0x00);
pub(crate) const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// Body sizes tried, largest first. Content comes before size: the page is cut only as far as it must be to fit
/// at the smallest of these, then set at the largest size that holds what is left.
pub(crate) const BODY_SIZES: [f32; 5] = [10.0, 9.5, 9.0, 8.5, 8.0];
/// Sizes for a page that does not fit even when cut as far as it can be.
const LAST_RESORT_SIZES: [f32; 3] = [7.5, 7.0, 6.5];
/// Room kept clear at the edges: more than any printer's unprintable border.
pub(crate) const MARGIN_X: f32 = 50.0;
pub(crate) const MARGIN_TOP: f32 = 44.0;
pub(crate) const MARGIN_BOTTOM: f32 = 38.0;
const FOOTER_SIZE: f32 = 7.0;
/// Share of the type size above the baseline and below it, for DejaVu-like fonts; used to place lines and to
/// check for overlaps.
pub const ASCENT: f32 = 0.93;
pub const DESCENT: f32 = 0.24;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// Text with its left end on the baseline at (x, y).
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
    /// A tick drawn as a path (not every font has ✓), fitting a square of `size` with its top-left at (x, y).
    Check {
        x: f32,
        y: f32,
        size: f32,
        color: Rgb,
    },
}

/// The page set at one body size.
pub struct Composed {
    pub(crate) ops: Vec<Op>,
    pub body: f32,
    pub fits: bool,
    pub size: (f32, f32),
}

pub(super) struct Composer<'a> {
    pub(super) m: &'a Metrics<'a>,
    pub(super) s: f32,
    pub(super) x0: f32,
    pub(super) w: f32,
    pub(super) label_w: f32,
    /// Labels on their own line above each value, instead of in a column beside it.
    pub(super) stacked: bool,
    pub(super) y: f32,
    pub(super) bottom: f32,
    pub(super) ops: Vec<Op>,
    pub(super) notes: Option<(f32, f32)>,
}

impl Composer<'_> {
    pub(super) fn lh(&self, size: f32) -> f32 {
        size * 1.32
    }

    pub(super) fn vx(&self) -> f32 {
        self.x0 + self.label_w
    }

    pub(super) fn vw(&self) -> f32 {
        self.w - self.label_w
    }

    pub(super) fn baseline(&self, size: f32) -> f32 {
        self.y + self.lh(size) * 0.5 + size * 0.35
    }

    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, face: Face, color: Rgb, text: &str) {
        if !text.is_empty() {
            self.ops.push(Op::Text {
                x,
                y,
                size,
                face,
                color,
                text: text.to_string(),
            });
        }
    }

    pub(super) fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        self.m.width(text, face, size)
    }

    /// Wraps and sets a paragraph at the cursor; returns the first line's baseline.
    pub(super) fn para(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        size: f32,
        face: Face,
        color: Rgb,
    ) -> f32 {
        let first = self.baseline(size);
        if self.y > self.bottom {
            // Past the page already: it does not fit, and wrapping the rest would only cost time.
            self.y += self.lh(size);
            return first;
        }
        // No line holds more than this many characters (none is narrower than a fifth of an em), so a text
        // longer than the page's remaining lines can hold is cut before it is wrapped.
        let per_line = (width / (size * 0.2)).ceil().max(1.0) as usize;
        let lines_left = ((self.bottom - self.y) / self.lh(size)).ceil().max(0.0) as usize + 1;
        let text = match text.char_indices().nth(per_line * lines_left) {
            Some((i, _)) => &text[..i],
            None => text,
        };
        let measure = |t: &str| self.m.width(t, face, size);
        let lines = wrap(text, width, &measure);
        for line in lines {
            let b = self.baseline(size);
            self.text(x, b, size, face, color, &line);
            self.y += self.lh(size);
        }
        first
    }

    pub(super) fn label(&mut self, label: &str, baseline: f32) {
        if !self.stacked {
            let size = self.s * 0.82;
            self.text(self.x0, baseline, size, Face::Regular, MUTED, label);
        }
    }

    /// A label on its own line, for a stacked sheet.
    fn label_above(&mut self, label: &str) {
        let size = self.s * 0.8;
        let b = self.baseline(size);
        self.text(self.x0, b, size, Face::Bold, MUTED, &label.to_uppercase());
        self.y += self.lh(size);
    }

    pub(super) fn header(&mut self, page: &Page) {
        let ts = self.s * 1.9;
        let ds = self.s * 0.9;
        let date_w = self.width(&page.date, Face::Regular, ds);
        let first = self.y + ts * 1.0;
        self.text(
            self.x0 + self.w - date_w,
            first,
            ds,
            Face::Regular,
            MUTED,
            &page.date,
        );
        let measure = |t: &str| self.m.width(t, Face::Bold, ts);
        let lines = wrap(&page.title, self.w - date_w - self.s * 1.5, &measure);
        for line in lines {
            let b = self.y + ts;
            self.text(self.x0, b, ts, Face::Bold, INK, &line);
            self.y += ts * 1.2;
        }
        self.y += self.s * 0.45;
        self.ops.push(Op::Rect {
            x: self.x0,
            y: self.y,
            w: self.w,
            h: 1.6,
            fill: Some(ACCENT),
            stroke: None,
        });
        self.y += 1.6;
    }

    pub(super) fn heading(&mut self, heading: &str) {
        self.y += self.s * 1.0;
        let size = self.s * 0.86;
        let text = heading.to_uppercase();
        let b = self.baseline(size);
        self.text(self.x0, b, size, Face::Bold, ACCENT, &text);
        let end = self.x0 + self.width(&text, Face::Bold, size) + self.s * 0.6;
        let mid = b - size * 0.33;
        self.ops.push(Op::Line {
            x1: end,
            y1: mid,
            x2: self.x0 + self.w,
            y2: mid,
            color: RULE,
            width: 0.6,
        });
        self.y += self.lh(size) + self.s * 0.2;
    }

    pub(super) fn gap(&mut self) {
        self.y += self.s * 0.3;
    }

    pub(super) fn field(&mut self, label: &str, text: &str) {
        let (x, w, s) = (self.vx(), self.vw(), self.s);
        let b = self.para(x, w, text, s, Face::Regular, INK);
        self.label(label, b);
        self.gap();
    }

    pub(super) fn lead(&mut self, text: &str, detail: &str) {
        let ns = self.s * 1.2;
        let sep = if text.is_empty() || detail.is_empty() {
            String::new()
        } else {
            "  ·  ".to_string()
        };
        let name_w = self.width(text, Face::Bold, ns);
        let rest = format!("{sep}{detail}");
        let fits = name_w + self.width(&rest, Face::Regular, self.s) <= self.w;
        if fits {
            let b = self.baseline(ns);
            self.text(self.x0, b, ns, Face::Bold, INK, text);
            self.text(self.x0 + name_w, b, self.s, Face::Regular, MUTED, &rest);
            self.y += self.lh(ns);
        } else {
            let (x, w) = (self.x0, self.w);
            self.para(x, w, text, ns, Face::Bold, INK);
            self.para(x, w, detail, self.s, Face::Regular, MUTED);
        }
        self.gap();
    }

    /// An item with a marker hanging in the margin of the value column.
    pub(super) fn item(
        &mut self,
        marker: &str,
        indent: f32,
        text: &str,
        face: Face,
        label: Option<&str>,
    ) {
        let s = self.s;
        let hang = s * 1.1;
        let (x, w) = (self.vx() + indent, self.vw() - indent);
        let b = self.para(x + hang, w - hang, text, s, face, INK);
        self.text(x, b, s, Face::Regular, MUTED, marker);
        if let Some(label) = label {
            self.label(label, b);
        }
        self.y += s * 0.12;
    }

    pub(super) fn note(&mut self, text: &str) {
        let (x, w, size) = (self.vx() + self.s * 1.1, self.vw(), self.s * 0.85);
        self.para(x, w, text, size, Face::Regular, MUTED);
    }

    pub(super) fn block(&mut self, block: &Block) {
        if self.stacked {
            match block {
                Block::Field { label, .. }
                | Block::List { label, .. }
                | Block::Exchanges { label, .. }
                    if !label.is_empty() =>
                {
                    self.label_above(label)
                }
                _ => {}
            }
        }
        match block {
            Block::Lead { text, detail } => self.lead(text, detail),
            Block::Field { label, text } => self.field(label, text),
            Block::List {
                label,
                items,
                more,
                inline: true,
            } => {
                let text = crate::export::layout::inline_list(items, more.as_ref());
                self.field(label, &text);
            }
            Block::List {
                label, items, more, ..
            } => {
                for (i, item) in items.iter().enumerate() {
                    self.item("•", 0.0, item, Face::Regular, (i == 0).then_some(*label));
                }
                if let Some(more) = more {
                    self.note(more);
                }
                self.gap();
            }
            Block::Exchanges { label, items, more } => {
                for (i, e) in items.iter().enumerate() {
                    let q = format!("“{}”", e.objection);
                    self.item("•", 0.0, &q, Face::Bold, (i == 0).then_some(*label));
                    if !e.response.is_empty() {
                        self.y -= self.s * 0.12;
                        self.item("→", self.s * 1.1, &e.response, Face::Regular, None);
                    }
                    self.y += self.s * 0.15;
                }
                if let Some(more) = more {
                    self.note(more);
                }
                self.gap();
            }
            Block::Ladder(marks) => self.ladder(marks),
            Block::Warning { headline, details } => self.warning(headline, details),
            Block::WriteIn { results, lines } => self.write_in(results, *lines),
        }
    }

    /// The footer's small print, its baseline at `b`.
    pub(super) fn footer(&mut self, page: &Page, b: f32) {
        let left = page.footer.first().cloned().unwrap_or_default();
        self.text(self.x0, b, FOOTER_SIZE, Face::Regular, MUTED, &left);
        if let Some(right) = page.footer.get(1) {
            let w = self.width(right, Face::Regular, FOOTER_SIZE);
            self.text(
                self.x0 + self.w - w,
                b,
                FOOTER_SIZE,
                Face::Regular,
                MUTED,
                right,
            );
        }
    }
}

/// Every label a page uses, to size the label column to the longest.
fn labels(page: &Page) -> Vec<&str> {
    let mut out = vec!["Ladder", "Result", "Date", "Notes"];
    for b in page.blocks() {
        {
            match b {
                Block::Field { label, .. }
                | Block::List { label, .. }
                | Block::Exchanges { label, .. } => out.push(label),
                _ => {}
            }
        }
    }
    out
}

/// A sheet of paper to set a page on: its size, its margins, the body sizes to try, and whether labels stand
/// above their values (on a card, where a label column would leave too little width).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sheet {
    pub size: (f32, f32),
    pub margin_x: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub sizes: &'static [f32],
    pub stacked: bool,
}

/// A6, 105 x 148 mm, in points: an index card, the size of a pocket notebook.
pub(crate) const CARD_SIZE: (f32, f32) = (297.64, 419.53);

impl Sheet {
    pub(crate) fn page(paper: Paper) -> Sheet {
        Sheet {
            size: paper.size_points(),
            margin_x: MARGIN_X,
            margin_top: MARGIN_TOP,
            margin_bottom: MARGIN_BOTTOM,
            sizes: &BODY_SIZES,
            stacked: false,
        }
    }

    pub(crate) fn card() -> Sheet {
        Sheet {
            size: CARD_SIZE,
            margin_x: 22.0,
            margin_top: 20.0,
            margin_bottom: 16.0,
            sizes: &[9.5, 9.0, 8.5, 8.0, 7.5],
            stacked: true,
        }
    }
}

fn compose_at(page: &Page, m: &Metrics, sheet: Sheet, body: f32) -> Composed {
    let (pw, ph) = sheet.size;
    let label_w = if sheet.stacked {
        0.0
    } else {
        labels(page)
            .iter()
            .map(|l| m.width(l, Face::Regular, body * 0.82))
            .fold(0.0, f32::max)
            + body * 1.2
    };
    let mut c = Composer {
        m,
        s: body,
        x0: sheet.margin_x,
        w: pw - 2.0 * sheet.margin_x,
        label_w,
        stacked: sheet.stacked,
        y: sheet.margin_top,
        bottom: ph - sheet.margin_bottom - FOOTER_SIZE * 2.2,
        ops: Vec::new(),
        notes: None,
    };
    c.header(page);
    for section in &page.sections {
        c.heading(section.heading);
        for item in &section.items {
            c.block(&item.block);
        }
    }
    let fits = c.y <= c.bottom;
    c.fill_notes();
    c.footer(page, ph - sheet.margin_bottom);
    Composed {
        ops: c.ops,
        body,
        fits,
        size: (pw, ph),
    }
}

/// The page fitted to the paper: see [`compose_sheet`].
pub(crate) fn compose(page: &Page, m: &Metrics, paper: Paper) -> Composed {
    compose_sheet(page, m, Sheet::page(paper))
}

/// The page fitted to a sheet: cut only as far as it must be to fit at the smallest body size (see
/// [`Page::fit`]), then set at the largest size that holds it. A page that fits at no size even when cut as far
/// as it can be is set smaller still; the tests look for that case, which the last steps make a bug.
pub(crate) fn compose_sheet(page: &Page, m: &Metrics, sheet: Sheet) -> Composed {
    let smallest = sheet.sizes.last().copied().unwrap_or(8.0);
    let fits = |p: &Page| compose_at(p, m, sheet, smallest).fits;
    let (fitted, sizes): (Page, &[f32]) = match page.fit_level(&fits) {
        Some(level) => (page.at_level(level), sheet.sizes),
        None => (page.at_level(GIVE_WAY.len()), &LAST_RESORT_SIZES),
    };
    let mut last = None;
    for &body in sizes {
        let c = compose_at(&fitted, m, sheet, body);
        if c.fits {
            return c;
        }
        last = Some(c);
    }
    last.unwrap_or_else(|| compose_at(&fitted, m, sheet, smallest))
}
