//! The one-page plan with ladders of other lengths: the shortest (2 rungs), Yukl's eleven tactics (the worked
//! example shipped in `assets/ladders/`) and the longest (12). Every rung is on the page, text and PDF, and the
//! page still fits.

use jiff::civil::{Date, date};
use strum::VariantArray;

use super::layout::{PAGE_COLUMNS, PAGE_LINES, Page};
use super::pdf::compose::compose;
use super::pdf::metrics::Metrics;
use super::tests::{assert_no_overlaps, fixture, fonts, ladder_marks, text_boxes};
use super::text;
use super::wrap::columns;
use crate::config::Paper;
use crate::domain::{Attempt, History, Ladder, OutcomeResult, Plan};

const TODAY: Date = date(2026, 11, 25);

fn ladders() -> Vec<(&'static str, Ladder)> {
    [
        ("two", include_str!("../../tests/fixtures/ladders/two.toml")),
        ("yukl-11", include_str!("../../assets/ladders/yukl-11.toml")),
        (
            "twelve",
            include_str!("../../tests/fixtures/ladders/twelve.toml"),
        ),
    ]
    .into_iter()
    .map(|(name, text)| (name, Ladder::from_toml(text).unwrap()))
    .collect()
}

/// The realistic fixture re-told on `ladder`: the hardest rung chosen early, the one below it as the backup,
/// the gentlest tried once.
fn plan_on(ladder: &Ladder) -> Plan {
    let mut p = fixture("realistic");
    let last = ladder.len() - 1;
    p.tactic.primary = ladder.pick(last);
    p.tactic.backup = ladder.pick(last - 1).filter(|_| last > 1);
    p.tactic.escalation_reason = "The rota closes on Friday".into();
    p.attempts = vec![Attempt {
        tactic: ladder.pick(0),
        on: Some(date(2026, 11, 2)),
        result: Some(OutcomeResult::Resistance),
        notes: "He was rushed".into(),
        from: String::new(),
    }];
    p
}

fn page(ladder: &Ladder, plan: &Plan) -> Page {
    let history = History::from_plans(ladder, [plan]);
    Page::build(ladder, &history, plan, TODAY)
}

#[test]
fn every_rung_of_a_short_or_long_ladder_is_on_the_page_and_marked() {
    for (name, ladder) in ladders() {
        let plan = plan_on(&ladder);
        let page = page(&ladder, &plan);
        let marks = ladder_marks(&page);
        assert_eq!(marks.len(), ladder.len(), "{name}");
        let last = ladder.len() - 1;
        assert!(marks[last].chosen, "{name}");
        assert!(marks[0].tried && !marks[0].chosen, "{name}");
        assert_eq!(
            marks.iter().filter(|m| m.backup).count(),
            usize::from(last > 1)
        );
        let out = text::to_text(&page);
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines.len() <= PAGE_LINES,
            "{name}: {} lines\n{out}",
            lines.len()
        );
        assert!(
            lines.iter().all(|l| columns(l) <= PAGE_COLUMNS),
            "{name}\n{out}"
        );
        let hardest = &ladder.rungs()[last].name;
        assert!(
            out.contains(&format!("{} {hardest}", last + 1)),
            "{name}: the chosen rung by number and name\n{out}"
        );
        // The hardest rung is an escalation rung in all three: chosen while gentler ones are untried, the page
        // warns; on the two-rung ladder the only gentler rung was tried, so it does not.
        let all = page.all_text();
        let warns = all
            .lines()
            .any(|l| l.starts_with(hardest.as_str()) && l.contains(" chosen "));
        assert_eq!(warns, ladder.len() > 2, "{name}\n{all}");
        for rung in ladder.rungs() {
            assert!(all.contains(&rung.name), "{name}: {} missing", rung.name);
        }
    }
}

#[test]
fn the_pdf_of_a_short_or_long_ladder_fits_one_page_without_overlaps() {
    let fonts = fonts();
    let m = Metrics::new(&fonts);
    for (name, ladder) in ladders() {
        let page = page(&ladder, &plan_on(&ladder));
        for paper in Paper::VARIANTS.iter().copied() {
            let c = compose(&page, &m, paper);
            assert!(c.fits, "{name} on {paper:?} does not fit at {}", c.body);
            let boxes = text_boxes(&c.ops, &m);
            assert_no_overlaps(name, &boxes);
        }
        let bytes = super::pdf::render(&page, &fonts, Paper::A4).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1, "{name}");
        let text = doc.extract_text(&[1]).unwrap();
        let hardest = &ladder.rungs()[ladder.len() - 1].name;
        assert!(
            text.contains(hardest.as_str()),
            "{name}: {hardest} not in {text}"
        );
    }
}
