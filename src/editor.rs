//! The user's own editor, for what is too long to type in a field and for a whole plan file (`overture edit`).
//! The command is split like a shell would (`code --wait`, quoted paths), not on spaces.

/// The editor command from `$VISUAL`, else `$EDITOR`.
pub fn editor_command() -> Result<Vec<String>, String> {
    let var = |name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    command_from(var("VISUAL"), var("EDITOR"))
}

/// Splits the first non-empty of `$VISUAL` and `$EDITOR` into a program and its arguments.
pub fn command_from(visual: Option<String>, editor: Option<String>) -> Result<Vec<String>, String> {
    for (name, value) in [("VISUAL", visual), ("EDITOR", editor)] {
        let Some(value) = value else { continue };
        if value.trim().is_empty() {
            continue;
        }
        return match shell_words::split(&value) {
            Ok(words) if !words.is_empty() => Ok(words),
            Ok(_) => continue,
            Err(e) => Err(format!("${name} could not be read ({e}): {value}")),
        };
    }
    Err("Set $VISUAL or $EDITOR to edit text in your own editor.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_is_split_like_a_shell_would() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            command_from(some("code --wait"), some("vi")).unwrap(),
            ["code", "--wait"]
        );
        assert_eq!(command_from(some("  "), some("vim")).unwrap(), ["vim"]);
        assert_eq!(
            command_from(None, some(r#""/opt/My Editor/ed" -n 'a b'"#)).unwrap(),
            ["/opt/My Editor/ed", "-n", "a b"]
        );
        assert!(
            command_from(None, some("vi 'unclosed"))
                .unwrap_err()
                .contains("$EDITOR")
        );
        assert!(
            command_from(None, None)
                .unwrap_err()
                .contains("Set $VISUAL or $EDITOR")
        );
    }
}
