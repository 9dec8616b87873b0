//! Finding a font for PDF pages. PDF has no built-in font that covers names like Zhāng Wěi, Søren Ødegård or
//! Ψυχίατρος, so a system TrueType/OpenType font is embedded (subset). A path from `--font` or the config file
//! wins; otherwise well-known files are looked for in the usual font folders. Without one, the error says what
//! to install, and the text and Markdown formats still work.

use crate::store::read;
use std::path::{Path, PathBuf};

/// Regular and bold file names of families that cover Latin, Greek and Cyrillic, best first.
const FAMILIES: &[(&str, &str)] = &[
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf"),
    ("Arial Unicode.ttf", "Arial Bold.ttf"),
    ("Arial.ttf", "Arial Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
    ("segoeui.ttf", "segoeuib.ttf"),
];

/// Fonts used only for characters the main font lacks (Chinese, Japanese, Korean names; other scripts), tried
/// in this order glyph by glyph; any other installed font is tried after them for what is still missing.
const FALLBACKS: &[&str] = &[
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSans-Regular.ttf",
    "DejaVuSans.ttf",
    "FreeSans.ttf",
    "FreeSerif.ttf",
    "Arial Unicode.ttf",
];

/// Installed fonts beyond [`FALLBACKS`] that are read for letters still missing, at most this many (a desktop
/// may have thousands) and none bigger than [`LARGEST_SCANNED`] bytes.
const MOST_SCANNED: usize = 400;
const LARGEST_SCANNED: u64 = 40 << 20;

/// What to tell a user with no usable font.
pub(crate) const INSTALL_HINT: &str = "install a font such as DejaVu Sans (Debian/Ubuntu: apt-get install \
fonts-dejavu-core; Fedora: dnf install dejavu-sans-fonts), or point --font or the config's `font` at a .ttf \
file; --format text and markdown need no font";

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("no font found for PDF output\n{INSTALL_HINT}")]
    NotFound,
    #[error("font {}: {message}\n{INSTALL_HINT}", path.display())]
    Unusable { path: PathBuf, message: String },
}

/// A font file read into memory, with what the PDF renderer needs to measure and embed it.
#[derive(Clone)]
pub struct LoadedFont {
    pub path: PathBuf,
    pub data: std::sync::Arc<Vec<u8>>,
    pub index: u32,
}

impl std::fmt::Debug for LoadedFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedFont")
            .field("path", &self.path)
            .field("index", &self.index)
            .finish()
    }
}

/// The largest font collections (every weight of a CJK family) are a couple of hundred megabytes.
const FONT_CAP: read::Cap = read::Cap {
    bytes: 512 * 1024 * 1024,
    what: "a font",
};

impl LoadedFont {
    /// Reads and checks a font for the page's own text: it must parse and have the basic Latin letters.
    pub(crate) fn load(path: &Path) -> Result<LoadedFont, FontError> {
        let font = LoadedFont::read(path)?;
        if !font.has_char('a') {
            return Err(FontError::Unusable {
                path: path.to_path_buf(),
                message: "the font has no Latin letters".into(),
            });
        }
        Ok(font)
    }

    /// Reads a font file that must only parse: a fallback for one script need not have Latin letters.
    pub(crate) fn read(path: &Path) -> Result<LoadedFont, FontError> {
        let unusable = |message: String| FontError::Unusable {
            path: path.to_path_buf(),
            message,
        };
        let data = read::bytes(path, FONT_CAP).map_err(|e| unusable(e.to_string()))?;
        skrifa::FontRef::from_index(&data, 0)
            .map_err(|e| unusable(format!("not a TrueType/OpenType font ({e})")))?;
        Ok(LoadedFont {
            path: path.to_path_buf(),
            data: std::sync::Arc::new(data),
            index: 0,
        })
    }

    pub(crate) fn font_ref(&self) -> Option<skrifa::FontRef<'_>> {
        skrifa::FontRef::from_index(&self.data, self.index).ok()
    }

    pub(crate) fn has_char(&self, c: char) -> bool {
        use skrifa::MetadataProvider;
        self.font_ref()
            .and_then(|f| f.charmap().map(c))
            .is_some_and(|g| g.to_u32() != 0)
    }
}

/// The fonts a PDF page is set in.
#[derive(Debug, Clone)]
pub struct FontSet {
    pub regular: LoadedFont,
    /// The regular font again when the family has no bold file.
    pub bold: LoadedFont,
    /// Tried in order for characters the main font lacks.
    pub fallbacks: Vec<LoadedFont>,
}

impl FontSet {
    /// Characters of `text` that no font in the set can draw (they would print as empty boxes).
    pub(crate) fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            let drawable = c.is_whitespace()
                || c.is_control()
                || unicode_width::UnicodeWidthChar::width(c) == Some(0)
                || self.regular.has_char(c)
                || self.fallbacks.iter().any(|f| f.has_char(c));
            if !drawable && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }
}

/// The Debian/Ubuntu package with a font for `c`: Noto CJK for Chinese, Japanese and Korean, the Noto core
/// fonts for Arabic, Hebrew, Devanagari, Thai and most other scripts.
pub(crate) fn package_for(c: char) -> &'static str {
    match c as u32 {
        0x1100..=0x11FF
        | 0x2E80..=0x2FFF
        | 0x3000..=0x30FF
        | 0x3130..=0x318F
        | 0x31F0..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => "fonts-noto-cjk",
        0x1F300..=0x1FAFF | 0x2600..=0x27BF => "fonts-noto-color-emoji",
        _ => "fonts-noto-core",
    }
}

