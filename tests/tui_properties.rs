//! The workbook's state machine under random input: sequences of keys (mostly the documented ones, from the
//! keymap table, and any character at all), pastes (Unicode, control characters, bidi overrides, huge text),
//! resizes from 1 x 1 to 500 x 200, the clock running (autosave) and the folder changing (reload), on a workbook
//! holding a few plans, the demo set, or hostile files. After every step a frame is drawn at the current size.
//!
//! Never a panic, and these hold throughout: the list's selection and every cursor stay in range; the focus is
//! one the step has; the first screen is the list; no frame holds a control character or a bidi override (a
//! frame is what reaches the terminal); every plan file parses and survives a save (round trip); every draft
//! parses; broken and newer-version files are never changed; quitting with a plan in progress leaves its draft.
//!
//! Cases: 24 by default (about 12 s in a debug build on 2 cores); PROPTEST_CASES=N for more. The run
//! happens in a temporary working folder, so that pages saved from the print preview land there.

use crate::loader_checks;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use overture::domain::Ladder;
use overture::store::DataDir;
use overture::store::draft::Draft;
use overture::tui::app::{App, Done, Effect, Overlay, Screen};
use overture::tui::event::AppEvent;
use overture::tui::keymap::{BINDINGS, Keys};
use overture::tui::screens::wizard::Step as WizardStep;
use overture::tui::theme::Theme;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Hostile files put in some workbooks: they must come out byte for byte as they went in (broken, newer) or
/// parse and round-trip after whatever the random keys did to them.
const HOSTILE: &[&str] = &[
    "broken-truncated-at-200.toml",
    "broken-raw-escape-in-string.toml",
    "newer-version-2.toml",
    "ok-escaped-in-every-field.toml",
    "ok-bidi-override.toml",
    "ok-user-tables-and-comments.toml",
    "ok-crlf.toml",
    "rung-unknown-primary.toml",
];

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// Let this many milliseconds pass on the autosave clock.
    Wait(u64),
    /// The folder watcher saw a change.
    FolderChanged,
    /// Another program saves one of the plans (the n-th, counting round), as the command line would.
    OtherWriter(usize),
}

#[derive(Debug, Clone, Copy)]
enum Workbook {
    Empty,
    Few,
    Demo,
    Hostile,
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        6 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::CONTROL | KeyModifiers::SHIFT),
    ]
}

fn special() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        Just(KeyCode::Esc),
        Just(KeyCode::Enter),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Insert),
        (1u8..=12).prop_map(KeyCode::F),
    ]
}

/// The keys of the keymap table (the documented keys), each once, as the terminal would send them.
fn documented_keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = Vec::new();
    for binding in BINDINGS {
        let events = binding.keys.iter().flat_map(|k| match *k {
            Keys::Key(code, mods) => vec![KeyEvent::new(code, mods)],
            Keys::Digits => (b'0'..=b'9')
                .map(|d| KeyEvent::new(KeyCode::Char(char::from(d)), KeyModifiers::NONE))
                .collect(),
        });
        for e in events {
            if !keys.contains(&e) {
                keys.push(e);
            }
        }
    }
    keys
}

/// The keys that move a plan along: into the wizard, through its steps, choosing and saving; weighted so that
/// random runs get past the first step as people do.
fn onward() -> impl Strategy<Value = KeyEvent> {
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    prop::sample::select(vec![
        ctrl('n'),
        ctrl('n'),
        ctrl('n'),
        ctrl('p'),
        ctrl('s'),
        KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        plain('n'),
        plain('e'),
        plain('o'),
        plain('a'),
        plain('y'),
        plain('b'),
        plain('1'),
        plain('5'),
        plain('8'),
        plain('9'),
        plain(' '),
    ])
}

fn key() -> impl Strategy<Value = KeyEvent> {
    prop_oneof![
        6 => prop::sample::select(documented_keys()),
        6 => onward(),
        4 => "[a-zA-Z0-9 .,-]".prop_map(|s| KeyEvent::new(KeyCode::Char(s.chars().next().unwrap_or('a')), KeyModifiers::NONE)),
        2 => any::<char>().prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        2 => (special(), modifiers()).prop_map(|(c, m)| KeyEvent::new(c, m)),
        1 => ("[a-z]", modifiers()).prop_map(|(s, m)| KeyEvent::new(KeyCode::Char(s.chars().next().unwrap_or('a')), m)),
    ]
}

