//! `overture print` through the real binary, in temporary data folders.

use crate::common;

use std::fs;
use std::path::Path;

use common::Env;
use predicates::prelude::*;

/// A plan full of names that need more than Latin-1, saved with `overture new`; returns its file name.
fn nonlatin(env: &Env) -> String {
    let path = env.new_plan(&[
        "--stakeholder",
        "Zhāng Wěi",
        "--role",
        "Ψυχίατρος",
        "--goal",
        "Agree the rota with Søren Ødegård",
        "--why",
        "Weekend cover fails without it",
        "--tactic",
        "reason",
        "--backup",
        "deal",
        "--cares-about",
        "patient safety",
        "--by",
        "2030-01-31",
    ]);
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn pdf_text(bytes: &[u8]) -> (usize, String, Vec<i64>) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages = doc.get_pages();
    let (_, id) = pages.iter().next().map(|(n, id)| (*n, *id)).unwrap();
    let media = doc
        .get_dictionary(id)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap().round() as i64)
        .collect();
    (pages.len(), doc.extract_text(&[1]).unwrap(), media)
}

#[test]
fn text_is_the_default_and_fits_a_printed_page() {
    let env = Env::new();
    let name = nonlatin(&env);
    let out = env.run(&["print", &name]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() <= 60, "{out}");
    for l in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*l) <= 80, "{l}");
    }
    for want in [
        "Zhāng Wěi · Ψυχίατρος",
        "Agree the rota with Søren Ødegård",
        "[ ] commitment",
    ] {
        assert!(out.contains(want), "{want:?} not in\n{out}");
    }
}

#[test]
fn markdown_has_the_sections_as_headings() {
    let env = Env::new();
    let name = nonlatin(&env);
    let md = env.run(&["print", &name, "--format", "markdown"]);
    let headings: Vec<String> = md
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect();
    assert_eq!(
        headings,
        [
            "# Agree the rota with Søren Ødegård",
            "## Who",
            "## Goal",
            "## Approach",
            "## Afterwards"
        ]
    );
    let events = pulldown_cmark::Parser::new(&md).count();
    assert!(events > 20);
}

