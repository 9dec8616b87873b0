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
                for k in expand(b.keys) {
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
    let home = entries(C::Home);
    assert!(
        home.iter()
            .any(|e| e.keys == "j / ↓" && e.description == "move down")
    );
    assert!(
        entries(C::Wizard)
            .iter()
            .any(|e| e.keys == "Ctrl-N / PageDown")
    );
    assert!(entries(C::Ladder).iter().any(|e| e.keys == "1-9"));
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
