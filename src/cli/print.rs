//! `overture print`: the one-page plan, to carry into the room, as text, Markdown or PDF, or straight to the
//! printer.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{Context, Failure, Output};
use crate::config::Paper;
use crate::domain::dates;
use crate::domain::text::{one_line, printable};
use crate::export::{self, ExportError, Format, Options, Page};
use crate::store::output::{self, Destination, OutputError, Replace};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, a unique start of an id, a file name or a path; or the stakeholder's name, or words of the title
    plan: String,
    /// text, markdown, pdf, card (an index-card PDF) or card-text (40 columns) [default: from the --output
    /// file's extension, else text; pdf with --print]
    #[arg(long, short, value_name = "FORMAT", value_parser = parse_format)]
    format: Option<Format>,
    /// Write the page to FILE instead of stdout (`-` is stdout); a folder takes it under the plan's own name
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// a4 or letter [default: `paper` in the config file, else a4]
    #[arg(long, value_name = "PAPER", value_parser = parse_paper)]
    paper: Option<Paper>,
    /// A TrueType/OpenType font file for the PDF [default: `font` in the config file, else a system font]
    #[arg(long, value_name = "FILE")]
    font: Option<PathBuf>,
    /// Send the page to the default printer through lp or lpr
    #[arg(long)]
    print: bool,
    /// Replace the --output file if it exists, without asking
    #[arg(long)]
    force: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    super::parse_word(s)
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    super::parse_word(s)
}

const PDF_NOT_FOR_TERMINAL: &str =
    "a PDF is not for the terminal: add --output FILE.pdf, or redirect (> plan.pdf)";

fn export_failure(e: ExportError) -> Failure {
    match e {
        ExportError::Output(e) => output_failure(e),
        e => Failure::failed(printable(&e.to_string(), true)),
    }
}

fn output_failure(e: OutputError) -> Failure {
    let message = match &e {
        OutputError::Exists(path) => format!(
            "{} already exists\nnothing was written; add --force to replace it, or name another file",
            path.display()
        ),
        other => other.to_string(),
    };
    Failure::failed(printable(&message, true))
}

/// Where `--output` leads, and whether an existing file there may be replaced: with `--force`, or when the
/// person at the terminal says so; without a terminal to ask at, it is refused.
fn output_destination(
    ctx: &Context,
    path: &Path,
    force: bool,
) -> Result<(Destination, Replace), Failure> {
    let destination = output::destination(&ctx.data, path).map_err(output_failure)?;
    let replace = may_replace(&destination, |_| force)?;
    Ok((destination, replace))
}

/// Whether a file already at the destination may be replaced: yes when `anyway` says so (`--force`, or a file
/// the command itself wrote before), else when the person at the terminal agrees; without a terminal, the
/// writer refuses and says how to go on. `print -o` and `calendar -o` ask the same way.
pub(super) fn may_replace(
    destination: &Destination,
    anyway: impl FnOnce(&Path) -> bool,
) -> Result<Replace, Failure> {
    Ok(match destination {
        Destination::Existing(target) if anyway(target) => Replace::Yes,
        Destination::Existing(target)
            if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() =>
        {
            let question = format!("{} already exists. Replace it?", target.display());
            if !super::ask(&printable(&question, true), false) {
                return Err(Failure::failed("nothing was written"));
            }
            Replace::Yes
        }
        _ => Replace::Ask,
    })
}

