//! The page's figures: the ladder of boxes, the warning panel and the space to write the result in.

use super::compose::{
    ACCENT, ACCENT_LIGHT, Composer, INK, MUTED, Op, RULE, Rgb, TRIED, WARN_BAR, WARN_FILL,
    WARN_INK, WHITE,
};
use super::metrics::Face;
use crate::export::layout::{Part, RungMark};
use crate::export::wrap::wrap;

/// A legend entry: word, fill, stroke, and whether it carries a tick.
type Swatch<'a> = (&'a str, Option<Rgb>, Option<(Rgb, f32)>, bool);

impl Composer<'_> {
    pub(super) fn ladder(&mut self, marks: &[RungMark]) {
        let s = self.s;
        let n = marks.len().max(1) as f32;
        let gap = s * 0.3;
        let bw = (self.vw() - gap * (n - 1.0)) / n;
        let pad = s * 0.3;
        // The largest name size at which every word of every name fits its box, in bold (the wider face).
        let mut ns = s * 0.8;
        while ns > s * 0.55
            && marks.iter().any(|m| {
                m.name
                    .split_whitespace()
                    .any(|w| self.width(w, Face::Bold, ns) > bw - 2.0 * pad)
            })
        {
            ns -= 0.25;
        }
        let num = s * 0.7;
        let name_lh = ns * 1.2;
        let num_lh = num * 1.35;
        let bh = pad + num_lh + name_lh * 2.0 + pad;
        let top = self.y;
        self.label("Ladder", top + pad + num_lh + name_lh + ns * 0.35);
        for (i, m) in marks.iter().enumerate() {
            let x = self.vx() + i as f32 * (bw + gap);
            let (fill, stroke, ink, sub) = if m.chosen {
                (Some(ACCENT), None, WHITE, WHITE)
            } else if m.backup {
                (Some(ACCENT_LIGHT), Some((ACCENT, 0.9)), INK, ACCENT)
            } else if m.tried {
                (Some(TRIED), None, INK, MUTED)
            } else {
                (None, Some((RULE, 0.6)), MUTED, MUTED)
            };
            self.ops.push(Op::Rect {
                x,
                y: top,
                w: bw,
                h: bh,
                fill,
                stroke,
            });
            self.text(
                x + pad,
                top + pad + num,
                num,
                Face::Bold,
                sub,
                &m.number.to_string(),
            );
            if m.tried {
                let c = num;
                self.ops.push(Op::Check {
                    x: x + bw - pad - c,
                    y: top + pad + num * 0.1,
                    size: c,
                    color: if m.chosen { WHITE } else { ACCENT },
                });
            }
            let face = if m.chosen || m.backup {
                Face::Bold
            } else {
                Face::Regular
            };
            let measure = |t: &str| self.m.width(t, face, ns);
            let lines = wrap(&m.name, bw - 2.0 * pad, &measure);
            // One-line names sit in the middle of the two-line space.
            let first = if lines.len() == 1 { name_lh * 0.5 } else { 0.0 };
            for (j, line) in lines.iter().take(2).enumerate() {
                let lw = self.width(line, face, ns);
                let b = top + pad + num_lh + first + name_lh * j as f32 + name_lh * 0.5 + ns * 0.35;
                self.text(x + (bw - lw) / 2.0, b, ns, face, ink, line);
            }
        }
        self.y = top + bh + s * 0.35;
        // Legend: a swatch per state, then the direction of the ladder.
        let ls = s * 0.75;
        let sw = ls * 0.9;
        let b = self.baseline(ls);
        let mut x = self.vx();
        let states: [Swatch; 4] = [
            ("chosen", Some(ACCENT), None, false),
            ("backup", Some(ACCENT_LIGHT), Some((ACCENT, 0.9)), false),
            ("tried", Some(TRIED), None, true),
            ("not yet", None, Some((RULE, 0.6)), false),
        ];
        for (word, fill, stroke, check) in states {
            self.ops.push(Op::Rect {
                x,
                y: b - sw,
                w: sw,
                h: sw,
                fill,
                stroke,
            });
            if check {
                self.ops.push(Op::Check {
                    x,
                    y: b - sw,
                    size: sw,
                    color: ACCENT,
                });
            }
            x += sw + ls * 0.4;
            self.text(x, b, ls, Face::Regular, MUTED, word);
            x += self.width(word, Face::Regular, ls) + ls * 1.4;
        }
        let dir = "gentle → hard";
        let dw = self.width(dir, Face::Regular, ls);
        self.text(self.x0 + self.w - dw, b, ls, Face::Regular, MUTED, dir);
        self.y += self.lh(ls);
        self.gap();
    }

    pub(super) fn warning(&mut self, headline: &str, details: &[(Part, String)]) {
        let lines: Vec<&str> = std::iter::once(headline)
            .chain(details.iter().map(|(_, l)| l.as_str()))
            .collect();
        let s = self.s;
        self.y += s * 0.2;
        let pad = s * 0.55;
        let bar = 3.0;
        let top = self.y;
        let rect = self.ops.len();
        self.ops.push(Op::Rect {
            x: self.x0,
            y: top,
            w: self.w,
            h: 0.0,
            fill: Some(WARN_FILL),
            stroke: None,
        });
        self.ops.push(Op::Rect {
            x: self.x0,
            y: top,
            w: bar,
            h: 0.0,
            fill: Some(WARN_BAR),
            stroke: None,
        });
        self.y += pad;
        let (x, w) = (self.x0 + bar + pad * 1.5, self.w - bar - pad * 3.0);
        for (i, line) in lines.iter().enumerate() {
            let (face, color, size) = if i == 0 {
                (Face::Bold, WARN_INK, s)
            } else {
                (Face::Regular, INK, s * 0.9)
            };
            self.para(x, w, line, size, face, color);
        }
        self.y += pad;
        let h = self.y - top;
        for op in &mut self.ops[rect..rect + 2] {
            if let Op::Rect { h: height, .. } = op {
                *height = h;
            }
        }
        self.y += s * 0.5;
    }

    /// A ruled line to write on, from `x1` to `x2` at height `y`.
    fn rule(&mut self, x1: f32, x2: f32, y: f32) {
        self.ops.push(Op::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            color: RULE,
            width: 0.6,
        });
    }

    pub(super) fn write_in(&mut self, results: &[(&str, &str)], lines: usize) {
        let s = self.s;
        if !results.is_empty() {
            self.result_boxes(results);
        }
        // Notes: ruled lines; more are added at the end when the page has room.
        let step = s * 2.0;
        let first = self.y + step;
        self.label("Notes", first - s * 0.3);
        self.notes = Some((self.vx(), step));
        // The page's leftover space becomes more lines (see fill_notes), so two are enough to reserve.
        for _ in 0..lines.min(2) {
            self.y += step;
            self.rule(self.vx(), self.x0 + self.w, self.y);
        }
    }

    /// Boxes to tick for the result, each with what it means, and blanks for the date and the follow-up.
    fn result_boxes(&mut self, results: &[(&str, &str)]) {
        let s = self.s;
        let col = self.vw() / results.len().max(1) as f32;
        let bs = s * 0.95;
        let top = self.y;
        let mut bottom = top;
        for (i, (word, describe)) in results.iter().enumerate() {
            self.y = top;
            let x = self.vx() + col * i as f32;
            let b = self.baseline(s);
            if i == 0 {
                self.label("Result", b);
            }
            self.ops.push(Op::Rect {
                x,
                y: b - bs * 0.85,
                w: bs,
                h: bs,
                fill: None,
                stroke: Some((INK, 0.7)),
            });
            self.text(x + bs + s * 0.45, b, s, Face::Bold, INK, word);
            self.y += self.lh(s);
            self.para(x, col - s, describe, s * 0.75, Face::Regular, MUTED);
            bottom = bottom.max(self.y);
        }
        self.y = bottom + s * 0.6;
        // Date and follow-up on one line of blanks.
        let b = self.baseline(s) + s * 0.4;
        self.label("Date", b);
        let half = self.vw() / 2.0;
        self.rule(self.vx(), self.vx() + half - s * 2.0, b + 1.5);
        let fu = "Follow up by";
        let fx = self.vx() + half;
        self.text(fx, b, s * 0.82, Face::Regular, MUTED, fu);
        let after = fx + self.width(fu, Face::Regular, s * 0.82) + s * 0.6;
        self.rule(after, self.x0 + self.w, b + 1.5);
        self.y += self.lh(s) + s * 0.4;
    }

    /// Adds ruled note lines down to the footer, so the space left on the page is space to write in.
    pub(super) fn fill_notes(&mut self) {
        if let Some((x, step)) = self.notes {
            while self.y + step <= self.bottom {
                self.y += step;
                self.ops.push(Op::Line {
                    x1: x,
                    y1: self.y,
                    x2: self.x0 + self.w,
                    y2: self.y,
                    color: RULE,
                    width: 0.6,
                });
            }
        }
    }
}
