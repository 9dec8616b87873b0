//! The stakeholders map (`m` on the stakeholders screen): everyone on a grid of influence (rows) by stance
//! (columns), each marked with the latest result, and beside it (below it on a narrow terminal) who the selected
//! person listens to. Stance and influence are the user's own judgement, read from the register; a person not
//! judged yet sits in the "not set" row or column, never guessed into a cell.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::domain::history::result_mark;
use crate::domain::people::{Influence, People, Stance};
use crate::domain::text::one_line;
use crate::domain::{History, OutcomeResult};
use crate::tui::theme::Theme;
use crate::tui::widgets::strip;
use crate::tui::widgets::wrap::{fit, truncate, wrap};

/// The rows of the map, top first: `None` is "not set".
pub const BANDS: [Option<Influence>; 4] = [
    Some(Influence::High),
    Some(Influence::Medium),
    Some(Influence::Low),
    None,
];

/// The columns of the map, left to right: `None` is "not set".
pub const COLUMNS: [Option<Stance>; 6] = [
    Some(Stance::Champion),
    Some(Stance::Supporter),
    Some(Stance::Neutral),
    Some(Stance::Sceptic),
    Some(Stance::Blocker),
    None,
];

/// One person as the map shows them: from the plans (the history) and the register, one entry per person.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPerson {
    /// The person key ([`crate::domain::people::PersonKeys::key`]): what the map's cursor follows.
    pub key: String,
    pub name: String,
    pub stance: Option<Stance>,
    pub influence: Option<Influence>,
    pub last: Option<OutcomeResult>,
    pub plans: usize,
    /// Whether anything on the ladder was tried with them (a plan not yet held is not a try).
    pub tried: bool,
    /// Who they listen to (as the register writes them), with the user's note.
    pub listens_to: Vec<(String, String)>,
    /// Where on the grid: (band, column).
    pub cell: (usize, usize),
}

impl MapPerson {
    /// The latest result as one mark, the marks of the stakeholders table.
    pub fn mark(&self) -> char {
        result_mark(self.last, self.tried)
    }
}

fn band_of(influence: Option<Influence>) -> usize {
    BANDS.iter().position(|b| *b == influence).unwrap_or(3)
}

fn column_of(stance: Option<Stance>) -> usize {
    COLUMNS.iter().position(|c| *c == stance).unwrap_or(5)
}

/// Everyone the plans name or the register records, once each, in map order: band by band, column by column,
/// by name within a cell.
pub fn people(history: &History, people: &People) -> Vec<MapPerson> {
    let keys = history.keys();
    let mut out: Vec<MapPerson> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for record in history.records() {
        let person = people.first(&record.name);
        seen.insert(record.key.clone());
        out.push(entry(
            record.key.clone(),
            record.name.clone(),
            person,
            record.last_outcome,
            record.plans.len(),
        ));
        if let Some(last) = out.last_mut() {
            last.tried = !record.tries.is_empty();
        }
    }
    for person in people.persons() {
        let key = keys.key(&person.name);
        if key.is_empty() || !seen.insert(key.clone()) {
            continue;
        }
        out.push(entry(
            key,
            person.name.trim().to_string(),
            Some(person),
            None,
            0,
        ));
    }
    out.sort_by_cached_key(|p| {
        (
            p.cell,
            crate::domain::people::person_key(&p.name),
            p.key.clone(),
        )
    });
    out
}

