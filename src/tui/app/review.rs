//! Looking back and acting on saved plans: the list's keys, what can be done to a plan (edit, record an outcome
//! or an attempt, follow up, copy, delete and undo, print preview), the stakeholders and reflection views, and
//! saving or printing the previewed page. Every change to a plan goes through `domain::changes`, and is written
//! by `PlanFile::save` (as the command line's are) once the run loop performs the [`Effect`] asked for here.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::effect::{Effect, Target, Why, Write};
use super::{App, DeleteTarget, Overlay, Screen, Tone, Trashed};
use crate::domain::Status;
use crate::domain::text::one_line;
use crate::export::{ExportError, Format, Page, Printed};
use crate::store::{PlanFile, plan_file};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::plan_list::{Tab, Unreadable};
use crate::tui::screens::dialog::DropReason;
use crate::tui::screens::plan_view::PlanView;
use crate::tui::screens::preview::Preview;
use crate::tui::screens::record::{FormOutcome, RecordForm, RecordKind};
use crate::tui::screens::reflection::ReflectionView;
use crate::tui::screens::stakeholders::StakeholdersView;

impl App {
    pub(super) fn reload_by_hand(&mut self) {
        self.after_write(None);
        if self.status.is_none() {
            let n = self.catalog.summaries.len();
            self.say(
                Tone::Info,
                format!(
                    "Read the plans folder again: {n} plan{}.",
                    if n == 1 { "" } else { "s" }
                ),
            );
        }
    }

    /// The plan the keys act on: the list's selected row or the open plan. A row that could not be read comes
    /// back as `Err`.
    fn target(&self) -> Option<Result<PlanFile, Box<Unreadable>>> {
        match self.screens.last()? {
            Screen::Plan(view) => Some(Ok(view.file.clone())),
            Screen::Agenda(view) => {
                let item = view.selected_item()?;
                let row = self.rows.iter().find(|r| r.id() == item.plan)?;
                Some(
                    plan_file::load(&row.path(), &self.ladder)
                        .map_err(|e| Box::new(row.unreadable(&e.to_string()))),
                )
            }
            Screen::Home(home) => {
                let row = home.selected_row(&self.rows)?;
                if let Some(why) = row.broken() {
                    return Some(Err(Box::new(row.unreadable(why))));
                }
                // The list holds summaries: the whole plan is read now, as it is opened.
                Some(
                    plan_file::load(&row.path(), &self.ladder)
                        .map_err(|e| Box::new(row.unreadable(&e.to_string()))),
                )
            }
            _ => None,
        }
    }

    /// The keys that act on one plan, from the list or the plan view.
    pub(super) fn plan_action(&mut self, action: Action) {
        let acts = matches!(
            action,
            Action::Edit
                | Action::RecordOutcome
                | Action::LogAttempt
                | Action::FollowUp
                | Action::Delete
                | Action::CopyPlan
                | Action::ToggleDropped
                | Action::Preview
        );
        if !acts {
            return;
        }
        let pf = match self.target() {
            None => return self.say(Tone::Info, "No plan selected."),
            Some(Ok(pf)) => pf,
            Some(Err(row)) => {
                if action == Action::Delete {
                    self.overlay = Some(Overlay::ConfirmDelete(Box::new(DeleteTarget {
                        path: row.path(),
                        title: row.title().to_string(),
                    })));
                } else {
                    self.say(
                        Tone::Error,
                        format!(
                            "This file could not be read: {}. Fix it in a text editor ({} moves it to the trash).",
                            row.broken().unwrap_or_default(),
                            self.keys.key(Context::PlanActions, Action::Delete)
                        ),
                    );
                }
                return;
            }
        };
        let changes = matches!(
            action,
            Action::Edit | Action::RecordOutcome | Action::LogAttempt | Action::ToggleDropped
        );
        if changes && let Some(reason) = &pf.read_only {
            return self.say(
                Tone::Error,
                format!(
                    "Read-only: {}. It can be viewed, copied and printed here, not changed.",
                    one_line(reason)
                ),
            );
        }
        match action {
            Action::Edit => {
                // Unsaved work on this plan, kept from an earlier session, is where editing carries on: starting
                // afresh would autosave over it.
                if let Some(found) = crate::store::draft::find(&self.data, &pf.plan.id) {
                    return self.resume(found);
                }
                self.open_wizard(pf.plan.clone(), Some(pf));
                let save = self.keys.key(Context::Wizard, Action::Save);
                self.say(
                    Tone::Info,
                    format!("Editing: {save} saves into the same file."),
                );
            }
            Action::RecordOutcome | Action::LogAttempt => {
                let kind = if action == Action::RecordOutcome {
                    RecordKind::Outcome
                } else {
                    RecordKind::Attempt
                };
                let form = RecordForm::new(kind, pf, &self.ladder, self.today);
                self.overlay = Some(Overlay::Record(Box::new(form)));
            }
            Action::FollowUp => self.follow_up(&pf),
            Action::Delete => {
                self.overlay = Some(Overlay::ConfirmDelete(Box::new(DeleteTarget {
                    path: pf.path.clone(),
                    title: pf.plan.display_title(),
                })));
            }
            Action::CopyPlan => self.copy_plan(&pf),
            Action::ToggleDropped => self.toggle_dropped(&pf),
            _ => self.preview_plan(&pf),
        }
    }