fn paste() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        3 => "[\u{0}-\u{1f}\u{7f}\u{80}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}a-zé张👩‍⚕️\n\r\t ]{0,40}",
        1 => (0usize..4, 1_000usize..40_000)
            .prop_map(|(kind, n)| ["x", "é ", "张\n", "👩‍⚕️ "][kind].repeat(n / 4)),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        4 => (40u16..=140, 12u16..=50),
        2 => (1u16..=45, 1u16..=14),
        1 => (1u16..=500, 1u16..=200),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        24 => key().prop_map(Input::Key),
        2 => paste().prop_map(Input::Paste),
        2 => size().prop_map(|(w, h)| Input::Resize(w, h)),
        2 => (0u64..5_000).prop_map(Input::Wait),
        1 => Just(Input::FolderChanged),
        1 => any::<usize>().prop_map(Input::OtherWriter),
    ]
}

fn workbook() -> impl Strategy<Value = Workbook> {
    prop_oneof![
        Just(Workbook::Empty),
        Just(Workbook::Few),
        Just(Workbook::Demo),
        Just(Workbook::Hostile),
    ]
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// A temporary data folder holding the workbook.
fn make(kind: Workbook) -> (tempfile::TempDir, DataDir) {
    match kind {
        Workbook::Demo => overture::tui::demo::create().expect("the demo workbook"),
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let data = DataDir::new(dir.path());
            let plans = data.ensure_plans().unwrap();
            if matches!(kind, Workbook::Few | Workbook::Hostile) {
                for (day, (name, want, tactic)) in [
                    ("Dr Okafor", "Start the Tuesday list at 08:00", "reason"),
                    ("Dr Okafor", "Talk to the clinic manager", "force"),
                    ("Sister Mensah", "Trial the handover board", "inspire"),
                ]
                .into_iter()
                .enumerate()
                {
                    let created: jiff::Timestamp =
                        format!("2026-01-{:02}T12:00:00Z", day + 3).parse().unwrap();
                    let mut plan = overture::domain::Plan::new(created);
                    plan.stakeholder.name = name.into();
                    plan.goal.want = want.into();
                    plan.tactic.primary = overture::domain::Ladder::embedded().resolve_text(tactic);
                    overture::store::plan_file::save_new(&plans, &plan).unwrap();
                }
            }
            if matches!(kind, Workbook::Hostile) {
                for name in HOSTILE {
                    fs::copy(fixture(name), plans.join(name)).unwrap();
                }
            }
            (dir, data)
        }
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What must hold after every step.
fn check_state(app: &App, ladder: &Ladder) -> Result<(), TestCaseError> {
    let Some(Screen::Home(home)) = app.screens.first() else {
        return Err(TestCaseError::fail("the first screen is not the list"));
    };
    prop_assert!(
        home.selected < home.visible.len().max(1),
        "list selection {} of {} rows",
        home.selected,
        home.visible.len()
    );
    prop_assert!(home.visible.iter().all(|&i| (i as usize) < app.rows.len()));
    for screen in &app.screens[1..] {
        match screen {
            Screen::Home(_) => return Err(TestCaseError::fail("a second list screen")),
            Screen::Stakeholders(view) => {
                let n = app.history.records().len();
                prop_assert!(
                    view.selected < n.max(1),
                    "stakeholder {} of {n}",
                    view.selected
                );
            }
            Screen::Wizard(w) => {
                prop_assert!(w.steps.tried < ladder.len());
                prop_assert!(w.steps.ladder < ladder.len());
                let order = w.focus_order(ladder);
                prop_assert!(
                    order.contains(&w.focus),
                    "focus {:?} is not on step {:?} ({order:?})",
                    w.focus,
                    w.step
                );
                prop_assert!(WizardStep::ALL.contains(&w.step));
                let suggestions = w.suggestions();
                prop_assert!(w.steps.suggestion < suggestions.len().max(1));
            }
            _ => {}
        }
    }
    if let Some(Overlay::Record(form)) = &app.overlay {
        prop_assert!(form.rung < ladder.len());
    }
    Ok(())
}

/// A frame is what reaches the terminal: no control character or bidi override may be in it.
fn check_frame(terminal: &Terminal<TestBackend>) -> Result<(), TestCaseError> {
    for cell in terminal.backend().buffer().content() {
        let symbol = cell.symbol();
        prop_assert!(
            !symbol.chars().any(|c| c.is_control() || is_bidi_control(c)),
            "a control character reaches the terminal: {symbol:?}"
        );
    }
    Ok(())
}

/// Every plan file parses and survives a save; broken and newer files are as they came; drafts parse.
fn check_files(data: &DataDir) -> Result<(), TestCaseError> {
    for dir in [data.plans(), data.trash()] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.to_ascii_lowercase().ends_with(".toml") {
                continue;
            }
            let bytes = fs::read(entry.path()).unwrap();
            let original = HOSTILE.iter().find(|h| {
                name.ends_with(*h) && (h.starts_with("broken-") || h.starts_with("newer-"))
            });
            if let Some(h) = original {
                prop_assert!(bytes == fs::read(fixture(h)).unwrap(), "{name} was changed");
                continue;
            }
            let text = String::from_utf8(bytes)
                .map_err(|_| TestCaseError::fail(format!("{name}: not UTF-8")))?;
            if let Err(e) = overture::store::plan_file::parse(
                &entry.path(),
                &text,
                &overture::domain::Ladder::embedded(),
            ) {
                return Err(TestCaseError::fail(format!(
                    "{name} does not parse: {e}\n{text}"
                )));
            }
            loader_checks::render_update_roundtrip(text.as_bytes());
        }
    }
    if let Ok(entries) = fs::read_dir(data.drafts()) {
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "toml") {
                let text = fs::read_to_string(entry.path()).unwrap();
                let parsed: Result<Draft, _> = toml::from_str(&text);
                prop_assert!(
                    parsed.is_ok(),
                    "draft does not parse: {:?}\n{text}",
                    parsed.err()
                );
            }
        }
    }
    Ok(())
}