fn entry(
    key: String,
    name: String,
    person: Option<&crate::domain::people::Person>,
    last: Option<OutcomeResult>,
    plans: usize,
) -> MapPerson {
    let stance = person.and_then(|p| p.stance);
    let influence = person.and_then(|p| p.influence);
    MapPerson {
        key,
        name,
        stance,
        influence,
        last,
        plans,
        tried: false,
        listens_to: person
            .map(|p| {
                p.listens_to
                    .iter()
                    .map(|l| (l.name.trim().to_string(), l.note.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        cell: (band_of(influence), column_of(stance)),
    }
}

/// Which way a map key moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
}

/// The person a move lands on, from the one at `at` (an index into `all`, which is in map order). Up and down
/// go through the cell first, then to the nearest column of the next band that has anyone; left and right go to
/// the nearest filled column of the same band. Nowhere to go: `at`.
pub fn step(all: &[MapPerson], at: usize, way: Move) -> usize {
    let Some(here) = all.get(at) else {
        return 0;
    };
    let (band, col) = here.cell;
    let in_cell = |b: usize, c: usize| -> Vec<usize> {
        all.iter()
            .enumerate()
            .filter(|(_, p)| p.cell == (b, c))
            .map(|(i, _)| i)
            .collect()
    };
    let here_cell = in_cell(band, col);
    let pos = here_cell.iter().position(|&i| i == at).unwrap_or(0);
    let nearest_col = |b: usize| -> Option<usize> {
        (0..COLUMNS.len())
            .filter(|&c| !in_cell(b, c).is_empty())
            .min_by_key(|&c| (c.abs_diff(col), c))
    };
    match way {
        Move::Down => {
            if let Some(&next) = here_cell.get(pos + 1) {
                return next;
            }
            for b in band + 1..BANDS.len() {
                if let Some(c) = nearest_col(b) {
                    return in_cell(b, c)[0];
                }
            }
            at
        }
        Move::Up => {
            if pos > 0 {
                return here_cell[pos - 1];
            }
            for b in (0..band).rev() {
                if let Some(c) = nearest_col(b) {
                    let cell = in_cell(b, c);
                    return cell[cell.len() - 1];
                }
            }
            at
        }
        Move::Left | Move::Right => {
            let cols: Vec<usize> = if way == Move::Right {
                (col + 1..COLUMNS.len()).collect()
            } else {
                (0..col).rev().collect()
            };
            for c in cols {
                let cell = in_cell(band, c);
                if !cell.is_empty() {
                    return cell[pos.min(cell.len() - 1)];
                }
            }
            at
        }
    }
}

/// Draws the map of `all` with `selected` highlighted, in `area`.
pub struct MapWidget<'a> {
    pub all: &'a [MapPerson],
    pub selected: usize,
    pub history: &'a History,
    pub theme: &'a Theme,
}

fn band_label(b: usize) -> &'static str {
    BANDS[b].map_or("not set", |i| i.as_str())
}

fn column_label(c: usize) -> &'static str {
    COLUMNS[c].map_or("not set", |s| s.as_str())
}

fn put(area: Rect, x: u16, y: u16, text: &str, style: Style, buf: &mut Buffer) {
    if y >= area.bottom() || x >= area.right() {
        return;
    }
    let room = usize::from(area.right() - x);
    buf.set_stringn(x, y, text, room, style);
}

impl Widget for &MapWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let width = usize::from(area.width);
        // The grid wants a label column and six columns of a few letters; below that, a list by cell.
        // Who they listen to goes below the grid where there is height for both (the grid's cells then get
        // the whole width for names), beside it on a wide and short terminal.
        let wanted = self.grid_height();
        let side = width >= 150 || (width >= 100 && area.height < wanted.saturating_add(8));
        let grid_w = if side { area.width * 2 / 3 } else { area.width };
        let panel_min: u16 = if side { 0 } else { (area.height / 3).min(6) };
        let grid = Rect {
            width: grid_w,
            height: if side {
                area.height
            } else {
                wanted.min(area.height.saturating_sub(panel_min))
            },
            ..area
        };
        if usize::from(grid.width) >= 8 + 6 * 5 && grid.height >= 6 {
            self.grid(grid, buf);
        } else {
            self.list(grid, buf);
        }
        let panel = if side {
            Rect {
                x: area.x + grid_w + 1,
                width: area.width.saturating_sub(grid_w + 1),
                ..area
            }
        } else {
            let y = grid.bottom().saturating_add(1).min(area.bottom());
            Rect {
                y,
                height: area.bottom().saturating_sub(y),
                ..area
            }
        };
        self.listens(panel, buf);
    }
}

