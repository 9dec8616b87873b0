//! The page as plain text: for `lp`, for stdout, and for the TUI preview, which draws the same lines with the
//! styles attached to each piece.

use super::layout::{Block, LADDER_LEGEND, PAGE_COLUMNS, PAGE_LINES, Page, RungMark};
use super::wrap::{column_measure, columns, wrap};

/// What a piece of a line is, so that a terminal can colour it and plain text can ignore it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Heading,
    Label,
    Body,
    /// A name or the first line of a warning: read first.
    Strong,
    Warning,
    /// Legends, notes about what was left out, the footer.
    Dim,
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub style: Style,
    pub text: String,
}

/// One line of the page as styled pieces; its plain text is the pieces joined.
pub(crate) type StyledLine = Vec<Span>;

/// Labels fit in this many columns ("If they say no" and a space), values start after it.
const LABEL: usize = 15;
/// Left margin of the body.
const INDENT: usize = 2;
/// Below this width labels go on their own line, so values keep a usable width.
const NARROW: usize = 48;

fn span(style: Style, text: impl Into<String>) -> Span {
    Span {
        style,
        text: text.into(),
    }
}

/// The page as plain lines no wider than `width` columns (wide characters counting two), trailing spaces removed.
pub fn render(page: &Page, width: usize) -> Vec<String> {
    render_styled(page, width)
        .iter()
        .map(|line| {
            let s: String = line.iter().map(|s| s.text.as_str()).collect();
            s.trim_end().to_string()
        })
        .collect()
}

/// The page fitted to a printed text page: [`PAGE_COLUMNS`] by [`PAGE_LINES`].
pub(crate) fn fitted(page: &Page) -> Page {
    page.fit(|p| render(p, PAGE_COLUMNS).len() <= PAGE_LINES)
}

/// The printable page: fitted to 80 columns by 60 lines, one line per line, ending with a newline.
pub(crate) fn to_text(page: &Page) -> String {
    let mut out = render(&fitted(page), PAGE_COLUMNS).join("\n");
    out.push('\n');
    out
}

struct Writer {
    width: usize,
    lines: Vec<StyledLine>,
}

impl Writer {
    fn narrow(&self) -> bool {
        self.width < NARROW
    }

    /// Where values start, and how wide they may be.
    fn value_column(&self) -> (usize, usize) {
        let col = if self.narrow() {
            INDENT + 2
        } else {
            INDENT + LABEL + 1
        };
        (col, self.width.saturating_sub(col).max(1))
    }

    /// Starts a labelled block: on its own line when narrow, otherwise in the margin of the first value line.
    fn label_prefix(&mut self, label: &str) -> Vec<Span> {
        let (col, _) = self.value_column();
        if self.narrow() {
            if label.is_empty() {
                return vec![span(Style::Body, " ".repeat(col))];
            }
            self.lines.push(vec![
                span(Style::Body, " ".repeat(INDENT)),
                span(Style::Label, label),
            ]);
            vec![span(Style::Body, " ".repeat(col))]
        } else {
            let pad = col.saturating_sub(INDENT + columns(label));
            vec![
                span(Style::Body, " ".repeat(INDENT)),
                span(Style::Label, label),
                span(Style::Body, " ".repeat(pad)),
            ]
        }
    }

    fn blank_prefix(&self, extra: usize) -> Vec<Span> {
        vec![span(Style::Body, " ".repeat(self.value_column().0 + extra))]
    }

    /// Wraps `text` into the value column after `first` (a label, or blanks `extra` columns past the column),
    /// with `bullet` before the first line and its width hanging on the lines after.
    fn value(&mut self, first: Vec<Span>, extra: usize, bullet: &str, text: &str, style: Style) {
        let (_, width) = self.value_column();
        let hang = columns(bullet);
        let room = width.saturating_sub(hang + extra).max(1);
        let lines = wrap(text, room as f32, &column_measure);
        let mut prefix = first;
        for (i, line) in lines.into_iter().enumerate() {
            let mut l = prefix;
            let lead = if i == 0 {
                bullet.to_string()
            } else {
                " ".repeat(hang)
            };
            l.push(span(Style::Body, lead));
            l.push(span(style, line));
            self.lines.push(l);
            prefix = self.blank_prefix(extra);
        }
    }