/// Another overture saving into one of the plans: what makes the workbook's own save meet a changed file.
fn other_writer(data: &DataDir, n: usize) {
    let mut files: Vec<PathBuf> = fs::read_dir(data.plans())
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let loaded: Vec<_> = files
        .iter()
        .filter_map(|p| {
            overture::store::plan_file::load(p, &overture::domain::Ladder::embedded()).ok()
        })
        .filter(|pf| pf.read_only.is_none())
        .collect();
    if loaded.is_empty() {
        return;
    }
    let pf = &loaded[n % loaded.len()];
    let mut plan = pf.plan.clone();
    plan.attempts.push(overture::domain::Attempt {
        tactic: overture::domain::Ladder::embedded().resolve_text("coach"),
        notes: "from another writer".into(),
        ..Default::default()
    });
    pf.save(&plan).expect("the other writer saves");
    covered(|c| c.other_writes += 1);
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) -> Result<(), TestCaseError> {
    terminal
        .draw(|f| app.render(f.area(), f.buffer_mut()))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    check_frame(terminal)
}

/// How much ground the run covered: steps taken in each mode, and how often the files changed.
#[derive(Default)]
struct Coverage {
    modes: std::collections::BTreeMap<String, usize>,
    steps: usize,
    folder_changes: usize,
    drafts_written: usize,
    restarts: usize,
    other_writes: usize,
}

static COVERAGE: std::sync::Mutex<Option<Coverage>> = std::sync::Mutex::new(None);

fn covered(f: impl FnOnce(&mut Coverage)) {
    let mut guard = COVERAGE.lock().unwrap();
    f(guard.get_or_insert_with(Coverage::default));
}

