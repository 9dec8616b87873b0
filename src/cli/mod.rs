//! The command line: thin subcommands over the same core the TUI uses. Each subcommand builds its whole output
//! as text and hands it back, so that a closed pipe (`overture list | head`) is never a crash and tests can read
//! the output directly.

mod agenda;
mod calendar;
mod check;
mod edit;
mod failure;
mod follow_up;
mod json;
mod keys;
mod ladder;
mod list;
mod man;
mod new;
mod people;
mod person_choice;
mod print;
mod record;
mod review;
mod show;

use crate::domain::FileProblem;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub use failure::Failure;
pub(crate) use failure::save_failure;
pub(crate) use json::{json, write_json};

use clap::{CommandFactory, Parser, Subcommand};

use crate::config::{self, Config};
use crate::domain::text::{cut_message, printable};
use crate::domain::{Direction, Ladder, OutcomeResult, RungRef, Status, dates};
use crate::store::{Catalog, DataDir, Workbook, paths, read};

/// overture: plan how to win someone over.
///
/// Plan a difficult conversation: who you need to influence, what you want from them, and which tactic to use,
/// from a nine-rung ladder that runs from Reason to Force. Run without a command to open the workbook.
#[derive(Debug, Parser)]
#[command(name = "overture", version, max_term_width = 100)]
pub struct Cli {
    /// Folder that holds the workbook [default: your data folder, e.g. ~/.local/share/overture]
    #[arg(long, global = true, env = paths::DATA_DIR_ENV, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Open a throwaway workbook of example plans, to look around (your own plans are not touched)
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
// The command line is parsed once per run: boxing `new`'s many flags would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Save a new plan
    New(new::Args),
    /// List plans, newest first
    List(list::Args),
    /// Show one plan in full
    Show(show::Args),
    /// Edit a plan's file in $VISUAL or $EDITOR; it is saved only if it still reads as a plan
    Edit(edit::Args),
    /// The plan on one page, to carry into the room: text, Markdown or PDF, or to the printer
    Print(print::Args),
    /// Record something you tried with the stakeholder
    Attempt(record::AttemptArgs),
    /// Record how the conversation went
    Outcome(record::OutcomeArgs),
    /// Plan the next conversation with the same person: a new plan that follows this one, with what was tried
    /// carried into "already tried" (as `f` in the workbook)
    FollowUp(follow_up::Args),
    /// What is due: talks, follow-ups, and talks whose date passed with nothing recorded
    Agenda(agenda::Args),
    /// The agenda as an iCalendar file, for any calendar app (entries carry no notes unless --details)
    Calendar(calendar::Args),
    /// Mark a plan dropped: the conversation will not happen (the reason is kept in the file)
    Drop(record::DropArgs),
    /// Take back a drop: the plan's status is what its outcome says again
    Reopen(record::ReopenArgs),
    /// Everyone you have planned for: plans, last contact, what was tried and how it went
    Stakeholders(review::JsonArgs),
    /// Which tactics you rely on, which you never use, and how each went
    Stats(review::JsonArgs),
    /// Everyone, one person under every spelling: stance, influence, plans; `show`, `add`, `set`, `merge`
    People(people::Args),
    /// Show the ladder of tactics, or one rung in full
    Ladder(ladder::Args),
    /// Load every plan and report problems as path:line:col: message
    Check,
    /// The workbook's keys in effect: the defaults with the config file's [keys]
    Keys(keys::Args),
    /// Print shell completions
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

impl Command {
    /// Whether the command may save a plan: after one that does, the config's `calendar_file` is rewritten.
    /// Every command is named, so a new one must say.
    fn saves_plans(&self) -> bool {
        match self {
            Command::New(_)
            | Command::Edit(_)
            | Command::Attempt(_)
            | Command::Outcome(_)
            | Command::FollowUp(_)
            | Command::Drop(_)
            | Command::Reopen(_) => true,
            Command::List(_)
            | Command::Show(_)
            | Command::Print(_)
            | Command::Agenda(_)
            | Command::Calendar(_)
            | Command::Stakeholders(_)
            | Command::Stats(_)
            | Command::Ladder(_)
            | Command::Check
            | Command::Keys(_)
            | Command::People(_)
            | Command::Completions { .. }
            | Command::Man => false,
        }
    }
}

/// Saves `plan` as a new file in the plans folder, made first when this is the workbook's first plan: what
/// `new` and `follow-up` both end with, failures in the words [`save_failure`] uses.
pub(crate) fn save_new_plan(
    ctx: &Context,
    plan: &crate::domain::Plan,
) -> Result<crate::store::PlanFile, Failure> {
    let dir = ctx.data.ensure_plans().map_err(|e| {
        Failure::failed(format!(
            "could not create {}: {e}",
            ctx.data.plans().display()
        ))
    })?;
    crate::store::plan_file::save_new(&dir, plan).map_err(save_failure)
}

/// The escalation warning after a plan is saved from the command line: the rule's own words, and where to note
/// the reason when none is given. The plan is saved either way; the warning informs, it does not block.
pub(crate) fn warn_if_escalating(
    ctx: &Context,
    history: &crate::domain::History,
    plan: &crate::domain::Plan,
    path: &std::path::Path,
    out: &mut Output,
) {
    use crate::domain::escalation;
    let Some(w) = escalation::warning_for(&ctx.ladder, history, plan) else {
        return;
    };
    out.warn(format!(
        "warning: {}",
        w.headline(&ctx.ladder, &plan.stakeholder.name)
    ));
    out.warn(format!("  {}", escalation::COST));
    if w.reason.is_none() {
        out.warn(format!(
            "  The plan is saved. To note why you are going ahead, give --reason \"...\" next time, or run \
             `overture edit {}` to add it to {}",
            crate::domain::text::one_line(&plan.id),
            crate::domain::text::one_line(&path.display().to_string())
        ));
    }
}

/// Asks a yes-or-no question on the terminal: only the other answer ("n" when `default` is yes, "y" when it is
/// no) departs from `default`; no answer at all (end of input) is no.
pub(crate) fn ask(question: &str, default: bool) -> bool {
    use std::io::BufRead;
    eprint!("{question} {} ", if default { "[Y/n]" } else { "[y/N]" });
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => false,
        Ok(_) => {
            let answer = answer.trim().to_lowercase();
            if default {
                !matches!(answer.as_str(), "n" | "no")
            } else {
                matches!(answer.as_str(), "y" | "yes")
            }
        }
    }
}

