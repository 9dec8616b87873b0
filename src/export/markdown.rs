//! The page as CommonMark, for notes apps. Everything the user wrote is escaped, so a plan can never turn into a
//! link, an image, raw HTML or a stray heading.

use super::layout::{Block, Page};

/// Escapes inline text: every character CommonMark could read as markup is backslash-escaped, and a leading
/// list or heading marker too, since values can start a list item.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. x", "- x", "+ x", "= x" at the start of a line would begin a list or underline a heading.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let after = out[digits..].chars().next();
    if (digits > 0 && matches!(after, Some('.' | ')')))
        || (digits == 0 && matches!(after, Some('-' | '+' | '=')))
    {
        out.insert(digits, '\\');
    }
    out
}

fn field(out: &mut Vec<String>, label: &str, text: &str) {
    out.push(format!("- **{label}:** {}", escape(text)));
}

fn block(out: &mut Vec<String>, block: &Block) {
    match block {
        Block::Lead { text, detail } => {
            let line = match (text.is_empty(), detail.is_empty()) {
                (false, false) => format!("**{}**, {}", escape(text), escape(detail)),
                (false, true) => format!("**{}**", escape(text)),
                _ => escape(detail),
            };
            out.push(line);
            out.push(String::new());
        }
        Block::Field { label, text } => field(out, label, text),
        Block::List {
            label,
            items,
            more,
            inline: true,
        } => {
            let text = escape(&super::layout::inline_list(items, more.as_ref()));
            out.push(format!("- **{label}:** {text}"));
        }
        Block::List {
            label, items, more, ..
        } => {
            // A list without a label is the section's own list, so it is not nested under a blank one.
            let indent = if label.is_empty() {
                ""
            } else {
                out.push(format!("- **{label}:**"));
                "  "
            };
            for item in items {
                out.push(format!("{indent}- {}", escape(item)));
            }
            if let Some(more) = more {
                out.push(format!("{indent}- *{}*", escape(more)));
            }
        }
        Block::Exchanges { label, items, more } => {
            out.push(format!("- **{label}:**"));
            for e in items {
                let response = if e.response.is_empty() {
                    String::new()
                } else {
                    format!(" → {}", escape(&e.response))
                };
                out.push(format!("  - “{}”{response}", escape(&e.objection)));
            }
            if let Some(more) = more {
                out.push(format!("  - *{}*", escape(more)));
            }
        }
        Block::Ladder(marks) => {
            // No symbol for untried rungs here: a middle dot would read as another separator.
            let rungs: Vec<String> = marks
                .iter()
                .map(|m| {
                    let tick = if m.tried { " ✓" } else { "" };
                    let name = format!("{} {}{tick}", m.number, escape(&m.name));
                    if m.chosen || m.backup {
                        format!("**{} {name}**", m.symbol())
                    } else {
                        name
                    }
                })
                .collect();
            out.push(format!(
                "- **Ladder**, gentle to hard (▶ chosen, ▷ backup, ✓ tried): {}",
                rungs.join(" · ")
            ));
        }
        Block::Warning { headline, details } => {
            out.push(String::new());
            let mut lines = vec![format!("**Warning: {}**", escape(headline))];
            lines.extend(details.iter().map(|(_, l)| escape(l)));
            let n = lines.len();
            for (i, text) in lines.into_iter().enumerate() {
                let end = if i + 1 < n { "\\" } else { "" };
                out.push(format!("> {text}{end}"));
            }
            out.push(String::new());
        }
        Block::WriteIn { results, lines } => {
            if !results.is_empty() {
                let boxes: Vec<String> = results.iter().map(|(w, _)| format!("☐ {w}")).collect();
                out.push(format!("- **Result:** {}", boxes.join("  ")));
                out.push("- **Date:** ……………… **Follow up by:** ………………".to_string());
            }
            out.push("- **Notes:**".to_string());
            for _ in 0..*lines {
                out.push("  - ……………………………………………………………………".to_string());
            }
        }
    }
}

/// The page as a Markdown document ending with a newline: the whole plan, never cut, since a note has no
/// page to fit.
pub(crate) fn to_markdown(page: &Page) -> String {
    let mut out = vec![format!("# {}", escape(&page.title)), String::new()];
    out.push(format!("*{}*", escape(&page.date)));
    for section in &page.sections {
        out.push(String::new());
        out.push(format!("## {}", section.heading));
        out.push(String::new());
        for item in &section.items {
            block(&mut out, &item.block);
        }
    }
    out.push(String::new());
    out.push("---".to_string());
    out.push(String::new());
    let footer: Vec<String> = page.footer.iter().map(|f| escape(f)).collect();
    out.push(format!("*{}*", footer.join(" · ")));
    // Collapse the blank lines that blocks add around themselves.
    let mut text = String::new();
    let mut blank = false;
    for line in out {
        if line.is_empty() {
            if !blank && !text.is_empty() {
                text.push('\n');
            }
            blank = true;
        } else {
            text.push_str(&line);
            text.push('\n');
            blank = false;
        }
    }
    text
}
