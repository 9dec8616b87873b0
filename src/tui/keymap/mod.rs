//! The keymap as data: one table of (context, key, action, description). Key handling looks keys up here, the
//! `?` help overlay and the README's key table are generated from it, and a test rejects a key bound twice
//! where two contexts are active together. The key contract is documented in the README; keep it stable.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A group of bindings that are active together in some screen state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Home,
    Filter,
    PlanActions,
    PlanView,
    Stakeholders,
    Reflection,
    RecordForm,
    RecordChoice,
    ConfirmDelete,
    Conflict,
    Preview,
    SavePrompt,
    Wizard,
    SingleLine,
    NameCompletion,
    Direction,
    Tried,
    Ladder,
    BackupPending,
    Review,
    Warning,
    LeaveConfirm,
    Resume,
    Help,
    About,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Home => "Plans list",
            Context::Filter => "Typing a filter",
            Context::PlanActions => "A plan, from the list or the plan view",
            Context::PlanView => "Plan (read-only)",
            Context::Stakeholders => "Stakeholders",
            Context::Reflection => "Reflection",
            Context::RecordForm => "Recording an outcome or an attempt",
            Context::RecordChoice => "A choice in that form",
            Context::ConfirmDelete => "Delete this plan?",
            Context::Conflict => "Changed on disk",
            Context::Preview => "Print preview",
            Context::SavePrompt => "Saving the page",
            Context::Wizard => "Wizard, every step",
            Context::SingleLine => "One-line text field",
            Context::NameCompletion => "Name with suggestions",
            Context::Direction => "Direction",
            Context::Tried => "Already tried",
            Context::Ladder => "Tactic: the ladder",
            Context::BackupPending => "Tactic: after b",
            Context::Review => "Review",
            Context::Warning => "Escalation warning",
            Context::LeaveConfirm => "Leaving with unsaved changes",
            Context::Resume => "Unsaved plan found",
            Context::Help => "Help",
            Context::About => "About",
        }
    }
}

/// Which key (or keys) a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    Key(KeyCode, KeyModifiers),
    /// The digits 1 to 9, each meaning the rung with that number.
    Digits,
}

/// What a binding does: a fixed action, or one built from the digit pressed.
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    Do(Action),
    Digit(fn(usize) -> Action),
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: Keys,
    pub bound: Bound,
    pub description: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;

