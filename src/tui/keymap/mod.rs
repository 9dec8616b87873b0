//! The keymap as data: one table of (context, key, action, description). Key handling looks keys up here, the
//! `?` help overlay and the README's key table are generated from it, and a test rejects a key bound twice
//! where two contexts are active together. The key contract is documented in the README; keep it stable.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, ScreenKind};

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
    WizardLeave,
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
    Agenda,
    AgendaSnooze,
    PeopleMap,
    Person,
    PersonForm,
    PersonChoice,
    DidYouMean,
    Allies,
    DropReason,
}

impl Context {
    /// Every context, in the order the README, help and `overture keys` list them: the screens first, what
    /// works anywhere last.
    pub const ALL: [Context; 36] = [
        C::Home,
        C::Filter,
        C::PlanActions,
        C::PlanView,
        C::Stakeholders,
        C::PeopleMap,
        C::Person,
        C::PersonForm,
        C::PersonChoice,
        C::Reflection,
        C::Agenda,
        C::AgendaSnooze,
        C::RecordForm,
        C::RecordChoice,
        C::ConfirmDelete,
        C::DropReason,
        C::Conflict,
        C::Preview,
        C::SavePrompt,
        C::Wizard,
        C::WizardLeave,
        C::SingleLine,
        C::NameCompletion,
        C::DidYouMean,
        C::Direction,
        C::Tried,
        C::Ladder,
        C::Allies,
        C::BackupPending,
        C::Warning,
        C::Review,
        C::LeaveConfirm,
        C::Resume,
        C::Help,
        C::About,
        C::Global,
    ];

    /// The context's name in the config file's `[keys.<name>]` and in `overture keys`.
    pub fn name(self) -> &'static str {
        match self {
            C::Global => "global",
            C::Home => "list",
            C::Filter => "filter",
            C::PlanActions => "plan-actions",
            C::PlanView => "plan",
            C::Stakeholders => "stakeholders",
            C::Reflection => "reflection",
            C::RecordForm => "record",
            C::RecordChoice => "record-choice",
            C::ConfirmDelete => "delete",
            C::Conflict => "conflict",
            C::Preview => "preview",
            C::SavePrompt => "save-prompt",
            C::Wizard => "wizard",
            C::WizardLeave => "wizard-leave",
            C::SingleLine => "one-line-field",
            C::NameCompletion => "name-suggestions",
            C::Direction => "direction",
            C::Tried => "tried",
            C::Ladder => "ladder",
            C::BackupPending => "backup",
            C::Review => "review",
            C::Warning => "warning",
            C::LeaveConfirm => "leave",
            C::Resume => "resume",
            C::Help => "help",
            C::About => "about",
            C::Agenda => "agenda",
            C::AgendaSnooze => "snooze",
            C::PeopleMap => "map",
            C::Person => "person",
            C::PersonForm => "person-form",
            C::PersonChoice => "person-choice",
            C::DidYouMean => "did-you-mean",
            C::Allies => "allies",
            C::DropReason => "drop-reason",
        }
    }

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
            Context::WizardLeave => "Wizard, unless names are suggested",
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
            Context::Agenda => "Agenda",
            Context::AgendaSnooze => "Agenda: typing the date to snooze to",
            Context::PeopleMap => "Stakeholders map (influence by stance: your own judgement)",
            Context::Person => "A person's page",
            Context::PersonForm => "Editing a person (stance and influence are your judgement)",
            Context::PersonChoice => "A choice in that form",
            Context::DidYouMean => "Did you mean someone you know?",
            Context::Allies => "Tactic: allies to ask",
            Context::DropReason => "Dropping a plan: why (optional)",
        }
    }
}

/// Which key (or keys) a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl Bound {
    /// The fixed action, if the binding has one (digit rows build theirs from the key).
    pub fn action(self) -> Option<Action> {
        match self {
            Bound::Do(a) => Some(a),
            Bound::Digit(_) => None,
        }
    }
}

