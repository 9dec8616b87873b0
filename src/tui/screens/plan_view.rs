//! A plan, read-only: the same layout the wizard's review shows, so a saved plan looks as it did when it was
//! written. Every value from the file goes through `domain::text` before it is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use jiff::civil::Date;

use crate::domain::escalation::warning_for;
use crate::domain::history::{StakeholderRecord, tries_in};
use crate::domain::sheet::{self, Entry, Sheet};
use crate::domain::text::{one_line, printable};
use crate::domain::thread;
use crate::domain::{History, Ladder, Plan};
use crate::store::Catalog;
use crate::store::PlanFile;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::strip::{self, RungState};
use crate::tui::widgets::wrap::{truncate, wrap};

const LABEL: usize = 18;

/// A label with its value wrapped beside it (continuation rows indented under the value).
fn field(out: &mut Vec<Line<'static>>, label: &str, value: &str, width: usize, theme: &Theme) {
    let value = printable(value.trim(), true);
    if value.is_empty() {
        return;
    }
    let label_w = if width >= 40 { LABEL } else { 0 };
    let value_w = width.saturating_sub(label_w).max(8);
    let rows = wrap(&value, value_w);
    if label_w == 0 {
        out.push(Line::styled(label.to_string(), theme.muted));
    }
    for (i, row) in rows.into_iter().enumerate() {
        let head = if i == 0 && label_w > 0 {
            format!("{label:<label_w$}")
        } else {
            " ".repeat(label_w)
        };
        out.push(Line::from(vec![
            Span::styled(head, theme.muted),
            Span::raw(row),
        ]));
    }
}

fn list(out: &mut Vec<Line<'static>>, label: &str, items: &[String], width: usize, theme: &Theme) {
    if items.iter().all(|i| i.trim().is_empty()) {
        return;
    }
    out.push(Line::styled(label.to_string(), theme.muted));
    for item in items.iter().filter(|i| !i.trim().is_empty()) {
        for (i, row) in wrap(&one_line(item.trim()), width.saturating_sub(4))
            .into_iter()
            .enumerate()
        {
            let bullet = if i == 0 { "  • " } else { "    " };
            out.push(Line::raw(format!("{bullet}{row}")));
        }
    }
}

fn heading(out: &mut Vec<Line<'static>>, text: &str, theme: &Theme) {
    if !out.is_empty() {
        out.push(Line::raw(""));
    }
    out.push(Line::styled(text.to_string(), theme.heading));
}

/// What happened, in date order: when the plan was made, each attempt, the outcome and the follow-up.
fn timeline(
    out: &mut Vec<Line<'static>>,
    plan: &Plan,
    ladder: &Ladder,
    theme: &Theme,
    width: usize,
) {
    let mut events: Vec<(Option<Date>, u8, String, String, Style)> = Vec::new();
    events.push((
        Some(plan.created_date()),
        0,
        "○ Planned".to_string(),
        String::new(),
        theme.muted,
    ));
    for a in &plan.attempts {
        let result = a.result.map_or("result not noted", |r| r.as_str());
        events.push((
            a.on,
            1,
            format!("● {}: {result}", one_line(&ladder.label(a.tactic.as_ref()))),
            a.notes.clone(),
            Style::new(),
        ));
    }
    if let Some(o) = &plan.outcome {
        let result = o.result.map_or("no result noted", |r| r.as_str());
        let tactic = match &plan.tactic.primary {
            None => String::new(),
            Some(r) => format!(" ({})", one_line(&ladder.label(Some(r)))),
        };
        events.push((
            o.on,
            2,
            format!("◆ Outcome{tactic}: {result}"),
            String::new(),
            theme.heading,
        ));
        if let Some(f) = o.follow_up {
            events.push((
                Some(f),
                3,
                "◇ Follow up".to_string(),
                String::new(),
                theme.muted,
            ));
        }
    }
    events.sort_by_key(|(on, order, ..)| (*on, *order));
    heading(out, "TIMELINE", theme);
    for (on, _, what, notes, style) in events {
        let date = on.map_or_else(|| "no date".to_string(), |d| d.to_string());
        out.push(Line::from(vec![
            Span::styled(format!("{date:<11}"), theme.muted),
            Span::styled(truncate(&what, width.saturating_sub(11)), style),
        ]));
        if !notes.trim().is_empty() {
            for row in wrap(&one_line(notes.trim()), width.saturating_sub(13)) {
                out.push(Line::raw(format!("{:13}{row}", "")));
            }
        }
    }
}

