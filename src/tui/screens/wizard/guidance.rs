//! One rung's guidance as the tactic step shows it: the name and summary, the caution (never the part that is
//! cut), when it helps and backfires, an opener, and the research note with its source; scrolled, with a line
//! saying how much is below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::Rung;
use crate::domain::text::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::{truncate, wrap};

/// How the guidance is shown: which section comes first after the caution, and how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuidanceView {
    pub research_first: bool,
    pub scroll: usize,
}

fn section(
    out: &mut Vec<Line<'static>>,
    label: &str,
    text: &str,
    width: usize,
    theme: Option<&Theme>,
) {
    let text = one_line(text);
    if text.trim().is_empty() {
        return;
    }
    let heading = theme.map_or_else(Style::new, |t| t.heading);
    out.push(Line::styled(label.to_string(), heading));
    out.extend(wrap(&text, width).into_iter().map(Line::raw));
}

/// The guidance for one rung as lines `width` wide: its name and summary, the caution (never the part that is
/// cut), then when it helps, when it backfires, an opener, and the research note with its source (first, after
/// the caution, when `research_first`).
pub fn guidance_lines(
    rung: &Rung,
    index: usize,
    research_first: bool,
    width: usize,
    theme: Option<&Theme>,
) -> Vec<Line<'static>> {
    let style = |f: fn(&Theme) -> Style| theme.map_or_else(Style::new, f);
    let mut lines = vec![Line::styled(
        truncate(&format!("{} {}", index + 1, one_line(&rung.name)), width),
        style(|t| t.title),
    )];
    lines.extend(
        wrap(&one_line(&rung.summary), width)
            .into_iter()
            .map(|l| Line::styled(l, style(|t| t.muted))),
    );
    if !rung.caution.trim().is_empty() {
        lines.push(Line::styled("Caution", style(|t| t.warning)));
        lines.extend(
            wrap(&one_line(&rung.caution), width)
                .into_iter()
                .map(Line::raw),
        );
    }
    let mut guidance = Vec::new();
    section(
        &mut guidance,
        "When it helps",
        &rung.guidance.helps,
        width,
        theme,
    );
    section(
        &mut guidance,
        "When it backfires",
        &rung.guidance.backfires,
        width,
        theme,
    );
    section(
        &mut guidance,
        "You might open with",
        &format!("“{}”", rung.guidance.opener),
        width,
        theme,
    );
    let mut research = Vec::new();
    section(
        &mut research,
        &format!("Research: {}", one_line(&rung.research_name)),
        &rung.research_note,
        width,
        theme,
    );
    if !rung.source.trim().is_empty() {
        research.extend(
            wrap(&one_line(&rung.source), width)
                .into_iter()
                .map(|l| Line::styled(l, style(|t| t.muted))),
        );
    }
    if research_first {
        lines.extend(research);
        lines.extend(guidance);
    } else {
        lines.extend(guidance);
        lines.extend(research);
    }
    lines
}

/// Draws one rung's guidance in `area`, scrolled as `view` says; when more follows than fits, the last row
/// says so and how to see it. Returns how far it can scroll in this area.
pub fn render_guidance(
    rung: &Rung,
    index: usize,
    view: GuidanceView,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> usize {
    if area.is_empty() {
        return 0;
    }
    crate::tui::event::clickable(area, crate::tui::event::Target::Guidance);
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let all = guidance_lines(rung, index, view.research_first, width, Some(theme));
    // The name stays at the top however far it is scrolled, so the panel always says which rung it is about.
    let (name, body) = all.split_at(1.min(all.len()));
    let room = height.saturating_sub(1);
    let most = body.len().saturating_sub(room.saturating_sub(1).max(1));
    let most = if body.len() <= room { 0 } else { most };
    let scroll = view.scroll.min(most);
    let mut lines: Vec<Line> = name.to_vec();
    let rest = &body[scroll..];
    if rest.len() <= room {
        lines.extend(rest.iter().cloned());
    } else {
        lines.extend(rest.iter().take(room.saturating_sub(1)).cloned());
        let n = rest.len() - room.saturating_sub(1);
        lines.push(Line::styled(
            truncate(&format!("↓ {n} more below: Shift-↓"), width),
            theme.muted,
        ));
    }
    Paragraph::new(lines).render(area, buf);
    most
}