/// One row of the default keymap: every key on it does the same thing (helix's `"j" | "down"`).
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Keys],
    pub bound: Bound,
    pub description: &'static str,
    /// For the footer: how important the hint is (lower first) and its one- or two-word label. Rows without
    /// one are in the help only.
    pub hint: Option<(u8, &'static str)>,
}

impl Binding {
    const fn hint(self, rank: u8, label: &'static str) -> Binding {
        Binding {
            hint: Some((rank, label)),
            ..self
        }
    }
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
const fn bind(
    context: Context,
    keys: &'static [Keys],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        bound: Bound::Do(action),
        description,
        hint: None,
    }
}
const fn digits(
    context: Context,
    action: fn(usize) -> Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        keys: &[Keys::Digits],
        bound: Bound::Digit(action),
        description,
        hint: None,
    }
}

use Action as A;
use Context as C;
use KeyCode as K;

const ENTER: Keys = code(K::Enter);
const ESC: Keys = code(K::Esc);
const TAB: Keys = code(K::Tab);
const BACKTAB: Keys = Keys::Key(K::BackTab, NONE);
const UP: Keys = code(K::Up);
const DOWN: Keys = code(K::Down);
const LEFT: Keys = code(K::Left);
const RIGHT: Keys = code(K::Right);
const SPACE: Keys = ch(' ');

