use std::fs;

use super::*;
use crate::domain::people::{Influence, Stance};

fn data() -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    (dir, data)
}

/// Sets a file's modification time well in the past, so the cache will hold it (a file modified in the last two
/// seconds is read every time).
fn age(path: &Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

#[test]
fn the_cache_serves_unchanged_files_and_never_a_changed_one() {
    let (_dir, data) = data();
    let a = save_new(&data, &Person::named("Dr Adeyemi")).unwrap();
    let b = save_new(&data, &Person::named("Mr Ode")).unwrap();
    age(&a.path);
    age(&b.path);
    let first = Register::load(&data).unwrap();
    let cache = data.cache().join(cache::PEOPLE_CACHE);
    assert!(cache.exists());
    let second = Register::load(&data).unwrap();
    assert_eq!(
        first
            .files
            .iter()
            .map(|f| (&f.path, &f.person, &f.text))
            .collect::<Vec<_>>(),
        second
            .files
            .iter()
            .map(|f| (&f.path, &f.person, &f.text))
            .collect::<Vec<_>>()
    );
    // The same size and the old modification time back: the change time gives it away.
    let text = fs::read_to_string(&a.path).unwrap();
    let same_size = text.replace("Dr Adeyemi", "Dr Adeyemo");
    assert_eq!(same_size.len(), text.len());
    let old = fs::metadata(&a.path).unwrap().modified().unwrap();
    fs::write(&a.path, &same_size).unwrap();
    fs::File::options()
        .write(true)
        .open(&a.path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let third = Register::load(&data).unwrap();
    assert!(third.files.iter().any(|f| f.person.name == "Dr Adeyemo"));
    // A removed file is gone; a damaged cache is no cache.
    fs::remove_file(&b.path).unwrap();
    fs::write(&cache, "{ not json").unwrap();
    let fourth = Register::load(&data).unwrap();
    assert_eq!(fourth.files.len(), 1);
    assert_eq!(fourth.files[0].person.name, "Dr Adeyemo");
    // A broken file is never cached as a person.
    fs::write(&a.path, "name = 1\n").unwrap();
    age(&a.path);
    assert!(Register::load(&data).unwrap().files.is_empty());
    assert_eq!(Register::load(&data).unwrap().broken.len(), 1);
}

/// The register's cache goes where the plans' caches go, as they go: a cache folder that is a link is never
/// written through, and a folder the register's cache makes is marked as a cache for git and backups.
#[cfg(unix)]
#[test]
fn the_register_cache_marks_its_folder_and_never_writes_through_a_link() {
    let (_dir, data) = data();
    let a = save_new(&data, &Person::named("Dr Adeyemi")).unwrap();
    age(&a.path);
    Register::load(&data).unwrap();
    assert!(data.cache().join(cache::PEOPLE_CACHE).is_file());
    assert!(data.cache().join(".gitignore").is_file());
    assert!(data.cache().join("CACHEDIR.TAG").is_file());
    fs::remove_dir_all(data.cache()).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), data.cache()).unwrap();
    let through_link = Register::load(&data).unwrap();
    assert_eq!(through_link.files.len(), 1);
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn a_workbook_without_people_has_an_empty_register() {
    let (_dir, data) = data();
    let r = Register::load(&data).unwrap();
    assert!(r.files.is_empty() && r.broken.is_empty());
    assert!(r.keys().is_empty());
}

#[test]
fn a_new_person_gets_a_private_file_named_after_them_and_a_second_never_overwrites_it() {
    let (_dir, data) = data();
    let a = save_new(&data, &Person::named("Dr. Adeyemi")).unwrap();
    let b = save_new(&data, &Person::named("Dr Adeyemi")).unwrap();
    assert!(a.path.ends_with("people/dr-adeyemi.toml"), "{:?}", a.path);
    assert!(b.path.ends_with("people/dr-adeyemi-2.toml"), "{:?}", b.path);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&a.path), 0o600);
        assert_eq!(mode(&data.people()), 0o700);
    }
    let r = Register::load(&data).unwrap();
    assert_eq!(r.files.len(), 2);
    let first = r.files.iter().find(|f| f.path == a.path).unwrap();
    assert_eq!(first.person.name, "Dr. Adeyemi");
}

#[test]
fn a_save_keeps_comments_order_and_the_users_own_keys() {
    let (_dir, data) = data();
    fs::create_dir_all(data.people()).unwrap();
    let path = data.people().join("adeyemi.toml");
    let text = "# my boss\nname = \"Dr Adeyemi\"   # as on the door\nmood = \"grumpy\"\nstance = \"sceptic\"\n\n\
                [[listens_to]]\nname = \"Sister Mensah\" # old friend\nsince = 2019\n\n\
                [[listens_to]]\nname = \"Mr Ode\"\n\n[mine]\nx = 1\n";
    fs::write(&path, text).unwrap();
    let r = Register::load(&data).unwrap();
    let file = &r.files[0];
    assert_eq!(file.person.stance, Some(Stance::Sceptic));

    // Unchanged: the same bytes.
    assert_eq!(file.save(&file.person).unwrap().text, text);

    let mut p = file.person.clone();
    p.stance = Some(Stance::Supporter);
    p.influence = Some(Influence::High);
    p.add_alias("Adeyemi");
    p.add_listens_to("sister mensah", "trusts her on rotas");
    p.listens_to.retain(|l| l.name != "Mr Ode");
    p.add_listens_to("Ms Chen", "");
    let saved = file.save(&p).unwrap();
    let t = &saved.text;
    for kept in [
        "# my boss\n",
        "name = \"Dr Adeyemi\"   # as on the door\n",
        "mood = \"grumpy\"",
        "name = \"Sister Mensah\" # old friend",
        "since = 2019",
        "[mine]\nx = 1",
        "stance = \"supporter\"",
        "influence = \"high\"",
        "aliases = [\"Adeyemi\"]",
        "note = \"trusts her on rotas\"",
        "name = \"Ms Chen\"",
    ] {
        assert!(t.contains(kept), "{kept:?} missing from:\n{t}");
    }
    assert!(!t.contains("Mr Ode"), "{t}");
    let back = Register::load(&data).unwrap();
    assert_eq!(back.files[0].person, p);
}