    fn note(&mut self, text: &str) {
        let prefix = self.blank_prefix(0);
        self.value(prefix, 0, "", text, Style::Dim);
    }

    fn header(&mut self, page: &Page) {
        let date_w = columns(&page.date);
        let title_room = self.width.saturating_sub(date_w + 2).max(1);
        let mut title = wrap(&page.title, title_room as f32, &column_measure).into_iter();
        let first = title.next().unwrap_or_default();
        let pad = self.width.saturating_sub(columns(&first) + date_w);
        if self.width >= date_w + 2 + 8 {
            self.lines.push(vec![
                span(Style::Title, first),
                span(Style::Body, " ".repeat(pad)),
                span(Style::Dim, page.date.clone()),
            ]);
        } else {
            self.lines.push(vec![span(Style::Title, first)]);
        }
        for rest in title {
            self.lines.push(vec![span(Style::Title, rest)]);
        }
        self.lines
            .push(vec![span(Style::Rule, "═".repeat(self.width))]);
    }

    fn heading(&mut self, heading: &str) {
        let text = heading.to_uppercase();
        let rule = self.width.saturating_sub(columns(&text) + 1);
        self.lines.push(vec![
            span(Style::Heading, text),
            span(Style::Rule, format!(" {}", "─".repeat(rule))),
        ]);
    }

    fn ladder(&mut self, marks: &[RungMark]) {
        let first = self.label_prefix("Ladder");
        self.value(first, 0, "", LADDER_LEGEND, Style::Dim);
        let cells: Vec<String> = marks
            .iter()
            .map(|m| {
                let tick = if m.tried && (m.chosen || m.backup) {
                    " ✓"
                } else {
                    ""
                };
                format!("{} {} {}{tick}", m.symbol(), m.number, m.name)
            })
            .collect();
        let (_, width) = self.value_column();
        let cell_w = cells.iter().map(|c| columns(c)).max().unwrap_or(0) + 2;
        let per_row = (width / cell_w.max(1)).clamp(1, 3);
        let rows = cells.len().div_ceil(per_row);
        for r in 0..rows {
            let mut line = self.blank_prefix(0);
            for c in 0..per_row {
                let Some((cell, mark)) = cells.get(c * rows + r).zip(marks.get(c * rows + r))
                else {
                    continue;
                };
                let style = if mark.chosen || mark.backup {
                    Style::Strong
                } else if mark.tried {
                    Style::Body
                } else {
                    Style::Dim
                };
                let pad = cell_w.saturating_sub(columns(cell));
                line.push(span(style, cell.clone()));
                line.push(span(Style::Body, " ".repeat(pad)));
            }
            self.lines.push(line);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Lead { text, detail } => {
                let mut line = vec![span(Style::Body, " ".repeat(INDENT))];
                let rest = if detail.is_empty() {
                    String::new()
                } else if text.is_empty() {
                    detail.clone()
                } else {
                    format!(" · {detail}")
                };
                let full = format!("{text}{rest}");
                let room = self.width.saturating_sub(INDENT).max(1);
                if columns(&full) <= room {
                    line.push(span(Style::Strong, text.clone()));
                    line.push(span(Style::Body, rest));
                    self.lines.push(line);
                } else {
                    for (i, l) in wrap(&full, room as f32, &column_measure)
                        .into_iter()
                        .enumerate()
                    {
                        let style = if i == 0 { Style::Strong } else { Style::Body };
                        self.lines
                            .push(vec![span(Style::Body, " ".repeat(INDENT)), span(style, l)]);
                    }
                }
            }
            Block::Field { label, text } => {
                let first = self.label_prefix(label);
                self.value(first, 0, "", text, Style::Body);
            }
            Block::List {
                label,
                items,
                more,
                inline: true,
            } => {
                let text = super::layout::inline_list(items, more.as_ref());
                let first = self.label_prefix(label);
                self.value(first, 0, "", &text, Style::Body);
            }
            Block::List {
                label, items, more, ..
            } => {
                let mut first = Some(self.label_prefix(label));
                for item in items {
                    let prefix = first.take().unwrap_or_else(|| self.blank_prefix(0));
                    self.value(prefix, 0, "• ", item, Style::Body);
                }
                if let Some(more) = more {
                    self.note(more);
                }
            }
            Block::Exchanges { label, items, more } => {
                let mut first = Some(self.label_prefix(label));
                for e in items {
                    let prefix = first.take().unwrap_or_else(|| self.blank_prefix(0));
                    let quoted = format!("“{}”", e.objection);
                    self.value(prefix, 0, "• ", &quoted, Style::Strong);
                    if !e.response.is_empty() {
                        let prefix = self.blank_prefix(2);
                        self.value(prefix, 2, "→ ", &e.response, Style::Body);
                    }
                }
                if let Some(more) = more {
                    self.note(more);
                }
            }
            Block::Ladder(marks) => self.ladder(marks),
            Block::Warning { headline, details } => {
                let first = self.label_prefix("Warning");
                self.value(first, 0, "", headline, Style::Warning);
                for (_, text) in details {
                    let prefix = self.blank_prefix(0);
                    self.value(prefix, 0, "", text, Style::Body);
                }
            }
            Block::WriteIn { results, lines } => {
                let (col, width) = self.value_column();
                let blank = "_".repeat(width.min(60));
                if !results.is_empty() {
                    self.result_boxes(results);
                }
                for i in 0..*lines {
                    let mut l = if i == 0 {
                        self.label_prefix("Notes")
                    } else {
                        vec![span(Style::Body, " ".repeat(col))]
                    };
                    l.push(span(Style::Rule, blank.clone()));
                    self.lines.push(l);
                }
            }
        }
    }

