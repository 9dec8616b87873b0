//! The workbook on the hostile corpus, in a pseudo-terminal: it starts, lists every plan and every broken file,
//! and every row can be opened, previewed and edited (or is refused with its reason) without a crash; files of a
//! newer version open read-only and say so. Nothing from a file drives the terminal: every escape sequence the
//! app wrote is one the app itself uses, and no control character, C1 control or bidi override from a file is
//! ever written. Every file is byte for byte what it was afterwards.

use std::fs;

use crate::bounded::snapshot;
use crate::pty::Tui;
use overture::domain::text::one_line;

const HOME: &str = "your plans (";
const PLAN_VIEW: &str = " STAKEHOLDER";
const PREVIEW: &str = "print preview";
const WIZARD: &str = "Who do you need to win over?";

/// What the app may write to a terminal: the escape sequences ratatui and crossterm use to draw (cursor
/// position, colours and text attributes, clearing, the modes it turns on and off). Anything else (a title, a
/// hyperlink, a reset, blinking or hidden text, a bell, a C1 control, a bidi override) can only have come from a
/// file. Returns the first offender and where it is.
fn foreign_control(out: &[u8]) -> Option<(usize, String)> {
    let text = String::from_utf8_lossy(out);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let bad = |what: &str| Some((at, what.to_string()));
        match c {
            '\u{1b}' => {
                let Some(&(_, '[')) = chars.get(i + 1) else {
                    return bad("an escape sequence other than CSI");
                };
                let mut j = i + 2;
                while chars
                    .get(j)
                    .is_some_and(|&(_, p)| p.is_ascii_digit() || p == ';' || p == '?')
                {
                    j += 1;
                }
                let params: String = chars[i + 2..j].iter().map(|&(_, p)| p).collect();
                let Some(&(_, last)) = chars.get(j) else {
                    return bad("an unfinished escape sequence");
                };
                let allowed = match last {
                    'H' => true,
                    'J' => params == "2",
                    'm' => sgr_allowed(&params),
                    'h' | 'l' => matches!(
                        params.as_str(),
                        "?1049" | "?2004" | "?25" | "?1000" | "?1002" | "?1003" | "?1006" | "?1015"
                    ),
                    _ => false,
                };
                if !allowed {
                    return bad(&format!("ESC [{params}{last}"));
                }
                i = j + 1;
                continue;
            }
            '\n' | '\r' => {}
            c if c.is_control() => return bad(&format!("control character {c:?}")),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                return bad(&format!("bidi control {c:?}"));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Text attributes ratatui uses (reset, bold, dim, italic, underline, reversed, and their ends) and colours in
/// the 256-colour or RGB forms crossterm writes; never blinking, hidden or crossed-out text.
fn sgr_allowed(params: &str) -> bool {
    let mut parts = params.split(';');
    while let Some(p) = parts.next() {
        match p {
            "" | "0" | "1" | "2" | "3" | "4" | "7" | "22" | "23" | "24" | "27" | "39" | "49"
            | "59" => {}
            "38" | "48" => match parts.next() {
                Some("5") => {
                    if parts.next().and_then(|n| n.parse::<u8>().ok()).is_none() {
                        return false;
                    }
                }
                Some("2") => {
                    for _ in 0..3 {
                        if parts.next().and_then(|n| n.parse::<u8>().ok()).is_none() {
                            return false;
                        }
                    }
                }
                _ => return false,
            },
            _ => return false,
        }
    }
    true
}

#[test]
fn the_allowlist_catches_what_files_hold() {
    assert_eq!(
        foreign_control(b"\x1b[1;1H\x1b[38;5;6mok\x1b[0m\x1b[?1049h"),
        None
    );
    for payload in [
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}[31m",
        "\u{1b}[5m",
        "\u{1b}[8m",
        "\u{1b}[1A",
        "\u{1b}[2K",
        "\u{1b}c",
        "\u{9b}31m",
        "\u{202e}evil",
        "\u{7}",
    ] {
        assert!(
            foreign_control(payload.as_bytes()).is_some(),
            "{payload:?} passes"
        );
    }
}

/// What a walk over the rows saw.
#[derive(Default)]
struct Walked {
    viewed: usize,
    refused: usize,
    /// Where each broken file was said to be wrong: `name:line:col` (or the name), as the status line put it.
    reported: Vec<String>,
    edited: usize,
    read_only: usize,
}

/// Starts a workbook on the corpus and, for `count` rows from the first (or from the last, going up), opens
/// each, previews it and opens it in the wizard; then quits and checks the terminal and every byte written.
fn walk(h: &crate::hostile_corpus::Hostile, rows: usize, count: usize, up: bool) -> Walked {
    let mut t = Tui::start(h.data.path(), h.config.path(), &[], &[], 40, 120);
    t.wait_for(HOME);
    // The newest plans are drawn first and the rest swapped in when loaded: wait for every row.
    t.wait_for(&format!("All {rows} "));
    // The first frame comes from the index; the full load, which lists the folder, is the one that finds the
    // sync tool's copies. Walk only once it has corrected the screen, or a row may change under the walk.
    t.wait_for("left by a sync tool");
    let next_row = |t: &mut Tui, key: &str| {
        let before = t.parser.lock().unwrap().screen().contents_formatted();
        t.send(key);
        t.wait_until("the next row", |_| {
            t.parser.lock().unwrap().screen().contents_formatted() != before
        });
    };
    if up {
        next_row(&mut t, "G");
    }
    let mut w = Walked::default();
    for row in 0..count {
        t.send("\r");
        let seen = t.wait_until("the plan or its error", |s| {
            s.contains(PLAN_VIEW) || s.contains("Could not read")
        });
        // Settled, the screen has the whole of a long message; but under a heavy load a status message can be
        // replaced before the screen is still for long enough (the background load finishing says its own),
        // and then the screen that showed it is the one to read.
        let settled = t.settle();
        let screen = if settled.contains(PLAN_VIEW) || settled.contains("Could not read") {
            settled
        } else {
            seen
        };
        if screen.contains(PLAN_VIEW) {
            w.viewed += 1;
            if screen.contains("Read-only: written by a newer overture") {
                w.read_only += 1;
            }
            t.send("p");
            t.wait_for(PREVIEW);
            t.send("q");
            t.wait_for(PLAN_VIEW);
            t.send("q");
            t.wait_for(HOME);
        } else {
            w.refused += 1;
            // The message is the last thing on the screen; a long one wraps onto the lines above the footer.
            let lines: Vec<&str> = screen.lines().collect();
            let from = lines
                .iter()
                .rposition(|l| l.contains("Could not read"))
                .unwrap_or_default();
            let joined = lines[from..]
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" ");
            let said = joined.rsplit("Could not read ").next().unwrap_or_default();
            let at = said.split(": ").next().unwrap_or_default().trim();
            w.reported.push(at.to_string());
        }
        t.send("e");
        let screen = t.wait_until("the wizard or a refusal", |s| {
            s.contains(WIZARD) || s.contains("Read-only:") || s.contains("could not be read")
        });
        if screen.contains(WIZARD) {
            w.edited += 1;
            // The first Esc closes the name suggestions when other plans' names start like this one's ("B",
            // "Bell…"); the next leaves the wizard.
            // A second Esc on the list would clear its filter and move the selection to the top, so it is sent
            // only once the first has had ample time to leave.
            t.escape();
            let sent = std::time::Instant::now();
            while !t.screen().contains(HOME) && sent.elapsed() < std::time::Duration::from_secs(3) {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            if !t.screen().contains(HOME) {
                t.escape();
            }
            t.wait_for(HOME);
        }
        if row + 1 < count {
            next_row(&mut t, if up { "k" } else { "j" });
        }
    }
    t.send("q");
    t.assert_restored();
    let out = t.output();
    if let Some((at, what)) = foreign_control(&out) {
        let text = String::from_utf8_lossy(&out);
        let start = text.floor_char_boundary(at.saturating_sub(200));
        let end = text.ceil_char_boundary((at + 100).min(text.len()));
        panic!(
            "{what} written to the terminal, near:\n{}",
            text[start..end].escape_debug()
        );
    }
    w
}

#[test]
fn every_row_of_the_hostile_corpus_opens_without_a_crash_or_a_stray_escape() {
    let h = crate::hostile_corpus::hostile_workbook();
    for (name, text) in crate::hostile_corpus::huge_files() {
        fs::write(h.plans().join(name), text).unwrap();
    }
    // a title is shown where a name is not: one that holds bidi overrides, which ratatui would draw as they are
    fs::write(
        h.plans().join("ok-bidi-in-title.toml"),
        crate::hostile_corpus::VALID
            .replace("TESTTIME", "BIDITITLE")
            .replace(
                "[stakeholder]",
                "title = \"\\u202Eevil\\u202C \\u2066title\\u2069\"\n[stakeholder]",
            ),
    )
    .unwrap();
    let before = snapshot(h.data.path());
    let outside = snapshot(h.outside.path());
    let listed: serde_json::Value =
        serde_json::from_str(&h.cmd(&["list", "--json"]).stdout).unwrap();
    let plans = listed["plans"].as_array().unwrap();
    let broken = listed["broken"].as_array().unwrap().len();
    let read_only = plans.iter().filter(|p| p["read_only"] == true).count();
    let rows = plans.len() + broken;
    assert!(read_only >= 4 && broken >= 80, "{read_only} {broken}");

    // Two workbooks on the same folder share the rows: one walks down from the first, the other up from the
    // last (nothing here writes, so they do not disturb each other).
    let half = rows.div_ceil(2);
    let (down, up) = std::thread::scope(|s| {
        let down = s.spawn(|| walk(&h, rows, half, false));
        let up = s.spawn(|| walk(&h, rows, rows - half, true));
        (down.join().unwrap(), up.join().unwrap())
    });
    // each broken file is reported at the same place `overture check` gives
    let check = h.cmd(&["check"]);
    let prefix = format!("{}/", h.plans().display());
    let mut expected: Vec<String> = check
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|l| l.split(": ").next().unwrap_or_default().to_string())
        .filter(|at| {
            let name = at.split(':').next().unwrap_or_default();
            listed["broken"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| one_line(b["path"].as_str().unwrap_or_default()).ends_with(name))
        })
        .collect();
    let mut reported: Vec<String> = down.reported.iter().chain(&up.reported).cloned().collect();
    expected.sort();
    reported.sort();
    assert_eq!(
        reported, expected,
        "the workbook and `overture check` disagree on where files are broken"
    );
    let total = |f: fn(&Walked) -> usize| f(&down) + f(&up);
    assert_eq!(
        (total(|w| w.viewed), total(|w| w.refused)),
        (plans.len(), broken)
    );
    assert_eq!(
        total(|w| w.edited),
        plans.len() - read_only,
        "every writable plan opens in the wizard"
    );
    assert_eq!(
        total(|w| w.read_only),
        read_only,
        "each newer file says it is read-only"
    );
    assert!(before == snapshot(h.data.path()), "a file was changed");
    assert!(outside == snapshot(h.outside.path()));
}

/// What sits in `drafts/` or in the config folder never stops the workbook from drawing (issue 11, break 5: a
/// pipe, a link to `/dev/zero` or a huge sparse file there used to hang it at 99 % CPU): each bad draft is
/// named on the first screen and skipped, a good draft is still offered, and a bad config is named while the
/// defaults are used.
#[test]
fn hostile_drafts_and_config_are_named_and_skipped_and_the_workbook_draws() {
    use overture::store::draft::{self, Draft};
    let h = crate::hostile_corpus::Hostile::empty();
    let data = overture::store::DataDir::new(h.data.path());
    let mut plan = overture::domain::Plan::new(jiff::Timestamp::now());
    plan.stakeholder.name = "Dr Drafted".into();
    draft::write(
        &data,
        &Draft {
            version: draft::DRAFT_VERSION,
            editing: None,
            loaded: None,
            step: 0,
            by_text: String::new(),
            plan,
        },
    )
    .unwrap();
    let drafts = data.drafts();
    let fifo = std::process::Command::new("mkfifo")
        .arg(drafts.join("a-pipe.toml"))
        .status();
    assert!(fifo.is_ok_and(|s| s.success()));
    std::os::unix::fs::symlink("/dev/zero", drafts.join("b-zero.toml")).unwrap();
    fs::File::create(drafts.join("c-huge.toml"))
        .unwrap()
        .set_len(5 << 30)
        .unwrap();
    fs::write(drafts.join("d-junk.toml"), "not = [a draft").unwrap();
    std::os::unix::fs::symlink("/dev/zero", h.config.path().join("config.toml")).unwrap();

    let mut tui = Tui::start(h.data.path(), h.config.path(), &[], &[], 30, 220);
    tui.wait_for("A plan you were writing for Dr Drafted");
    let screen = tui.settle();
    let pipe = drafts.join("a-pipe.toml");
    assert!(
        screen.contains(&format!(
            "{}: a named pipe, not a regular file; not read; skipped (and 3 more)",
            pipe.display()
        )),
        "{screen}"
    );
    assert!(screen.contains("config.toml: a device"), "{screen}");
    tui.send("n");
    tui.wait_for(HOME);
    tui.send("q");
    tui.assert_restored();
}
