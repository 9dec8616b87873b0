//! The register of people under the hostile treatment plans get (tests/hostile.rs): broken, huge, links out of
//! the folder, to a device, in a loop, a named pipe, escape sequences in names and file names. Every command ends
//! quickly, prints no raw control character, and changes nothing in `people/`.

use std::fs;
use std::path::Path;

use crate::bounded::{overture, run, snapshot};
use crate::hostile_corpus::{Hostile, VALID};

fn hostile_register(h: &Hostile) {
    let people = h.data.path().join("people");
    fs::create_dir_all(&people).unwrap();
    fs::write(h.plans().join("ok.toml"), VALID).unwrap();
    let write = |name: &str, text: &str| fs::write(people.join(name), text).unwrap();
    write(
        "ok-dr-adeyemi.toml",
        "name = \"Dr Adeyemi\" # mine\naliases = [\"Adeyemi\"]\n",
    );
    write(
        "ok-evil-name.toml",
        "name = \"Evil\\u001b]0;pwned\\u0007\\u001b[2J Name\\u202e\"\n",
    );
    write("broken-stance.toml", "name = \"X\"\nstance = \"friend\"\n");
    write("broken-no-name.toml", "role = \"nobody\"\n");
    write("broken-escape-\u{1b}[31m.toml", "name = \u{1b}");
    write("broken-not-utf8.toml", "name = \"\u{0}\"\n");
    fs::write(people.join("broken-bytes.toml"), b"name = \"\xff\xfe\"\n").unwrap();
    write(
        "broken-huge.toml",
        &format!("name = \"{}\"\n", "x".repeat(300 * 1024)),
    );
    write(
        "broken-deep.toml",
        &format!(
            "name = \"d\"\nx = {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    );
    let secret = h.outside.path().join("secret.toml");
    fs::write(&secret, "name = \"Secret Outside\"\n").unwrap();
    std::os::unix::fs::symlink(&secret, people.join("link-outside.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", people.join("link-zero.toml")).unwrap();
    std::os::unix::fs::symlink("gone.toml", people.join("link-dangling.toml")).unwrap();
    std::os::unix::fs::symlink("loop-b.toml", people.join("loop-a.toml")).unwrap();
    std::os::unix::fs::symlink("loop-a.toml", people.join("loop-b.toml")).unwrap();
    std::os::unix::fs::symlink("ok-dr-adeyemi.toml", people.join("link-inside.toml")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(people.join("named-pipe.toml"))
        .status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    fs::create_dir(people.join("folder.toml")).unwrap();
}

fn cmd(h: &Hostile, args: &[&str]) -> crate::bounded::Run {
    let mut c = overture(h.data.path(), h.config.path());
    c.args(args);
    run(c)
}

#[test]
fn a_hostile_register_is_reported_never_changed_never_printed_raw() {
    let h = Hostile::empty();
    hostile_register(&h);
    let people = h.data.path().join("people");
    let before = snapshot(&people);
    for args in [
        &["people"][..],
        &["people", "--json"],
        &["people", "show", "adeyemi"],
        &["people", "show", "evil]0;pwned[2j name"],
        &["stakeholders"],
        &["check"],
        &["list"],
        &["people", "set", "Adeyemi", "--stance", "neutral"],
        &["people", "merge", "Dr Adeyemi", "Funmi"],
    ] {
        let r = cmd(&h, args);
        r.assert_clean();
        assert!(
            !r.stdout.contains("Secret Outside"),
            "{args:?}: {}",
            r.stdout
        );
        assert_eq!(snapshot(&people), before, "{args:?} changed people/");
    }
    let r = cmd(&h, &["people", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"Dr Adeyemi"), "{names:?}");
    // The link inside the folder is the same person, listed once.
    assert_eq!(
        names.iter().filter(|n| **n == "Dr Adeyemi").count(),
        1,
        "{names:?}"
    );
    // Every broken entry is named on stderr.
    for broken in [
        "broken-stance.toml:2:10",
        "broken-no-name.toml",
        "broken-huge.toml",
        "link-outside.toml",
        "link-zero.toml",
        "named-pipe.toml",
        "folder.toml",
    ] {
        assert!(
            r.stderr.contains(broken),
            "{broken} not reported:\n{}",
            r.stderr
        );
    }
    // Changes are refused while anything in the register is broken, and say so in a line or two.
    let r = cmd(&h, &["people", "set", "Adeyemi", "--stance", "neutral"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
    assert!(Path::new(&people).join("ok-dr-adeyemi.toml").exists());
}
