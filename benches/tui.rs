//! What the full-screen workbook costs per frame and per key at 10,000 plans, and building the one-page plan:
//! one frame of the list, the wizard's tactic step and the reflection chart at 200 x 60 (drawn into a buffer, as
//! the terminal backend would be handed it); a filter keystroke and a scroll step on the list; the page as text
//! and as PDF. Run with `cargo bench --bench tui`; the numbers are recorded in docs/PERFORMANCE.md. The list's
//! frame, a keystroke with its frame and a scroll step also run at 1,000 plans, and at 50,000 and 100,000 with
//! `OVERTURE_BENCH_MAX=100000` (how cost grows).
//!
//! The workbooks are the ones `benches/catalog.rs` generates (`target/tmp/workbook-N`), made on first use.

mod support;

use divan::{Bencher, black_box};
use overture::domain::{Ladder, PlanFacts};
use overture::export::{self, Format, Page};
use overture::store::plan_file;
use overture::tui::action::Action;
use overture::tui::app::{App, Screen};
use overture::tui::screens::home::Home;
use overture::tui::screens::reflection::ReflectionView;
use overture::tui::screens::wizard::Step;
use overture::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use support::{data, growth};

fn main() {
    divan::main();
}

const PLANS: usize = 10_000;
const AREA: Rect = Rect::new(0, 0, 200, 60);

/// The app on a 10,000-plan workbook, its whole catalog loaded, on the plans list.
fn app() -> App {
    app_of(PLANS)
}

/// The app on an `n`-plan workbook, its whole catalog loaded, on the plans list.
fn app_of(n: usize) -> App {
    let data = data(n);
    // Twice: the first load after generating may find files "just written" and not trust them yet.
    let _ = App::new(data.clone(), Ladder::embedded(), Theme::colour());
    match App::new(data, Ladder::embedded(), Theme::colour()) {
        Ok(app) => app,
        Err(e) => panic!("could not open the workbook: {e}"),
    }
}

fn frame(bencher: Bencher, app: &App) {
    let mut buf = Buffer::empty(AREA);
    bencher.bench_local(|| {
        buf.reset();
        app.render(black_box(AREA), &mut buf);
    });
}

/// One frame of the plans list.
#[divan::bench(args = growth(), sample_count = 30)]
fn render_list(bencher: Bencher, n: usize) {
    frame(bencher, &app_of(n));
}

/// One frame of the wizard at the tactic step (the ladder, the history with this person, the warning).
#[divan::bench(sample_count = 30)]
fn render_tactic_step(bencher: Bencher) {
    let mut app = app();
    app.on_event(overture::tui::event::AppEvent::Key(KeyEvent::new(
        KeyCode::Char('n'),
        KeyModifiers::NONE,
    )));
    let ladder = app.ladder.clone();
    let Some(Screen::Wizard(w)) = app.screens.last_mut() else {
        panic!("n did not open the wizard");
    };
    w.fields.name.set_text("Hugo Okafor");
    w.go_to(Step::Tactic, &ladder);
    frame(bencher, &app);
}

