//! Reflection: which rungs you lean on and which you could use more often. Your own figures (from
//! `domain::stats`) as a chart of what came of each rung, the rungs never used called out, and beside them what
//! the research tends to find for the highlighted rung, labelled as a general tendency rather than your figures.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use strum::VariantArray;

use crate::domain::stats::{RungUse, Stats};
use crate::domain::text::one_line;
use crate::domain::{Direction, Ladder, PlanFacts, Status};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::chrome::Chrome;
use crate::tui::widgets::ladder::name_width;
use crate::tui::widgets::wrap::{fit, truncate, wrap};

#[derive(Debug, Clone, PartialEq)]
pub struct ReflectionView {
    /// The figures shown: every plan, or one direction's.
    pub stats: Stats,
    /// Plans per direction, only directions that occur.
    pub directions: Vec<(Direction, usize)>,
    pub direction: Option<Direction>,
    /// The highlighted rung (0-based), whose research tendency is shown.
    pub cursor: usize,
    /// How names become people (the register's aliases), so a person is counted once.
    keys: crate::domain::people::PersonKeys,
    /// Drafts are counted too (asked for with a key); by default they are left out, as a draft is a plan that
    /// has not happened yet.
    pub drafts: bool,
    /// How many drafts there are (counted or not), to say so on screen.
    pub draft_count: usize,
}

impl ReflectionView {
    pub fn new<'a, P: PlanFacts + 'a>(
        ladder: &Ladder,
        plans: impl Iterator<Item = &'a P> + Clone,
        keys: crate::domain::people::PersonKeys,
    ) -> Self {
        let mut view = ReflectionView {
            stats: Stats::default(),
            directions: Vec::new(),
            direction: None,
            cursor: 0,
            keys,
            drafts: false,
            draft_count: 0,
        };
        view.rebuild(ladder, plans);
        view
    }

    /// The register changed (a reload): the next count uses its aliases.
    pub fn set_keys(&mut self, keys: crate::domain::people::PersonKeys) {
        self.keys = keys;
    }

