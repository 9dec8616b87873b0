//! How the catalog scales: loading 1,000 and 10,000 plans with no index (cold) and with one (warm), against
//! parsing every file as `Workbook` does; filtering the list by a query; the stakeholder history and the stats
//! from summaries. Run with `cargo bench --bench catalog`; the numbers are recorded in docs/PERFORMANCE.md.
//!
//! Workbooks are generated once into Cargo's target tmp folder (`target/tmp/workbook-N`) and reused.

mod support;

use std::fs;

use divan::{Bencher, black_box};
use overture::domain::{Ladder, escalation};
use overture::store::catalog::search::{PeopleText, SEARCH_FILE};
use overture::store::catalog::{Catalog, INDEX_FILE};
use overture::store::{DataDir, Workbook};
use support::{data, growth};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [1_000, 10_000];

fn warm(n: usize) -> (DataDir, Ladder, Catalog) {
    let data = data(n);
    let ladder = Ladder::embedded();
    // Twice: the first load after generating may find files "just written" and not trust them yet.
    let _ = Catalog::load(&data, &ladder);
    let catalog = Catalog::load(&data, &ladder).unwrap_or_default();
    (data, ladder, catalog)
}

/// No index: every file read and parsed on worker threads, then the index written.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_cold(bencher: Bencher, n: usize) {
    let data = data(n);
    let ladder = Ladder::embedded();
    let index = data.cache().join(INDEX_FILE);
    let words = data.cache().join(SEARCH_FILE);
    bencher
        .with_inputs(|| {
            let _ = fs::remove_file(&index);
            let _ = fs::remove_file(&words);
        })
        .bench_local_values(|()| Catalog::load(&data, &ladder).map(|c| c.summaries.len()));
}

/// With an index: one read of the index, one stat per file, nothing parsed.
#[divan::bench(args = growth(), sample_count = 10)]
fn load_warm(bencher: Bencher, n: usize) {
    let (data, ladder, _) = warm(n);
    bencher.bench_local(|| Catalog::load(&data, &ladder).map(|c| c.parsed));
}

/// With an index and a register of 2,000 people beside 10,000 plans: what reading `people/` adds to every full
/// load (compare with `load_warm` at 10,000).
#[divan::bench(sample_count = 10)]
fn load_warm_with_2000_people(bencher: Bencher) {
    let data = support::data_with_people(10_000, 2_000);
    let ladder = Ladder::embedded();
    let _ = Catalog::load(&data, &ladder);
    bencher.bench_local(|| Catalog::load(&data, &ladder).map(|c| c.register.files.len()));
}

/// The history through 2,000 people's aliases, as the stakeholders view and the rule build it.
#[divan::bench(sample_count = 20)]
fn history_with_2000_people(bencher: Bencher) {
    let data = support::data_with_people(10_000, 2_000);
    let ladder = Ladder::embedded();
    let _ = Catalog::load(&data, &ladder);
    let catalog = Catalog::load(&data, &ladder).unwrap_or_default();
    bencher.bench_local(|| catalog.history(&ladder).records().len());
}

/// The old way, for comparison: every plan parsed in full, on one thread.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load_full_workbook(bencher: Bencher, n: usize) {
    let data = data(n);
    bencher.bench_local(|| {
        Workbook::load(&data, &overture::domain::Ladder::embedded()).map(|w| w.plans.len())
    });
}

/// The newest screenful, read directly: what a user interface can show before the rest is loaded.
#[divan::bench(args = SIZES, sample_count = 20)]
fn load_newest_60(bencher: Bencher, n: usize) {
    let data = data(n);
    let ladder = Ladder::embedded();
    bencher.bench_local(|| Catalog::load_newest(&data, &ladder, 60).map(|c| c.summaries.len()));
}

/// One full-text query through the search index, every plan's every word: what `overture list WORDS` runs once
/// and the workbook's filter runs on each keystroke.
#[divan::bench(args = ["okafor", "sepsis ward", "frc", "张伟", "zzzz", "o", "fortnight"], sample_count = 30)]
fn search_10k(bencher: Bencher, query: &str) {
    let (_, _, catalog) = warm(10_000);
    bencher.bench_local(|| catalog.filter_indexes(black_box(query)).map(|v| v.len()));
}

/// The same queries with a register of 2,000 people beside the 10,000 plans: each query word is also matched
/// against every person's words (compare with `search_10k`).
#[divan::bench(args = ["okafor", "sepsis ward", "frc", "zzzz", "o", "fortnight"], sample_count = 30)]
fn search_10k_with_2000_people(bencher: Bencher, query: &str) {
    let data = support::data_with_people(10_000, 2_000);
    let ladder = Ladder::embedded();
    let _ = Catalog::load(&data, &ladder);
    let catalog = Catalog::load(&data, &ladder).unwrap_or_default();
    bencher.bench_local(|| catalog.filter_indexes(black_box(query)).map(|v| v.len()));
}

/// What a full load adds for search with 2,000 people beside 10,000 plans: each person's words folded and each
/// plan's stakeholder found in the register (`PeopleText::new`).
#[divan::bench(sample_count = 20)]
fn register_words_with_2000_people(bencher: Bencher) {
    let data = support::data_with_people(10_000, 2_000);
    let ladder = Ladder::embedded();
    let _ = Catalog::load(&data, &ladder);
    let catalog = Catalog::load(&data, &ladder).unwrap_or_default();
    bencher.bench_local(|| {
        PeopleText::new(
            &catalog.register.people,
            catalog
                .summaries
                .iter()
                .map(|s| s.stakeholder().name.as_str()),
        )
        .is_empty()
    });
}

/// One query at each workbook size: the word list is the same size whatever the plans, the lists grow with
/// the matches.
#[divan::bench(args = growth(), sample_count = 20)]
fn search_okafor(bencher: Bencher, n: usize) {
    let (_, _, catalog) = warm(n);
    bencher.bench_local(|| catalog.search(black_box("okafor")).map(|h| h.count()));
}

/// A word deep in the notes of a few plans.
#[divan::bench(args = growth(), sample_count = 20)]
fn search_fortnight(bencher: Bencher, n: usize) {
    let (_, _, catalog) = warm(n);
    bencher.bench_local(|| catalog.search(black_box("fortnight")).map(|h| h.count()));
}

/// The stakeholder history and the stats, from summaries.
#[divan::bench(args = growth(), sample_count = 10)]
fn history_and_stats(bencher: Bencher, n: usize) {
    let (_, ladder, catalog) = warm(n);
    bencher.bench_local(|| {
        let history = catalog.history(&ladder);
        let stats = catalog.stats(&ladder);
        (history.records().len(), stats.plans)
    });
}

/// What `list` computes per plan beyond loading: the escalation rule for every plan, newest first.
#[divan::bench(args = SIZES, sample_count = 20)]
fn warnings_newest_first(bencher: Bencher, n: usize) {
    let (_, ladder, catalog) = warm(n);
    let history = catalog.history(&ladder);
    bencher.bench_local(|| {
        catalog
            .newest_first()
            .into_iter()
            .filter(|s| escalation::warning_for(&ladder, &history, *s).is_some())
            .count()
    });
}
