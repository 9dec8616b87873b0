//! Where a query matched a plan, on one line: the field, then the passage with the matched words highlighted.

use ratatui::text::{Line, Span};

use crate::domain::snippet::Snippet;
use crate::domain::text::one_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::truncate;

/// "matched in attempt: …who owns the rota now…", the matched words marked, cut to `width`.
pub fn line(p: &Snippet, width: usize, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("matched in {}: ", p.label()),
        theme.muted,
    )];
    let mut at = 0;
    for m in &p.marks {
        spans.push(Span::raw(one_line(&p.text[at..m.start])));
        spans.push(Span::styled(one_line(&p.text[m.clone()]), theme.key));
        at = m.end;
    }
    spans.push(Span::raw(one_line(&p.text[at..])));
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = span.width();
        if used + w > width {
            let rest = width.saturating_sub(used);
            out.push(Span::styled(truncate(&span.content, rest), span.style));
            break;
        }
        used += w;
        out.push(span);
    }
    Line::from(out)
}