#[test]
fn a_broken_file_is_reported_in_place_and_never_written_over() {
    let (_dir, data) = data();
    fs::create_dir_all(data.people()).unwrap();
    let path = data.people().join("dr-adeyemi.toml");
    let broken = "name = \"Dr Adeyemi\"\nstance = \"friend\"\n";
    fs::write(&path, broken).unwrap();
    fs::write(data.people().join("nameless.toml"), "role = \"x\"\n").unwrap();
    let r = Register::load(&data).unwrap();
    assert!(r.files.is_empty());
    assert_eq!(r.broken.len(), 2);
    let p = &r.broken[0];
    assert_eq!(p.position, Some((2, 10)), "{p}");
    assert!(p.to_string().contains("dr-adeyemi.toml:2:10"), "{p}");
    assert!(
        r.broken[1].message.contains("name is missing"),
        "{}",
        r.broken[1]
    );
    let new = save_new(&data, &Person::named("Dr Adeyemi")).unwrap();
    assert_ne!(new.path, path);
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let (_dir, data) = data();
    let file = save_new(&data, &Person::named("Mr Ode")).unwrap();
    fs::write(&file.path, "name = \"Mr Ode\"\nrole = \"theirs\"\n").unwrap();
    let err = file.save(&Person::named("Mr Ode Jr")).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
    assert!(fs::read_to_string(&file.path).unwrap().contains("theirs"));
    assert!(file.remove().is_err());
}

#[test]
fn hostile_names_stay_in_the_folder_and_hostile_entries_are_reported() {
    let (_dir, data) = data();
    assert!(save_new(&data, &Person::named("....")).is_err());
    for name in [
        "../../etc/passwd",
        "a/b\\c",
        "\u{1b}[2J\u{7}Evil\u{202e}",
        "李 雷",
    ] {
        let f = save_new(&data, &Person::named(name)).unwrap();
        assert_eq!(f.path.parent(), Some(data.people().as_path()), "{name:?}");
        let loaded = load(&f.path).unwrap();
        assert_eq!(loaded.person.name, name.trim());
    }
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    fs::write(&secret, "name = \"Secret\"\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, data.people().join("outside.toml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", data.people().join("zero.toml")).unwrap();
        std::os::unix::fs::symlink("gone.toml", data.people().join("dangling.toml")).unwrap();
    }
    fs::write(
        data.people().join("huge.toml"),
        "x".repeat(MAX_PERSON_BYTES as usize + 1),
    )
    .unwrap();
    let r = Register::load(&data).unwrap();
    assert_eq!(r.files.len(), 4);
    assert!(r.files.iter().all(|f| f.person.name != "Secret"));
    let messages: Vec<String> = r.broken.iter().map(ToString::to_string).collect();
    assert!(messages.len() >= 3, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("outside the people folder")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("larger than")),
        "{messages:?}"
    );
}

#[test]
fn a_change_goes_into_the_persons_file_or_a_new_one_and_never_guesses() {
    let (_dir, data) = data();
    let r = Register::load(&data).unwrap();
    // Nobody recorded: a new file, named as the plans name them, the typed spelling an alias.
    let saved = r
        .change(&data, "adeyemi", "Dr Adeyemi", |p| {
            p.stance = Some(Stance::Sceptic)
        })
        .unwrap();
    assert!(saved.path.ends_with("people/dr-adeyemi.toml"));
    assert_eq!(saved.person.aliases, ["adeyemi"]);
    let r = Register::load(&data).unwrap();
    let again = r
        .change(&data, "DR. ADEYEMI", "ignored", |p| {
            p.influence = Some(Influence::High)
        })
        .unwrap();
    assert_eq!(again.path, saved.path);
    assert_eq!(again.person.stance, Some(Stance::Sceptic));
    assert_eq!(again.person.influence, Some(Influence::High));
    // One spelling, two people: refused, with both named.
    let mut other = Person::named("Sister Mensah");
    other.add_alias("Adeyemi");
    save_new(&data, &other).unwrap();
    let r = Register::load(&data).unwrap();
    match r.change(&data, "adeyemi", "x", |_| {}) {
        Err(ChangeError::Several { names, .. }) => {
            assert_eq!(names, ["Dr Adeyemi", "Sister Mensah"])
        }
        other => panic!("{other:?}"),
    }
    // A broken file stops every change.
    fs::write(data.people().join("broken.toml"), "name = [").unwrap();
    let r = Register::load(&data).unwrap();
    assert!(matches!(
        r.change(&data, "Dr Adeyemi", "x", |_| {}),
        Err(ChangeError::Broken(_))
    ));
}
