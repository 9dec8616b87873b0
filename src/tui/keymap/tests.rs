//! The keymap's own checks: no duplicate keys where contexts meet, the documented contract, the README table.
use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn expand(keys: Keys) -> Vec<(KeyCode, KeyModifiers)> {
    match keys {
        Keys::Key(c, m) => vec![(c, m)],
        Keys::Digits => ('1'..='9').map(|d| (KeyCode::Char(d), NONE)).collect(),
    }
}

#[test]
fn no_key_is_bound_twice_where_contexts_meet() {
    for mode in Mode::ALL {
        let mut seen: Vec<((KeyCode, KeyModifiers), Context)> = Vec::new();
        for &context in mode.contexts() {
            for b in BINDINGS.iter().filter(|b| b.context == context) {
                for k in b.keys.iter().flat_map(|&k| expand(k)) {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| *s == k) {
                        panic!("{mode:?}: {k:?} bound in both {other:?} and {context:?}");
                    }
                    seen.push((k, context));
                }
            }
        }
    }
}

#[test]
fn every_context_is_reachable() {
    for b in BINDINGS {
        assert!(
            Mode::ALL.iter().any(|m| m.contexts().contains(&b.context)),
            "{:?} is in no mode",
            b.context
        );
    }
}

#[test]
fn the_documented_key_contract() {
    let ctrl = KeyModifiers::CONTROL;
    let plain = |c| key(KeyCode::Char(c), NONE);
    assert_eq!(lookup(Mode::Home, &plain('n')), Some(A::NewPlan));
    assert_eq!(lookup(Mode::Home, &key(K::Enter, NONE)), Some(A::Open));
    assert_eq!(lookup(Mode::Home, &plain('j')), Some(A::Down));
    assert_eq!(lookup(Mode::Home, &key(K::Up, NONE)), Some(A::Up));
    assert_eq!(lookup(Mode::Home, &plain('?')), Some(A::Help));
    assert_eq!(lookup(Mode::Home, &plain('q')), Some(A::Quit));
    for mode in [
        Mode::WizardText,
        Mode::WizardLadder,
        Mode::WizardTried,
        Mode::WizardReview,
    ] {
        assert_eq!(lookup(mode, &key(K::Tab, NONE)), Some(A::NextField));
        assert_eq!(
            lookup(mode, &key(K::BackTab, KeyModifiers::SHIFT)),
            Some(A::PrevField)
        );
        assert_eq!(lookup(mode, &key(K::Char('n'), ctrl)), Some(A::NextStep));
        assert_eq!(
            lookup(mode, &key(K::Char('N'), ctrl | KeyModifiers::SHIFT)),
            Some(A::NextStep)
        );
        assert_eq!(lookup(mode, &key(K::Char('p'), ctrl)), Some(A::PrevStep));
        assert_eq!(lookup(mode, &key(K::PageDown, NONE)), Some(A::NextStep));
        assert_eq!(lookup(mode, &key(K::PageUp, NONE)), Some(A::PrevStep));
        assert_eq!(lookup(mode, &key(K::Char('s'), ctrl)), Some(A::Save));
        assert_eq!(lookup(mode, &key(K::Esc, NONE)), Some(A::Leave));
        assert_eq!(
            lookup(mode, &key(K::Char('e'), ctrl)),
            Some(A::ExternalEditor)
        );
    }
    assert_eq!(
        lookup(Mode::WizardLadder, &plain('9')),
        Some(A::PickPrimary(8))
    );
    assert_eq!(
        lookup(Mode::WizardLadder, &plain('1')),
        Some(A::PickPrimary(0))
    );
    assert_eq!(lookup(Mode::WizardLadder, &plain('0')), None);
    assert_eq!(
        lookup(Mode::WizardLadder, &plain('b')),
        Some(A::StartBackup)
    );
    assert_eq!(
        lookup(Mode::WizardBackupPending, &plain('3')),
        Some(A::PickBackup(2))
    );
    assert_eq!(lookup(Mode::WizardWarning, &plain('y')), Some(A::Confirm));
    assert_eq!(lookup(Mode::WizardWarning, &plain('n')), Some(A::Cancel));
    assert_eq!(
        lookup(Mode::WizardWarning, &key(K::Esc, NONE)),
        Some(A::Cancel)
    );
    // typing in a field: letters, digits and '?' are text, not commands
    for c in ['n', 'q', '1', '?', 'j'] {
        assert_eq!(lookup(Mode::WizardText, &plain(c)), None, "{c}");
    }
    assert_eq!(lookup(Mode::WizardText, &key(K::Enter, NONE)), None);
    assert_eq!(
        lookup(Mode::WizardSingleLine, &key(K::Enter, NONE)),
        Some(A::NextField)
    );
}