const fn code(c: KeyCode) -> Keys {
    Keys::Key(c, NONE)
}
const fn ch(c: char) -> Keys {
    Keys::Key(KeyCode::Char(c), NONE)
}
const fn ctrl(c: char) -> Keys {
    Keys::Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
const fn bind(context: Context, keys: Keys, action: Action, description: &'static str) -> Binding {
    Binding {
        context,
        keys,
        bound: Bound::Do(action),
        description,
    }
}

use Action as A;
use Context as C;
use KeyCode as K;

/// Every binding. Rows with the same context and description are shown together ("j / ↓").
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(C::Global, ctrl('c'), A::Quit, "quit now (a plan in progress is kept as a draft)"),
    bind(C::Global, code(K::F(1)), A::Help, "show or hide the keys for this screen"),
    bind(C::Global, code(K::F(2)), A::About, "about: version, data folder, config file, ladder"),
    // Plans list
    bind(C::Home, ch('n'), A::NewPlan, "start a new plan"),
    bind(C::Home, code(K::Enter), A::Open, "open the selected plan (read-only)"),
    bind(C::Home, ch('j'), A::Down, "move down"),
    bind(C::Home, code(K::Down), A::Down, "move down"),
    bind(C::Home, ch('k'), A::Up, "move up"),
    bind(C::Home, code(K::Up), A::Up, "move up"),
    bind(C::Home, ch('g'), A::Top, "first plan"),
    bind(C::Home, code(K::Home), A::Top, "first plan"),
    bind(C::Home, ch('G'), A::Bottom, "last plan"),
    bind(C::Home, code(K::End), A::Bottom, "last plan"),
    bind(C::Home, ch('/'), A::Filter, "filter: type to narrow the list (stakeholder, title, goal, tactic, notes)"),
    bind(C::Home, code(K::Esc), A::ClearFilter, "clear the filter and show everyone's plans"),
    bind(C::Home, ch('s'), A::Sort, "sort by date, stakeholder, status or tactic (cycles)"),
    bind(C::Home, code(K::Tab), A::NextTab, "next status tab: all, drafts, ready, done"),
    bind(C::Home, Keys::Key(K::BackTab, NONE), A::PrevTab, "previous status tab"),
    bind(C::Home, ch('1'), A::ShowTab(0), "status tab: 1 all, 2 drafts, 3 ready, 4 done or dropped"),
    bind(C::Home, ch('2'), A::ShowTab(1), "status tab: 1 all, 2 drafts, 3 ready, 4 done or dropped"),
    bind(C::Home, ch('3'), A::ShowTab(2), "status tab: 1 all, 2 drafts, 3 ready, 4 done or dropped"),
    bind(C::Home, ch('4'), A::ShowTab(3), "status tab: 1 all, 2 drafts, 3 ready, 4 done or dropped"),
    bind(C::Home, ch('S'), A::Stakeholders, "stakeholders: everyone you have planned for"),
    bind(C::Home, ch('R'), A::Reflection, "reflection: which tactics you use, and how they went"),
    bind(C::Home, ch('u'), A::Undo, "undo the last delete"),
    bind(C::Home, ch('r'), A::Reload, "read the plans folder again"),
    bind(C::Home, ch('?'), A::Help, "help"),
    bind(C::Home, ch('q'), A::Quit, "quit"),
    bind(C::Filter, code(K::Enter), A::KeepFilter, "keep the filter, back to the list"),
    bind(C::Filter, code(K::Esc), A::ClearFilter, "clear the filter, back to the list"),
    bind(C::Filter, code(K::Down), A::Down, "move down the list"),
    bind(C::Filter, code(K::Up), A::Up, "move up the list"),
    // What can be done to a plan
    bind(C::PlanActions, ch('e'), A::Edit, "edit in the wizard"),
    bind(C::PlanActions, ch('o'), A::RecordOutcome, "record the outcome: result, date, notes, follow-up"),
    bind(C::PlanActions, ch('a'), A::LogAttempt, "log an attempt: rung, result, date, notes"),
    bind(C::PlanActions, ch('f'), A::FollowUp, "plan a follow-up: same person and goal, this try carried over"),
    bind(C::PlanActions, ch('c'), A::CopyPlan, "copy as a new draft"),
    bind(C::PlanActions, ch('d'), A::Delete, "delete (asks first; moves the file to the trash, u undoes)"),
    bind(C::PlanActions, ch('p'), A::Preview, "print preview: save as text, Markdown or PDF, or print"),
    // A plan, read-only
    bind(C::PlanView, ch('j'), A::Down, "scroll down"),
    bind(C::PlanView, code(K::Down), A::Down, "scroll down"),
    bind(C::PlanView, ch('k'), A::Up, "scroll up"),
    bind(C::PlanView, code(K::Up), A::Up, "scroll up"),
    bind(C::PlanView, code(K::Home), A::Top, "top"),
    bind(C::PlanView, code(K::End), A::Bottom, "bottom"),
    bind(C::PlanView, code(K::Esc), A::Back, "back to the list"),
    bind(C::PlanView, ch('q'), A::Back, "back to the list"),
    bind(C::PlanView, ch('?'), A::Help, "help"),
    // Stakeholders
    bind(C::Stakeholders, ch('j'), A::Down, "move down"),
    bind(C::Stakeholders, code(K::Down), A::Down, "move down"),
    bind(C::Stakeholders, ch('k'), A::Up, "move up"),
    bind(C::Stakeholders, code(K::Up), A::Up, "move up"),
    bind(C::Stakeholders, ch('g'), A::Top, "first"),
    bind(C::Stakeholders, ch('G'), A::Bottom, "last"),
    bind(C::Stakeholders, code(K::Enter), A::Open, "their plans"),
    bind(C::Stakeholders, ch('R'), A::Reflection, "reflection"),
    bind(C::Stakeholders, ch('r'), A::Reload, "read the plans folder again"),
    bind(C::Stakeholders, code(K::Esc), A::Back, "back to the list"),
    bind(C::Stakeholders, ch('q'), A::Back, "back to the list"),
    bind(C::Stakeholders, ch('?'), A::Help, "help"),
    // Reflection
    bind(C::Reflection, ch('j'), A::Down, "next rung down (gentler)"),
    bind(C::Reflection, code(K::Down), A::Down, "next rung down (gentler)"),
    bind(C::Reflection, ch('k'), A::Up, "next rung up (harder)"),
    bind(C::Reflection, code(K::Up), A::Up, "next rung up (harder)"),
    bind(C::Reflection, ch('d'), A::NextDirection, "direction: all, then up, peer, down, outside where there are plans"),
    bind(C::Reflection, ch('S'), A::Stakeholders, "stakeholders"),
    bind(C::Reflection, ch('r'), A::Reload, "read the plans folder again"),
    bind(C::Reflection, code(K::Esc), A::Back, "back to the list"),
    bind(C::Reflection, ch('q'), A::Back, "back to the list"),
    bind(C::Reflection, ch('?'), A::Help, "help"),
    // Recording an outcome or an attempt
    bind(C::RecordForm, code(K::Tab), A::NextField, "next field"),
    bind(C::RecordForm, Keys::Key(K::BackTab, NONE), A::PrevField, "previous field"),
    bind(C::RecordForm, code(K::Enter), A::Save, "save it into the plan"),
    bind(C::RecordForm, ctrl('s'), A::Save, "save it into the plan"),
    bind(C::RecordForm, code(K::Esc), A::Cancel, "cancel: nothing is saved"),
    bind(C::RecordChoice, code(K::Right), A::NextChoice, "next choice"),
    bind(C::RecordChoice, ch('l'), A::NextChoice, "next choice"),
    bind(C::RecordChoice, ch(' '), A::NextChoice, "next choice"),
    bind(C::RecordChoice, code(K::Left), A::PrevChoice, "previous choice"),
    bind(C::RecordChoice, ch('h'), A::PrevChoice, "previous choice"),
    Binding {
        context: C::RecordChoice,
        keys: Keys::Digits,
        bound: Bound::Digit(A::PickChoice),
        description: "the choice with that number",
    },
    bind(C::ConfirmDelete, ch('y'), A::Confirm, "delete: the file moves to the trash folder"),
    bind(C::ConfirmDelete, ch('n'), A::Cancel, "keep it (the default)"),
    bind(C::ConfirmDelete, code(K::Esc), A::Cancel, "keep it (the default)"),
    bind(C::ConfirmDelete, code(K::Enter), A::Cancel, "keep it (the default)"),
    bind(C::Conflict, ch('a'), A::ApplyToCurrent, "an outcome or attempt: record it into the file as it is now, keeping both"),
    bind(C::Conflict, ch('r'), A::Reload, "reload: take the file as it is now, drop this change"),
    bind(C::Conflict, ch('c'), A::SaveCopy, "save this version as a new plan, leave the file alone"),
    bind(C::Conflict, ch('o'), A::Overwrite, "overwrite the file with this version"),
    bind(C::Conflict, code(K::Esc), A::Cancel, "decide later: nothing is written, what you typed stays"),
    bind(C::Conflict, code(K::Enter), A::Confirm, "the marked choice"),
    // Print preview
    bind(C::Preview, ch('j'), A::Down, "scroll down"),
    bind(C::Preview, code(K::Down), A::Down, "scroll down"),
    bind(C::Preview, ch('k'), A::Up, "scroll up"),
    bind(C::Preview, code(K::Up), A::Up, "scroll up"),
    bind(C::Preview, code(K::Home), A::Top, "top"),
    bind(C::Preview, code(K::End), A::Bottom, "bottom"),
    bind(C::Preview, ch('s'), A::SavePdf, "save as PDF (asks where)"),
    bind(C::Preview, ch('t'), A::SaveText, "save as plain text (asks where)"),
    bind(C::Preview, ch('m'), A::SaveMarkdown, "save as Markdown (asks where)"),
    bind(C::Preview, ch('P'), A::Print, "send to the printer (lp or lpr)"),
    bind(C::Preview, code(K::Esc), A::Back, "back"),
    bind(C::Preview, ch('q'), A::Back, "back"),
    bind(C::Preview, ch('?'), A::Help, "help"),
    bind(C::SavePrompt, code(K::Enter), A::Save, "save to that path (the extension can change the format)"),
    bind(C::SavePrompt, code(K::Esc), A::Cancel, "cancel"),
    // The wizard, whatever has the focus
    bind(C::Wizard, code(K::Tab), A::NextField, "next field"),
    bind(C::Wizard, Keys::Key(K::BackTab, NONE), A::PrevField, "previous field"),
    bind(C::Wizard, ctrl('n'), A::NextStep, "next step"),
    bind(C::Wizard, code(K::PageDown), A::NextStep, "next step"),
    bind(C::Wizard, ctrl('p'), A::PrevStep, "previous step"),
    bind(C::Wizard, code(K::PageUp), A::PrevStep, "previous step"),
    bind(C::Wizard, ctrl('s'), A::Save, "save (an incomplete plan saves as a draft)"),
    bind(C::Wizard, code(K::Esc), A::Leave, "leave the wizard (asks before dropping unsaved changes)"),
    bind(C::Wizard, ctrl('e'), A::ExternalEditor, "edit the text field in $VISUAL / $EDITOR"),
    bind(C::SingleLine, code(K::Enter), A::NextField, "next field"),
    bind(C::NameCompletion, code(K::Down), A::NextSuggestion, "next suggested name"),
    bind(C::NameCompletion, code(K::Up), A::PrevSuggestion, "previous suggested name"),
    bind(C::NameCompletion, code(K::Enter), A::AcceptSuggestion, "use the suggested name"),
    // Direction
    bind(C::Direction, code(K::Right), A::NextChoice, "next direction"),
    bind(C::Direction, ch('l'), A::NextChoice, "next direction"),
    bind(C::Direction, ch(' '), A::NextChoice, "next direction"),
    bind(C::Direction, code(K::Left), A::PrevChoice, "previous direction"),
    bind(C::Direction, ch('h'), A::PrevChoice, "previous direction"),
    bind(C::Direction, code(K::Enter), A::NextField, "next field"),
    bind(C::Direction, ch('?'), A::Help, "help"),
    // Already tried
    bind(C::Tried, ch('k'), A::Up, "up the ladder (harder)"),
    bind(C::Tried, code(K::Up), A::Up, "up the ladder (harder)"),
    bind(C::Tried, ch('j'), A::Down, "down the ladder (gentler)"),
    bind(C::Tried, code(K::Down), A::Down, "down the ladder (gentler)"),
    bind(C::Tried, ch(' '), A::ToggleTried, "tick or untick: tried with this person"),
    bind(C::Tried, code(K::Enter), A::ToggleTried, "tick or untick: tried with this person"),
    bind(C::Tried, code(K::Right), A::NextResult, "next result"),
    bind(C::Tried, ch('l'), A::NextResult, "next result"),
    bind(C::Tried, code(K::Left), A::PrevResult, "previous result"),
    bind(C::Tried, ch('h'), A::PrevResult, "previous result"),
    bind(C::Tried, ch('?'), A::Help, "help"),
    // Tactic: the ladder
    Binding {
        context: C::Ladder,
        keys: Keys::Digits,
        bound: Bound::Digit(A::PickPrimary),
        description: "choose that rung as the primary tactic",
    },
    bind(C::Ladder, code(K::Enter), A::PickHighlighted, "choose the highlighted rung as primary"),
    bind(C::Ladder, ch('b'), A::StartBackup, "then a digit: choose the backup tactic"),
    bind(C::Ladder, ch('k'), A::Up, "up the ladder (harder)"),
    bind(C::Ladder, code(K::Up), A::Up, "up the ladder (harder)"),
    bind(C::Ladder, ch('j'), A::Down, "down the ladder (gentler)"),
    bind(C::Ladder, code(K::Down), A::Down, "down the ladder (gentler)"),
    bind(C::Ladder, ch('r'), A::ToggleResearch, "switch between guidance and research note"),
    bind(C::Ladder, ch('?'), A::Help, "help"),
    Binding {
        context: C::BackupPending,
        keys: Keys::Digits,
        bound: Bound::Digit(A::PickBackup),
        description: "choose that rung as the backup tactic",
    },
    bind(C::BackupPending, ch('0'), A::ClearBackup, "no backup tactic"),
    bind(C::BackupPending, code(K::Esc), A::CancelBackup, "cancel"),
    // Review
    bind(C::Review, ch('j'), A::Down, "scroll down"),
    bind(C::Review, code(K::Down), A::Down, "scroll down"),
    bind(C::Review, ch('k'), A::Up, "scroll up"),
    bind(C::Review, code(K::Up), A::Up, "scroll up"),
    bind(C::Review, code(K::Enter), A::Save, "save the plan"),
    bind(C::Review, ch('p'), A::Preview, "print preview"),
    bind(C::Review, ch('?'), A::Help, "help"),
    // Dialogs
    bind(C::Warning, ch('n'), A::Cancel, "go back and choose again (the default)"),
    bind(C::Warning, code(K::Esc), A::Cancel, "go back and choose again (the default)"),
    bind(C::Warning, code(K::Enter), A::Cancel, "go back and choose again (the default)"),
    bind(C::Warning, ch('y'), A::Confirm, "go ahead, then note your reason (Enter confirms it)"),
    bind(C::LeaveConfirm, ch('s'), A::SaveAndLeave, "save, then leave"),
    bind(C::LeaveConfirm, ch('y'), A::Confirm, "leave and drop the unsaved changes"),
    bind(C::LeaveConfirm, ch('n'), A::Cancel, "stay in the wizard"),
    bind(C::LeaveConfirm, code(K::Esc), A::Cancel, "stay in the wizard"),
    bind(C::Resume, ch('y'), A::Confirm, "resume the unsaved plan"),
    bind(C::Resume, code(K::Enter), A::Confirm, "resume the unsaved plan"),
    bind(C::Resume, ch('n'), A::Cancel, "not now (it is kept for next time)"),
    bind(C::Resume, code(K::Esc), A::Cancel, "not now (it is kept for next time)"),
    bind(C::Resume, ch('d'), A::DiscardDraft, "discard it"),
    bind(C::Help, code(K::Esc), A::CloseHelp, "close help"),
    bind(C::Help, ch('q'), A::CloseHelp, "close help"),
    bind(C::Help, ch('?'), A::CloseHelp, "close help"),
    bind(C::About, code(K::Esc), A::Back, "back"),
    bind(C::About, ch('q'), A::Back, "back"),
    bind(C::About, ch('?'), A::Help, "help"),
    bind(C::Help, ch('j'), A::Down, "scroll down"),
    bind(C::Help, code(K::Down), A::Down, "scroll down"),
    bind(C::Help, ch('k'), A::Up, "scroll up"),
    bind(C::Help, code(K::Up), A::Up, "scroll up"),
];

