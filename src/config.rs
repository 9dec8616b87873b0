//! The optional config file. Every key has a default, so the file holds only what the user changed; the program
//! never writes to it.

use crate::domain::FileProblem;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::text::{QUOTE_CHARS, cut_message, quoted};
use crate::domain::text_position;

pub mod ui;
use crate::store::paths::expand_home;
use crate::store::read;

/// Settings read once at start. Later features add keys here, each with a default.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Where plans live, when not the platform's data folder.
    pub data_dir: Option<PathBuf>,
    /// The paper printed pages are laid out for; most of the world uses A4, North America Letter.
    pub paper: Paper,
    /// A TrueType/OpenType font for PDF pages, for when the system fonts lack the user's scripts.
    pub font: Option<PathBuf>,
    /// An iCalendar file of the agenda, rewritten after every save so that a calendar app subscribed to it
    /// stays current (`export::calendar::rewrite_file`); never with notes.
    pub calendar_file: Option<PathBuf>,
    /// Theme, colours, mouse and keys: read by [`ui::read`], checked by the workbook.
    #[serde(skip)]
    pub ui: ui::Ui,
}

/// Paper sizes a printed plan can be laid out for. Names, parsing (any case) and the list come from strum.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Width and height in PDF points (1/72 inch): A4 is 210 x 297 mm, Letter 8.5 x 11 in.
    pub fn size_points(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The name `lp -o media=` understands.
    pub fn media(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }
}

/// Keys the config file may hold; anything else gets a warning, not an error, so a config written for a newer
/// version still works.
const KNOWN_KEYS: &[&str] = &[
    "data_dir",
    "paper",
    "font",
    "calendar_file", // the workbook's look and feel, in `ui`:
    "theme",
    "colors",
    "mouse",
    "keys",
];

/// A config file that could not be used: the one file-problem shape (path, line, column, message), and whether
/// the file may have named the data folder.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{problem}")]
pub struct ConfigError {
    pub problem: FileProblem,
    /// The file could be read and mentions `data_dir`: the workbook may be elsewhere than the defaults say.
    pub may_name_data_dir: bool,
}

impl std::ops::Deref for ConfigError {
    type Target = FileProblem;

    fn deref(&self) -> &FileProblem {
        &self.problem
    }
}

/// A config file is a few lines; anything near this size is not one (a link to a log, a disk image).
pub const CONFIG_CAP: read::Cap = read::Cap {
    bytes: 1024 * 1024,
    what: "a config file",
};

/// A loaded config with the warnings to show about it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<String>,
}

/// The config file's path: `config.toml` in the config folder.
pub fn config_path() -> Option<PathBuf> {
    crate::store::paths::config_dir().map(|d| d.join("config.toml"))
}

/// Reads the config file at `path`; a missing file means all defaults. Whatever is at the path, the read ends
/// quickly (see [`crate::store::read`]).
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = match read::text(path, CONFIG_CAP) {
        Ok(text) => text,
        Err(read::ReadError::Missing) => return Ok(Loaded::default()),
        Err(e) => {
            return Err(ConfigError {
                problem: FileProblem::new(path, e.position(), e.to_string()),
                may_name_data_dir: false,
            });
        }
    };
    parse(path, &text)
}

