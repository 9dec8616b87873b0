//! The one-page plan, to carry into the room: a page model built once from a plan ([`layout::Page`]) and drawn
//! as plain text, Markdown or PDF, or in the TUI's print preview.
//!
//! A front end needs four calls: [`Page::build`] once per plan; [`text::render_styled`] to draw the page at any
//! width (a preview); [`save`] with [`default_file_name`] as the suggested name; and [`print`] for the printer.
//! [`Options::from_config`] gives the paper and font the user configured.

pub mod font;
pub mod layout;
pub mod markdown;
pub mod pdf;
pub mod printer;
mod sections;
pub mod text;
pub mod wrap;

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
}

impl Format {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Pdf => "pdf",
        }
    }

    /// The format a file name asks for by its extension (`.txt`, `.md`, `.markdown`, `.pdf`).
    pub fn from_path(path: &Path) -> Option<Format> {
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
    pub fn from_config(config: &crate::config::Config) -> Options {
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

/// What happened to a page sent to the printer, for the user to see.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The format sent: PDF, or text when no font was found and no format was asked for.
    pub format: Format,
    /// What the print command said (for `lp`, the request id); may be empty.
    pub said: String,
    /// Why the format differs from the one wanted, and letters no font could draw.
    pub notes: Vec<String>,
    /// The bytes sent, so they can also be saved.
    pub bytes: Vec<u8>,
}

/// Sends the page to the system printer: as PDF (or `format` when given), falling back to plain text when no
/// font is installed and no format was asked for, since a plain page beats no page.
pub fn print(
    page: &Page,
    format: Option<Format>,
    options: &Options,
) -> Result<Printed, ExportError> {
    let wanted = format.unwrap_or(Format::Pdf);
    let (bytes, sent, notes) = match render_with_notes(page, wanted, options) {
        Ok((bytes, notes)) => (bytes, wanted, notes),
        Err(ExportError::Font(e)) if format.is_none() => {
            let note = format!("{e}\nprinting the plain text page instead");
            (text::to_text(page).into_bytes(), Format::Text, vec![note])
        }
        Err(e) => return Err(e),
    };
    let said = printer::send(&bytes, options.paper, &page.title, sent != Format::Pdf)?;
    Ok(Printed {
        format: sent,
        said,
        notes,
        bytes,
    })
}

/// The page in `format`, as the bytes to write or print.
pub fn render(page: &Page, format: Format, options: &Options) -> Result<Vec<u8>, ExportError> {
    render_with_notes(page, format, options).map(|(bytes, _)| bytes)
}

/// The page in `format`, with notes for the user about it (letters no font could draw).
pub fn render_with_notes(
    page: &Page,
    format: Format,
    options: &Options,
) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    match format {
        Format::Text => Ok((text::to_text(page).into_bytes(), Vec::new())),
        Format::Markdown => Ok((markdown::to_markdown(page).into_bytes(), Vec::new())),
        Format::Pdf => {
            let all = page.all_text();
            let fonts = font::FontSet::discover(options.font.as_deref(), &all)?;
            let notes = font::missing_note(&fonts.missing(&all))
                .into_iter()
                .collect();
            Ok((pdf::render(page, &fonts, options.paper)?, notes))
        }
    }
}

/// Writes the page to `path` in `format` by the rules every file the user names follows
/// ([`crate::store::output`]: links followed, devices and FIFOs opened, plans and the data folder's own folders
/// never written, an existing file replaced only with `replace`; a half-written PDF never left behind). Returns
/// notes for the user, as [`render_with_notes`] does.
pub fn save(
    page: &Page,
    format: Format,
    options: &Options,
    path: &Path,
    data: &crate::store::DataDir,
    replace: crate::store::output::Replace,
) -> Result<Vec<String>, ExportError> {
    // Judged before the page is drawn: a refusal comes at once, not after a PDF is made for nothing.
    crate::store::output::destination(data, path)?;
    let (bytes, notes) = render_with_notes(page, format, options)?;
    crate::store::output::write(data, path, &bytes, replace)?;
    Ok(notes)
}

/// A file name to offer when saving a page: the plan's own base name with the format's extension.
pub fn default_file_name(plan: &Plan, format: Format) -> String {
    format!(
        "{}.{}",
        crate::store::plan_file::base_name(plan),
        format.extension()
    )
}
