//! The page's priorities: what gives way first, and what a long plan keeps whole in every format.

use super::layout::{GIVE_WAY, Give, PAGE_COLUMNS, PAGE_LINES, PRIORITIES, Part};
use super::pdf::compose::{MARGIN_X, Op, compose};
use super::pdf::metrics::Metrics;
use super::tests::{fixture, page_for};
use super::{markdown, text};
use crate::config::Paper;
use crate::domain::Plan;

/// Text with every run of whitespace made one space, as wrapping and extraction leave it.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What is said in the room, which the page must keep whole: the ask, the opening, each answer, the fallback.
fn said_in_the_room(plan: &Plan) -> Vec<String> {
    let mut out = vec![
        plan.prep.ask.clone(),
        plan.prep.opening.clone(),
        plan.prep.fallback.clone(),
    ];
    out.extend(plan.prep.objections.iter().map(|o| o.response.clone()));
    out.into_iter().map(|s| squash(&s)).collect()
}

fn part_of(give: Give) -> Part {
    match give {
        Give::Drop(p) | Give::Shorten(p, _) | Give::Cap(p, _) => p,
        Give::NoteLines(_) => Part::WriteIn,
    }
}

#[test]
fn lower_priorities_give_way_first() {
    let rank = |p: Part| PRIORITIES.iter().position(|q| *q == p).unwrap();
    let mut first_touch: Vec<Part> = Vec::new();
    for give in GIVE_WAY {
        let part = part_of(*give);
        if !first_touch.contains(&part) {
            first_touch.push(part);
        }
    }
    for pair in first_touch.windows(2) {
        assert!(
            rank(pair[0]) > rank(pair[1]),
            "{:?} is touched before {:?}, which matters less",
            pair[0],
            pair[1]
        );
    }
    // The ask, the opening, the answers and the fallback are never left out, only shortened at the very end.
    for give in GIVE_WAY {
        if let Give::Drop(p) | Give::Cap(p, _) = give {
            assert!(
                !matches!(
                    p,
                    Part::Ask | Part::Opening | Part::Answers | Part::Fallback
                ),
                "{p:?}"
            );
        }
    }
    // Every part is in the priorities once.
    for p in PRIORITIES {
        assert_eq!(PRIORITIES.iter().filter(|q| **q == p).count(), 1, "{p:?}");
    }
}

#[test]
fn a_long_plan_keeps_what_is_said_in_the_room_as_text_and_markdown() {
    let plan = fixture("long");
    let page = page_for(&plan);
    let t = text::to_text(&page);
    assert!(t.lines().count() <= PAGE_LINES, "{t}");
    let flat = squash(&t);
    for said in said_in_the_room(&plan) {
        assert!(flat.contains(&said), "{said:?} not whole in\n{t}");
    }
    // The explanation gave way before anything said in the room did.
    assert!(!t.contains("Falbe"), "{t}");
    let md = markdown::to_markdown(&page);
    for said in said_in_the_room(&plan) {
        assert!(squash(&md).contains(&said), "{said:?} not in\n{md}");
    }
    // Markdown is never cut: every point, the citation, the outcome's notes.
    for p in &plan.prep.points {
        assert!(md.contains(p.as_str()), "{p:?} not in\n{md}");
    }
    assert!(md.contains("Falbe") && !md.contains("Shortened"), "{md}");
    assert!(!md.contains("in the full plan"), "{md}");
    assert!(
        md.contains(&plan.goal.why) && md.contains(&plan.outcome.as_ref().unwrap().notes),
        "{md}"
    );
}

#[test]
fn a_recorded_outcome_replaces_the_boxes_to_tick() {
    let plan = fixture("long");
    let md = markdown::to_markdown(&page_for(&plan));
    assert!(md.contains("Recorded:** compliance on 24 Nov 2026"), "{md}");
    assert!(!md.contains("☐"), "{md}");
    let md = markdown::to_markdown(&page_for(&fixture("realistic")));
    assert!(md.contains("☐ commitment"), "{md}");
}