    /// Counts again (after a reload, or a change of direction).
    pub fn rebuild<'a, P: PlanFacts + 'a>(
        &mut self,
        ladder: &Ladder,
        plans: impl Iterator<Item = &'a P> + Clone,
    ) {
        self.draft_count = plans
            .clone()
            .filter(|p| p.status() == Status::Draft)
            .count();
        let drafts = self.drafts;
        let plans = plans.filter(move |p| drafts || p.status() != Status::Draft);
        self.directions = Direction::VARIANTS
            .iter()
            .map(|&d| {
                let n = plans
                    .clone()
                    .filter(|p| p.stakeholder().direction == Some(d))
                    .count();
                (d, n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        if self
            .direction
            .is_some_and(|d| !self.directions.iter().any(|(x, _)| *x == d))
        {
            self.direction = None;
        }
        let direction = self.direction;
        self.stats = Stats::from_facts_in(
            ladder,
            plans.filter(|p| direction.is_none() || p.stakeholder().direction == direction),
            &self.keys,
        );
        self.cursor = self.cursor.min(ladder.len().saturating_sub(1));
    }

    /// Moves the cursor; returns true when the direction changed and the figures must be counted again.
    pub fn handle(&mut self, action: Action, ladder_len: usize) -> bool {
        let last = ladder_len.saturating_sub(1);
        match action {
            Action::Up => self.cursor = (self.cursor + 1).min(last),
            Action::Down => self.cursor = self.cursor.saturating_sub(1),
            Action::NextDirection => {
                let at = self
                    .direction
                    .and_then(|d| self.directions.iter().position(|(x, _)| *x == d));
                self.direction = match at {
                    None => self.directions.first().map(|(d, _)| *d),
                    Some(i) => self.directions.get(i + 1).map(|(d, _)| *d),
                };
                return true;
            }
            Action::ToggleDrafts => {
                self.drafts = !self.drafts;
                return true;
            }
            _ => {}
        }
        false
    }
}

pub struct ReflectionScreen<'a> {
    pub view: &'a ReflectionView,
    pub ladder: &'a Ladder,
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
    pub status: Option<&'a Line<'a>>,
}

fn at(area: Rect, y: u16) -> Rect {
    Rect {
        y,
        height: 1,
        ..area
    }
    .intersection(area)
}

const NAME_W: usize = 16;

/// What came of a rung's tries as short counts, e.g. "+3 ~1 x2" (results with none left out).
fn result_counts(u: &RungUse) -> String {
    [
        (u.commitment, '+'),
        (u.compliance, '~'),
        (u.resistance, 'x'),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, c)| format!("{c}{n}"))
    .collect::<Vec<_>>()
    .join(" ")
}

/// A bar for what came of a rung: `width` cells for `max` tries, split commitment, compliance, resistance, then
/// tries with no clear result.
fn result_bar(u: &RungUse, max: usize, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    if u.tried == 0 || max == 0 {
        return Vec::new();
    }
    let len = (u.tried * width).div_ceil(max).clamp(1, width.max(1));
    let parts = [
        (u.commitment, '█', theme.ok),
        (u.compliance, '▓', Style::new()),
        (u.resistance, '░', theme.warning),
        (
            u.tried
                .saturating_sub(u.commitment + u.compliance + u.resistance),
            '·',
            theme.muted,
        ),
    ];
    let mut spans = Vec::new();
    let mut done = 0;
    let mut cum = 0;
    for (n, c, style) in parts {
        cum += n;
        let end = (cum * len + u.tried / 2) / u.tried;
        let cells = end.saturating_sub(done);
        if cells > 0 {
            spans.push(Span::styled(c.to_string().repeat(cells), style));
        }
        done = done.max(end);
    }
    spans
}

impl ReflectionScreen<'_> {
    fn directions_line(&self, width: usize) -> Line<'static> {
        let theme = self.theme;
        let view = self.view;
        let key = self.keys.key(
            crate::tui::keymap::Context::Reflection,
            Action::NextDirection,
        );
        let mut spans = vec![Span::raw("By direction: ")];
        let style = |on: bool| if on { theme.selected } else { theme.muted };
        spans.push(Span::styled(" all ", style(view.direction.is_none())));
        for (d, n) in &view.directions {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                format!(" {} {n} ", d.as_str()),
                style(view.direction == Some(*d)),
            ));
        }
        if view.directions.is_empty() {
            spans.push(Span::styled(
                "  (no plan notes a direction yet)",
                theme.muted,
            ));
        } else {
            spans.push(Span::styled(format!("  {key} changes"), theme.muted));
        }
        let line = Line::from(spans);
        if line.width() > width {
            let d = view.direction.map_or("all", Direction::as_str);
            return Line::raw(truncate(&format!("Direction: {d} ({key} changes)"), width));
        }
        line
    }

    /// Whether drafts are in the figures, and the key that changes it; nothing when there are none.
    fn drafts_line(&self, width: usize) -> Option<Line<'static>> {
        let n = self.view.draft_count;
        if n == 0 {
            return None;
        }
        let key = self.keys.key(
            crate::tui::keymap::Context::Reflection,
            Action::ToggleDrafts,
        );
        let plural = if n == 1 { "draft" } else { "drafts" };
        let text = if self.view.drafts {
            format!("{n} {plural} counted too: {key} leaves them out")
        } else {
            format!("{n} {plural} left out (not tried yet): {key} counts them")
        };
        Some(Line::styled(truncate(&text, width), self.theme.muted))
    }

    fn chart(&self, width: usize) -> Vec<Line<'static>> {
        let theme = self.theme;
        let stats = &self.view.stats;
        let wide = width >= 60;
        let numbers = if wide { 15 } else { 7 };
        // Rung numbers line up on a ladder of ten or more, and long names (a ladder of research terms) get room.
        let number_w = self.ladder.len().to_string().len();
        let name_w = name_width(self.ladder).max(NAME_W - 1);
        let label_w = number_w + name_w;
        // The counts after each bar, e.g. "+1130 ~1364 x1460": the bars give way to the widest of them.
        // On a narrow screen the counts go, rather than the bars: the highlighted rung's are in the text below.
        let mut counts: Vec<String> = stats.rungs.iter().map(result_counts).collect();
        let counts_w = counts
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0)
            .max(8);
        let mut bar_w = width.saturating_sub(label_w + 3 + numbers + 1 + counts_w);
        if bar_w < 4 {
            counts.clear();
            bar_w = width.saturating_sub(label_w + 3 + numbers).max(4);
        }
        let max = stats.rungs.iter().map(|u| u.tried).max().unwrap_or(0);
        let mut out = Vec::new();
        let head = if wide {
            format!("  {} chosen  tried  ", fit("Rung", label_w))
        } else {
            format!("  {} tried  ", fit("Rung", label_w))
        };
        // The legend rides on the header where it fits, to keep the chart short.
        let legend = "█+ commitment  ▓~ compliance  ░x resistance";
        let combined = head.chars().count() + legend.chars().count() <= width;
        if combined {
            out.push(Line::styled(format!("{head}{legend}"), theme.muted));
        } else {
            out.push(Line::styled(
                truncate(&format!("{head}what came of it"), width),
                theme.muted,
            ));
        }
        for (i, rung) in self.ladder.rungs().iter().enumerate().rev() {
            let u = stats.rungs.get(i).cloned().unwrap_or_default();
            let pointer = if i == self.view.cursor { "▸" } else { " " };
            let mut spans = vec![Span::raw(format!(
                "{pointer}{:>number_w$} {} ",
                i + 1,
                fit(&one_line(&rung.name), name_w)
            ))];
            if wide {
                spans.push(Span::raw(format!("{:>6} {:>6}  ", u.primary, u.tried)));
            } else {
                spans.push(Span::raw(format!("{:>5}  ", u.tried)));
            }
            if u.uses() == 0 {
                spans.push(Span::styled("never used", theme.warning));
            } else if u.tried == 0 {
                spans.push(Span::styled("chosen, no result yet", theme.muted));
            } else {
                let bar = result_bar(&u, max, bar_w, theme);
                let used: usize = bar.iter().map(Span::width).sum();
                spans.extend(bar);
                if let Some(c) = counts.get(i).filter(|c| !c.is_empty()) {
                    spans.push(Span::raw(" ".repeat(bar_w.saturating_sub(used) + 1)));
                    spans.push(Span::raw(c.clone()));
                }
            }
            let mut line = Line::from(spans);
            if i == self.view.cursor {
                line = line.patch_style(theme.heading);
            }
            out.push(line);
        }
        if !combined {
            out.push(Line::styled(truncate(legend, width), theme.muted));
        }
        out
    }

    /// What the research tends to find for the highlighted rung, labelled as such, with its source.
    fn tendency(&self, width: usize) -> Vec<Line<'static>> {
        let theme = self.theme;
        let mut out = Vec::new();
        let Some(rung) = self.ladder.get(self.view.cursor) else {
            return out;
        };
        if rung.research_note.trim().is_empty() {
            return out;
        }
        let name = one_line(&rung.name);
        let label = if rung.research_name.trim().is_empty() {
            format!("Research tendency for {name}, not your figures:")
        } else {
            format!(
                "Research tendency for {} ({name}), not your figures:",
                one_line(&rung.research_name)
            )
        };
        out.extend(
            wrap(&label, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.heading)),
        );
        out.extend(
            wrap(&one_line(&rung.research_note), width)
                .into_iter()
                .map(Line::raw),
        );
        if !rung.source.trim().is_empty() {
            out.extend(
                wrap(&format!("Source: {}", one_line(&rung.source)), width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.muted)),
            );
        }
        out
    }

    /// Your own figures for the highlighted rung, in words.
    fn yours(&self, width: usize) -> Vec<Line<'static>> {
        let Some(rung) = self.ladder.get(self.view.cursor) else {
            return Vec::new();
        };
        let u = self
            .view
            .stats
            .rungs
            .get(self.view.cursor)
            .cloned()
            .unwrap_or_default();
        let name = one_line(&rung.name);
        let times = |n: usize| {
            if n == 1 {
                "once".to_string()
            } else {
                format!("{n} times")
            }
        };
        let text = if u.uses() == 0 {
            format!("You have not used {name} yet: one to consider when it fits the person.")
        } else {
            format!(
                "Your figures: {name} was the chosen tactic in {} plan{} and was tried {}: {} commitment, {} \
                 compliance, {} resistance (· marks tries with no clear result).",
                u.primary,
                if u.primary == 1 { "" } else { "s" },
                times(u.tried),
                u.commitment,
                u.compliance,
                u.resistance
            )
        };
        wrap(&text, width).into_iter().map(Line::raw).collect()
    }

    fn insights(&self, width: usize) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for text in self.view.stats.insights(self.ladder) {
            out.extend(wrap(&one_line(&text), width).into_iter().map(Line::raw));
        }
        out
    }
}

