//! What a key means, once the keymap has looked it up. Screens react to actions, never to raw keys (text
//! fields excepted), so the same action can be bound to several keys and tested without a terminal.

/// Everything the user can ask for. Rung numbers are 0-based positions on the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program (from the list) or, with Ctrl-C, from anywhere, keeping an autosaved draft.
    Quit,
    Help,
    CloseHelp,

    // Lists and read-only views.
    Up,
    Down,
    Top,
    Bottom,
    Open,
    NewPlan,
    Back,

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
    NextChoice,
    PrevChoice,
    ToggleTried,
    NextResult,
    PrevResult,
    PickPrimary(usize),
    PickHighlighted,
    StartBackup,
    PickBackup(usize),
    ClearBackup,
    CancelBackup,
    ToggleResearch,

    // Dialogs.
    /// The dialog's "yes": go ahead despite the warning, leave without saving, resume the draft.
    Confirm,
    /// The dialog's safe choice: go back, stay, not now.
    Cancel,
    SaveAndLeave,
    DiscardDraft,
}