/// What a command produced: text for stdout, and notes (warnings) for stderr.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: String,
    /// Binary output (a PDF), written after `stdout`.
    pub bytes: Vec<u8>,
    pub stderr: Vec<String>,
    /// Exit code for a command that produced output and still failed (`check` with problems).
    pub exit: u8,
    /// Output too large to hold, written after the rest as it is made (`list --json`).
    pub stream: Option<Stream>,
}

/// Writes a command's large output piece by piece.
pub struct Stream(pub Box<WriteOnce>);

/// What a [`Stream`] runs, once, with stdout.
pub type WriteOnce = dyn FnOnce(&mut dyn Write) -> std::io::Result<()>;

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stream")
    }
}

impl Output {
    fn line(&mut self, line: impl AsRef<str>) {
        self.stdout.push_str(line.as_ref());
        self.stdout.push('\n');
    }

    fn warn(&mut self, line: impl Into<String>) {
        self.stderr.push(line.into());
    }
}

/// Everything resolved before a command runs: where the data is, the ladder in force, the config.
pub struct Context {
    pub data: DataDir,
    pub ladder: Ladder,
    pub config: Config,
    pub warnings: Vec<String>,
}

impl Context {
    fn workbook(&self) -> Result<Workbook, Failure> {
        Workbook::load(&self.data, &self.ladder).map_err(|e| self.read_failure(e))
    }

    /// Summaries of every plan, through the index: for the commands that list or count and never edit.
    fn catalog(&self) -> Result<Catalog, Failure> {
        Catalog::load(&self.data, &self.ladder).map_err(|e| self.read_failure(e))
    }

    /// Why the plans folder could not be read, in words that say what to do.
    fn read_failure(&self, e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::NotADirectory {
            return Failure::failed(format!(
                "{} is not a folder\npass --data-dir DIR (or set OVERTURE_DATA_DIR) to the folder that holds your plans",
                self.data.root().display()
            ));
        }
        Failure::failed(format!(
            "could not read {}: {e}",
            self.data.plans().display()
        ))
    }

    /// A rung typed on the command line, named as the plan file will hold it (its canonical key).
    fn rung(&self, input: &str) -> Result<RungRef, Failure> {
        match self.ladder.pick_input(input) {
            Some(r) => Ok(r),
            None => Err(Failure::usage(format!(
                "unknown tactic {:?}\nvalid tactics: {}",
                crate::domain::text::one_line(input),
                self.ladder.keys().join(", ")
            ))),
        }
    }
}

