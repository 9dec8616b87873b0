//! The register of people for a generated workbook (`people/`): the plans' own people, then others, written as
//! overture writes them. Part of [`super`], split out to keep each file short.

use std::fs;
use std::io::{self, Write};

use overture::store::DataDir;

use super::{FIRST, LAST, Rng, TITLES, people};

#[rustfmt::skip]
const PERSON_NOTES: &[&str] = &[
    "Prefers a one-page summary before any meeting.",
    "Listens to the ward sisters more than to managers.",
    "Was burnt by the last rota change; needs to see it trialled first.",
    "Replies to email late in the evening, rarely in the day.",
    "",
];

/// Register files for `count` people: the plans' own people first (the same names, drawn from the same seed as
/// [`generate`]'s plans, so they match), then people no plan names yet. About one in five has an alias (their
/// surname), most have a stance and an influence, and each listens to zero to three others, some with a note.
/// Files are rendered by `store::people::render_new` and named by `store::people::base_name`, as overture
/// writes them. Returns how many files were written.
pub fn generate_people(data: &DataDir, plans: usize, count: usize, seed: u64) -> io::Result<usize> {
    use overture::domain::people::{
        Influence, ListensTo, Person as Registered, Stance, person_key,
    };
    use overture::store::people;
    use strum::VariantArray;

    let mut names: Vec<String> = people(&mut Rng::new(seed), plans)
        .into_iter()
        .map(|p| p.name)
        .collect();
    let mut rng = Rng::new(seed ^ 0x0070_6570_6c65);
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(person_key(n)));
    let mut extra = 0;
    while names.len() < count {
        extra += 1;
        let name = format!(
            "{} {} {}",
            rng.pick(TITLES),
            rng.pick(FIRST),
            rng.pick(LAST)
        );
        let name = name.trim().to_string();
        // Past the combinations of first and last names, a number keeps them apart.
        let name = if seen.contains(&person_key(&name)) {
            format!("{name} {extra}")
        } else {
            name
        };
        if seen.insert(person_key(&name)) {
            names.push(name);
        }
    }
    names.truncate(count);
    let dir = data.people();
    fs::create_dir_all(&dir)?;
    #[cfg(unix)]
    fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
    let mut written = 0;
    for name in &names {
        let mut p = Registered::named(name);
        if rng.chance(20)
            && let Some(surname) = name.split_whitespace().last()
            && surname != name.as_str()
            && surname.chars().all(char::is_alphabetic)
        {
            p.add_alias(surname);
        }
        if rng.chance(80) {
            p.stance = Some(Stance::VARIANTS[rng.below(Stance::VARIANTS.len())]);
        }
        if rng.chance(75) {
            p.influence = Some(Influence::VARIANTS[rng.below(Influence::VARIANTS.len())]);
        }
        for _ in 0..rng.below(4) {
            let other = &names[rng.below(names.len())];
            if other != name {
                p.listens_to.push(ListensTo {
                    name: other.clone(),
                    note: if rng.chance(40) {
                        rng.pick(&["trusts their judgement", "old colleague", "reports to them"])
                            .to_string()
                    } else {
                        String::new()
                    },
                });
            }
        }
        p.notes = rng.pick(PERSON_NOTES).to_string();
        let text = people::render_new(&p).map_err(io::Error::other)?;
        let base = people::base_name(&p);
        for n in 1..10_000 {
            let path = if n == 1 {
                dir.join(format!("{base}.toml"))
            } else {
                dir.join(format!("{base}-{n}.toml"))
            };
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(mut f) => {
                    f.write_all(text.as_bytes())?;
                    written += 1;
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
    Ok(written)
}