pub fn run(ctx: &Context, mut args: Args, out: &mut Output) -> Result<(), Failure> {
    args.output = args.output.filter(|p| p.as_os_str() != "-");
    let workbook = ctx.workbook()?;
    let pf = super::show::find(&workbook, &args.plan)?;
    let history = workbook.history(&ctx.ladder);
    let page = Page::build(&ctx.ladder, &history, &pf.plan, dates::today());
    let options = Options {
        paper: args.paper.unwrap_or(ctx.config.paper),
        font: args.font.clone().or_else(|| ctx.config.font.clone()),
    };
    // A folder, as with `cp`: the page goes into it under the name the workbook would offer.
    if let Some(dir) = args.output.take_if(|p| p.is_dir()) {
        let name = export::default_file_name(&pf.plan, args.format.unwrap_or(Format::Text));
        args.output = Some(dir.join(name));
    }
    let from_name = args.output.as_deref().and_then(Format::from_path);
    // The card comes in two forms: the file's ending picks between them. Any other disagreement between
    // --format and the ending is a mistake worth stopping for (a PDF in a .txt file opens as gibberish).
    let format = match (args.format, from_name) {
        (Some(Format::Card), Some(Format::Text)) => Format::CardText,
        (Some(Format::CardText), Some(Format::Pdf)) => Format::Card,
        (Some(chosen), Some(named)) if chosen.extension() != named.extension() => {
            return Err(Failure::usage(format!(
                "--format {} writes .{} files, but {} ends in .{}",
                chosen.as_str(),
                chosen.extension(),
                one_line(
                    &args
                        .output
                        .as_deref()
                        .unwrap_or(Path::new(""))
                        .display()
                        .to_string()
                ),
                named.extension()
            )));
        }
        (chosen, named) => chosen.or(named).unwrap_or(Format::Text),
    };
    // Letters no font has: the PDF is still written (or sent), and the command exits 1 naming them.
    let missing_fails = |missing: &export::Missing, out: &mut Output| -> Result<(), Failure> {
        if let Some(message) = missing.for_command_line() {
            out.warn(format!("overture: {}", printable(&message, true)));
            out.exit = 1;
        }
        Ok(())
    };
    let output = match &args.output {
        Some(path) if format.is_pdf() && !args.print && output::is_terminal(path) => {
            return Err(Failure::usage(PDF_NOT_FOR_TERMINAL));
        }
        Some(path) => Some((path, output_destination(ctx, path, args.force)?)),
        None => None,
    };
    // A file name that asks for a format overture cannot write (plan.docx) must not get plain text quietly.
    // (A path that may not be written at all, such as a plan, was refused above, whatever its ending.)
    if let (None, None, Some(path)) = (args.format, from_name, args.output.as_deref())
        && let Some(ext) = path.extension()
    {
        return Err(Failure::usage(format!(
            "{}: overture writes .txt, .md and .pdf files, not .{}; name the file so, or choose with --format {}",
            one_line(&path.display().to_string()),
            one_line(&ext.to_string_lossy()),
            Format::NAMES
        )));
    }

    if args.print {
        let printed = export::print(&page, args.format.or(from_name).map(|_| format), &options)
            .map_err(export_failure)?;
        for note in &printed.notes {
            out.warn(format!("overture: {}", printable(note, true)));
        }
        let missing = printed.missing.clone();
        let said = if printed.said.is_empty() {
            String::new()
        } else {
            format!(" ({})", printed.said)
        };
        out.warn(format!(
            "sent the {} page to the printer{said}",
            printed.format.as_str()
        ));
        if let Some((path, (_, replace))) = output {
            output::write(&ctx.data, path, &printed.bytes, replace).map_err(output_failure)?;
        }
        return missing_fails(&missing, out);
    }

    if let Some((path, (destination, replace))) = output {
        let missing = export::save(&page, format, &options, path, &ctx.data, replace)
            .map_err(export_failure)?;
        // A device or FIFO (`-o /dev/stdout`) got the page itself; its name would only follow it.
        if !matches!(destination, Destination::Stream(_)) {
            out.line(one_line(&path.display().to_string()));
        }
        return missing_fails(&missing, out);
    }
    if format.is_pdf() && std::io::stdout().is_terminal() {
        return Err(Failure::usage(PDF_NOT_FOR_TERMINAL));
    }
    let (bytes, missing) =
        export::render_checked(&page, format, &options).map_err(export_failure)?;
    if format.is_pdf() {
        out.bytes = bytes;
    } else {
        out.stdout.push_str(&String::from_utf8_lossy(&bytes));
    }
    missing_fails(&missing, out)
}