/// Resolves config, data folder and ladder, in that order: the config can name the data folder, and its folder
/// can hold a replacement ladder. A config or ladder that cannot be used is reported and the defaults are used
/// instead, so one bad file never locks the user out of their plans; except that a config that may name the data
/// folder stops the command when no folder was given, rather than read or write a different workbook.
pub fn context(data_dir: Option<PathBuf>) -> Result<Context, Failure> {
    let mut warnings = Vec::new();
    let data_dir = data_dir.filter(|d| !d.as_os_str().is_empty());
    let config = match config::config_path() {
        Some(path) => match config::load(&path) {
            Ok(loaded) => {
                warnings.extend(loaded.warnings);
                loaded.config
            }
            Err(e) if e.may_name_data_dir && data_dir.is_none() => {
                return Err(Failure::failed(format!(
                    "{e}\nfix the file (it names where your plans are), or pass --data-dir DIR"
                )));
            }
            Err(e) => {
                warnings.push(format!("{e}; using the default settings"));
                Config::default()
            }
        },
        None => Config::default(),
    };
    let root = data_dir
        .map(|d| paths::expand_home(&d))
        .or_else(|| config.data_dir.clone())
        .or_else(paths::default_data_dir)
        .ok_or_else(|| {
            Failure::failed("no data folder could be found for this user; pass --data-dir DIR")
        })?;
    let ladder = match paths::config_dir().map(|d| d.join("ladder.toml")) {
        Some(path) => match custom_ladder(&path) {
            Ok(Some(ladder)) => ladder,
            Ok(None) => Ladder::embedded(),
            Err(problem) => {
                warnings.push(format!(
                    "{problem}; using the built-in ladder until the file is fixed or removed"
                ));
                Ladder::embedded()
            }
        },
        None => Ladder::embedded(),
    };
    Ok(Context {
        data: DataDir::new(root),
        ladder,
        config,
        warnings,
    })
}

/// A ladder file is a few dozen lines; anything near this size is not one.
const LADDER_CAP: read::Cap = read::Cap {
    bytes: 1024 * 1024,
    what: "a ladder file",
};

/// The user's replacement ladder at `path`: `None` when there is none, or why it cannot be used, in one line.
fn custom_ladder(path: &std::path::Path) -> Result<Option<Ladder>, FileProblem> {
    let text = match read::text(path, LADDER_CAP) {
        Ok(text) => text,
        Err(read::ReadError::Missing) => return Ok(None),
        Err(e) => return Err(FileProblem::new(path, e.position(), e.to_string())),
    };
    Ladder::from_toml(&text)
        .map(Some)
        .map_err(|e| FileProblem::new(path, e.location, cut_message(&e.message)))
}

/// The whole program, returning the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match execute(cli) {
        Ok(output) => {
            // Notes can quote file names and values from files: never let them drive the terminal.
            for line in &output.stderr {
                eprintln!("{}", printable(line, true));
            }
            let written = write_stdout(output.stdout.as_bytes())
                .and_then(|()| write_stdout(&output.bytes))
                .and_then(|()| output.stream.map_or(Ok(()), stream_stdout));
            match written {
                Ok(()) => ExitCode::from(output.exit),
                Err(()) => ExitCode::from(1),
            }
        }
        Err(failure) => {
            eprintln!("overture: {}", printable(failure.message.trim_end(), true));
            ExitCode::from(failure.code)
        }
    }
}

/// Writes to stdout, treating a reader that went away as success: `overture list | head` is not an error.
fn write_stdout(bytes: &[u8]) -> Result<(), ()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("overture: could not write output: {e}");
            Err(())
        }
    }
}

/// Writes a stream to stdout through a buffer, a reader that went away being success as for [`write_stdout`].
fn stream_stdout(Stream(write): Stream) -> Result<(), ()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("overture: could not write output: {e}");
            Err(())
        }
    }
}

/// Runs a parsed command line.
pub fn execute(cli: Cli) -> Result<Output, Failure> {
    // A command would act on the real workbook, which is what --demo promises to leave alone.
    if cli.demo && cli.command.is_some() {
        return Err(Failure::usage(
            "--demo opens the example workbook on its own; it cannot be combined with a command\n\
             run `overture --demo` to look around, or the command without --demo for your own plans",
        ));
    }
    match cli.command {
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "overture", &mut buf);
            return Ok(Output {
                stdout: String::from_utf8_lossy(&buf).into_owned(),
                ..Output::default()
            });
        }
        Some(Command::Man) => {
            return Ok(Output {
                stdout: man::page()?,
                ..Output::default()
            });
        }
        _ => {}
    }
    let ctx = context(cli.data_dir)?;
    let mut out = Output {
        stderr: ctx.warnings.clone(),
        ..Output::default()
    };
    let saves = cli.command.as_ref().is_some_and(Command::saves_plans);
    let result = run_command(&ctx, cli.command, cli.demo, &mut out);
    // Even a command that failed may have saved (a plan written, then a warning that failed): the calendar
    // follows the files, whatever the exit.
    if saves {
        calendar::after_save(&ctx, &mut out);
    }
    result.map(|()| out)
}