/// The plan as lines of text, `width` columns wide, with the stakeholder's ladder strip when given: the plan
/// sheet (`domain::sheet`, the one `overture show` prints), with the ladder after the tactic and the timeline
/// before the outcome.
pub fn plan_lines(
    plan: &Plan,
    ladder: &Ladder,
    theme: &Theme,
    width: usize,
    strip: &[RungState],
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut timeline_done = false;
    for section in Sheet::new(plan, ladder).sections {
        if [sheet::OUTCOME, sheet::DROPPED].contains(&section.heading) && !timeline_done {
            timeline(&mut out, plan, ladder, theme, width);
            timeline_done = true;
        }
        heading(&mut out, &section.heading.to_uppercase(), theme);
        let mut objections = false;
        for entry in &section.entries {
            match entry {
                Entry::Field { label, value } => field(&mut out, label, value, width, theme),
                Entry::List { label, items } => list(&mut out, label, items, width, theme),
                Entry::Answer { question, text } => {
                    for row in wrap(question, width) {
                        out.push(Line::styled(row, theme.muted));
                    }
                    for row in wrap(&printable(text, true), width.saturating_sub(2)) {
                        out.push(Line::raw(format!("  {row}")));
                    }
                }
                Entry::Objection {
                    objection,
                    response,
                } => {
                    if !std::mem::replace(&mut objections, true) {
                        out.push(Line::styled("Objections", theme.muted));
                    }
                    bullet(
                        &mut out,
                        "  • ",
                        &format!("“{}”", one_line(objection)),
                        width,
                    );
                    if !response.is_empty() {
                        bullet(&mut out, "    → ", &one_line(response), width);
                    }
                }
            }
        }
        if section.heading == sheet::TACTIC && !strip.is_empty() {
            ladder_strip(&mut out, plan, ladder, theme, width, strip);
        }
    }
    if !timeline_done {
        timeline(&mut out, plan, ladder, theme, width);
    }
    out
}