#[test]
fn pdf_goes_to_stdout_when_it_is_not_a_terminal_and_to_a_file_by_extension() {
    let env = Env::new();
    let name = nonlatin(&env);
    let out = env
        .cmd()
        .args(["print", &name, "-f", "pdf"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (pages, text, media) = pdf_text(&out.stdout);
    assert_eq!(pages, 1);
    assert_eq!(media, [0, 0, 595, 842]);
    for want in ["Zhāng Wěi", "Ψυχίατρος", "Søren Ødegård"] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.pdf");
    let printed = env.run(&[
        "print",
        &name,
        "--output",
        file.to_str().unwrap(),
        "--paper",
        "letter",
    ]);
    assert_eq!(printed.trim(), file.to_str().unwrap());
    let (pages, _, media) = pdf_text(&fs::read(&file).unwrap());
    assert_eq!((pages, media), (1, vec![0, 0, 612, 792]));
    let md = dir.path().join("plan.md");
    env.run(&["print", &name, "-o", md.to_str().unwrap()]);
    assert!(
        fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Agree the rota")
    );
    // A folder takes the page under the plan's own name, as `cp` would.
    let folder = dir.path().join("out");
    fs::create_dir(&folder).unwrap();
    let printed = env.run(&["print", &name, "-f", "pdf", "-o", folder.to_str().unwrap()]);
    let saved = std::path::PathBuf::from(printed.trim());
    assert_eq!(saved.parent(), Some(folder.as_path()), "{printed}");
    assert!(saved.extension().is_some_and(|e| e == "pdf"), "{printed}");
    assert_eq!(pdf_text(&fs::read(&saved).unwrap()).0, 1);
}

#[test]
fn paper_comes_from_the_config_unless_given() {
    let env = Env::new();
    let name = nonlatin(&env);
    fs::write(
        env.config.path().join("config.toml"),
        "paper = \"letter\"\n",
    )
    .unwrap();
    let pdf = |args: &[&str]| {
        let out = env
            .cmd()
            .args(["print", &name, "-f", "pdf"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        pdf_text(&out.stdout).2
    };
    assert_eq!(pdf(&[]), [0, 0, 612, 792]);
    assert_eq!(pdf(&["--paper", "a4"]), [0, 0, 595, 842]);
    env.cmd()
        .args(["print", &name, "--paper", "a5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a4, letter"));
}

#[test]
fn a_missing_font_is_a_clear_error_and_text_still_works() {
    let env = Env::new();
    let name = nonlatin(&env);
    env.cmd()
        .args(["print", &name, "-f", "pdf", "--font", "/no/such/font.ttf"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("/no/such/font.ttf")
                .and(predicate::str::contains("fonts-dejavu-core")),
        );
    env.cmd()
        .args(["print", &name, "--font", "/no/such/font.ttf"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Zhāng Wěi"));
    // The config's font is used the same way.
    fs::write(
        env.config.path().join("config.toml"),
        "font = \"/no/such/config-font.ttf\"\n",
    )
    .unwrap();
    env.cmd()
        .args(["print", &name, "-f", "pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config-font.ttf"));
}

#[cfg(unix)]
fn fake_lp(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("lp");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > {0}/args\ncat > {0}/job\necho 'request id is fake-1 (1 file(s))'\n",
            dir.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn print_sends_a_pdf_to_lp_or_says_what_is_missing() {
    let env = Env::new();
    let name = nonlatin(&env);
    let bin = tempfile::tempdir().unwrap();
    fake_lp(bin.path());
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    env.cmd()
        .env("PATH", &path)
        .args(["print", &name, "--print", "--paper", "letter"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "sent the pdf page to the printer (request id is fake-1",
        ));
    let job = fs::read(bin.path().join("job")).unwrap();
    assert!(job.starts_with(b"%PDF-"));
    let args = fs::read_to_string(bin.path().join("args")).unwrap();
    assert!(args.contains("media=Letter"), "{args}");
    env.cmd()
        .env("PATH", &path)
        .args(["print", &name, "--print", "--format", "text"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(bin.path().join("job"))
            .unwrap()
            .contains("Zhāng Wěi")
    );
    let empty = tempfile::tempdir().unwrap();
    env.cmd()
        .env("PATH", empty.path())
        .args(["print", &name, "--print"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no print command found")
                .and(predicate::str::contains("--output")),
        );
}

#[test]
fn bad_plans_and_hostile_text() {
    let env = Env::new();
    env.cmd()
        .args(["print", "nothing-like-this"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no plan matches"));
    env.cmd()
        .args(["print", "x", "--format", "docx"])
        .assert()
        .code(2);
    let path = env.new_plan(&[
        "--stakeholder",
        "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}",
        "--goal",
        "g",
        "--tactic",
        "1",
    ]);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    for format in ["text", "markdown"] {
        let out = env.run(&["print", &name, "-f", format]);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }
}

#[test]
fn an_unknown_extension_is_a_usage_error_naming_the_formats() {
    let env = Env::new();
    let name = nonlatin(&env);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.docx");
    env.cmd()
        .args(["print", &name, "-o", file.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(".txt, .md and .pdf")
                .and(predicate::str::contains("card-text")),
        );
    assert!(!file.exists(), "nothing is written on a usage error");
    // Saying the format is enough; the known extensions pick theirs as before.
    env.run(&[
        "print",
        &name,
        "-o",
        file.to_str().unwrap(),
        "-f",
        "markdown",
    ]);
    assert!(fs::read_to_string(&file).unwrap().starts_with("# "));
    let txt = dir.path().join("out.txt");
    env.run(&["print", &name, "-o", txt.to_str().unwrap()]);
    assert!(fs::read_to_string(&txt).unwrap().contains("WHO"));
}

#[test]
fn the_pocket_card_is_an_index_card_pdf_and_forty_columns_of_text() {
    let env = Env::new();
    env.new_plan(&[
        "--stakeholder",
        "Dr Adeyemi",
        "--goal",
        "Two extra weekend shifts",
        "--tactic",
        "reason",
        "--opening",
        "I have the weekend cover numbers for recovery.",
        "--ask",
        "Will you approve the two shifts from January?",
        "--objection",
        "There is no money => They cost less than one month of agency cover.",
        "--fallback",
        "Put it on the January governance agenda.",
        "--point",
        "A point that is not on the card",
    ]);
    let text = env.run(&["print", "Adeyemi", "--format", "card-text"]);
    for l in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(l) <= 40, "{l:?}");
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "I have the weekend cover numbers for recovery.",
        "Will you approve the two shifts from January?",
        "They cost less than one month of agency cover.",
        "Put it on the January governance agenda.",
    ] {
        assert!(flat.contains(want), "{want:?} not in\n{text}");
    }
    assert!(!text.contains("not on the card"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("card.pdf");
    env.run(&[
        "print",
        "Adeyemi",
        "-f",
        "card",
        "-o",
        file.to_str().unwrap(),
    ]);
    let (pages, text, media) = pdf_text(&fs::read(&file).unwrap());
    assert_eq!((pages, media), (1, vec![0, 0, 298, 420]));
    assert!(text.contains("Will you approve"), "{text}");
}

/// Whether a font file is installed (fonts-noto-cjk for Chinese is, by `.ci/run`).
fn installed(path: &str) -> bool {
    Path::new(path).is_file()
}

#[test]
fn every_script_prints_and_a_letter_no_font_has_fails_the_command() {
    let env = Env::new();
    let names = ["张伟", "محمد عبد الله", "שרה לוי"];
    env.new_plan(&[
        "--stakeholder",
        names[0],
        "--goal",
        &format!("Agree the rota with {} and {}", names[1], names[2]),
        "--tactic",
        "reason",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.pdf");
    let out = env
        .cmd()
        .args(["print", "张伟", "-o", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if installed("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc") {
        assert!(out.status.success(), "{err}");
        let (_, text, _) = pdf_text(&fs::read(&file).unwrap());
        for c in names
            .iter()
            .flat_map(|n| n.chars())
            .filter(|c| !c.is_whitespace())
        {
            assert!(text.contains(c), "{c} not in {text}");
        }
    } else {
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("fonts-noto-cjk"), "{err}");
    }
    // Egyptian hieroglyphs are in none of the fonts the tests install: the PDF is still written, exit 1.
    env.new_plan(&[
        "--stakeholder",
        "Scribe 𓀀𓁐",
        "--goal",
        "x",
        "--tactic",
        "reason",
    ]);
    let file = dir.path().join("q.pdf");
    let out = env
        .cmd()
        .args(["print", "Scribe", "-o", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if installed("/usr/share/fonts/truetype/noto/NotoSansEgyptianHieroglyphs-Regular.ttf") {
        return;
    }
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("𓀀 𓁐") && err.contains("apt-get install fonts-noto-core"),
        "{err}"
    );
    assert!(err.contains("--font"), "{err}");
    assert_eq!(
        pdf_text(&fs::read(&file).unwrap()).0,
        1,
        "the PDF is still written"
    );
}

/// Break 4 of issue 11: `-o PATH` renamed a new file over whatever PATH was. A link is written through (and
/// stays a link), a FIFO and a device are opened and written (and stay what they were), `-o /dev/stdout` is the
/// output, an existing file is replaced only with `--force`, and a plan (in the plans folder or anywhere else)
/// or anything in the data folder's own folders is never written: exit 1, nothing changed.
#[cfg(unix)]
#[test]
fn output_paths_are_written_through_and_plans_are_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let env = Env::new();
    let name = nonlatin(&env);
    let plan = env.plans().join(&name);
    let plan_text = fs::read_to_string(&plan).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = |path: &Path, extra: &[&str]| {
        let mut args = vec!["print", name.as_str(), "-o", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        env.cmd().args(&args).output().unwrap()
    };

    // The plan itself, a copy of it elsewhere, and a new file inside the plans folder: refused, even forced.
    let copy = dir.path().join("copy.toml");
    fs::write(&copy, &plan_text).unwrap();
    for target in [plan.clone(), copy.clone(), env.plans().join("page.txt")] {
        let o = out(&target, &["--force"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{}: {err}", target.display());
        assert!(err.contains("nothing was written"), "{err}");
    }
    assert_eq!(fs::read_to_string(&plan).unwrap(), plan_text);
    assert_eq!(fs::read_to_string(&copy).unwrap(), plan_text);
    assert!(!env.plans().join("page.txt").exists());
    assert!(!env.data.path().join("trash").exists());

    // An existing file: refused without --force (no terminal to ask at), replaced with it.
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "my own notes").unwrap();
    let o = out(&notes, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my own notes");
    assert!(out(&notes, &["--force"]).status.success());
    assert!(
        fs::read_to_string(&notes)
            .unwrap()
            .starts_with("Agree the rota")
    );

    // A link: its target written, the link kept.
    let target = dir.path().join("target.txt");
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    fs::write(&target, "").unwrap();
    assert!(out(&link, &["--force"]).status.success());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("Agree the rota")
    );

    // A FIFO with a reader: the page goes through it, and it stays a FIFO.
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut written = false;
    for _ in 0..500 {
        // The reader may not have opened its end yet: that is a refusal, never a wait.
        if out(&fifo, &[]).status.success() {
            written = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(written);
    let read = reader.wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&read.stdout).starts_with("Agree the rota"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    // Devices: /dev/null stays a device; /dev/stdout is the output itself.
    assert!(out(Path::new("/dev/null"), &[]).status.success());
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    let o = out(Path::new("/dev/stdout"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.starts_with("Agree the rota"), "{stdout}");
    assert!(!stdout.contains("/dev/stdout"), "{stdout}");
}

#[test]
fn the_card_takes_its_form_from_the_file_name_and_a_clashing_ending_is_refused() {
    let env = Env::new();
    let name = nonlatin(&env);
    let dir = tempfile::tempdir().unwrap();
    // --format card into a .txt file is the 40-column card, not a PDF named .txt.
    let txt = dir.path().join("card.txt");
    env.run(&["print", &name, "-f", "card", "-o", txt.to_str().unwrap()]);
    let text = fs::read_to_string(&txt).unwrap();
    assert!(!text.starts_with("%PDF"), "{text:?}");
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40),
        "{text}"
    );
    let pdf = dir.path().join("card.pdf");
    env.run(&[
        "print",
        &name,
        "-f",
        "card-text",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // A PDF asked for under a .md name would open as gibberish: refused, nothing written.
    let md = dir.path().join("page.md");
    env.cmd()
        .args(["print", &name, "-f", "pdf", "-o", md.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ends in .md"));
    assert!(!md.exists());
}
