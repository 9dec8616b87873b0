//! What both benchmarks share: the generated workbooks they run on.

#[path = "../../examples/gen/workbook.rs"]
mod workbook;

use std::fs;
use std::path::PathBuf;

use overture::store::DataDir;

/// A generated workbook of `n` plans in Cargo's target tmp folder (`target/tmp/workbook-N`), made on first use
/// and kept between runs (and between the two benchmarks).
pub fn data(n: usize) -> DataDir {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("workbook-{n}"));
    let data = DataDir::new(&root);
    let have = fs::read_dir(data.plans()).map_or(0, |d| d.count());
    if have != n {
        let _ = fs::remove_dir_all(&root);
        if let Err(e) = workbook::generate(&data, n, 1, false) {
            panic!("could not generate a workbook in {}: {e}", root.display());
        }
    }
    data
}

/// The sizes to show how cost grows at: 1,000 and 10,000 plans, and 50,000 and 100,000 when
/// `OVERTURE_BENCH_MAX` allows (generated once, about 10 s and 20 s, and kept in `target/tmp`).
#[allow(dead_code)]
pub fn growth() -> Vec<usize> {
    let max: usize = std::env::var("OVERTURE_BENCH_MAX")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(10_000);
    [1_000, 10_000, 50_000, 100_000]
        .into_iter()
        .filter(|&n| n <= max)
        .collect()
}

/// [`data`]'s workbook of `n` plans with a register of `people` people beside it (`target/tmp/workbook-N-P`), for
/// measuring what the register adds to a load.
#[allow(dead_code)] // used by the catalog bench, not the tui one
pub fn data_with_people(n: usize, people: usize) -> DataDir {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("workbook-{n}-{people}"));
    let data = DataDir::new(&root);
    let have = fs::read_dir(data.plans()).map_or(0, |d| d.count());
    let have_people = fs::read_dir(data.people()).map_or(0, |d| d.count());
    if have != n || have_people != people {
        let _ = fs::remove_dir_all(&root);
        let made = workbook::generate(&data, n, 1, false)
            .and_then(|_| workbook::generate_people(&data, n, people, 1));
        if let Err(e) = made {
            panic!("could not generate a workbook in {}: {e}", root.display());
        }
    }
    data
}
