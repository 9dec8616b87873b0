//! `overture keys`: the keys in effect, the defaults with the config file's `[keys]`, as the workbook's help
//! shows them (`--json` for scripts). Problems with `[keys]` and `[colors]` go to stderr as `file:line:col`, as
//! they would on the workbook's first screen.

use serde::Serialize;

use super::{Context, Failure, Output};
use crate::tui::keymap::{Context as KeyContext, Keymap, action_name, key_label};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct BindingJson {
    /// The name used in the config file's `[keys.<context>]`.
    context: &'static str,
    /// The name used on the left of `=` there; absent for the digit rows, whose keys are the digits.
    action: Option<String>,
    keys: Vec<String>,
    description: &'static str,
    /// Set by the config file rather than the default.
    changed: bool,
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let (keys, problems) = Keymap::from_config(&ctx.config);
    out.stderr.extend(problems);
    // `[colors]` is checked where it is used, in the workbook; this is the one command that says what the
    // workbook's first screen would, so its mistakes are named here too (`theme` is checked with the file).
    let (_, colour_problems) = crate::tui::theme::Theme::from_config(&ctx.config, false);
    out.stderr.extend(colour_problems);
    if args.json {
        let rows: Vec<BindingJson> = keys
            .rows()
            .iter()
            .map(|r| BindingJson {
                context: r.context.name(),
                action: r.bound.action().and_then(action_name),
                keys: r.keys.iter().map(|&k| key_label(k)).collect(),
                description: r.description,
                changed: r.user,
            })
            .collect();
        out.line(serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for context in KeyContext::ALL {
        out.line(format!("[keys.{}]  {}", context.name(), context.title()));
        for r in keys.rows().iter().filter(|r| r.context == context) {
            let action = r
                .bound
                .action()
                .and_then(action_name)
                .unwrap_or_else(|| "(digits)".into());
            let labels: Vec<String> = r.keys.iter().map(|&k| key_label(k)).collect();
            let keys = if labels.is_empty() {
                "(none)".to_string()
            } else {
                labels.join(" / ")
            };
            let mark = if r.user { "  (yours)" } else { "" };
            out.line(format!("  {action:<20} {keys:<22} {}{mark}", r.description));
        }
        out.line("");
    }
    Ok(())
}
