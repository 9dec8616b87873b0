//! Sending a page to the system printer through CUPS's `lp`, or BSD `lpr`. overture never talks to a printer
//! itself: the system's print command knows the user's printers, queues and defaults.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::config::Paper;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(
        "no print command found (looked for lp and lpr on PATH): install CUPS (Debian/Ubuntu: apt-get install \
         cups-client), or save the page with --output and print the file yourself"
    )]
    NoCommand,
    #[error("{command} could not be run: {source}")]
    Spawn {
        command: String,
        source: std::io::Error,
    },
    #[error("{command} failed: {message}")]
    Failed { command: String, message: String },
    #[error(
        "{command} did not finish within {} seconds, so it was stopped: is the print service running?",
        PRINT_WAIT.as_secs()
    )]
    TimedOut { command: String },
}

/// How long the print command may take. It only hands the page to the print service, which takes well under a
/// second; one that hangs (a print service that does not answer) must not freeze the workbook for ever.
pub(crate) const PRINT_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

fn read_on_thread(
    pipe: Option<impl std::io::Read + Send + 'static>,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// The print command to use: `lp` when installed, else `lpr`.
pub(crate) fn print_command() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["lp", "lpr"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
    })
}

/// Sends `bytes` (PDF or plain text; CUPS recognises either) to the default printer, on `paper`. Returns what
/// the print command said (for `lp`, the request id), for the user to see.
///
/// Plain text is printed at 12 characters per inch: CUPS's default of 10 fits fewer than 80 columns inside
/// A4's margins, which would wrap the page's lines.
pub(crate) fn send(
    bytes: &[u8],
    paper: Paper,
    title: &str,
    plain_text: bool,
) -> Result<String, PrintError> {
    let program = print_command().ok_or(PrintError::NoCommand)?;
    let name = program
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title: String = title.chars().filter(|c| !c.is_control()).take(60).collect();
    let mut command = Command::new(&program);
    command.arg("-o").arg(format!("media={}", paper.media()));
    if plain_text {
        command.arg("-o").arg("cpi=12");
    }
    if name == "lpr" {
        command.arg("-T").arg(&title);
    } else {
        command.arg("-t").arg(&title);
    }
    // A Ctrl-C typed while the command runs is the command's to act on (see `crate::external`).
    let _child_has_terminal =
        crate::external::ChildHasTerminal::begin().map_err(|source| PrintError::Spawn {
            command: name.clone(),
            source,
        })?;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| PrintError::Spawn {
            command: name.clone(),
            source,
        })?;
    // Read on their own threads, so that a command that writes a lot never blocks on a full pipe while the
    // wait below looks at the clock.
    let stdout = read_on_thread(child.stdout.take());
    let stderr = read_on_thread(child.stderr.take());
    if let Some(mut stdin) = child.stdin.take() {
        // A command that exits early closes the pipe; its own message explains why. (SIGPIPE is ignored in Rust
        // programs, so this is an error here, not the end of the process.)
        let _ = stdin.write_all(bytes);
    }
    let status =
        crate::external::wait_for(&mut child, PRINT_WAIT).map_err(|source| PrintError::Spawn {
            command: name.clone(),
            source,
        })?;
    let Some(status) = status else {
        return Err(PrintError::TimedOut { command: name });
    };
    let output = std::process::Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    };
    let said = |b: &[u8]| crate::domain::text::one_line(String::from_utf8_lossy(b).trim());
    if output.status.success() {
        Ok(said(&output.stdout))
    } else {
        let message = said(&output.stderr);
        Err(PrintError::Failed {
            command: name,
            message: if message.is_empty() {
                output.status.to_string()
            } else {
                message
            },
        })
    }
}
