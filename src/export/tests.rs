//! Tests across the page model and its renderers: the same plans through every format.

#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};
use std::path::Path;

use strum::VariantArray;

use jiff::civil::{Date, date};

use super::font::FontSet;
use super::layout::{Block, GIVE_WAY, PAGE_COLUMNS, PAGE_LINES, Page};
use super::pdf::bidi::place;
use super::pdf::compose::{ASCENT, DESCENT, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Op, compose};
use super::pdf::metrics::Metrics;
use super::wrap::columns;
use super::{Format, markdown, text};
use crate::config::Paper;
use crate::domain::{Attempt, History, Ladder, Objection, Plan};

const TODAY: Date = date(2026, 11, 25);

pub(super) fn fixture(name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/print")
        .join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    crate::store::plan_file::parse(&path, &text, &crate::domain::Ladder::embedded()).unwrap()
}

/// A plan with every field 10,000 characters long and every list far past its cap.
fn huge(word: &str) -> Plan {
    let mut p = fixture("realistic");
    let long = format!("{word} ").repeat(10_000 / (word.len() + 1));
    p.title = long.clone();
    p.stakeholder.name = long.clone();
    p.stakeholder.role = long.clone();
    p.stakeholder.cares_about = vec![long.clone(); 12];
    p.goal.want = long.clone();
    p.goal.why = long.clone();
    p.goal.minimum = long.clone();
    p.tactic.primary = test_rung("force");
    p.tactic.rationale = long.clone();
    p.tactic.escalation_reason = long.clone();
    p.prep.opening = long.clone();
    p.prep.points = (0..40).map(|i| format!("{i} {long}")).collect();
    p.prep.tactic_notes = long.clone();
    p.prep.objections = vec![
        Objection {
            objection: long.clone(),
            response: long.clone(),
        };
        20
    ];
    p.prep.ask = long.clone();
    p.prep.fallback = long.clone();
    p.allies = vec![
        crate::domain::Ally {
            name: long.clone(),
            ask: long.clone(),
        };
        12
    ];
    p.attempts = vec![
        Attempt {
            tactic: test_rung("reason"),
            notes: long.clone(),
            ..Default::default()
        };
        10
    ];
    p
}

pub(super) fn page_for(plan: &Plan) -> Page {
    let ladder = Ladder::embedded();
    let history = History::from_plans(&ladder, [plan]);
    Page::build(&ladder, &history, plan, TODAY)
}

fn all_plans() -> Vec<(&'static str, Plan)> {
    vec![
        ("realistic", fixture("realistic")),
        ("minimal", fixture("minimal")),
        ("nonlatin", fixture("nonlatin")),
        ("huge", huge("word")),
        ("huge-wide", huge("张伟张伟张伟")),
        ("huge-unbroken", huge(&"x".repeat(300))),
        ("empty", Plan::new(jiff::Timestamp::UNIX_EPOCH)),
    ]
}

fn assert_fits(name: &str, lines: &[String]) {
    assert!(
        lines.len() <= PAGE_LINES,
        "{name}: {} lines\n{}",
        lines.len(),
        lines.join("\n")
    );
    for l in lines {
        assert!(columns(l) <= PAGE_COLUMNS, "{name}: too wide: {l}");
    }
}

#[test]
fn every_plan_fits_80_columns_and_60_lines() {
    for (name, plan) in all_plans() {
        let page = text::fitted(&page_for(&plan));
        assert_fits(name, &text::render(&page, PAGE_COLUMNS));
        // The printable text is the same lines.
        let printed = text::to_text(&page);
        assert_eq!(printed.lines().count(), text::render(&page, 80).len());
    }
}

#[test]
fn even_the_tightest_budget_fits_the_worst_plan() {
    let ladder = Ladder::embedded();
    for word in ["word", "张伟张伟", "Ψυχίατρος"] {
        let plan = huge(word);
        let history = History::from_plans(&ladder, [&plan]);
        let page = Page::build(&ladder, &history, &plan, TODAY).at_level(GIVE_WAY.len());
        assert_fits(word, &text::render(&page, PAGE_COLUMNS));
    }
}

#[test]
fn a_realistic_plan_is_not_shortened() {
    let page = page_for(&fixture("realistic"));
    assert!(!page.shortened, "{}", text::to_text(&page));
    let t = text::to_text(&page);
    for want in [
        "Weekend rota sign-off",
        "25 Nov 2026",
        "Dr Amara Okafor",
        "up: someone senior to you",
        "5 Dec 2026 (in 10 days)",
        "1 Reason",
        "5 Deal",
        "Will you sign off the draft rota today",
        "14 Oct 2026 · 1 Reason · undecided",
        "[ ] commitment",
    ] {
        assert!(t.contains(want), "missing {want:?} in\n{t}");
    }
    assert!(!t.contains('…'), "{t}");
}