/// Keys that the text fields handle themselves (ratatui-textarea's defaults), listed in help so people can
/// find them; they are not bindings of ours.
pub const TEXT_KEYS: &[(&str, &str)] = &[
    ("← → ↑ ↓", "move by character and line"),
    ("Ctrl-← / Ctrl-→, Alt-b / Alt-f", "move by word"),
    ("Home / End, Ctrl-a", "start / end of the line"),
    ("Backspace / Delete", "delete a character"),
    (
        "Ctrl-w, Alt-Backspace / Alt-d",
        "delete the word before / after",
    ),
    // Not Ctrl-j: many terminals send it for Enter, so it is Enter here (tui::event).
    ("Ctrl-k", "delete to the end of the line"),
    ("Ctrl-u / Ctrl-r", "undo / redo"),
    ("Enter", "new line in a multi-line field"),
];

/// A screen state: which contexts are active, in the order they are consulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Home,
    HomeFilter,
    PlanView,
    Stakeholders,
    Reflection,
    RecordChoice,
    RecordText,
    ConfirmDelete,
    Conflict,
    Preview,
    PreviewPrompt,
    Help,
    Resume,
    WizardText,
    WizardSingleLine,
    WizardNameCompletion,
    WizardDirection,
    WizardTried,
    WizardLadder,
    WizardBackupPending,
    WizardReview,
    WizardWarning,
    WizardLeaveConfirm,
    About,
}