/// Every binding, the defaults a config file's `[keys]` can change. The first key of a row is the one the
/// footer shows; rows in one context with the same footer label share it ("j/k move").
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(C::Global, &[ctrl('c')], A::Quit, "quit now (a plan in progress is kept as a draft)"),
    bind(C::Global, &[code(K::F(1))], A::Help, "show or hide the keys for this screen").hint(90, "help"),
    bind(C::Global, &[code(K::F(2))], A::Show(ScreenKind::About), "about: version, data folder, config file, ladder"),
    // Plans list
    bind(C::Home, &[ENTER], A::Open, "open the selected plan (read-only)").hint(1, "open"),
    bind(C::Home, &[ch('n')], A::NewPlan, "start a new plan").hint(2, "new"),
    bind(C::Home, &[ch('j'), DOWN], A::Down, "move down"),
    bind(C::Home, &[ch('k'), UP], A::Up, "move up"),
    bind(C::Home, &[ch('g'), code(K::Home)], A::Top, "first plan"),
    bind(C::Home, &[ch('G'), code(K::End)], A::Bottom, "last plan"),
    bind(C::Home, &[ch('/')], A::Filter, "filter: type to narrow the list (stakeholder, title, goal, tactic, notes)").hint(3, "filter"),
    bind(C::Home, &[ESC], A::ClearFilter, "clear the filter and show everyone's plans"),
    bind(C::Home, &[ch('s')], A::Sort, "sort: date, stakeholder, status, tactic, due date").hint(6, "sort"),
    bind(C::Home, &[TAB], A::NextTab, "next status tab: all, drafts, ready, done").hint(7, "status"),
    bind(C::Home, &[BACKTAB], A::PrevTab, "previous status tab"),
    bind(C::Home, &[ch('1')], A::ShowTab(0), "status tab: all, drafts, ready, done or dropped"),
    bind(C::Home, &[ch('2')], A::ShowTab(1), "status tab: all, drafts, ready, done or dropped"),
    bind(C::Home, &[ch('3')], A::ShowTab(2), "status tab: all, drafts, ready, done or dropped"),
    bind(C::Home, &[ch('4')], A::ShowTab(3), "status tab: all, drafts, ready, done or dropped"),
    bind(C::Home, &[ch('S')], A::Stakeholders, "stakeholders: everyone you have planned for").hint(22, "people"),
    bind(C::Home, &[ch('A')], A::Show(ScreenKind::Agenda), "agenda: what is due, overdue first"),
    bind(C::Home, &[ch('R')], A::Reflection, "reflection: which tactics you use, and how they went").hint(23, "reflect"),
    bind(C::Home, &[ch('u')], A::Undo, "undo the last delete"),
    bind(C::Home, &[ch('r')], A::Reload, "read the plans folder again"),
    bind(C::Home, &[ch('?')], A::Help, "help").hint(4, "help"),
    bind(C::Home, &[ch('q')], A::Quit, "quit").hint(5, "quit"),
    bind(C::Filter, &[ENTER], A::KeepFilter, "keep the filter, back to the list").hint(2, "keep"),
    bind(C::Filter, &[ESC], A::ClearFilter, "clear the filter, back to the list").hint(3, "clear"),
    bind(C::Filter, &[DOWN], A::Down, "move down the list").hint(1, "move"),
    bind(C::Filter, &[UP], A::Up, "move up the list").hint(1, "move"),
    // What can be done to a plan
    bind(C::PlanActions, &[ch('e')], A::Edit, "edit in the wizard").hint(10, "edit"),
    bind(C::PlanActions, &[ch('o')], A::RecordOutcome, "record the outcome: result, date, notes, follow-up").hint(11, "outcome"),
    bind(C::PlanActions, &[ch('a')], A::LogAttempt, "log an attempt: rung, result, date, notes").hint(12, "attempt"),
    bind(C::PlanActions, &[ch('f')], A::FollowUp, "plan a follow-up: same person and goal, this try carried over").hint(13, "follow-up"),
    bind(C::PlanActions, &[ch('c')], A::CopyPlan, "copy as a new draft"),
    bind(C::PlanActions, &[ch('x')], A::ToggleDropped, "drop the plan (it will not happen), or reopen a dropped one"),
    bind(C::PlanActions, &[ch('d')], A::Delete, "delete (asks first; moves the file to the trash, and undo brings it back)").hint(15, "delete"),
    bind(C::PlanActions, &[ch('p')], A::Preview, "print preview: save as text, Markdown or PDF, or print").hint(14, "print"),
    // A plan, read-only
    bind(C::PlanView, &[ch('j'), DOWN], A::Down, "scroll down").hint(30, "scroll"),
    bind(C::PlanView, &[ch('k'), UP], A::Up, "scroll up").hint(30, "scroll"),
    bind(C::PlanView, &[code(K::Home)], A::Top, "top"),
    bind(C::PlanView, &[code(K::End)], A::Bottom, "bottom"),
    bind(C::PlanView, &[ESC, ch('q')], A::Back, "back to the list").hint(1, "back"),
    bind(C::PlanView, &[ch('?')], A::Help, "help").hint(2, "help"),
    bind(C::PlanView, &[TAB], A::NextField, "the next ally (plans for Silent allies)"),
    bind(C::PlanView, &[ch('A')], A::AllyPlan, "a new plan for the highlighted ally: put in a word with the stakeholder").hint(16, "ally plan"),
    // Stakeholders
    bind(C::Stakeholders, &[ch('j'), DOWN], A::Down, "move down").hint(4, "move"),
    bind(C::Stakeholders, &[ch('k'), UP], A::Up, "move up").hint(4, "move"),
    bind(C::Stakeholders, &[ch('g')], A::Top, "first"),
    bind(C::Stakeholders, &[ch('G')], A::Bottom, "last"),
    bind(C::Stakeholders, &[ENTER], A::Open, "their plans").hint(1, "their plans"),
    bind(C::Stakeholders, &[ch('m')], A::ToggleMap, "the map: influence by stance, as you judged them").hint(6, "map"),
    bind(C::Stakeholders, &[ch('R')], A::Reflection, "reflection").hint(5, "reflection"),
    bind(C::Stakeholders, &[ch('r')], A::Reload, "read the plans folder again"),
    bind(C::Stakeholders, &[ESC, ch('q')], A::Back, "back to the list").hint(2, "back"),
    bind(C::Stakeholders, &[ch('?')], A::Help, "help").hint(3, "help"),
    // The stakeholders map
    bind(C::PeopleMap, &[ch('j'), DOWN], A::Down, "next person down").hint(4, "move"),
    bind(C::PeopleMap, &[ch('k'), UP], A::Up, "next person up").hint(4, "move"),
    bind(C::PeopleMap, &[ch('h'), LEFT], A::Left, "next person to the left").hint(4, "move"),
    bind(C::PeopleMap, &[ch('l'), RIGHT], A::Right, "next person to the right").hint(4, "move"),
    bind(C::PeopleMap, &[ENTER], A::Open, "their page: register, what was tried, plans, agenda").hint(1, "page"),
    bind(C::PeopleMap, &[ch('m')], A::ToggleMap, "back to the table").hint(5, "table"),
    bind(C::PeopleMap, &[ESC, ch('q')], A::Back, "back to the list").hint(2, "back"),
    bind(C::PeopleMap, &[ch('?')], A::Help, "help").hint(3, "help"),
    // A person's page
    bind(C::Person, &[ch('e')], A::Edit, "edit the register fields: stance, influence, role, other names, listens to, notes").hint(1, "edit"),
    bind(C::Person, &[ch('j'), DOWN], A::Down, "scroll down").hint(4, "scroll"),
    bind(C::Person, &[ch('k'), UP], A::Up, "scroll up").hint(4, "scroll"),
    bind(C::Person, &[code(K::Home)], A::Top, "top"),
    bind(C::Person, &[code(K::End)], A::Bottom, "bottom"),
    bind(C::Person, &[ESC, ch('q')], A::Back, "back to the map").hint(2, "back"),
    bind(C::Person, &[ch('?')], A::Help, "help").hint(3, "help"),
    bind(C::PersonForm, &[TAB], A::NextField, "next field").hint(2, "next"),
    bind(C::PersonForm, &[BACKTAB], A::PrevField, "previous field"),
    bind(C::PersonForm, &[ctrl('s')], A::Save, "save into their file in people/").hint(1, "save"),
    bind(C::PersonForm, &[ESC], A::Cancel, "cancel: nothing is saved").hint(3, "cancel"),
    bind(C::PersonChoice, &[RIGHT, ch('l'), SPACE], A::NextChoice, "next choice"),
    bind(C::PersonChoice, &[LEFT, ch('h')], A::PrevChoice, "previous choice"),
    bind(C::PersonChoice, &[ENTER], A::NextField, "next field"),
    // Reflection
    bind(C::Reflection, &[ch('j'), DOWN], A::Down, "next rung down (gentler)").hint(1, "rung"),
    bind(C::Reflection, &[ch('k'), UP], A::Up, "next rung up (harder)").hint(1, "rung"),
    bind(C::Reflection, &[ch('d')], A::NextDirection, "direction: all, then up, peer, down, outside where there are plans").hint(2, "direction"),
    bind(C::Reflection, &[ch('D')], A::ToggleDrafts, "count drafts too, or leave them out again (they are left out at first)").hint(6, "drafts"),
    bind(C::Reflection, &[ch('S')], A::Stakeholders, "stakeholders").hint(5, "stakeholders"),
    bind(C::Reflection, &[ch('r')], A::Reload, "read the plans folder again"),
    bind(C::Reflection, &[ESC, ch('q')], A::Back, "back to the list").hint(3, "back"),
    bind(C::Reflection, &[ch('?')], A::Help, "help").hint(4, "help"),
    // Recording an outcome or an attempt
    bind(C::RecordForm, &[TAB], A::NextField, "next field").hint(2, "next"),
    bind(C::RecordForm, &[BACKTAB], A::PrevField, "previous field"),
    bind(C::RecordForm, &[ENTER, ctrl('s')], A::Save, "save it into the plan").hint(1, "save"),
    bind(C::RecordForm, &[ESC], A::Cancel, "cancel: nothing is saved").hint(3, "cancel"),
    bind(C::RecordChoice, &[RIGHT, ch('l'), SPACE], A::NextChoice, "next choice"),
    bind(C::RecordChoice, &[LEFT, ch('h')], A::PrevChoice, "previous choice"),
    digits(C::RecordChoice, A::PickChoice, "the choice with that number"),
    bind(C::ConfirmDelete, &[ch('y')], A::Confirm, "delete: the file moves to the trash folder"),
    bind(C::ConfirmDelete, &[ch('n'), ESC, ENTER], A::Cancel, "keep it (the default)"),
    bind(C::Conflict, &[ch('a')], A::ApplyToCurrent, "an outcome or attempt: record it into the file as it is now, keeping both"),
    bind(C::Conflict, &[ch('r')], A::Reload, "reload: take the file as it is now, drop this change"),
    bind(C::Conflict, &[ch('c')], A::SaveCopy, "save this version as a new plan, leave the file alone"),
    bind(C::Conflict, &[ch('o')], A::Overwrite, "overwrite the file with this version"),
    bind(C::Conflict, &[ESC], A::Cancel, "decide later: nothing is written, what you typed stays"),
    bind(C::Conflict, &[ENTER], A::Confirm, "the marked choice"),
    // Print preview
    bind(C::Preview, &[ch('j'), DOWN], A::Down, "scroll down").hint(10, "scroll"),
    bind(C::Preview, &[ch('k'), UP], A::Up, "scroll up").hint(10, "scroll"),
    bind(C::Preview, &[code(K::Home)], A::Top, "top"),
    bind(C::Preview, &[code(K::End)], A::Bottom, "bottom"),
    bind(C::Preview, &[ch('s')], A::SavePdf, "save as PDF (asks where)").hint(1, "PDF"),
    bind(C::Preview, &[ch('t')], A::SaveText, "save as plain text (asks where)").hint(2, "text"),
    bind(C::Preview, &[ch('m')], A::SaveMarkdown, "save as Markdown (asks where)").hint(3, "Markdown"),
    bind(C::Preview, &[ch('P')], A::Print, "send to the printer (lp or lpr)").hint(4, "printer"),
    bind(C::Preview, &[ch('c')], A::ToggleCard, "the pocket card (what to say, on an index card); again: the full page").hint(5, "card"),
    bind(C::Preview, &[ESC, ch('q')], A::Back, "back").hint(5, "back"),
    bind(C::Preview, &[ch('?')], A::Help, "help").hint(6, "help"),
    bind(C::SavePrompt, &[ENTER], A::Save, "save to that path (the extension can change the format)").hint(1, "save"),
    bind(C::SavePrompt, &[ESC], A::Cancel, "cancel").hint(2, "cancel"),
    // The wizard, whatever has the focus
    bind(C::Wizard, &[TAB], A::NextField, "next field").hint(50, "field"),
    bind(C::Wizard, &[BACKTAB], A::PrevField, "previous field"),
    bind(C::Wizard, &[ctrl('n'), code(K::PageDown)], A::NextStep, "next step").hint(51, "step"),
    bind(C::Wizard, &[ctrl('p'), code(K::PageUp)], A::PrevStep, "previous step").hint(51, "step"),
    bind(C::Wizard, &[ctrl('s')], A::Save, "save (an incomplete plan saves as a draft)").hint(52, "save"),
    bind(C::Wizard, &[ctrl('e')], A::ExternalEditor, "edit the text field in $VISUAL / $EDITOR").hint(53, "editor"),
    bind(C::WizardLeave, &[ESC], A::Leave, "leave the wizard (asks before dropping unsaved changes)").hint(54, "leave"),
    bind(C::SingleLine, &[ENTER], A::NextField, "next field"),
    bind(C::NameCompletion, &[DOWN], A::NextSuggestion, "next suggested name").hint(1, "pick a name"),
    bind(C::NameCompletion, &[UP], A::PrevSuggestion, "previous suggested name").hint(1, "pick a name"),
    bind(C::NameCompletion, &[ENTER], A::AcceptSuggestion, "use the suggested name").hint(2, "use it"),
    bind(C::NameCompletion, &[ESC], A::CloseSuggestions, "close the suggestions (keep typing)").hint(3, "close"),
    // Did you mean
    bind(C::DidYouMean, &[ch('y'), ENTER], A::Confirm, "yes: that person (the name typed becomes another name for them)").hint(1, "that person"),
    bind(C::DidYouMean, &[ch('n')], A::NewPerson, "no: someone new, keep the name as typed").hint(2, "someone new"),
    bind(C::DidYouMean, &[ch('j'), DOWN], A::Down, "the next person it may be"),
    bind(C::DidYouMean, &[ch('k'), UP], A::Up, "the previous person it may be"),
    bind(C::DidYouMean, &[ESC], A::Cancel, "back to the name, to change it").hint(3, "change the name"),
    // Direction
    bind(C::Direction, &[RIGHT, ch('l'), SPACE], A::NextChoice, "next direction").hint(1, "change"),
    bind(C::Direction, &[LEFT, ch('h')], A::PrevChoice, "previous direction").hint(1, "change"),
    bind(C::Direction, &[ENTER], A::NextField, "next field"),
    bind(C::Direction, &[ch('?')], A::Help, "help").hint(45, "help"),
    // Already tried
    bind(C::Tried, &[SPACE, ENTER], A::ToggleTried, "tick or untick: tried with this person").hint(1, "tick"),
    bind(C::Tried, &[RIGHT, ch('l')], A::NextResult, "next result").hint(2, "result"),
    bind(C::Tried, &[LEFT, ch('h')], A::PrevResult, "previous result").hint(2, "result"),
    bind(C::Tried, &[ch('j'), DOWN], A::Down, "down the ladder (gentler)").hint(3, "move"),
    bind(C::Tried, &[ch('k'), UP], A::Up, "up the ladder (harder)").hint(3, "move"),
    bind(C::Tried, &[ch('?')], A::Help, "help").hint(45, "help"),
    // Tactic: the ladder
    digits(C::Ladder, A::PickPrimary, "choose that rung as the primary tactic").hint(1, "primary"),
    bind(C::Ladder, &[ENTER, SPACE], A::PickHighlighted, "choose the highlighted rung as primary (rungs 10-12: the only way)"),
    bind(C::Ladder, &[ch('b')], A::StartBackup, "choose the backup tactic next: a digit, or the highlighted rung").hint(2, "backup"),
    bind(C::Ladder, &[ch('j'), DOWN], A::Down, "down the ladder (gentler)").hint(3, "move"),
    bind(C::Ladder, &[ch('k'), UP], A::Up, "up the ladder (harder)").hint(3, "move"),
    bind(C::Ladder, &[ch('r')], A::ToggleResearch, "research note first in the guidance, or last").hint(6, "research"),
    bind(C::Ladder, &[Keys::Key(K::Down, KeyModifiers::SHIFT)], A::GuidanceDown, "scroll the guidance down").hint(5, "guidance"),
    bind(C::Ladder, &[Keys::Key(K::Up, KeyModifiers::SHIFT)], A::GuidanceUp, "scroll the guidance up").hint(5, "guidance"),
    bind(C::Ladder, &[ch('g')], A::ToggleGuidance, "the guidance on the whole screen, and back").hint(4, "full guidance"),
    bind(C::Ladder, &[ch('?')], A::Help, "help").hint(45, "help"),
    bind(C::Allies, &[SPACE, ENTER], A::ToggleAlly, "ask this person to put in a word, or not").hint(1, "ally"),
    bind(C::Allies, &[ch('j'), DOWN], A::Down, "next person").hint(2, "move"),
    bind(C::Allies, &[ch('k'), UP], A::Up, "previous person").hint(2, "move"),
    bind(C::Allies, &[ch('?')], A::Help, "help").hint(45, "help"),
    digits(C::BackupPending, A::PickBackup, "choose that rung as the backup tactic").hint(1, "backup"),
    bind(C::BackupPending, &[ENTER, SPACE], A::PickBackupHighlighted, "choose the highlighted rung as the backup (rungs 10-12)"),
    bind(C::BackupPending, &[ch('0')], A::ClearBackup, "no backup tactic").hint(2, "none"),
    bind(C::BackupPending, &[ESC], A::CancelBackup, "cancel").hint(3, "cancel"),
    // Review
    bind(C::Review, &[ENTER], A::Save, "save the plan").hint(1, "save"),
    bind(C::Review, &[ch('p')], A::Preview, "print preview").hint(2, "preview"),
    bind(C::Review, &[ch('j'), DOWN], A::Down, "scroll down").hint(3, "scroll"),
    bind(C::Review, &[ch('k'), UP], A::Up, "scroll up").hint(3, "scroll"),
    bind(C::Review, &[ch('?')], A::Help, "help").hint(45, "help"),
    // Dialogs
    bind(C::Warning, &[ch('n'), ESC, ENTER], A::Cancel, "go back and choose again (the default)").hint(1, "go back"),
    bind(C::Warning, &[ch('y')], A::Confirm, "go ahead, then note your reason").hint(2, "go ahead"),
    bind(C::LeaveConfirm, &[ch('s')], A::SaveAndLeave, "save, then leave").hint(2, "save and leave"),
    bind(C::LeaveConfirm, &[ch('y')], A::Confirm, "leave and drop the unsaved changes").hint(3, "leave without saving"),
    bind(C::LeaveConfirm, &[ch('n'), ESC], A::Cancel, "stay in the wizard").hint(1, "stay"),
    bind(C::Resume, &[ch('y'), ENTER], A::Confirm, "resume the unsaved plan"),
    bind(C::Resume, &[ch('n'), ESC], A::Cancel, "not now (it is kept for next time)"),
    bind(C::Resume, &[ch('d')], A::DiscardDraft, "discard it"),
    bind(C::Agenda, &[ch('j'), DOWN], A::Down, "next item").hint(2, "move"),
    bind(C::Agenda, &[ch('k'), UP], A::Up, "previous item").hint(2, "move"),
    bind(C::Agenda, &[ENTER], A::Open, "open the plan").hint(3, "open"),
    bind(C::Agenda, &[ch('o')], A::RecordOutcome, "record the outcome").hint(4, "outcome"),
    bind(C::Agenda, &[ch('f')], A::FollowUp, "plan the follow-up").hint(5, "follow-up"),
    bind(C::Agenda, &[ch('z')], A::Snooze, "snooze: move it to another date (asks which)").hint(6, "snooze"),
    bind(C::Agenda, &[ESC, ch('q')], A::Back, "back to the list").hint(1, "back"),
    bind(C::Agenda, &[ch('?')], A::Help, "help").hint(7, "help"),
    bind(C::AgendaSnooze, &[ENTER], A::Confirm, "snooze to the date typed").hint(1, "snooze"),
    bind(C::AgendaSnooze, &[ESC], A::Cancel, "do not snooze").hint(2, "cancel"),
    bind(C::DropReason, &[ENTER], A::Confirm, "drop the plan, with the reason typed (none when empty)").hint(1, "drop"),
    bind(C::DropReason, &[ESC], A::Cancel, "keep the plan as it is").hint(2, "cancel"),
    bind(C::About, &[ESC, ch('q')], A::Back, "back").hint(1, "back"),
    bind(C::About, &[ch('?')], A::Help, "help").hint(2, "help"),
    bind(C::Help, &[ESC, ch('q'), ch('?')], A::CloseHelp, "close help").hint(1, "close"),
    bind(C::Help, &[ch('j'), DOWN], A::Down, "scroll down").hint(2, "scroll"),
    bind(C::Help, &[ch('k'), UP], A::Up, "scroll up").hint(2, "scroll"),
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
    (
        "Ctrl-k / Ctrl-u",
        "delete to the end / the start of the line",
    ),
    ("Ctrl-z / Ctrl-r", "undo / redo"),
    ("Enter", "new line in a multi-line field"),
];