    pub(super) fn open_selected(&mut self) {
        match self.target() {
            Some(Ok(pf)) => {
                let view = PlanView::new(pf, &self.ladder, &self.history, &self.catalog);
                self.screens.push(Screen::Plan(Box::new(view)));
            }
            Some(Err(row)) => self.say(
                Tone::Error,
                format!(
                    "Could not read {}. It is left untouched.",
                    row.broken().unwrap_or_default()
                ),
            ),
            None => {}
        }
    }

    pub(super) fn handle_record(&mut self, action: Action) {
        let ladder = &self.ladder;
        let Some(Overlay::Record(form)) = &mut self.overlay else {
            return;
        };
        match form.handle(action, ladder.len()) {
            FormOutcome::None => {}
            FormOutcome::Cancel => {
                self.overlay = None;
                self.say(Tone::Info, "Nothing recorded.");
            }
            FormOutcome::Save => match form.build(ladder, Timestamp::now()) {
                Err(e) => form.error = Some(e),
                Ok(plan) => {
                    let Some(Overlay::Record(form)) = self.overlay.take() else {
                        return;
                    };
                    self.write_record(form, plan);
                }
            },
        }
    }

    fn follow_up(&mut self, pf: &PlanFile) {
        let mut plan = pf.plan.follow_up(Timestamp::now(), self.today);
        plan.settle_status();
        self.open_wizard(plan, None);
        if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
            w.dirty = true;
        }
        self.say(
            Tone::Info,
            format!(
                "Follow-up to “{}”: what was tried is under Already tried. {} saves it.",
                short(&pf.plan.display_title()),
                self.keys.key(Context::Wizard, Action::Save)
            ),
        );
    }

    fn copy_plan(&mut self, pf: &PlanFile) {
        let copy = pf.plan.copy_as_draft(Timestamp::now());
        self.ask(Effect::Write(Box::new(Write {
            plan: copy,
            to: Target::NewLike(pf.clone()),
            why: Why::Copy,
            folder: None,
        })));
    }

    /// `x`: reopens a dropped plan at once, or asks why before dropping one (`DropReason`; the reason is
    /// optional). Written over its file (a file changed on disk meanwhile asks first, as every save does). The
    /// status follows `domain::changes`, as `overture drop`/`reopen` do.
    fn toggle_dropped(&mut self, pf: &PlanFile) {
        if pf.plan.status != Status::Dropped {
            self.overlay = Some(Overlay::DropReason(Box::new(DropReason::new(pf.clone()))));
            return;
        }
        let mut plan = pf.plan.clone();
        let title = one_line(&plan.display_title());
        plan.reopen(Timestamp::now());
        let said = format!(
            "Reopened: {title}, {} again. x drops it.",
            plan.status.as_str()
        );
        self.ask(Effect::Write(Box::new(Write {
            plan,
            to: Target::Update(pf.clone()),
            why: Why::Change(said),
            folder: None,
        })));
    }

    /// The answer to "Drop this plan?": Enter drops it with the reason typed (none when empty), Esc keeps it.
    pub(super) fn handle_drop_reason(&mut self, action: Action) {
        let Some(Overlay::DropReason(asked)) = self.overlay.take() else {
            return;
        };
        match action {
            Action::Confirm => {
                let DropReason { file, field } = *asked;
                let mut plan = file.plan.clone();
                let title = one_line(&plan.display_title());
                plan.mark_dropped(field.value().trim(), Timestamp::now());
                let said = format!("Dropped: {title}. x reopens it.");
                self.ask(Effect::Write(Box::new(Write {
                    plan,
                    to: Target::Update(file),
                    why: Why::Change(said),
                    folder: None,
                })));
            }
            Action::Cancel => self.say(Tone::Info, "Not dropped."),
            _ => self.overlay = Some(Overlay::DropReason(asked)),
        }
    }

    /// `z` on the agenda: the item's date moves to `to` (`domain::agenda::snooze`), written over the plan's file.
    pub(super) fn snooze(
        &mut self,
        id: &str,
        kind: crate::domain::agenda::Kind,
        to: jiff::civil::Date,
    ) {
        let Some(path) = self
            .catalog
            .summaries
            .iter()
            .find(|s| s.id() == id)
            .map(|s| s.path().to_path_buf())
        else {
            return self.say(Tone::Error, "That plan is no longer in the folder.");
        };
        let pf = match plan_file::load(&path, &self.ladder) {
            Ok(pf) => pf,
            Err(e) => {
                return self.say(
                    Tone::Error,
                    format!("Not snoozed: {}", one_line(&e.to_string())),
                );
            }
        };
        if let Some(reason) = &pf.read_only {
            return self.say(Tone::Error, format!("Read-only: {}", one_line(reason)));
        }
        let mut plan = pf.plan.clone();
        // The outcome form's rule holds here too: no follow-up before the conversation it follows.
        if kind == crate::domain::agenda::Kind::FollowUp
            && let Some(problem) = crate::domain::changes::follow_up_problem(
                plan.outcome.as_ref().and_then(|o| o.on),
                Some(to),
            )
        {
            return self.say(Tone::Error, format!("Not snoozed: {problem}."));
        }
        crate::domain::agenda::snooze(&mut plan, kind, to, Timestamp::now());
        let said = format!(
            "Snoozed to {}: {}.",
            crate::domain::dates::describe(to, self.today),
            one_line(&plan.display_title())
        );
        self.ask(Effect::Write(Box::new(Write {
            plan,
            to: Target::Update(pf),
            why: Why::Change(said),
            folder: None,
        })));
    }

    /// The copy of a plan was written: the list shows it, selected.
    pub(super) fn copied(&mut self, saved: &PlanFile) {
        self.screens.truncate(1);
        if let Some(Screen::Home(home)) = self.screens.first_mut()
            && home.tab != Tab::All
            && home.tab != Tab::Drafts
        {
            home.tab = Tab::All;
        }
        self.after_save(saved);
        self.say(
            Tone::Success,
            format!(
                "Copied as a new draft: {}. e edits it.",
                one_line(&saved.file_name())
            ),
        );
    }

    /// The plan in `target` was moved to the trash, or could not be.
    pub(super) fn trashed(&mut self, target: DeleteTarget, result: Result<PathBuf, String>) {
        let trashed = match result {
            Ok(trashed) => trashed,
            Err(e) => return self.say(Tone::Error, format!("Not deleted: {e}")),
        };
        let id = self
            .catalog
            .summaries
            .iter()
            .find(|p| p.is_at(&target.path))
            .map(|p| p.id().to_string())
            .unwrap_or_default();
        self.trash.push(Trashed {
            trashed,
            original: target.path.clone(),
            id,
            title: target.title.clone(),
        });
        if let Some(Screen::Plan(view)) = self.screens.last()
            && view.file.path == target.path
        {
            self.screens.pop();
        }
        self.after_trash(&target.path);
        self.say(
            Tone::Success,
            format!(
                "Deleted “{}”: moved to {}. {} brings it back.",
                short(&target.title),
                trash_label(&self.data.trash()),
                self.keys.key(Context::Home, Action::Undo)
            ),
        );
    }

    pub(super) fn undo_delete(&mut self) {
        match self.trash.pop() {
            Some(last) => self.ask(Effect::Restore(Box::new(last))),
            None => self.say(Tone::Info, "Nothing to undo."),
        }
    }

    /// The last deleted plan was put back, or could not be (it stays in the trash, and on the undo list).
    pub(super) fn restored(&mut self, last: Trashed, result: Result<(), String>) {
        match result {
            Ok(()) => {
                let id = (!last.id.is_empty()).then_some(last.id.as_str());
                // The plan read back is taken in alone; a file that does not read as a plan is shown as the
                // folder shows it.
                match plan_file::load(&last.original, &self.ladder) {
                    Ok(file) => self.after_save(&file),
                    Err(_) => self.after_write(id),
                }
                if id.is_none()
                    && let Some(Screen::Home(home)) = self.screens.first_mut()
                {
                    let keep = Some((String::new(), last.original.clone()));
                    home.refresh(&self.rows, keep, home.selected);
                }
                self.say(Tone::Success, format!("Restored “{}”.", short(&last.title)));
            }
            Err(e) => {
                self.say(
                    Tone::Error,
                    format!(
                        "Could not restore “{}”: {e}. It is still in {}.",
                        short(&last.title),
                        trash_label(&self.data.trash())
                    ),
                );
                self.trash.push(last);
            }
        }
    }

    pub(super) fn open_stakeholders(&mut self) {
        if matches!(self.screens.last(), Some(Screen::Reflection(_))) {
            self.screens.pop();
        }
        self.screens
            .push(Screen::Stakeholders(StakeholdersView::default()));
    }

    pub(super) fn open_reflection(&mut self) {
        if matches!(self.screens.last(), Some(Screen::Stakeholders(_))) {
            self.screens.pop();
        }
        let view = ReflectionView::new(
            &self.ladder,
            self.catalog.summaries.iter(),
            self.catalog.register.keys(),
        );
        self.screens.push(Screen::Reflection(Box::new(view)));
    }

    fn preview_plan(&mut self, pf: &PlanFile) {
        let page = Page::build(&self.ladder, &self.history, &pf.plan, self.today);
        let preview = Preview::new(pf.plan.clone(), page);
        self.screens.push(Screen::Preview(Box::new(preview)));
    }

    /// The print preview of the plan in the wizard, as it stands (saved or not).
    pub(super) fn preview_wizard(&mut self) {
        let Some(w) = self.wizard() else {
            return;
        };
        let (plan, _) = w.plan(&self.ladder, Timestamp::now());
        let page = Page::build(&self.ladder, &w.history, &plan, self.today);
        self.screens
            .push(Screen::Preview(Box::new(Preview::new(plan, page))));
    }

    /// Sends the previewed page to the printer.
    pub(super) fn print_preview(&mut self) {
        if let Some(Screen::Preview(preview)) = self.screens.last() {
            let page = Box::new(preview.page.clone());
            self.ask(Effect::Print(page));
            self.say(Tone::Info, "Sending the page to the printer…");
        }
    }

    /// Saves the previewed page to `path`.
    pub(super) fn export_preview(&mut self, path: PathBuf, format: Format) {
        if let Some(Screen::Preview(preview)) = self.screens.last() {
            let page = Box::new(preview.page.clone());
            self.ask(Effect::Export { page, path, format });
        }
    }

    /// What came of saving the previewed page to `shown`.
    pub(super) fn exported(
        &mut self,
        shown: &Path,
        format: Format,
        result: Result<crate::export::Missing, ExportError>,
    ) {
        match result {
            Ok(missing) => {
                let mut text = format!(
                    "Saved the {} page to {}",
                    format.as_str(),
                    one_line(&shown.display().to_string())
                );
                // Letters printed as empty boxes are a failure to say plainly, with what to do about it here.
                match missing.for_workbook() {
                    Some(note) => {
                        text.push_str(&format!(" · {}", one_line(&note)));
                        self.say(Tone::Error, text);
                    }
                    None => self.say(Tone::Success, text),
                }
            }
            Err(e) => self.say(Tone::Error, export_problem(&e, format, &self.keys)),
        }
    }

    /// What came of sending the page to the printer (the run loop did it).
    pub(super) fn finish_print(&mut self, result: Result<Printed, ExportError>) {
        match result {
            Ok(printed) => {
                let mut text = format!("Sent the {} page to the printer", printed.format.as_str());
                if !printed.said.is_empty() {
                    text.push_str(&format!(" ({})", one_line(&printed.said)));
                }
                for note in printed.notes {
                    text.push_str(&format!(" · {}", one_line(&note)));
                }
                match printed.missing.for_workbook() {
                    Some(note) => {
                        text.push_str(&format!(" · {}", one_line(&note)));
                        self.say(Tone::Error, text);
                    }
                    None => self.say(Tone::Success, text),
                }
            }
            Err(e) => self.say(Tone::Error, export_problem(&e, Format::Pdf, &self.keys)),
        }
    }
}