#[test]
fn help_merges_keys_for_the_same_action() {
    let keys = Keymap::defaults();
    let home = keys.entries(C::Home);
    assert!(
        home.iter()
            .any(|e| e.keys == "j / ↓" && e.description == "move down")
    );
    assert!(
        keys.entries(C::Wizard)
            .iter()
            .any(|e| e.keys == "Ctrl-N / PageDown")
    );
    assert!(keys.entries(C::Ladder).iter().any(|e| e.keys == "1-9"));
    assert!(
        home.iter()
            .any(|e| e.keys == "1 / 2 / 3 / 4" && e.description.starts_with("status tab"))
    );
}

#[test]
fn readme_documents_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_default();
    let (start, end) = ("<!-- keys:start -->", "<!-- keys:end -->");
    let generated = format!("{start}\n{}\n{end}", markdown());
    if std::env::var_os("OVERTURE_UPDATE_README").is_some() {
        let updated = match (readme.find(start), readme.find(end)) {
            (Some(a), Some(b)) => {
                format!("{}{generated}{}", &readme[..a], &readme[b + end.len()..])
            }
            _ => format!("{readme}\n{generated}\n"),
        };
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated).unwrap();
        return;
    }
    assert!(
        readme.contains(&generated),
        "README.md's key table is out of date: run OVERTURE_UPDATE_README=1 cargo test readme_documents"
    );
}

#[test]
fn one_row_per_action_in_each_context() {
    for context in Context::ALL {
        let mut seen = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.context == context) {
            if let Some(a) = b.bound.action() {
                assert!(!seen.contains(&a), "{context:?}: {a:?} on two rows");
                // A screen's name (`Action::Show`) must not be another action's: the config file could not
                // tell them apart.
                let name = user::action_name(a);
                assert!(name.is_some(), "{a:?} has no config name");
                assert!(
                    !seen.iter().any(|&s| user::action_name(s) == name),
                    "{context:?}: two actions called {name:?}"
                );
                seen.push(a);
            }
        }
    }
}

#[test]
fn footers_come_from_the_keymap_and_keep_quit_at_80_columns() {
    let keys = Keymap::defaults();
    let home = keys.footer(Mode::Home, 80, 1);
    assert_eq!(home.len(), 1);
    let line = &home[0];
    for hint in [
        "Enter open",
        "n new",
        "/ filter",
        "? help",
        "q quit",
        "s sort",
        "Tab status",
    ] {
        assert!(line.contains(hint), "{hint:?} missing from {line:?}");
    }
    assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= 80);
    let two = keys.footer(Mode::Home, 80, 2);
    assert_eq!(two.len(), 2);
    let all = two.concat();
    for hint in [
        "e edit",
        "o outcome",
        "d delete",
        "p print",
        "S people",
        "R reflect",
    ] {
        assert!(all.contains(hint), "{hint:?} missing from {all:?}");
    }
    assert_eq!(
        keys.footer(Mode::WizardBackupPending, 80, 1),
        [" 1-9 backup · 0 none · Esc cancel · F1 help"]
    );
    assert!(keys.footer(Mode::PlanView, 80, 1)[0].starts_with(" Esc back · ? help"));
    assert!(keys.footer(Mode::WizardText, 80, 1)[0].contains("F1 help"));
    assert!(keys.footer(Mode::WizardLadder, 80, 1)[0].contains("j/k move"));
    let names = keys.footer(Mode::WizardNameCompletion, 80, 1).concat();
    assert!(
        names.contains("↓/↑ pick a name") && names.contains("Esc close"),
        "{names}"
    );
    assert!(!names.contains("leave"), "{names}");
    assert_eq!(
        keys.footer_only(Mode::Home, &[A::NewPlan, A::Help, A::Quit], 80),
        " n new · ? help · q quit"
    );
}