impl MapWidget<'_> {
    /// How many people the fullest cell of each band holds (at least one line each).
    fn band_needs(&self) -> Vec<u16> {
        (0..BANDS.len())
            .map(|b| {
                let most = (0..COLUMNS.len())
                    .map(|c| self.all.iter().filter(|p| p.cell == (b, c)).count())
                    .max()
                    .unwrap_or(0)
                    .max(1);
                u16::try_from(most).unwrap_or(u16::MAX)
            })
            .collect()
    }

    /// The rows the whole grid would take: the header, and each band's rule and people.
    fn grid_height(&self) -> u16 {
        self.band_needs()
            .iter()
            .fold(1u16, |h, n| h.saturating_add(1).saturating_add(*n))
    }

    fn grid(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let label_w: u16 = 8;
        let col_w = (area.width - label_w) / 6;
        // Header: the stance columns.
        put(area, area.x, area.y, "", theme.muted, buf);
        for c in 0..COLUMNS.len() {
            let x = area.x + label_w + col_w * c as u16;
            let text = fit(column_label(c), usize::from(col_w.saturating_sub(1)));
            put(area, x, area.y, &text, theme.heading, buf);
        }
        // Band heights: each at least 2 rows (a rule and one name), the rest (below the header) shared by need.
        let room = area.height.saturating_sub(1);
        let need = self.band_needs();
        let mut heights = vec![1u16; BANDS.len()];
        let mut left = room.saturating_sub(BANDS.len() as u16 * 2);
        while left > 0 {
            let mut grew = false;
            for b in 0..BANDS.len() {
                if left > 0 && heights[b] < need[b] {
                    heights[b] += 1;
                    left -= 1;
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        let mut y = area.y + 1;
        for (b, &height) in heights.iter().enumerate() {
            if y >= area.bottom() {
                break;
            }
            let rule = "─".repeat(usize::from(area.width));
            put(area, area.x, y, &rule, theme.muted, buf);
            y = y.saturating_add(1);
            put(area, area.x, y, band_label(b), theme.heading, buf);
            for c in 0..COLUMNS.len() {
                let x = area.x + label_w + col_w * c as u16;
                let cell_rect = Rect {
                    x,
                    y,
                    width: col_w.saturating_sub(1),
                    height: height.min(area.bottom().saturating_sub(y)),
                };
                self.cell(b, c, cell_rect, buf);
            }
            y = y.saturating_add(height);
        }
    }

    /// One cell: its people, one a line, a window around the selected one, "+N" where more do not fit.
    fn cell(&self, band: usize, col: usize, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let theme = self.theme;
        let here: Vec<usize> = self
            .all
            .iter()
            .enumerate()
            .filter(|(_, p)| p.cell == (band, col))
            .map(|(i, _)| i)
            .collect();
        let h = usize::from(area.height);
        let fits = here.len() <= h;
        let rows = if fits { h } else { h.saturating_sub(1).max(1) };
        let at = here.iter().position(|&i| i == self.selected);
        let offset = match at {
            Some(p) if p >= rows => p + 1 - rows,
            _ => 0,
        };
        let w = usize::from(area.width);
        // A cell of one line that cannot hold everyone: its one person says how many more share it.
        let more_beside = if !fits && h == 1 {
            format!(" +{}", here.len() - 1)
        } else {
            String::new()
        };
        for (row, &i) in here.iter().skip(offset).take(rows).enumerate() {
            let p = &self.all[i];
            let name_w = w.saturating_sub(more_beside.chars().count());
            let text =
                truncate(&format!("{} {}", p.mark(), one_line(&p.name)), name_w) + &more_beside;
            let style = if i == self.selected {
                theme.selected
            } else {
                mark_style(p, theme)
            };
            let y = area.y + row as u16;
            let rect = Rect {
                y,
                height: 1,
                ..area
            };
            crate::tui::event::clickable(rect, crate::tui::event::Target::Row(i));
            put(area, area.x, y, &fit(&text, w), style, buf);
        }
        if !fits {
            let more = here.len() - rows;
            let y = area.y + rows as u16;
            if y < area.bottom() && more > 0 {
                put(
                    area,
                    area.x,
                    y,
                    &truncate(&format!("+{more} more"), w),
                    theme.muted,
                    buf,
                );
            }
        }
    }

    /// Below the grid's width: a list by cell ("high · champion"), the selected person kept in view.
    fn list(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let width = usize::from(area.width);
        let mut lines: Vec<(Line, Option<usize>)> = Vec::new();
        let mut last_cell = None;
        for (i, p) in self.all.iter().enumerate() {
            if last_cell != Some(p.cell) {
                last_cell = Some(p.cell);
                let head = format!(
                    "{} influence · {}",
                    band_label(p.cell.0),
                    column_label(p.cell.1)
                );
                lines.push((Line::styled(truncate(&head, width), theme.heading), None));
            }
            let style = if i == self.selected {
                theme.selected
            } else {
                mark_style(p, theme)
            };
            let text = format!("  {} {}", p.mark(), one_line(&p.name));
            lines.push((Line::styled(fit(&text, width), style), Some(i)));
        }
        let h = usize::from(area.height);
        let at = lines
            .iter()
            .position(|(_, i)| *i == Some(self.selected))
            .unwrap_or(0);
        let offset = (at + 1).saturating_sub(h);
        for (row, (line, i)) in lines.into_iter().skip(offset).take(h).enumerate() {
            let rect = Rect {
                y: area.y + row as u16,
                height: 1,
                ..area
            };
            if let Some(i) = i {
                crate::tui::event::clickable(rect, crate::tui::event::Target::Row(i));
            }
            line.render(rect, buf);
        }
    }

    /// Who the selected person listens to, each with their own mark and the user's note.
    fn listens(&self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let theme = self.theme;
        let width = usize::from(area.width);
        let Some(p) = self.all.get(self.selected) else {
            return;
        };
        let mut lines: Vec<Line> = vec![Line::styled(
            truncate(&format!("{} listens to", one_line(&p.name)), width),
            theme.heading,
        )];
        if p.listens_to.is_empty() {
            for l in wrap(
                "nobody recorded yet (e on their page adds who they listen to)",
                width,
            ) {
                lines.push(Line::styled(l, theme.muted));
            }
        }
        for (name, note) in &p.listens_to {
            let record = self.history.get(name);
            let mark = result_mark(
                record.and_then(|r| r.last_outcome),
                record.is_some_and(|r| !r.tries.is_empty()),
            );
            let mut text = format!("{mark} {}", one_line(name));
            if !note.trim().is_empty() {
                text.push_str(&format!(": {}", one_line(note)));
            }
            for (k, l) in wrap(&text, width.saturating_sub(2).max(1))
                .into_iter()
                .enumerate()
            {
                let l = if k == 0 { l } else { format!("  {l}") };
                lines.push(Line::raw(l));
            }
        }
        lines.push(Line::raw(""));
        for l in wrap(strip::LEGEND, width) {
            lines.push(Line::styled(l, theme.muted));
        }
        for (row, line) in lines.into_iter().take(usize::from(area.height)).enumerate() {
            line.render(
                Rect {
                    y: area.y + row as u16,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

fn mark_style(p: &MapPerson, theme: &Theme) -> Style {
    match p.last {
        Some(OutcomeResult::Commitment) => theme.ok,
        Some(OutcomeResult::Resistance) => theme.warning,
        _ => Style::new(),
    }
}

/// The map's own line under the title: what the grid is, said plainly (the help says it too).
pub fn judgement_line(width: usize) -> Vec<String> {
    wrap(
        "Rows: influence. Columns: stance. Both are your own judgement, set on each person's page.",
        width,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::Person;
    use crate::domain::rung::test_rung;
    use crate::domain::{Ladder, Outcome, Plan};

    fn talk(name: &str, result: Option<OutcomeResult>) -> Plan {
        let mut p = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        p.stakeholder.name = name.into();
        p.tactic.primary = test_rung("reason");
        p.outcome = result.map(|r| Outcome {
            result: Some(r),
            ..Default::default()
        });
        p
    }

    fn judged(name: &str, s: Option<Stance>, i: Option<Influence>) -> Person {
        let mut p = Person::named(name);
        p.stance = s;
        p.influence = i;
        p
    }

    #[test]
    fn everyone_once_in_their_cell_and_the_arrows_walk_the_grid() {
        let reg = People::new(vec![
            judged("Dr Adeyemi", Some(Stance::Blocker), Some(Influence::High)),
            judged("Ms Chen", Some(Stance::Champion), Some(Influence::High)),
            judged("Mr Ode", Some(Stance::Champion), Some(Influence::High)),
            judged("Nurse Kim", Some(Stance::Neutral), Some(Influence::Low)),
            judged("Prof Blok", None, None),
        ]);
        let plans = [
            talk("Dr. Adeyemi", Some(OutcomeResult::Resistance)),
            talk("Sister Mensah", None),
        ];
        let h = History::from_facts_in(&Ladder::embedded(), &plans, &reg.keys());
        let all = people(&h, &reg);
        let names: Vec<_> = all.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Mr Ode",
                "Ms Chen",
                "Dr Adeyemi",
                "Nurse Kim",
                "Prof Blok",
                "Sister Mensah"
            ]
        );
        assert_eq!(all[2].mark(), 'x');
        // A plan with nothing recorded yet is not a try.
        assert_eq!(all[5].mark(), '·');
        assert_eq!(all[4].mark(), '·');
        // Down within the champions' cell, then down to the nearest column of the next filled band.
        assert_eq!(step(&all, 0, Move::Down), 1);
        assert_eq!(step(&all, 1, Move::Down), 3);
        assert_eq!(step(&all, 3, Move::Up), 1);
        assert_eq!(step(&all, 0, Move::Right), 2);
        assert_eq!(step(&all, 2, Move::Left), 0);
        assert_eq!(step(&all, 2, Move::Right), 2);
        assert_eq!(step(&all, 3, Move::Down), 4);
        assert_eq!(step(&all, 4, Move::Down), 5);
        assert_eq!(step(&all, 5, Move::Down), 5);
        assert_eq!(step(&[], 0, Move::Down), 0);
    }
}