#[test]
fn a_realistic_plan_is_whole_on_every_format() {
    let page = page_for(&fixture("realistic"));
    let fitted = text::fitted(&page);
    assert_eq!(fitted, page.at_level(0), "{}", text::to_text(&page));
    assert!(text::render(&fitted, PAGE_COLUMNS).len() <= PAGE_LINES);
}

fn fonts() -> super::font::FontSet {
    super::font::FontSet::discover(None, "Adeyemi").expect("PDF tests need fonts-dejavu-core")
}

#[test]
fn a_long_plan_fills_the_pdf_page_and_keeps_what_is_said_in_the_room() {
    let plan = fixture("long");
    let page = page_for(&plan);
    let fonts = fonts();
    let m = Metrics::new(&fonts);
    for paper in <Paper as strum::VariantArray>::VARIANTS.iter().copied() {
        let c = compose(&page, &m, paper);
        assert!(c.fits, "{paper:?}");
        // Lines run to the right margin: the widest body line uses most of the text width.
        let (w, _) = paper.size_points();
        let right = c
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text {
                    x,
                    text,
                    face,
                    size,
                    ..
                } if *size == c.body => Some(x + m.width(text, *face, *size)),
                _ => None,
            })
            .fold(0.0, f32::max);
        let measure = w - 2.0 * MARGIN_X;
        assert!(
            right - MARGIN_X > measure * 0.9,
            "{paper:?}: lines end at {right} of {w}"
        );
        let bytes = super::pdf::render(&page, &fonts, paper).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let extracted = squash(&doc.extract_text(&[1]).unwrap());
        for said in said_in_the_room(&plan) {
            assert!(
                extracted.contains(&said),
                "{paper:?}: {said:?} not whole in {extracted}"
            );
        }
        // The PDF has room the text page does not: it keeps every point and what they care about.
        for p in &plan.prep.points {
            assert!(
                extracted.contains(&squash(p)),
                "{paper:?}: {p:?} not in {extracted}"
            );
        }
        assert!(!extracted.contains("more points"), "{extracted}");
    }
}

#[test]
fn the_card_holds_what_is_said_and_fits_an_index_card() {
    use super::card::{CARD_COLUMNS, CARD_OBJECTIONS};
    use super::pdf::compose::{Sheet, compose_sheet};
    let plan = fixture("long");
    let page = page_for(&plan);
    let card = page.card();
    assert_eq!(card.title, "Dr Folasade Adeyemi");
    let t = super::card::to_text(&page);
    for l in t.lines() {
        assert!(super::wrap::columns(l) <= CARD_COLUMNS, "{l:?}");
    }
    for said in said_in_the_room(&plan) {
        assert!(squash(&t).contains(&said), "{said:?} not in\n{t}");
    }
    assert!(
        !t.contains("Nine of twelve"),
        "key points are for the full page\n{t}"
    );
    let fonts = fonts();
    let m = Metrics::new(&fonts);
    let c = compose_sheet(&card, &m, Sheet::card());
    assert!(c.fits && c.body >= 7.5, "{}", c.body);
    // More objections than a card holds: the first ones, and a note of the rest.
    let mut many = plan.clone();
    many.prep.objections = (0..6)
        .map(|i| crate::domain::Objection {
            objection: format!("objection {i}"),
            response: format!("answer {i}"),
        })
        .collect();
    let t = super::card::to_text(&page_for(&many));
    assert!(
        t.contains(&format!("answer {}", CARD_OBJECTIONS - 1)),
        "{t}"
    );
    assert!(!t.contains(&format!("answer {CARD_OBJECTIONS}")), "{t}");
    assert!(t.contains("+3 more objections in the full plan"), "{t}");
    // Even a plan far too long for a card is one card.
    let mut huge = plan;
    huge.prep.ask = "word ".repeat(2000);
    huge.prep.opening = "word ".repeat(2000);
    let c = compose_sheet(&page_for(&huge).card(), &m, Sheet::card());
    assert!(c.fits, "{}", c.body);
}