impl Mode {
    pub const ALL: [Mode; 24] = [
        Mode::Home,
        Mode::HomeFilter,
        Mode::PlanView,
        Mode::Stakeholders,
        Mode::Reflection,
        Mode::RecordChoice,
        Mode::RecordText,
        Mode::ConfirmDelete,
        Mode::Conflict,
        Mode::Preview,
        Mode::PreviewPrompt,
        Mode::Help,
        Mode::Resume,
        Mode::WizardText,
        Mode::WizardSingleLine,
        Mode::WizardNameCompletion,
        Mode::WizardDirection,
        Mode::WizardTried,
        Mode::WizardLadder,
        Mode::WizardBackupPending,
        Mode::WizardReview,
        Mode::WizardWarning,
        Mode::WizardLeaveConfirm,
        Mode::About,
    ];

    pub fn contexts(self) -> &'static [Context] {
        match self {
            Mode::Home => &[C::Global, C::Home, C::PlanActions],
            Mode::HomeFilter => &[C::Global, C::Filter],
            Mode::PlanView => &[C::Global, C::PlanView, C::PlanActions],
            Mode::Stakeholders => &[C::Global, C::Stakeholders],
            Mode::Reflection => &[C::Global, C::Reflection],
            Mode::RecordChoice => &[C::Global, C::RecordForm, C::RecordChoice],
            Mode::RecordText => &[C::Global, C::RecordForm],
            Mode::ConfirmDelete => &[C::Global, C::ConfirmDelete],
            Mode::Conflict => &[C::Global, C::Conflict],
            Mode::Preview => &[C::Global, C::Preview],
            Mode::PreviewPrompt => &[C::Global, C::SavePrompt],
            Mode::Help => &[C::Global, C::Help],
            Mode::Resume => &[C::Global, C::Resume],
            Mode::WizardText => &[C::Global, C::Wizard],
            Mode::WizardSingleLine => &[C::Global, C::Wizard, C::SingleLine],
            Mode::WizardNameCompletion => &[C::Global, C::Wizard, C::NameCompletion],
            Mode::WizardDirection => &[C::Global, C::Wizard, C::Direction],
            Mode::WizardTried => &[C::Global, C::Wizard, C::Tried],
            Mode::WizardLadder => &[C::Global, C::Wizard, C::Ladder],
            Mode::WizardBackupPending => &[C::Global, C::BackupPending],
            Mode::WizardReview => &[C::Global, C::Wizard, C::Review],
            Mode::WizardWarning => &[C::Global, C::Warning],
            Mode::WizardLeaveConfirm => &[C::Global, C::LeaveConfirm],
            Mode::About => &[C::Global, C::About],
        }
    }

    /// Whether a text field has the focus, so that unbound keys are typed into it.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Mode::WizardText
                | Mode::WizardSingleLine
                | Mode::WizardNameCompletion
                | Mode::HomeFilter
                | Mode::RecordText
                | Mode::PreviewPrompt
        )
    }
}

