//! `overture man`: one page for the whole program. clap_mangen draws the name, synopsis, options and version;
//! the subcommands are listed here with their options (its own section points at `overture-new(1)` and other
//! pages we do not ship), followed by FILES, ENVIRONMENT and EXIT STATUS.

use clap::{Command, CommandFactory};
use clap_mangen::Man;

use super::Cli;
use crate::store::paths::{CONFIG_DIR_ENV, DATA_DIR_ENV};

/// Text for roff: backslashes and minus signs escaped, and a line that would start with `.` or `'` guarded.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn subcommands(cmd: &Command, out: &mut String) {
    out.push_str(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        entry(sub, "overture", out);
        // A command with its own subcommands (`people show`, `people set`) lists each of them too.
        let parent = format!("overture {}", sub.get_name());
        for nested in sub
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            entry(nested, &parent, out);
        }
    }
}

/// One command: its usage line, what it does and its options.
fn entry(sub: &Command, parent: &str, out: &mut String) {
    let name = format!("{parent} {}", sub.get_name());
    let mut usage = name.clone();
    for arg in sub.get_positionals() {
        usage.push_str(&format!(" <{}>", arg.get_id().as_str().to_uppercase()));
    }
    out.push_str(&format!(".TP\n\\fB{}\\fR\n", roff(&usage)));
    let about = sub
        .get_long_about()
        .or(sub.get_about())
        .map(ToString::to_string)
        .unwrap_or_default();
    out.push_str(&format!("{}\n", roff(&about)));
    let options: Vec<String> = sub
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
        .filter_map(|a| {
            let flag = match (a.get_long(), a.get_short()) {
                (Some(l), _) => format!("--{l}"),
                (None, Some(s)) => format!("-{s}"),
                (None, None) => return None,
            };
            if flag == "--help" {
                return None;
            }
            Some(flag)
        })
        .collect();
    if !options.is_empty() {
        out.push_str(&format!(
            ".br\nOptions: {} (see \\fB{} \\-\\-help\\fR).\n",
            roff(&options.join(", ")),
            roff(&name)
        ));
    }
}

const FILES: &str = r#".SH FILES
.TP
\fI<data folder>/plans/\fR
One TOML file per plan. The files are yours: edit, sync or keep them in git. The data folder is
\fI$XDG_DATA_HOME/overture\fR on Linux, the platform's data folder elsewhere, or what \fB\-\-data\-dir\fR,
\fBOVERTURE_DATA_DIR\fR or \fBdata_dir\fR in the config file say.
.TP
\fI<data folder>/people/\fR
Optional: one TOML file per person you recorded something about (other spellings, stance, influence, who they
listen to), written by \fBoverture people add\fR, \fBset\fR and \fBmerge\fR. Without it, people are whoever the plans name.
.TP
\fI<data folder>/drafts/\fR
Plans in progress, autosaved while you type and offered again at the next start.
.TP
\fI<data folder>/trash/\fR
Deleted plans, kept until you remove them (\fBu\fR in the list undoes the last delete).
.TP
\fI<config folder>/config.toml\fR
Optional settings: \fBdata_dir\fR, \fBpaper\fR, \fBfont\fR, \fBcalendar_file\fR (an iCalendar file of the
agenda, rewritten after every save, without notes), \fBtheme\fR, \fBmouse\fR, \fB[colors]\fR and \fB[keys]\fR. The config folder is \fI$XDG_CONFIG_HOME/overture\fR on Linux, or \fBOVERTURE_CONFIG_DIR\fR.
overture never writes to it. \fBoverture keys\fR prints the keys in effect.
.TP
\fI<config folder>/ladder.toml\fR
Optional: your own ladder of tactics, replacing the built\-in one.
"#;

fn environment() -> String {
    format!(
        r#".SH ENVIRONMENT
.TP
\fB{}\fR
The data folder, as \fB\-\-data\-dir\fR.
.TP
\fB{}\fR
The folder that holds config.toml and ladder.toml.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor for \fBoverture edit\fR and for Ctrl\-E in the workbook's text fields.
.TP
\fBNO_COLOR\fR
When set to anything, the workbook draws without colour, whatever the config file's theme says.
"#,
        roff(DATA_DIR_ENV),
        roff(CONFIG_DIR_ENV)
    )
}

const EXIT_STATUS: &str = r#".SH EXIT STATUS
.TP
\fB0\fR
Success.
.TP
\fB1\fR
Failure: a file could not be read or written, a plan was not found (or several matched), \fBoverture check\fR
found problems, \fBoverture agenda \-\-fail\-if\-overdue\fR found something overdue.
.TP
\fB2\fR
Usage: an unknown option, a missing or malformed argument (an unknown tactic or stance, a date that does not
read); \fBoverture new\fR with a name close to someone known, without a terminal to ask "did you mean".
"#;

/// The whole page, as roff.
pub fn page() -> std::io::Result<String> {
    let cmd = Cli::command();
    let man = Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;
    let mut out = String::from_utf8_lossy(&buf).into_owned();
    subcommands(&cmd, &mut out);
    out.push_str(FILES);
    out.push_str(&environment());
    out.push_str(EXIT_STATUS);
    let mut buf = Vec::new();
    man.render_version_section(&mut buf)?;
    out.push_str(&String::from_utf8_lossy(&buf));
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_has_its_sections_and_no_missing_pages() {
        let page = super::page().unwrap_or_default();
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH COMMANDS",
            ".SH FILES",
            ".SH ENVIRONMENT",
            ".SH EXIT STATUS",
        ] {
            assert!(page.contains(section), "{section} missing");
        }
        assert!(
            !page.contains("overture\\-new(1)"),
            "refers to a page not shipped"
        );
        assert!(!page.contains("(1)\n"), "refers to a page not shipped");
        assert!(page.contains("\\fBoverture new\\fR"));
        assert!(page.contains("\\fBoverture keys\\fR"));
        assert!(page.contains("\\fBoverture calendar\\fR"));
        assert!(page.contains("\\-\\-details"));
        assert!(page.contains("calendar_file"));
        assert!(page.contains("NO_COLOR"));
    }
}