/// `text` wrapped under a bullet, continuation rows indented as far as the bullet.
fn bullet(out: &mut Vec<Line<'static>>, mark: &str, text: &str, width: usize) {
    let indent = mark.chars().count();
    for (i, row) in wrap(text, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
    {
        let head = if i == 0 {
            mark.to_string()
        } else {
            " ".repeat(indent)
        };
        out.push(Line::raw(format!("{head}{row}")));
    }
}

/// What has been tried with the stakeholder, rung by rung.
fn ladder_strip(
    out: &mut Vec<Line<'static>>,
    plan: &Plan,
    ladder: &Ladder,
    theme: &Theme,
    width: usize,
    strip: &[RungState],
) {
    heading(out, "LADDER", theme);
    let who = one_line(plan.stakeholder.name.trim());
    let intro = if who.is_empty() {
        "What this plan has tried".to_string()
    } else {
        format!("What has been tried with {who}, across your plans")
    };
    for row in wrap(&intro, width) {
        out.push(Line::styled(row, theme.muted));
    }
    out.extend(strip::tall(ladder, strip, theme, width));
    for row in wrap(strip::LEGEND, width) {
        out.push(Line::styled(row, theme.muted));
    }
}

/// The read-only view of one saved plan.
#[derive(Debug, Clone)]
pub struct PlanView {
    pub file: PlanFile,
    pub scroll: Scroll,
    /// The escalation warning's lines, worked out when the view opened.
    pub warning: Vec<String>,
    /// The stakeholder's ladder, worked out when the view opened.
    pub strip: Vec<RungState>,
    /// The ally `A` makes a plan for (an index into the plan's `allies`; Tab moves it).
    pub ally: usize,
    /// The plan's thread (`domain::thread`): each plan in it, said in words, and whether it is this one. Empty
    /// when the plan follows none and none follows it.
    pub thread: Vec<(String, bool)>,
}

/// The thread of the plan with `id` among the catalog's plans, as lines (`domain::thread::lines`).
pub fn thread_lines(ladder: &Ladder, catalog: &Catalog, id: &str) -> Vec<(String, bool)> {
    let plans = &catalog.summaries;
    match plans.iter().position(|p| p.id() == id) {
        Some(at) => thread::lines(ladder, plans, at, |p| p.title().to_string()),
        None => Vec::new(),
    }
}

impl PlanView {
    pub fn new(file: PlanFile, ladder: &Ladder, history: &History, catalog: &Catalog) -> Self {
        let warning = warning_for(ladder, history, &file.plan)
            .map(|w| w.lines(ladder, &file.plan.stakeholder.name))
            .unwrap_or_default();
        let own;
        let record = match history.get(&file.plan.stakeholder.name) {
            Some(r) => r,
            None => {
                own = StakeholderRecord {
                    tries: tries_in(ladder, &file.plan),
                    ..StakeholderRecord::default()
                };
                &own
            }
        };
        let strip = strip::states(ladder, record, Some(&file.plan));
        let thread = thread_lines(ladder, catalog, &file.plan.id);
        PlanView {
            file,
            scroll: Scroll::default(),
            warning,
            strip,
            ally: 0,
            thread,
        }
    }

    /// Tab: the next ally, said in the footer with what `A` does (the sheet lists them all).
    pub fn next_ally(&mut self, keys: &crate::tui::keymap::Keymap) -> Option<String> {
        let allies = &self.file.plan.allies;
        if allies.is_empty() {
            return None;
        }
        self.ally = (self.ally + 1) % allies.len();
        let a = &allies[self.ally];
        Some(format!(
            "Ally {} of {}: {}. {} plans for them to put in a word.",
            self.ally + 1,
            allies.len(),
            crate::domain::text::one_line(&a.name),
            keys.key(crate::tui::keymap::Context::PlanView, Action::AllyPlan)
        ))
    }

    /// The view only scrolls; everything that changes the plan goes through the app.
    pub fn handle(&mut self, action: Action) {
        self.scroll.handle(action);
    }

    pub fn render(
        &self,
        ladder: &Ladder,
        theme: &Theme,
        keys: &Keymap,
        status: Option<&Line>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        if area.height < 3 {
            return;
        }
        let plan = &self.file.plan;
        let title = format!(
            " {} · {} · {}",
            one_line(&plan.display_title()),
            plan.state_label(),
            plan.created_date()
        );
        Line::styled(truncate(&title, usize::from(area.width)), theme.title)
            .render(Rect { height: 1, ..area }, buf);
        let body = Rect {
            x: area.x.saturating_add(1),
            y: area.y + 2,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(3),
        }
        .intersection(area);
        let width = usize::from(body.width);
        let mut lines = Vec::new();
        if let Some(reason) = &self.file.read_only {
            let text = format!(
                "Read-only: {}. It can be viewed and printed here, not changed.",
                one_line(reason)
            );
            lines.extend(
                wrap(&text, width)
                    .into_iter()
                    .map(|r| Line::styled(r, theme.warning)),
            );
            lines.push(Line::raw(""));
        }
        for (i, l) in self.warning.iter().enumerate() {
            let style = if i == 0 { theme.warning } else { Style::new() };
            lines.extend(wrap(l, width).into_iter().map(|r| Line::styled(r, style)));
        }
        if !self.warning.is_empty() {
            lines.push(Line::raw(""));
        }
        if !self.thread.is_empty() {
            lines.push(Line::styled("THREAD", theme.heading));
            for (text, this) in &self.thread {
                let (mark, style) = if *this {
                    ("▶ ", theme.heading)
                } else {
                    ("  ", Style::new())
                };
                for (i, row) in wrap(text, width.saturating_sub(2)).into_iter().enumerate() {
                    let head = if i == 0 { mark } else { "  " };
                    lines.push(Line::styled(format!("{head}{row}"), style));
                }
            }
            lines.push(Line::raw(""));
        }
        lines.extend(plan_lines(plan, ladder, theme, width, &self.strip));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            truncate(
                &format!("File: {}", one_line(&self.file.file_name())),
                width,
            ),
            theme.muted,
        ));
        let scroll = self.scroll.first_line(lines.len(), body.height);
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).render(body, buf);
        let footer = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        match status {
            Some(line) => line.clone().render(footer, buf),
            None => Line::styled(
                keys.footer(Mode::PlanView, usize::from(area.width), 1)
                    .concat(),
                theme.key,
            )
            .render(footer, buf),
        }
    }
}