#[test]
fn esc_closes_name_suggestions_instead_of_leaving() {
    let esc = key(K::Esc, NONE);
    assert_eq!(
        lookup(Mode::WizardNameCompletion, &esc),
        Some(A::CloseSuggestions)
    );
    assert_eq!(lookup(Mode::WizardSingleLine, &esc), Some(A::Leave));
}

fn over(context: &str, action: &str, keys: &[&str], line: usize) -> KeyOverride {
    KeyOverride {
        context: context.into(),
        context_at: (line, 1),
        action: action.into(),
        action_at: (line, 1),
        keys: keys.iter().map(|k| (k.to_string(), (line, 10))).collect(),
    }
}

#[test]
fn keys_parse_as_people_write_them() {
    let k = |c, m| Ok(Keys::Key(c, m));
    assert_eq!(parse_key("a"), k(K::Char('a'), NONE));
    assert_eq!(parse_key("A"), k(K::Char('A'), NONE));
    assert_eq!(parse_key("shift-a"), k(K::Char('A'), NONE));
    assert_eq!(parse_key("Ctrl-S"), k(K::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(parse_key("alt-x"), k(K::Char('x'), KeyModifiers::ALT));
    assert_eq!(parse_key("enter"), k(K::Enter, NONE));
    assert_eq!(parse_key("shift-tab"), k(K::BackTab, NONE));
    assert_eq!(parse_key("space"), k(K::Char(' '), NONE));
    assert_eq!(parse_key("↓"), k(K::Down, NONE));
    assert_eq!(parse_key("PageDown"), k(K::PageDown, NONE));
    assert_eq!(parse_key("f2"), k(K::F(2), NONE));
    assert_eq!(parse_key("-"), k(K::Char('-'), NONE));
    assert_eq!(parse_key("ctrl--"), k(K::Char('-'), KeyModifiers::CONTROL));
    assert!(parse_key("ctrl-").is_err());
    assert!(parse_key("").is_err());
    assert!(parse_key("hyper-x").is_err());
    assert!(parse_key("f13").is_err());
}

#[test]
fn overrides_rebind_and_bad_ones_keep_the_defaults() {
    let file = std::path::Path::new("config.toml");
    let (map, problems) = Keymap::with_overrides(
        &[
            over("list", "new", &["a", "N"], 2),
            over("plan-actions", "attempt", &["ctrl-a"], 3),
        ],
        file,
    );
    assert!(problems.is_empty(), "{problems:?}");
    let plain = |c| key(K::Char(c), NONE);
    assert_eq!(map.lookup(Mode::Home, &plain('a')), Some(A::NewPlan));
    assert_eq!(map.lookup(Mode::Home, &plain('N')), Some(A::NewPlan));
    assert_eq!(map.lookup(Mode::Home, &plain('n')), None);
    assert_eq!(
        map.lookup(Mode::Home, &key(K::Char('a'), KeyModifiers::CONTROL)),
        Some(A::LogAttempt)
    );
    assert!(map.footer(Mode::Home, 80, 1)[0].contains("a new"));
    assert!(map.entries(C::Home).iter().any(|e| e.keys == "a / N"));
    assert_eq!(map.key_for(C::Home, A::NewPlan).as_deref(), Some("a"));

    let (map, problems) = Keymap::with_overrides(
        &[
            over("lists", "new", &["a"], 1),
            over("list", "fly", &["a"], 2),
            over("list", "new", &["ctrl-"], 3),
            // `e` edits a plan, in a context active together with the list's
            over("list", "sort", &["e"], 4),
            // typed into the filter, not a command
            over("filter", "keep-filter", &["k"], 5),
        ],
        file,
    );
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(
        problems[0].starts_with("config.toml:1:1: unknown key context [keys.lists]"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].starts_with("config.toml:2:1: unknown action \"fly\""),
        "{}",
        problems[1]
    );
    assert!(
        problems[2].starts_with("config.toml:3:10: "),
        "{}",
        problems[2]
    );
    assert!(
        problems[3].starts_with("config.toml:4:10: e is already edit in [keys.plan-actions]"),
        "{}",
        problems[3]
    );
    assert!(
        problems[4].contains("typed into a text field"),
        "{}",
        problems[4]
    );
    // every default stands
    let plain = |c| key(K::Char(c), NONE);
    assert_eq!(map.lookup(Mode::Home, &plain('n')), Some(A::NewPlan));
    assert_eq!(map.lookup(Mode::Home, &plain('s')), Some(A::Sort));
    assert_eq!(map.lookup(Mode::Home, &plain('e')), Some(A::Edit));
    assert_eq!(
        map.lookup(Mode::HomeFilter, &key(K::Enter, NONE)),
        Some(A::KeepFilter)
    );
}

#[test]
fn quitting_from_anywhere_cannot_be_unbound_but_other_keys_can() {
    let (map, problems) = Keymap::with_overrides(
        &[over("global", "quit", &[], 1), over("list", "quit", &[], 2)],
        std::path::Path::new("c.toml"),
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("c.toml:1:1: quit in [keys.global] needs at least one key"));
    let ctrl_c = key(K::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(map.lookup(Mode::Home, &ctrl_c), Some(A::Quit));
    assert_eq!(
        map.lookup(Mode::Home, &key(K::Char('q'), NONE)),
        None,
        "q unbound as asked"
    );
    assert!(!map.footer(Mode::Home, 200, 1)[0].contains("quit"));
}

#[test]
fn a_swap_of_two_keys_is_allowed() {
    let (map, problems) = Keymap::with_overrides(
        &[
            over("list", "new", &["s"], 1),
            over("list", "sort", &["n"], 2),
        ],
        std::path::Path::new("c.toml"),
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        map.lookup(Mode::Home, &key(K::Char('s'), NONE)),
        Some(A::NewPlan)
    );
    assert_eq!(
        map.lookup(Mode::Home, &key(K::Char('n'), NONE)),
        Some(A::Sort)
    );
}

/// The README's example config file is what a new user copies first: it must load without a warning and its
/// `[keys]` must apply (an `A` for attempts stopped applying when `A` became the agenda's key).
#[test]
fn the_readmes_example_config_loads_clean() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_default();
    let after = readme
        .split_once("The config file is optional")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let example = after
        .split_once("```toml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(toml, _)| toml)
        .expect("the README has an example config");
    let path = std::path::Path::new("config.toml");
    let loaded = crate::config::parse(path, example).expect("the example parses");
    assert_eq!(loaded.warnings, Vec::<String>::new());
    let (map, problems) = Keymap::with_overrides(&loaded.config.ui.keys, path);
    assert_eq!(problems, Vec::<String>::new());
    assert!(!loaded.config.ui.keys.is_empty());
    for o in &loaded.config.ui.keys {
        let context = Context::ALL
            .into_iter()
            .find(|c| c.name() == o.context)
            .expect("a known context");
        let row = map
            .rows()
            .iter()
            .find(|r| {
                r.context == context
                    && r.bound.action().and_then(user::action_name).as_deref()
                        == Some(o.action.as_str())
            })
            .expect("a known action");
        assert!(
            row.user,
            "{}.{} takes the example's keys",
            o.context, o.action
        );
    }
}