impl Widget for &ReflectionScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        if area.height < 4 {
            return;
        }
        let stats = &self.view.stats;
        let who = match self.view.direction {
            None => String::new(),
            Some(d) => format!(", influencing {}", d.as_str()),
        };
        let title = format!(
            " overture · reflection: your tactics across {} plan{}{who}",
            stats.plans,
            if stats.plans == 1 { "" } else { "s" }
        );
        let body = Chrome {
            title: &title,
            status: self.status,
            keys: self.keys,
            mode: Mode::Reflection,
            theme,
            gap: false,
        }
        .render(area, buf);
        let width = usize::from(body.width);
        if stats.plans == 0 {
            let text = match self.view.draft_count {
                0 => "No plans yet, so nothing to reflect on. Once you have a few, this shows which tactics you lean on and how each went.".to_string(),
                n => format!(
                    "Only drafts so far ({n}), and drafts are left out: nothing has happened yet to reflect on. {} counts them anyway.",
                    self.keys
                        .key(crate::tui::keymap::Context::Reflection, Action::ToggleDrafts)
                ),
            };
            let lines: Vec<Line> = wrap(&text, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted))
                .collect();
            Paragraph::new(lines).render(body, buf);
            return;
        }
        self.directions_line(width).render(at(body, body.y), buf);
        let mut top = body.y.saturating_add(1);
        if let Some(line) = self.drafts_line(width) {
            line.render(at(body, top), buf);
            top = top.saturating_add(1);
        }
        let rest = Rect {
            y: top,
            height: body.bottom().saturating_sub(top),
            ..body
        }
        .intersection(body);
        // Beside the chart on a wide terminal, under it otherwise.
        let side = width >= 140;
        let chart_w = if side { 80.min(width) } else { width };
        let mut chart = self.chart(chart_w);
        // On a short screen the rungs scroll under the header to keep the highlighted one in view, as the
        // wizard's ladder does; cut from the bottom, the gentlest rungs (and the cursor on them) were lost.
        let room = usize::from(rest.height).saturating_sub(1);
        let rungs = chart.len().saturating_sub(1);
        if rungs > room && room > 0 {
            let at = rungs - 1 - self.view.cursor.min(rungs - 1);
            let first = at.saturating_sub(room / 2).min(rungs - room);
            let window: Vec<Line> = chart.drain(1..).skip(first).take(room).collect();
            chart.extend(window);
        }
        let chart_h = u16::try_from(chart.len()).unwrap_or(u16::MAX);
        Paragraph::new(chart).render(
            Rect {
                width: u16::try_from(chart_w).unwrap_or(u16::MAX),
                ..rest
            }
            .intersection(rest),
            buf,
        );
        let text_area = if side {
            Rect {
                x: rest
                    .x
                    .saturating_add(u16::try_from(chart_w + 3).unwrap_or(u16::MAX)),
                width: rest
                    .width
                    .saturating_sub(u16::try_from(chart_w + 3).unwrap_or(u16::MAX)),
                ..rest
            }
        } else {
            Rect {
                y: rest.y.saturating_add(chart_h).saturating_add(1),
                height: rest.height.saturating_sub(chart_h.saturating_add(1)),
                ..rest
            }
        }
        .intersection(rest);
        let tw = usize::from(text_area.width);
        let mut text = self.insights(tw);
        for part in [self.tendency(tw), self.yours(tw)] {
            if !text.is_empty() && !part.is_empty() {
                text.push(Line::raw(""));
            }
            text.extend(part);
        }
        Paragraph::new(text).render(text_area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_counts_fit_beside_their_bars() {
        let ladder = Ladder::embedded();
        let theme = Theme::no_colour();
        let mut view = ReflectionView::new::<crate::domain::Plan>(
            &ladder,
            std::iter::empty(),
            Default::default(),
        );
        view.stats.rungs = vec![RungUse::default(); ladder.len()];
        view.stats.rungs[0] = RungUse {
            primary: 2543,
            tried: 5000,
            uses: 5000,
            commitment: 1130,
            compliance: 1364,
            resistance: 1460,
            ..RungUse::default()
        };
        let screen = ReflectionScreen {
            view: &view,
            ladder: &ladder,
            theme: &theme,
            keys: Keymap::defaults(),
            status: None,
        };
        for width in [40, 80, 118, 200] {
            let chart = screen.chart(width);
            let Some(reason) = chart.iter().find(|l| l.to_string().contains("Reason")) else {
                panic!("{width}: no Reason row");
            };
            let text = reason.to_string();
            assert!(reason.width() <= width, "{width}: {text:?}");
            assert!(
                width < 80 || text.ends_with("+1130 ~1364 x1460"),
                "{width}: {text:?}"
            );
        }
    }

    #[test]
    fn bars_split_by_result_and_fit() {
        let theme = Theme::no_colour();
        let u = RungUse {
            tried: 4,
            uses: 4,
            commitment: 2,
            compliance: 1,
            resistance: 1,
            ..RungUse::default()
        };
        let text: String = result_bar(&u, 4, 8, &theme)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(text, "████▓▓░░");
        let one = RungUse {
            tried: 1,
            uses: 1,
            ..RungUse::default()
        };
        let text: String = result_bar(&one, 40, 8, &theme)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(text, "·");
    }
}
