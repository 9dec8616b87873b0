//! How a save scales with the length of a plan: recording one attempt, editing one in the middle, and saving with
//! nothing changed, in plans of 2,000, 8,000 and 62,000 attempts (the last is about the loader's 4 MiB limit).
//! Each measures `format::render_update`, the whole of a save but the write to disk; `parse` is the load that
//! comes before it. Run with `cargo bench --bench save`; the numbers are recorded in docs/PERFORMANCE.md.

#[path = "../examples/gen/workbook.rs"]
mod workbook;

use std::path::Path;

use divan::{Bencher, black_box};
use overture::domain::{Attempt, Ladder, OutcomeResult, Plan};
use overture::store::{format, plan_file};

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [2_000, 8_000, 62_000];

fn loaded(n: usize) -> (String, Plan) {
    let text = workbook::plan_with_attempts(n, 1);
    let plan = match plan_file::parse(Path::new("big.toml"), &text, &Ladder::embedded()) {
        Ok(plan) => plan,
        Err(e) => panic!("the generated plan does not load: {e}"),
    };
    (text, plan)
}

/// `overture attempt`, or the workbook's record form: one more attempt at the end.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn record_attempt(bencher: Bencher, n: usize) {
    let (text, plan) = loaded(n);
    bencher
        .with_inputs(|| {
            let mut plan = plan.clone();
            plan.record_attempt(
                Attempt {
                    tactic: Ladder::embedded().resolve_text("coach"),
                    on: Some(jiff::civil::date(2026, 12, 4)),
                    result: Some(OutcomeResult::Compliance),
                    notes: "one more".into(),
                    from: String::new(),
                },
                jiff::Timestamp::from_second(1_790_000_000).unwrap_or_default(),
            );
            plan
        })
        .bench_local_refs(|plan| format::render_update(&text, plan).map(|t| t.len()));
}

/// The wizard changing the result of one try in the middle of the list.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn edit_one_attempt(bencher: Bencher, n: usize) {
    let (text, mut plan) = loaded(n);
    let middle = plan.attempts.len() / 2;
    if let Some(a) = plan.attempts.get_mut(middle) {
        a.notes = "changed in the middle".into();
    }
    bencher.bench_local(|| format::render_update(&text, black_box(&plan)).map(|t| t.len()));
}

/// Ctrl-S with nothing changed: the file comes back as it was.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn save_unchanged(bencher: Bencher, n: usize) {
    let (text, plan) = loaded(n);
    bencher.bench_local(|| format::render_update(&text, black_box(&plan)).map(|t| t.len()));
}

/// Reading the plan, which every save follows.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse(bencher: Bencher, n: usize) {
    let (text, _) = loaded(n);
    let ladder = Ladder::embedded();
    bencher
        .bench_local(|| plan_file::parse(Path::new("big.toml"), black_box(&text), &ladder).is_ok());
}