/// One frame of the reflection chart over every plan.
#[divan::bench(sample_count = 30)]
fn render_reflection(bencher: Bencher) {
    let mut app = app();
    let view = ReflectionView::new(
        &app.ladder,
        app.catalog.summaries.iter(),
        app.catalog.register.keys(),
    );
    app.screens.push(Screen::Reflection(Box::new(view)));
    frame(bencher, &app);
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// A list with `typed` in its filter.
fn home_with(app: &App, typed: &str) -> Home {
    let mut home = Home::new(&app.rows, app.catalog.search.clone());
    home.handle(Action::Filter, &app.rows);
    for c in typed.chars() {
        home.filter_key(key(c), &app.rows);
    }
    home
}

/// A filter keystroke: the next letter typed, the list worked out again. `okafo` → `okafor` narrows the
/// previous hits; `` → `o` and `sepsis` → `sepsis ` (an unchanged query) show the first and the cheapest key.
#[divan::bench(args = ["okafo|r", "|o", "sepsis wa|r", "zzz|z", "张|伟"], sample_count = 30)]
fn filter_keystroke(bencher: Bencher, typed: &str) {
    let app = app();
    let (before, next) = typed.split_once('|').unwrap_or((typed, ""));
    let home = home_with(&app, before);
    let next = next.chars().next().unwrap_or(' ');
    bencher
        .with_inputs(|| home.clone())
        .bench_local_refs(|home| home.filter_key(key(next), &app.rows));
}

/// A filter keystroke and the frame it causes, as the user sees it.
#[divan::bench(args = growth(), sample_count = 30)]
fn filter_keystroke_and_frame(bencher: Bencher, n: usize) {
    let mut app = app_of(n);
    let home = home_with(&app, "okafo");
    let mut buf = Buffer::empty(AREA);
    bencher
        .with_inputs(|| home.clone())
        .bench_local_refs(|home| {
            home.filter_key(key('r'), &app.rows);
            if let Some(Screen::Home(h)) = app.screens.first_mut() {
                std::mem::swap(&mut **h, home);
            }
            buf.reset();
            app.render(AREA, &mut buf);
        });
}

/// The same keystroke and frame with a register of 2,000 people beside the plans: each query word is also read
/// against every person's words (their notes, role, aliases...), and their plans' scores raised.
#[divan::bench(args = growth(), sample_count = 30)]
fn filter_keystroke_and_frame_with_2000_people(bencher: Bencher, n: usize) {
    let data = support::data_with_people(n, 2_000);
    let _ = App::new(data.clone(), Ladder::embedded(), Theme::colour());
    let mut app = match App::new(data, Ladder::embedded(), Theme::colour()) {
        Ok(app) => app,
        Err(e) => panic!("could not open the workbook: {e}"),
    };
    let home = home_with(&app, "okafo");
    let mut buf = Buffer::empty(AREA);
    bencher
        .with_inputs(|| home.clone())
        .bench_local_refs(|home| {
            home.filter_key(key('r'), &app.rows);
            if let Some(Screen::Home(h)) = app.screens.first_mut() {
                std::mem::swap(&mut **h, home);
            }
            buf.reset();
            app.render(AREA, &mut buf);
        });
}

/// A scroll step on the whole list and the frame it causes.
#[divan::bench(args = growth(), sample_count = 30)]
fn scroll_step_and_frame(bencher: Bencher, n: usize) {
    let mut app = app_of(n);
    let mut buf = Buffer::empty(AREA);
    bencher.bench_local(|| {
        let rows = std::mem::take(&mut app.rows);
        if let Some(Screen::Home(h)) = app.screens.first_mut() {
            if h.selected + 1 >= h.visible.len() {
                h.handle(Action::Top, &rows);
            }
            h.handle(Action::Down, &rows);
        }
        app.rows = rows;
        buf.reset();
        app.render(AREA, &mut buf);
    });
}

/// The one-page plan of the newest plan with attempts, built and written in `format`.
fn page(bencher: Bencher, format: Format) {
    let app = app();
    let newest = app.catalog.newest_first();
    let Some(summary) = newest
        .iter()
        .find(|s| s.attempts().next().is_some())
        .or(newest.first())
    else {
        panic!("no plans");
    };
    let plan = match plan_file::load(&summary.path(), &overture::domain::Ladder::embedded()) {
        Ok(pf) => pf.plan,
        Err(e) => panic!("{e}"),
    };
    let options = export::Options::default();
    let today = overture::domain::dates::today();
    bencher.bench_local(|| {
        let page = Page::build(&app.ladder, &app.history, black_box(&plan), today);
        export::render(&page, format, &options).map(|b| b.len())
    });
}

#[divan::bench(sample_count = 30)]
fn page_text(bencher: Bencher) {
    page(bencher, Format::Text);
}

#[divan::bench(sample_count = 10)]
fn page_pdf(bencher: Bencher) {
    page(bencher, Format::Pdf);
}