#[test]
fn shortening_says_what_was_left_out() {
    let page = text::fitted(&page_for(&huge("word")));
    assert!(page.shortened);
    let t = text::to_text(&page);
    assert!(t.contains('…'));
    let points = page
        .blocks()
        .find_map(|b| match b {
            Block::List {
                label: "Key points",
                items,
                more,
                ..
            } => Some((items.len(), more.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        points.1.as_deref(),
        Some(format!("+{} more points in the full plan", 40 - points.0).as_str())
    );
    assert!(t.contains("more objections in the full plan"), "{t}");
    assert!(t.contains("Shortened to fit one page"), "{t}");
    // One item over the cap reads in the singular.
    let mut p = fixture("realistic");
    p.prep.points = (0..60).map(|i| format!("point number {i}")).collect();
    let t = text::to_text(&page_for(&p));
    assert!(t.contains("more points in the full plan"), "{t}");
    // Nothing is said to be missing when nothing is: the same plan in Markdown has every point.
    let md = markdown::to_markdown(&page_for(&p));
    assert!(
        md.contains("point number 59") && !md.contains("in the full plan"),
        "{md}"
    );
}

#[test]
fn the_escalation_warning_is_the_rules_own_words() {
    let plan = fixture("nonlatin");
    let ladder = Ladder::embedded();
    let history = History::from_plans(&ladder, [&plan]);
    let want = crate::domain::escalation::warning_for(&ladder, &history, &plan)
        .unwrap()
        .lines(&ladder, &plan.stakeholder.name);
    let page = page_for(&plan);
    let got: Vec<String> = page
        .blocks()
        .find_map(|b| match b {
            Block::Warning { headline, details } => Some(
                std::iter::once(headline.clone())
                    .chain(details.iter().map(|(_, l)| l.clone()))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap();
    assert_eq!(got, want);
    assert!(got[2].starts_with("Reason given: Patient safety"));
    assert!(
        !page_for(&fixture("realistic"))
            .all_text()
            .contains("chosen before")
    );
}

/// No two text boxes (left, top, right, bottom) overlap.
pub(super) fn assert_no_overlaps(name: &str, boxes: &[(f32, f32, f32, f32, String)]) {
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let overlap =
                a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01;
            assert!(!overlap, "{name}: {:?} overlaps {:?}", a.4, b.4);
        }
    }
}

/// The page's ladder: one mark per rung.
pub(super) fn ladder_marks(page: &Page) -> Vec<super::layout::RungMark> {
    page.blocks()
        .find_map(|b| match b {
            Block::Ladder(m) => Some(m.clone()),
            _ => None,
        })
        .unwrap()
}

#[test]
fn the_ladder_marks_tried_chosen_and_backup() {
    let marks = ladder_marks(&page_for(&fixture("realistic")));
    assert_eq!(marks.len(), 9);
    assert!(marks[0].chosen && marks[0].tried);
    assert!(marks[4].backup && !marks[4].tried);
    assert!(marks[1..].iter().all(|m| !m.chosen));
    assert_eq!(marks.iter().filter(|m| m.tried).count(), 1);
}

#[test]
fn control_characters_never_reach_any_output() {
    let mut plan = fixture("realistic");
    plan.stakeholder.name = "Evil\u{1b}[2J\u{7}Name\u{202e}".into();
    plan.prep.points = vec!["a\u{1b}]0;title\u{7}b".into()];
    let page = page_for(&plan);
    for out in [text::to_text(&page), markdown::to_markdown(&page)] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'));
        assert!(out.contains("\\u{1b}"), "{out}");
    }
}

#[test]
fn any_preview_width_draws_within_it() {
    let page = page_for(&fixture("nonlatin"));
    for width in [1, 2, 10, 20, 39, 47, 48, 60, 80, 120, 300] {
        let lines = text::render(&page, width);
        assert!(!lines.is_empty());
        for l in &lines {
            assert!(columns(l) <= width, "width {width}: {l:?}");
        }
    }
}

#[test]
fn markdown_is_commonmark_with_the_expected_headings() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut plan = fixture("realistic");
    plan.title = "# not a heading [link](http://x) <b>bold</b> *em*".into();
    plan.prep.points = vec![
        "1. not a list".into(),
        "- nor this".into(),
        "![img](x.png) `code` a_b".into(),
        "&amp; stays as typed".into(),
    ];
    let md = markdown::to_markdown(&page_for(&plan));
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    let mut text = String::new();
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(t) => {
                text.push_str(&t);
                if let Some((_, h)) = current.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. })
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Code(_) => panic!("markup from user text: {event:?}\n{md}"),
            Event::Start(Tag::List(Some(_))) => panic!("an ordered list from user text\n{md}"),
            _ => {}
        }
    }
    let want = [
        (HeadingLevel::H1, plan.title.as_str()),
        (HeadingLevel::H2, "Who"),
        (HeadingLevel::H2, "Goal"),
        (HeadingLevel::H2, "Approach"),
        (HeadingLevel::H2, "In the room"),
        (HeadingLevel::H2, "Already tried"),
        (HeadingLevel::H2, "Afterwards"),
    ];
    let got: Vec<(HeadingLevel, &str)> = headings.iter().map(|(l, h)| (*l, h.as_str())).collect();
    assert_eq!(got, want, "{md}");
    for typed in ["1. not a list", "- nor this", "&amp; stays as typed", "a_b"] {
        assert!(
            text.contains(typed),
            "{typed:?} not in rendered text of\n{md}"
        );
    }
}