/// What to say about letters no installed font has: which letters, and the package to install. `choose` says
/// how to name a font that has them where the user is (`--font` on the command line, `font` in the config file
/// in the workbook). None when every letter can be drawn.
pub(crate) fn missing_message(missing: &[char], choose: &str) -> Option<String> {
    if missing.is_empty() {
        return None;
    }
    let shown: Vec<String> = missing.iter().take(12).map(char::to_string).collect();
    let shown = shown.join(" ");
    let more = if missing.len() > 12 { " …" } else { "" };
    let mut packages: Vec<&str> = missing.iter().map(|c| package_for(*c)).collect();
    packages.dedup();
    packages.sort_unstable();
    packages.dedup();
    let packages = packages.join(" ");
    Some(format!(
        "the PDF was written, but no installed font has {shown}{more}, which print as empty boxes; install a \
         font that has them (Debian/Ubuntu: apt-get install {packages}), or {choose}"
    ))
}

/// Folders where fonts live on Linux, BSD, macOS and Windows.
fn font_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/usr/X11R6/lib/X11/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        roots.extend([
            home.join(".local/share/fonts"),
            home.join(".fonts"),
            home.join("Library/Fonts"),
        ]);
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        roots.push(PathBuf::from(data).join("fonts"));
    }
    roots
}

/// Every font file under the roots (a few levels deep), by file name.
fn index_fonts(roots: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && depth > 0 {
                walk(&path, depth - 1, out);
            } else if !kind.is_dir() {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for root in roots {
        walk(root, 4, &mut out);
    }
    out.sort();
    out
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "ttf" | "otf" | "ttc"))
}

fn find_named<'a>(files: &'a [PathBuf], name: &str) -> Option<&'a PathBuf> {
    files
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == name))
}

/// The bold file that goes with a regular one the user named: `X-Regular.ttf` -> `X-Bold.ttf`, `X.ttf` ->
/// `X-Bold.ttf`, when it exists beside it.
fn bold_beside(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let ext = path.extension()?.to_string_lossy().into_owned();
    let base = stem.strip_suffix("-Regular").unwrap_or(&stem);
    [format!("{base}-Bold.{ext}"), format!("{base}Bold.{ext}")]
        .into_iter()
        .map(|name| path.with_file_name(name))
        .find(|p| p.is_file())
}

impl FontSet {
    /// The fonts for a PDF of `text`: `explicit` (from `--font` or the config) when given, else the first usable
    /// family found on the system. Fallback fonts are loaded only for characters the main font lacks, since
    /// some (CJK collections) are tens of megabytes.
    pub(crate) fn discover(explicit: Option<&Path>, text: &str) -> Result<FontSet, FontError> {
        let files = index_fonts(&font_roots());
        let fallbacks = |regular: &LoadedFont| -> Vec<LoadedFont> {
            let mut missing: Vec<char> = text
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control() && !regular.has_char(*c))
                .collect();
            missing.sort_unstable();
            missing.dedup();
            let mut out: Vec<LoadedFont> = Vec::new();
            let named: Vec<&PathBuf> = FALLBACKS
                .iter()
                .filter_map(|name| find_named(&files, name))
                .collect();
            let others = files
                .iter()
                .filter(|p| !named.contains(p) && is_font_file(p))
                .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() <= LARGEST_SCANNED))
                .take(MOST_SCANNED);
            for path in named.iter().copied().chain(others) {
                if missing.is_empty() {
                    break;
                }
                if *path == regular.path {
                    continue;
                }
                let Ok(font) = LoadedFont::read(path) else {
                    continue;
                };
                let before = missing.len();
                missing.retain(|c| !font.has_char(*c));
                if missing.len() < before {
                    out.push(font);
                }
            }
            out
        };
        if let Some(path) = explicit {
            if !path.is_file() {
                return Err(FontError::Unusable {
                    path: path.to_path_buf(),
                    message: "no such file".into(),
                });
            }
            let regular = LoadedFont::load(path)?;
            let bold = bold_beside(path)
                .and_then(|b| LoadedFont::load(&b).ok())
                .unwrap_or_else(|| regular.clone());
            return Ok(FontSet {
                fallbacks: fallbacks(&regular),
                regular,
                bold,
            });
        }
        for (regular, bold) in FAMILIES {
            let Some(path) = find_named(&files, regular) else {
                continue;
            };
            let Ok(regular) = LoadedFont::load(path) else {
                continue;
            };
            let bold = find_named(&files, bold)
                .and_then(|b| LoadedFont::load(b).ok())
                .unwrap_or_else(|| regular.clone());
            return Ok(FontSet {
                fallbacks: fallbacks(&regular),
                regular,
                bold,
            });
        }
        Err(FontError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_explicit_font_is_a_clear_error() {
        let e = FontSet::discover(Some(Path::new("/nonexistent/font.ttf")), "").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("/nonexistent/font.ttf"), "{msg}");
        assert!(msg.contains("fonts-dejavu-core"), "{msg}");
        assert!(msg.contains("--format text"), "{msg}");
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ttf");
        std::fs::write(&path, b"not a font").unwrap();
        let e = FontSet::discover(Some(&path), "").unwrap_err();
        assert!(e.to_string().contains("not a TrueType"), "{e}");
    }

    #[test]
    fn bold_is_found_beside_a_named_regular() {
        let dir = tempfile::tempdir().unwrap();
        let regular = dir.path().join("Face-Regular.ttf");
        std::fs::write(&regular, b"").unwrap();
        assert_eq!(bold_beside(&regular), None);
        std::fs::write(dir.path().join("Face-Bold.ttf"), b"").unwrap();
        assert_eq!(
            bold_beside(&regular),
            Some(dir.path().join("Face-Bold.ttf"))
        );
    }
}