/// Runs the command itself, once the context is resolved.
fn run_command(
    ctx: &Context,
    command: Option<Command>,
    demo: bool,
    out: &mut Output,
) -> Result<(), Failure> {
    match command {
        None => {
            // Printed before the workbook takes the screen (and seen again after it), and shown in it.
            for w in &ctx.warnings {
                eprintln!("{w}");
            }
            out.stderr.clear();
            crate::tui::run(crate::tui::TuiOptions {
                data: ctx.data.clone(),
                ladder: ctx.ladder.clone(),
                config: ctx.config.clone(),
                demo,
                warnings: ctx.warnings.clone(),
            })
            .map_err(|e| Failure {
                code: e
                    .downcast_ref::<crate::tui::Stopped>()
                    .map_or(1, |stopped| stopped.code),
                message: format!("{e:#}"),
            })?;
        }
        Some(Command::New(args)) => new::run(ctx, args, out)?,
        Some(Command::List(args)) => list::run(ctx, args, out)?,
        Some(Command::Show(args)) => show::run(ctx, args, out)?,
        Some(Command::Edit(args)) => edit::run(ctx, args, out)?,
        Some(Command::Print(args)) => print::run(ctx, args, out)?,
        Some(Command::Attempt(args)) => record::attempt(ctx, args, out)?,
        Some(Command::Outcome(args)) => record::outcome(ctx, args, out)?,
        Some(Command::FollowUp(args)) => follow_up::run(ctx, args, out)?,
        Some(Command::Agenda(args)) => agenda::run(ctx, args, out)?,
        Some(Command::Calendar(args)) => calendar::run(ctx, args, out)?,
        Some(Command::Drop(args)) => record::drop(ctx, args, out)?,
        Some(Command::Reopen(args)) => record::reopen(ctx, args, out)?,
        Some(Command::Ladder(args)) => ladder::run(ctx, args, out)?,
        Some(Command::Stakeholders(args)) => review::stakeholders(ctx, args, out)?,
        Some(Command::Stats(args)) => review::stats(ctx, args, out)?,
        Some(Command::People(args)) => people::run(ctx, args, out)?,
        Some(Command::Check) => check::run(ctx, out)?,
        Some(Command::Keys(args)) => keys::run(ctx, args, out)?,
        Some(Command::Completions { .. } | Command::Man) => {}
    }
    Ok(())
}

// Value parsers shared by the subcommands, so clap reports bad values as usage errors (exit 2).

fn parse_direction(s: &str) -> Result<Direction, String> {
    parse_word(s)
}

fn parse_result(s: &str) -> Result<OutcomeResult, String> {
    parse_word(s)
}

fn parse_status(s: &str) -> Result<Status, String> {
    parse_word(s)
}

/// One of an enum's words in any case, or the message that lists them all ("expected one of: up, peer, ...").
fn parse_word<T>(s: &str) -> Result<T, String>
where
    T: std::str::FromStr + strum::VariantArray + Copy + Into<&'static str>,
{
    s.trim().parse().map_err(|_| {
        let words: Vec<&str> = T::VARIANTS.iter().map(|&v| v.into()).collect();
        format!("expected one of: {}", words.join(", "))
    })
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    dates::parse_user_date(s)
}

/// Greedy word wrap for terminal output, each line indented by `indent` spaces. Measured in columns, so that
/// Chinese or Japanese text (two columns a character) does not run past the edge. Unlike `export::wrap`, a word
/// longer than a line is never broken: the terminal folds it, and a source's address stays whole to copy.
pub(crate) fn wrap(text: &str, indent: usize, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width.saturating_sub(indent) {
            lines.push(format!("{}{line}", " ".repeat(indent)));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{}{line}", " ".repeat(indent)));
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrapping_counts_columns_not_characters() {
        // Each of these characters takes two columns: ten of them fill a 20-column line.
        let text = "张伟张伟张 伟张伟张伟 张伟张伟张";
        for line in super::wrap(text, 2, 24) {
            assert!(
                unicode_width::UnicodeWidthStr::width(line.as_str()) <= 24,
                "{line}"
            );
        }
    }
}