pub fn parse(path: &Path, text: &str) -> Result<Loaded, ConfigError> {
    let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        problem: FileProblem::new(
            path,
            span.map(|s| text_position(text, s.start)),
            // A value can be a megabyte long: it is quoted back cut to a line, once.
            cut_message(&message),
        ),
        may_name_data_dir: text.contains("data_dir"),
    };
    let table: toml::Table =
        toml::from_str(text).map_err(|e| error(e.span(), e.message().to_string()))?;
    let warnings = table
        .keys()
        .filter(|k| !KNOWN_KEYS.contains(&k.as_str()))
        .map(|k| {
            format!(
                "{}: unknown key \"{}\" ignored",
                path.display(),
                quoted(k, QUOTE_CHARS)
            )
        })
        .collect();
    let config: Config = toml::from_str(text).map_err(|e| {
        let message = cut_message(e.message());
        // The value is named only when the parser's own words do not quote it already.
        let value = e.span().and_then(|s| text.get(s)).unwrap_or_default();
        let value = quoted(value, QUOTE_CHARS);
        if message.contains(value.trim_end_matches('…').trim_matches('"')) {
            error(e.span(), message)
        } else {
            error(e.span(), format!("{message} (at {value})"))
        }
    })?;
    let mut config = config;
    let mut warnings = warnings;
    config.ui = ui::read(path, text, &mut warnings);
    config.font = config.font.as_deref().map(expand_home);
    config.calendar_file = config.calendar_file.as_deref().map(expand_home);
    if let Some(file) = config.calendar_file.as_deref()
        && file.is_relative()
    {
        // Relative to the folder overture was started in, it would be a different file each time.
        let at = text.find("calendar_file").map(|start| start..start + 1);
        return Err(error(
            at,
            format!(
                "calendar_file must be a full path, or start with ~ for your home folder (it is \"{}\")",
                quoted(&file.display().to_string(), QUOTE_CHARS)
            ),
        ));
    }
    if let Some(dir) = config.data_dir.as_deref() {
        let dir = expand_home(dir);
        // Relative to what? The folder overture happens to be started in would scatter plans across the disk.
        if dir.is_relative() {
            let at = text.find("data_dir").map(|start| start..start + 1);
            return Err(error(
                at,
                format!(
                    "data_dir must be a full path, or start with ~ for your home folder (it is \"{}\")",
                    quoted(&dir.display().to_string(), QUOTE_CHARS)
                ),
            ));
        }
        config.data_dir = Some(dir);
    }
    Ok(Loaded { config, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_warnings_and_errors() {
        let p = Path::new("c.toml");
        assert_eq!(parse(p, "").unwrap().config, Config::default());
        let home = crate::store::paths::expand_home(Path::new("~"));
        let l = parse(p, "data_dir = \"~/plans\"\n").unwrap();
        assert_eq!(l.config.data_dir, Some(home.join("plans")));
        let e = parse(p, "paper = \"a4\"\ndata_dir = \"plans\"\n").unwrap_err();
        assert_eq!(e.position, Some((2, 1)));
        assert!(e.message.contains("must be a full path"), "{e}");
        let l = parse(p, "data_dir = \"/x\"\ncolour = 1\n").unwrap();
        assert_eq!(l.config.data_dir, Some(PathBuf::from("/x")));
        assert_eq!(l.warnings, ["c.toml: unknown key \"colour\" ignored"]);
        let e = parse(p, "\ndata_dir = 3\n").unwrap_err();
        assert_eq!(e.position, Some((2, 12)), "{e}");
        assert!(e.to_string().starts_with("c.toml:2:12: "), "{e}");
        let e = parse(p, "data_dir = \n").unwrap_err();
        assert!(e.position.is_some());
    }

    #[test]
    fn paper_and_font() {
        let p = Path::new("c.toml");
        assert_eq!(parse(p, "").unwrap().config.paper, Paper::A4);
        let l = parse(p, "paper = \"letter\"\nfont = \"/f/x.ttf\"\n").unwrap();
        assert_eq!(l.config.paper, Paper::Letter);
        assert_eq!(l.config.font, Some(PathBuf::from("/f/x.ttf")));
        assert!(l.warnings.is_empty());
        let e = parse(p, "paper = \"a5\"\n").unwrap_err();
        assert!(e.message.contains("a5"), "{e}");
        assert_eq!("Letter".parse(), Ok(Paper::Letter));
        assert_eq!(Paper::A4.as_str(), "a4");
    }

    #[test]
    fn calendar_file_is_a_full_path() {
        let p = Path::new("c.toml");
        assert_eq!(parse(p, "").unwrap().config.calendar_file, None);
        let l = parse(p, "calendar_file = \"/c/overture.ics\"\n").unwrap();
        assert_eq!(
            l.config.calendar_file,
            Some(PathBuf::from("/c/overture.ics"))
        );
        assert!(l.warnings.is_empty());
        let home = crate::store::paths::expand_home(Path::new("~"));
        let l = parse(p, "calendar_file = \"~/cal.ics\"\n").unwrap();
        assert_eq!(l.config.calendar_file, Some(home.join("cal.ics")));
        let e = parse(p, "paper = \"a4\"\ncalendar_file = \"cal.ics\"\n").unwrap_err();
        assert_eq!(e.position, Some((2, 1)));
        assert!(e.message.contains("full path"), "{e}");
    }
}
