//! The one-page plan, to carry into the room: a page model built once from a plan ([`layout::Page`]) and drawn
//! as plain text, Markdown or PDF, or in the TUI's print preview.
//!
//! A front end needs four calls: [`Page::build`] once per plan; [`text::render_styled`] to draw the page at any
//! width (a preview); [`save`] with [`default_file_name`] as the suggested name; and [`print`] for the printer.
//! [`Options::from_config`] gives the paper and font the user configured.

pub mod calendar;
pub mod card;
pub mod font;
pub mod layout;
pub mod markdown;
pub mod pdf;
pub mod printer;
mod sections;
pub mod text;
pub mod wrap;

#[cfg(test)]
mod fit_tests;
#[cfg(test)]
mod ladder_tests;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use layout::Page;

use crate::config::Paper;
use crate::domain::Plan;

/// The formats a page can be written in. Names, parsing (any case, `txt` and `md` too) and the list come from
/// strum.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(ascii_case_insensitive)]
pub enum Format {
    #[strum(to_string = "text", serialize = "txt")]
    Text,
    #[strum(to_string = "markdown", serialize = "md")]
    Markdown,
    #[strum(to_string = "pdf")]
    Pdf,
    /// The pocket card as a PDF the size of an index card.
    #[strum(to_string = "card")]
    Card,
    /// The pocket card as 40-column text, for a phone's notes.
    #[strum(
        to_string = "card-text",
        serialize = "cardtext",
        serialize = "card-txt"
    )]
    CardText,
}

impl Format {
    /// The names `--format` takes, for messages.
    pub(crate) const NAMES: &str = "text, markdown, pdf, card or card-text";

    pub(crate) fn as_str(self) -> &'static str {
        self.into()
    }

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Text | Format::CardText => "txt",
            Format::Markdown => "md",
            Format::Pdf | Format::Card => "pdf",
        }
    }

    /// Whether the format is a PDF (and so needs a font and is no use on a terminal).
    pub(crate) fn is_pdf(self) -> bool {
        matches!(self, Format::Pdf | Format::Card)
    }

    /// The format a file name asks for by its extension (`.txt`, `.md`, `.markdown`, `.pdf`).
    pub(crate) fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// What a PDF needs beyond the page: paper and, optionally, a font the user chose.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub paper: Paper,
    /// `--font` or the config's `font`; wins over the system fonts.
    pub font: Option<PathBuf>,
}

impl Options {
    pub(crate) fn from_config(config: &crate::config::Config) -> Options {
        Options {
            paper: config.paper,
            font: config.font.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Font(#[from] font::FontError),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error("could not write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Print(#[from] printer::PrintError),
    #[error(transparent)]
    Output(#[from] crate::store::output::OutputError),
}

/// Letters in a PDF that no installed font could draw: they print as empty boxes. The PDF is still made (the
/// rest of the page is worth having), and the front end says which letters and what to install.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Missing(pub Vec<char>);

impl Missing {
    /// What to tell someone at the command line, where `--font` names a font.
    pub(crate) fn for_command_line(&self) -> Option<String> {
        font::missing_message(&self.0, "name one with --font")
    }

    /// What to tell someone in the workbook, where the config file's `font` names a font.
    pub(crate) fn for_workbook(&self) -> Option<String> {
        let config = crate::config::config_path()
            .map(|p| {
                format!(
                    " ({})",
                    crate::domain::text::one_line(&p.display().to_string())
                )
            })
            .unwrap_or_default();
        font::missing_message(
            &self.0,
            &format!("set font = \"/path/to/font.ttf\" in the config file{config}"),
        )
    }
}

/// What happened to a page sent to the printer, for the user to see.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The format sent: PDF, or text when no font was found and no format was asked for.
    pub format: Format,
    /// What the print command said (for `lp`, the request id); may be empty.
    pub said: String,
    /// Why the format differs from the one wanted.
    pub notes: Vec<String>,
    /// Letters no font could draw.
    pub missing: Missing,
    /// The bytes sent, so they can also be saved.
    pub bytes: Vec<u8>,
}

/// Sends the page to the system printer: as PDF (or `format` when given), falling back to plain text when no
/// font is installed and no format was asked for, since a plain page beats no page.
pub(crate) fn print(
    page: &Page,
    format: Option<Format>,
    options: &Options,
) -> Result<Printed, ExportError> {
    let wanted = format.unwrap_or(Format::Pdf);
    let (bytes, sent, notes, missing) = match render_checked(page, wanted, options) {
        Ok((bytes, missing)) => (bytes, wanted, Vec::new(), missing),
        Err(ExportError::Font(e)) if format.is_none() => {
            let note = format!("{e}\nprinting the plain text page instead");
            let text = text::to_text(page).into_bytes();
            (text, Format::Text, vec![note], Missing::default())
        }
        Err(e) => return Err(e),
    };
    let said = printer::send(&bytes, options.paper, &page.title, !sent.is_pdf())?;
    Ok(Printed {
        format: sent,
        said,
        notes,
        missing,
        bytes,
    })
}

/// The page in `format`, as the bytes to write or print.
pub fn render(page: &Page, format: Format, options: &Options) -> Result<Vec<u8>, ExportError> {
    render_checked(page, format, options).map(|(bytes, _)| bytes)
}

/// The page in `format`, with the letters no font could draw (only a PDF can lack any).
pub(crate) fn render_checked(
    page: &Page,
    format: Format,
    options: &Options,
) -> Result<(Vec<u8>, Missing), ExportError> {
    let pdf = |paper: Paper, card: bool| -> Result<(Vec<u8>, Missing), ExportError> {
        let all = page.all_text();
        let fonts = font::FontSet::discover(options.font.as_deref(), &all)?;
        let missing = Missing(fonts.missing(&all));
        let bytes = if card {
            pdf::render_card(page, &fonts)?
        } else {
            pdf::render(page, &fonts, paper)?
        };
        Ok((bytes, missing))
    };
    match format {
        Format::Text => Ok((text::to_text(page).into_bytes(), Missing::default())),
        Format::Markdown => Ok((markdown::to_markdown(page).into_bytes(), Missing::default())),
        Format::CardText => Ok((card::to_text(page).into_bytes(), Missing::default())),
        Format::Pdf => pdf(options.paper, false),
        Format::Card => pdf(options.paper, true),
    }
}

/// Writes the page to `path` in `format` by the rules every file the user names follows
/// ([`crate::store::output`]: links followed, devices and FIFOs opened, plans and the data folder's own folders
/// never written, an existing file replaced only with `replace`; a half-written PDF never left behind). Returns
/// the letters no font could draw, as [`render_checked`] does.
pub(crate) fn save(
    page: &Page,
    format: Format,
    options: &Options,
    path: &Path,
    data: &crate::store::DataDir,
    replace: crate::store::output::Replace,
) -> Result<Missing, ExportError> {
    // Judged before the page is drawn: a refusal comes at once, not after a PDF is made for nothing.
    crate::store::output::destination(data, path)?;
    let (bytes, missing) = render_checked(page, format, options)?;
    crate::store::output::write(data, path, &bytes, replace)?;
    Ok(missing)
}

/// A file name to offer when saving a page: the plan's own base name with the format's extension.
pub(crate) fn default_file_name(plan: &Plan, format: Format) -> String {
    format!(
        "{}.{}",
        crate::store::plan_file::base_name(plan),
        format.extension()
    )
}
