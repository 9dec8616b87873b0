//! What a key means, once the keymap has looked it up. Screens react to actions, never to raw keys (text
//! fields excepted), so the same action can be bound to several keys and tested without a terminal.

pub use super::screens::ScreenKind;

/// Everything the user can ask for. Rung numbers are 0-based positions on the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program (from the list) or, with Ctrl-C, from anywhere, keeping an autosaved draft.
    Quit,
    Help,
    CloseHelp,
    /// Open a screen that a key opens from anywhere (About, the agenda...), over whatever is showing. The
    /// screen says what it opens with (`Screen::open`) and its name in the config file is the kind's
    /// (`about`, `agenda`), so a new screen needs no action of its own.
    Show(ScreenKind),
    /// Move an agenda item to another date.
    Snooze,

    // Lists and read-only views.
    Up,
    Down,
    Top,
    Bottom,
    /// Sideways, on the stakeholders map.
    Left,
    Right,
    Open,
    NewPlan,
    Back,

    // The plans list and the review screens.
    /// Start typing a live filter.
    Filter,
    /// Keep the filter and return to the list.
    KeepFilter,
    /// Clear the filter (and the stakeholder the list was narrowed to).
    ClearFilter,
    Sort,
    NextTab,
    PrevTab,
    ShowTab(usize),
    Stakeholders,
    /// The stakeholders screen: the map of influence by stance, and back to the table.
    ToggleMap,
    Reflection,
    /// Read the plans folder again.
    Reload,
    Undo,
    /// Cycle the reflection's direction (all, up, peer, down, outside).
    NextDirection,
    /// Reflection: count the drafts too, or leave them out again (the default: a draft has not happened).
    ToggleDrafts,

    // What can be done to a plan, from the list or the plan view.
    Edit,
    RecordOutcome,
    LogAttempt,
    FollowUp,
    Delete,
    CopyPlan,
    /// Drop the plan, or reopen a dropped one.
    ToggleDropped,
    Preview,

    // The print preview.
    SaveText,
    SaveMarkdown,
    SavePdf,
    Print,
    /// Between the full page and the pocket card.
    ToggleCard,

    // The wizard.
    NextField,
    PrevField,
    NextStep,
    PrevStep,
    Save,
    Leave,
    ExternalEditor,
    NextSuggestion,
    PrevSuggestion,
    AcceptSuggestion,
    /// Hide the name suggestions until the name changes, so Esc does not ask to leave the plan.
    CloseSuggestions,
    NextChoice,
    PrevChoice,
    ToggleTried,
    NextResult,
    PrevResult,
    PickPrimary(usize),
    PickHighlighted,
    StartBackup,
    PickBackup(usize),
    /// The highlighted rung as the backup: how rungs past 9, which have no digit, become the backup.
    PickBackupHighlighted,
    ClearBackup,
    CancelBackup,
    ToggleResearch,
    /// Scroll the highlighted rung's guidance.
    GuidanceDown,
    GuidanceUp,
    /// The guidance on the whole screen, for narrow terminals (and back).
    ToggleGuidance,

    // Dialogs.
    /// The dialog's "yes": go ahead despite the warning, leave without saving, resume the draft.
    Confirm,
    /// The dialog's safe choice: go back, stay, not now.
    Cancel,
    SaveAndLeave,
    DiscardDraft,
    /// A plan changed on disk: keep the user's version as a new plan.
    SaveCopy,
    /// Records the outcome or attempt into the plan as it is on disk now, keeping the other change too.
    ApplyToCurrent,
    /// A plan changed on disk: write the user's version over it.
    Overwrite,
    /// "Did you mean": no, someone new (the name stays as typed).
    NewPerson,
    /// The tactic step's allies: choose the highlighted person as an ally, or not.
    ToggleAlly,
    /// The plan view: a new plan for the highlighted ally (put in a word with the stakeholder).
    AllyPlan,
    /// A digit in a form: the rung or result with that number (0-based).
    PickChoice(usize),
}
