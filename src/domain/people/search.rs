//! What the register adds to a search: the words a user wrote about a person (their role, what they care about,
//! who they listen to and why, their notes, their aliases), so that a plan is found by what its stakeholder's
//! page says about them ("what did I note about the rota?"), not only by the plan's own text.

use super::Person;
use crate::domain::filter::fold;

/// Every field of a person a search reads, labelled for a snippet, in the order it reads them. Empty fields are
/// left out.
pub(crate) fn person_fields(p: &Person) -> Vec<(&'static str, &str)> {
    let mut parts: Vec<(&'static str, &str)> = vec![("name", &p.name)];
    parts.extend(p.aliases.iter().map(|a| ("alias", a.as_str())));
    parts.push(("role", &p.role));
    parts.extend(p.cares_about.iter().map(|c| ("cares about", c.as_str())));
    for l in &p.listens_to {
        parts.push(("listens to", &l.name));
        parts.push(("listens to", &l.note));
    }
    parts.push(("notes", &p.notes));
    parts.retain(|(_, t)| !t.trim().is_empty());
    parts
}

/// The distinct folded words of everything [`person_fields`] holds, separated by single spaces: a query word
/// matches inside one word (the filter's rule), so matching these finds what matching the whole text would.
pub(crate) fn person_terms(p: &Person) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for (_, part) in person_fields(p) {
        for word in fold(part).split_whitespace() {
            if seen.insert(word.to_string()) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
    }
    out
}

/// How a snippet from a person's field is introduced: "Dr Adeyemi's notes", "what Dr Adeyemi cares about".
pub(crate) fn field_label(who: &str, field: &str) -> String {
    match field {
        "cares about" => format!("what {who} cares about"),
        "listens to" => format!("who {who} listens to"),
        _ => format!("{who}'s {field}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::ListensTo;

    #[test]
    fn terms_fold_every_field_once() {
        let mut p = Person::named("Dr Adeyemi");
        p.aliases = vec!["Funmi".into()];
        p.role = "Head of Ward".into();
        p.cares_about = vec!["the ROTA".into()];
        p.listens_to = vec![ListensTo {
            name: "Mr Ode".into(),
            note: "trusts his numbers".into(),
        }];
        p.notes = "Asked about the rota. Søren knows".into();
        assert_eq!(
            person_terms(&p),
            "dr adeyemi funmi head of ward the rota mr ode trusts his numbers asked about rota. søren knows"
                .replace("søren", &fold("Søren"))
        );
        assert_eq!(field_label("Dr A", "notes"), "Dr A's notes");
        assert_eq!(field_label("Dr A", "cares about"), "what Dr A cares about");
    }
}
