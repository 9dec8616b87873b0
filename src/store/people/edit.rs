//! Writing a person back into their file in place: only the fields that changed are touched, so comments, key
//! order, spacing and the user's own keys (a `[mine]` table, a field from a newer version) survive a save, as
//! they do for plans (`store::format`).

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use crate::domain::people::{Person, person_key};

/// The top-level keys this program writes besides `listens_to`. Anything else belongs to the user.
const SCALARS: [&str; 8] = [
    "name",
    "aliases",
    "role",
    "direction",
    "cares_about",
    "stance",
    "influence",
    "notes",
];

/// The text of the file with `person` written into it and everything else left as it was.
pub(super) fn render_update(original: &str, person: &Person) -> Result<String, String> {
    let (bom, body) = match original.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", original),
    };
    let loaded: Option<Person> = toml::from_str(body).ok();
    if loaded.as_ref() == Some(person) {
        return Ok(original.to_string());
    }
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let fresh = rendered(person)?;
    let was = loaded.as_ref().map(rendered).transpose()?;
    for key in SCALARS {
        let new = fresh.get(key);
        let old = was.as_ref().and_then(|w| w.get(key));
        if old.is_some() && text_of(new) == text_of(old) {
            continue;
        }
        match new {
            None => {
                doc.remove(key);
            }
            Some(item) => set_keeping_decor(doc.as_table_mut(), key, item.clone()),
        }
    }
    if loaded.as_ref().map(|p| &p.listens_to) != Some(&person.listens_to) {
        merge_listens_to(&mut doc, person, fresh.get("listens_to"));
    }
    let mut text = doc.to_string();
    if body.contains("\r\n") {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(format!("{bom}{text}"))
}

fn rendered(person: &Person) -> Result<DocumentMut, String> {
    toml::to_string_pretty(person)
        .map_err(|e| e.to_string())?
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())
}

fn text_of(item: Option<&Item>) -> Option<String> {
    item.map(|i| i.to_string().trim().to_string())
}

/// Puts `item` under `key`, keeping the spacing and comments around the value it replaces.
fn set_keeping_decor(table: &mut Table, key: &str, mut item: Item) {
    if let (Some(Item::Value(old)), Item::Value(new)) = (table.get(key), &mut item) {
        *new.decor_mut() = old.decor().clone();
    }
    table.insert(key, item);
}

/// `[[listens_to]]`: each entry kept with its own comments and keys where its person is still listed (matched
/// by name, in any spelling), updated where the note changed, new ones added at the end, removed ones removed.
fn merge_listens_to(doc: &mut DocumentMut, person: &Person, fresh: Option<&Item>) {
    if person.listens_to.is_empty() {
        doc.remove("listens_to");
        return;
    }
    let Some(Item::ArrayOfTables(old)) = doc.get("listens_to") else {
        // Absent, or written inline: written anew.
        if let Some(item) = fresh {
            doc.insert("listens_to", item.clone());
        }
        return;
    };
    let mut used = vec![false; old.len()];
    let mut out = ArrayOfTables::new();
    for entry in &person.listens_to {
        let key = person_key(&entry.name);
        let found = old.iter().enumerate().find(|(i, t)| {
            !used[*i] && t.get("name").and_then(Item::as_str).map(person_key) == Some(key.clone())
        });
        let mut table = match found {
            Some((i, t)) => {
                used[i] = true;
                t.clone()
            }
            None => Table::new(),
        };
        if table.get("name").and_then(Item::as_str) != Some(entry.name.as_str()) {
            set_keeping_decor(&mut table, "name", toml_edit::value(entry.name.as_str()));
        }
        let note = table.get("note").and_then(Item::as_str).unwrap_or("");
        if entry.note.is_empty() {
            table.remove("note");
        } else if note != entry.note {
            set_keeping_decor(&mut table, "note", toml_edit::value(entry.note.as_str()));
        }
        out.push(table);
    }
    doc.insert("listens_to", Item::ArrayOfTables(out));
}