    /// Boxes to tick for the result, and blanks for the day it happened and the day to follow up.
    fn result_boxes(&mut self, results: &[(&str, &str)]) {
        let (_, width) = self.value_column();
        let boxes: Vec<String> = results.iter().map(|(w, _)| format!("[ ] {w}")).collect();
        let mut line = self.label_prefix("Result");
        if columns(&boxes.join("   ")) <= width {
            line.push(span(Style::Body, boxes.join("   ")));
            self.lines.push(line);
        } else {
            for b in boxes {
                line.push(span(Style::Body, b));
                self.lines
                    .push(std::mem::replace(&mut line, self.blank_prefix(0)));
            }
        }
        let mut date = self.label_prefix("Date");
        let short = "_".repeat((width / 3).clamp(1, 16));
        date.push(span(Style::Rule, format!("{short}   Follow up by {short}")));
        self.lines.push(date);
    }
}

/// The page as styled lines, for a terminal preview of any width (a 1-column terminal still gets lines).
///
/// Sections are set apart by a blank line when the page still fits in [`PAGE_LINES`] with them.
pub(crate) fn render_styled(page: &Page, width: usize) -> Vec<StyledLine> {
    let spacious = write(page, width, true);
    if spacious.len() <= PAGE_LINES {
        spacious
    } else {
        write(page, width, false)
    }
}

fn write(page: &Page, width: usize, spacious: bool) -> Vec<StyledLine> {
    let mut w = Writer {
        width: width.max(1),
        lines: Vec::new(),
    };
    w.header(page);
    for section in &page.sections {
        if spacious {
            w.lines.push(Vec::new());
        }
        w.heading(section.heading);
        for item in &section.items {
            w.block(&item.block);
        }
    }
    w.lines.push(Vec::new());
    for f in &page.footer {
        for l in wrap(f, w.width as f32, &column_measure) {
            w.lines.push(vec![span(Style::Dim, l)]);
        }
    }
    w.lines.into_iter().map(|l| clip(l, w.width)).collect()
}

/// Cuts a line to `width` columns, so that no label or rule pokes past a narrow preview.
fn clip(line: StyledLine, width: usize) -> StyledLine {
    let mut used = 0;
    let mut out = Vec::new();
    for s in line {
        let w = columns(&s.text);
        if used + w <= width {
            used += w;
            out.push(s);
            continue;
        }
        let mut text = String::new();
        for c in s.text.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > width {
                break;
            }
            used += cw;
            text.push(c);
        }
        out.push(span(s.style, text));
        break;
    }
    out
}