fn run(kind: Workbook, colour: bool, inputs: Vec<Input>) -> Result<(), TestCaseError> {
    let (_dir, data) = make(kind);
    let ladder = Ladder::embedded();
    let theme = if colour {
        Theme::colour()
    } else {
        Theme::no_colour()
    };
    let mut app =
        App::new(data.clone(), ladder.clone(), theme.clone()).expect("the workbook opens");
    app.set_today(jiff::civil::date(2026, 1, 20));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut clock = Instant::now();
    let mut folder = overture::store::watch::fingerprint(&data.plans());
    let mut drafts_seen = overture::store::watch::fingerprint(&data.drafts());
    draw(&mut terminal, &app)?;
    for input in inputs {
        // a plan being written, wherever the wizard is in the stack of screens
        let unsaved = app.screens.iter().find_map(|s| match s {
            Screen::Wizard(w) if w.dirty => Some(w.base.id.clone()),
            _ => None,
        });
        match input {
            Input::Key(key) => app.on_event(AppEvent::Key(key)),
            Input::Paste(text) => app.on_event(AppEvent::Paste(text)),
            Input::Resize(w, h) => {
                terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                app.on_event(AppEvent::Resize);
            }
            Input::Wait(ms) => clock += Duration::from_millis(ms),
            Input::FolderChanged => app.files_changed(),
            Input::OtherWriter(n) => other_writer(&data, n),
        }
        app.tick(clock);
        overture::tui::perform::settle(&mut app, |_, effect| match effect {
            Effect::Edit(text) => Ok(Done::Edited(if text.len() % 2 == 0 {
                Ok(format!("{text}\nedited \u{1b}[31m outside"))
            } else {
                Err("the editor failed".to_string())
            })),
            Effect::Print(_) => Ok(Done::Printed(Err(overture::export::ExportError::Write {
                path: PathBuf::from("printer"),
                source: std::io::Error::other("no printer in tests"),
            }))),
            other => Err(other),
        });
        draw(&mut terminal, &app)?;
        check_state(&app, &ladder)?;
        let mode = format!("{:?}", app.mode());
        covered(|c| {
            c.steps += 1;
            *c.modes.entry(mode).or_default() += 1;
        });
        let now = overture::store::watch::fingerprint(&data.plans());
        let drafts = overture::store::watch::fingerprint(&data.drafts());
        if now != folder || drafts != drafts_seen {
            check_files(&data)?;
            covered(|c| {
                c.folder_changes += usize::from(now != folder);
                c.drafts_written += usize::from(drafts != drafts_seen);
            });
            folder = now;
            drafts_seen = drafts;
        }
        if app.quit {
            // nothing typed is lost: a plan being written was kept as a draft on the way out
            if let Some(id) = unsaved {
                let draft = overture::store::draft::path_for(&data, &id);
                prop_assert!(draft.exists(), "quit without keeping the plan in progress");
            }
            // the user starts the workbook again (and is offered any draft)
            check_files(&data)?;
            app =
                App::new(data.clone(), ladder.clone(), theme.clone()).expect("the workbook opens");
            app.set_today(jiff::civil::date(2026, 1, 20));
            covered(|c| c.restarts += 1);
        }
    }
    check_files(&data)
}

fn runner_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24)
}

fn config() -> Config {
    let cases = runner_cases();
    Config {
        cases,
        // The tests run in a temporary folder: failures are kept beside this file by its full path.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/tui_properties.proptest-regressions"
        )))),
        ..Config::default()
    }
}

#[test]
fn random_keys_pastes_and_resizes_never_break_the_workbook() {
    // Whatever the app writes beside itself (a print to a relative path) lands in a temporary folder. The folder
    // is the whole process's while this test runs (every test shares the one binary), so the others use only
    // absolute paths, and it is set back before the folder goes away.
    let work = tempfile::tempdir().unwrap();
    let home = std::env::current_dir().unwrap();
    std::env::set_current_dir(work.path()).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let strategy = (
        workbook(),
        any::<bool>(),
        prop::collection::vec(input(), 1..160),
    );
    let result = runner.run(&strategy, |(kind, colour, inputs)| {
        run(kind, colour, inputs)
    });
    if let Some(c) = COVERAGE.lock().unwrap().as_ref() {
        eprintln!(
            "{} cases, {} steps, {} restarts, {} saves by another writer; plans folder changed {} times, drafts {} \
             times; steps per mode: {:?}",
            runner_cases(),
            c.steps,
            c.restarts,
            c.other_writes,
            c.folder_changes,
            c.drafts_written,
            c.modes
        );
    }
    std::env::set_current_dir(home).unwrap();
    if let Err(e) = result {
        panic!("{e}");
    }
}