/// What the mouse does (when the config leaves `mouse` on), listed in help and the README.
pub const MOUSE_KEYS: &[(&str, &str)] = &[
    (
        "click",
        "select a row, a status tab, a wizard step, a rung or a dialog's button",
    ),
    (
        "click again, double-click",
        "open the selected plan or person; choose or tick the rung",
    ),
    (
        "wheel",
        "scroll the list or the page; over a rung's guidance, the guidance",
    ),
    (
        "Shift-drag",
        "select text to copy, as without overture (most terminals; mouse = false in the config leaves the mouse to the terminal)",
    ),
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
    Agenda,
    AgendaSnooze,
    StakeholdersMap,
    Person,
    PersonFormChoice,
    PersonFormText,
    WizardDidYouMean,
    WizardAllies,
    DropReason,
}

impl Mode {
    pub const ALL: [Mode; 33] = [
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
        Mode::Agenda,
        Mode::AgendaSnooze,
        Mode::StakeholdersMap,
        Mode::Person,
        Mode::PersonFormChoice,
        Mode::PersonFormText,
        Mode::WizardDidYouMean,
        Mode::WizardAllies,
        Mode::DropReason,
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
            Mode::WizardText => &[C::Global, C::Wizard, C::WizardLeave],
            Mode::WizardSingleLine => &[C::Global, C::Wizard, C::WizardLeave, C::SingleLine],
            Mode::WizardNameCompletion => &[C::Global, C::Wizard, C::NameCompletion],
            Mode::WizardDirection => &[C::Global, C::Wizard, C::WizardLeave, C::Direction],
            Mode::WizardTried => &[C::Global, C::Wizard, C::WizardLeave, C::Tried],
            Mode::WizardLadder => &[C::Global, C::Wizard, C::WizardLeave, C::Ladder],
            Mode::WizardBackupPending => &[C::Global, C::BackupPending],
            Mode::WizardReview => &[C::Global, C::Wizard, C::WizardLeave, C::Review],
            Mode::WizardWarning => &[C::Global, C::Warning],
            Mode::WizardLeaveConfirm => &[C::Global, C::LeaveConfirm],
            Mode::About => &[C::Global, C::About],
            Mode::Agenda => &[C::Global, C::Agenda],
            Mode::AgendaSnooze => &[C::Global, C::AgendaSnooze],
            Mode::StakeholdersMap => &[C::Global, C::PeopleMap],
            Mode::Person => &[C::Global, C::Person],
            Mode::PersonFormChoice => &[C::Global, C::PersonForm, C::PersonChoice],
            Mode::PersonFormText => &[C::Global, C::PersonForm],
            Mode::WizardDidYouMean => &[C::Global, C::DidYouMean],
            Mode::WizardAllies => &[C::Global, C::Wizard, C::WizardLeave, C::Allies],
            Mode::DropReason => &[C::Global, C::DropReason],
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
                | Mode::AgendaSnooze
                | Mode::PersonFormText
                | Mode::DropReason
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

/// The action a key means in a mode with the default keys (the app asks its own [`Keymap`], which holds the
/// user's).
pub fn lookup(mode: Mode, key: &KeyEvent) -> Option<Action> {
    Keymap::defaults().lookup(mode, key)
}

mod docs;
mod user;
pub use docs::{HelpEntry, Hint, key_label, markdown};
pub use user::{KeyOverride, Keymap, Row, action_name, parse_key};

#[cfg(test)]
mod tests;