/// A key event reduced to what bindings compare: Shift is dropped for characters (it is already in the
/// character) and for Shift-Tab, and control letters are lower-cased.
fn normalize(key: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut mods =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let mut code = key.code;
    if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    if let KeyCode::Char(c) = code
        && mods.contains(KeyModifiers::CONTROL)
    {
        code = KeyCode::Char(c.to_ascii_lowercase());
    }
    (code, mods)
}

fn matches(keys: Keys, code: KeyCode, mods: KeyModifiers) -> Option<Option<usize>> {
    match keys {
        Keys::Key(c, m) => (c == code && m == mods).then_some(None),
        Keys::Digits => match code {
            KeyCode::Char(d @ '1'..='9') if mods.is_empty() => {
                Some(Some(d as usize - '1' as usize))
            }
            _ => None,
        },
    }
}

/// The action a key means in a mode, if any.
pub fn lookup(mode: Mode, key: &KeyEvent) -> Option<Action> {
    let (code, mods) = normalize(key);
    for &context in mode.contexts() {
        for b in BINDINGS.iter().filter(|b| b.context == context) {
            if let Some(digit) = matches(b.keys, code, mods) {
                return Some(match (b.bound, digit) {
                    (Bound::Do(a), _) => a,
                    (Bound::Digit(f), Some(d)) => f(d),
                    (Bound::Digit(f), None) => f(0),
                });
            }
        }
    }
    None
}

mod docs;
pub use docs::{HelpEntry, entries, key_label, markdown};

#[cfg(test)]
mod tests;