/// An export error in one status line, with what still works when it is the font.
fn export_problem(e: &ExportError, format: Format, keys: &Keymap) -> String {
    let key = |action| keys.key(Context::Preview, action);
    match e {
        ExportError::Font(f) => {
            let first = f.to_string();
            let first = first.lines().next().unwrap_or_default().to_string();
            format!(
                "No {}: {}. {} saves as text and {} as Markdown, which need no font; or install DejaVu Sans, or set `font` in the config.",
                format.as_str(),
                one_line(&first),
                key(Action::SaveText),
                key(Action::SaveMarkdown)
            )
        }
        // The command line's advice names a flag; here, the keys.
        ExportError::Print(crate::export::printer::PrintError::NoCommand) => format!(
            "Not printed: no print command found (lp or lpr). Install CUPS (Debian/Ubuntu: cups-client), or press {} \
             to save a PDF and print that.",
            key(Action::SavePdf)
        ),
        other => format!("Not done: {}", one_line(&other.to_string())),
    }
}

/// A title cut short enough for a status line.
fn short(title: &str) -> String {
    crate::tui::widgets::wrap::truncate(&one_line(title), 40)
}

/// The trash folder as the user thinks of it.
fn trash_label(trash: &Path) -> String {
    let name: PathBuf = trash.iter().rev().take(1).collect();
    format!("{}/", one_line(&name.display().to_string()))
}