pub(super) fn fonts() -> FontSet {
    FontSet::discover(None, "Zhāng Wěi Søren Ødegård Ψυχίατρος 张伟").unwrap_or_else(|e| {
        panic!("PDF tests need a system font (apt-get install fonts-dejavu-core): {e}")
    })
}

/// Boxes of text ops: (left, top, right, bottom).
pub(super) fn text_boxes(ops: &[Op], m: &Metrics) -> Vec<(f32, f32, f32, f32, String)> {
    ops.iter()
        .filter_map(|op| match op {
            Op::Text {
                x,
                y,
                size,
                face,
                text,
                ..
            } => Some((
                *x,
                y - size * ASCENT,
                x + m.width(text, *face, *size),
                y + size * DESCENT,
                text.clone(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn right_to_left_names_are_drawn_right_to_left_inside_a_left_to_right_page() {
    let fonts = fonts();
    let m = Metrics::new(&fonts);
    let mut plan = fixture("minimal");
    plan.stakeholder.name = "שרה לוי".into();
    plan.goal.want = "Rota with שרה לוי now".into();
    let c = compose(&page_for(&plan), &m, Paper::A4);
    let line = c
        .ops
        .iter()
        .find_map(|op| match op {
            Op::Text { text, face, .. } if text.starts_with("Rota with") => Some((text, *face)),
            _ => None,
        })
        .expect("the goal is on the page");
    let pieces = place(line.0, line.1, 10.0, &m);
    let shown: Vec<(&str, bool)> = pieces.iter().map(|p| (p.text, p.rtl)).collect();
    assert_eq!(
        shown,
        [("Rota with ", false), ("שרה לוי", true), (" now", false)]
    );
    assert!(pieces.windows(2).all(|w| w[0].x < w[1].x), "{pieces:?}");
}

#[test]
fn pdf_layout_fits_one_page_without_overlaps() {
    let fonts = fonts();
    let m = Metrics::new(&fonts);
    for (name, plan) in all_plans() {
        let page = page_for(&plan);
        for paper in Paper::VARIANTS.iter().copied() {
            let c = compose(&page, &m, paper);
            assert!(c.fits, "{name} on {paper:?} does not fit at {}", c.body);
            let (w, h) = paper.size_points();
            let boxes = text_boxes(&c.ops, &m);
            for (l, t, r, b, s) in &boxes {
                assert!(
                    *l >= MARGIN_X - 0.01 && *r <= w - MARGIN_X + 0.5,
                    "{name}: {s:?} runs off the side ({l}..{r})"
                );
                assert!(
                    *t >= MARGIN_TOP - 1.0 && *b <= h - MARGIN_BOTTOM + 3.0,
                    "{name}: {s:?} runs off the page ({t}..{b})"
                );
            }
            assert_no_overlaps(name, &boxes);
        }
    }
}

#[test]
fn a_realistic_plan_is_set_in_a_readable_size() {
    let fonts = fonts();
    let m = Metrics::new(&fonts);
    let page = page_for(&fixture("realistic"));
    for paper in Paper::VARIANTS.iter().copied() {
        let body = compose(&page, &m, paper).body;
        assert!(body >= 9.0, "{paper:?}: {body}");
    }
}

fn pdf(plan: &Plan, paper: Paper) -> lopdf::Document {
    let bytes = super::pdf::render(&page_for(plan), &fonts(), paper).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    lopdf::Document::load_mem(&bytes).unwrap()
}

fn page_text(doc: &lopdf::Document) -> String {
    doc.extract_text(&[1]).unwrap()
}

#[test]
fn the_pdf_is_one_page_of_real_text() {
    for (name, plan) in all_plans() {
        let doc = pdf(&plan, Paper::A4);
        assert_eq!(doc.get_pages().len(), 1, "{name}");
    }
    let text = page_text(&pdf(&fixture("realistic"), Paper::A4));
    for want in [
        "Weekend rota sign-off",
        "Dr Amara Okafor",
        "Will you sign off",
    ] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }
    let text = page_text(&pdf(&fixture("nonlatin"), Paper::A4));
    for want in ["Zhāng Wěi", "Søren Ødegård", "Ψυχίατρος", "Кириллица"] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }
    // Chinese needs a fallback font (fonts-wqy-microhei, fonts-noto-cjk); only checked where one is installed.
    let f = fonts();
    if f.fallbacks.iter().any(|f| f.has_char('张')) {
        assert!(text.contains("张伟"), "张伟 not in {text}");
    }
}

#[test]
fn paper_sizes() {
    for (paper, w, h) in [(Paper::A4, 595, 842), (Paper::Letter, 612, 792)] {
        let doc = pdf(&fixture("minimal"), paper);
        let (_, page) = doc.get_pages().into_iter().next().unwrap();
        let media = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap().round() as i32)
            .collect::<Vec<_>>();
        assert_eq!(media, [0, 0, w, h], "{paper:?}");
    }
}

#[test]
fn formats_and_file_names() {
    assert_eq!(Format::from_path(Path::new("a/b.PDF")), Some(Format::Pdf));
    assert_eq!(Format::from_path(Path::new("b.md")), Some(Format::Markdown));
    assert_eq!(Format::from_path(Path::new("b.txt")), Some(Format::Text));
    assert_eq!(Format::from_path(Path::new("b")), None);
    assert_eq!("Markdown".parse(), Ok(Format::Markdown));
    assert_eq!("MD".parse(), Ok(Format::Markdown));
    assert_eq!(Format::Text.as_str(), "text");
    let name = super::default_file_name(&fixture("realistic"), Format::Pdf);
    assert!(
        name.ends_with(".pdf") && name.contains("weekend-rota"),
        "{name}"
    );
}

#[test]
fn save_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_for(&fixture("nonlatin"));
    let options = super::Options::default();
    let data = crate::store::DataDir::new(dir.path().join("data"));
    let save = |format, options: &super::Options, path: &std::path::Path| {
        super::save(
            &page,
            format,
            options,
            path,
            &data,
            crate::store::output::Replace::Ask,
        )
    };
    for format in Format::VARIANTS.iter().copied() {
        let path = dir
            .path()
            .join(format!("p-{}.{}", format.as_str(), format.extension()));
        save(format, &options, &path).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 100);
    }
    let missing = super::Options {
        font: Some(dir.path().join("missing.ttf")),
        ..Default::default()
    };
    let e = save(Format::Pdf, &missing, &dir.path().join("x.pdf")).unwrap_err();
    assert!(e.to_string().contains("missing.ttf"), "{e}");
    assert!(!dir.path().join("x.pdf").exists());
    // Text needs no font at all.
    save(Format::Text, &missing, &dir.path().join("x.txt")).unwrap();
}

#[test]
fn letters_no_font_has_are_reported() {
    let mut set = fonts();
    set.fallbacks.clear();
    assert_eq!(set.missing("Zhāng Wěi 张伟 Ψ 张"), ['张', '伟']);
    let missing = super::Missing(set.missing("张伟 שרה"));
    let note = missing.for_command_line().unwrap();
    assert!(
        note.contains("张 伟")
            && note.contains("apt-get install fonts-noto-cjk")
            && note.contains("--font"),
        "{note}"
    );
    let note = missing.for_workbook().unwrap();
    assert!(
        note.contains("font = ") && !note.contains("--font"),
        "{note}"
    );
    assert_eq!(super::Missing::default().for_command_line(), None);
    assert_eq!(super::font::package_for('ש'), "fonts-noto-core");
    assert_eq!(super::font::package_for('한'), "fonts-noto-cjk");
}

#[test]
fn allies_are_on_the_page_with_what_each_will_be_asked_and_never_raw() {
    let mut plan = fixture("realistic");
    plan.tactic.primary = test_rung("silent-allies");
    plan.allies = vec![
        crate::domain::Ally {
            name: "Sister Mensah".into(),
            ask: "say the rota worked on her ward".into(),
        },
        crate::domain::Ally {
            name: "Evil\u{1b}[2J Ode".into(),
            ask: String::new(),
        },
    ];
    let page = page_for(&plan);
    let out = text::to_text(&page);
    assert!(out.contains("Allies"), "{out}");
    assert!(
        out.contains("Sister Mensah: say the rota worked on her ward"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let md = markdown::to_markdown(&page);
    assert!(md.contains("Sister Mensah"), "{md}");
}
