//! Writes a realistic workbook for trying overture at scale:
//! `cargo run --release --example gen -- --plans 10000 --dir /tmp/wb`, then `overture --data-dir /tmp/wb`.

mod workbook;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use overture::store::DataDir;

/// Generate a workbook of realistic plans (deterministic for a seed).
#[derive(Parser)]
struct Args {
    /// How many plans to write
    #[arg(long, default_value_t = 1000)]
    plans: usize,
    /// The data folder to write into (plans go into DIR/plans)
    #[arg(long, value_name = "DIR")]
    dir: PathBuf,
    /// Seed: the same seed writes the same plans
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many people to write into DIR/people (the register): the plans' people first, then others
    #[arg(long, default_value_t = 0)]
    people: usize,
    /// Save each plan as overture does, flushed to disk one by one (slow: ~6 ms a plan)
    #[arg(long)]
    durable: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let data = DataDir::new(&args.dir);
    if data
        .plans()
        .read_dir()
        .is_ok_and(|mut d| d.next().is_some())
    {
        eprintln!(
            "gen: {} is not empty; choose a new folder",
            data.plans().display()
        );
        return ExitCode::from(1);
    }
    let start = Instant::now();
    match workbook::generate(&data, args.plans, args.seed, args.durable) {
        Ok(w) => {
            println!(
                "wrote {} plans ({} KB, {} bytes each on average) to {} in {:.1} s",
                w.plans,
                w.bytes / 1024,
                w.bytes / w.plans.max(1) as u64,
                data.plans().display(),
                start.elapsed().as_secs_f64()
            );
            if args.people > 0 {
                match workbook::generate_people(&data, args.plans, args.people, args.seed) {
                    Ok(n) => println!("wrote {n} people to {}", data.people().display()),
                    Err(e) => {
                        eprintln!("gen: {e}");
                        return ExitCode::from(1);
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::from(1)
        }
    }
}
