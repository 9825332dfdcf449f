//! Solves generated instances and writes each, with the matcher's result and time, as JSON for
//! `benches/scipy_compare.py` (SciPy's `linear_sum_assignment` on the same cost matrix).
//!
//! cargo run --release -p matching --example export -- national <seed> <file>
//! cargo run --release -p matching --example export -- random <count> <seed> <dir>

use std::time::Instant;

use matching::generate::{instance, Shape};
use matching::{compatible_pairs, solve, Instance, MAX_SCORE};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn export(instance: &Instance, path: &str) -> std::io::Result<()> {
    let started = Instant::now();
    let outcome = solve(instance, |_| {});
    let seconds = started.elapsed().as_secs_f64();
    let pairs: Vec<_> = compatible_pairs(instance)
        .into_iter()
        .map(|(s, a, pairing)| (s, a, pairing.score))
        .collect();
    let document = to_json(
        instance,
        &pairs,
        outcome.duos.len(),
        outcome.total_score,
        seconds,
    );
    std::fs::write(path, document)
}

/// Hand-written JSON: the example stays free of serde_json (a dev-dependency only for tests).
fn to_json(
    instance: &Instance,
    pairs: &[(usize, usize, u32)],
    duos: usize,
    score: u64,
    seconds: f64,
) -> String {
    let capacities: Vec<String> = instance
        .ambassadors
        .iter()
        .map(|a| a.capacity.to_string())
        .collect();
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(s, a, score)| format!("[{s},{a},{score}]"))
        .collect();
    format!(
        "{{\"students\":{},\"capacities\":[{}],\"max_score\":{MAX_SCORE},\"pairs\":[{}],\"rust\":{{\"duos\":{duos},\"score\":{score},\"seconds\":{seconds}}}}}",
        instance.students.len(),
        capacities.join(","),
        pairs.join(","),
    )
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| args.get(i).and_then(|a| a.parse::<u64>().ok()).unwrap_or(1);
    match args.first().map(String::as_str) {
        Some("national") => {
            let path = args
                .get(2)
                .map_or("target/bench/national.json", String::as_str);
            export(&instance(number(1), Shape::NATIONAL), path)
        }
        Some("random") => {
            let dir = args.get(3).map_or("target/matching-check", String::as_str);
            std::fs::create_dir_all(dir)?;
            let mut rng = ChaCha8Rng::seed_from_u64(number(2));
            for index in 0..number(1) {
                let shape = Shape {
                    students: rng.random_range(1..120),
                    ambassadors: rng.random_range(1..60),
                    metiers: rng.random_range(2..12),
                    ministries: 5,
                    max_capacity: rng.random_range(1..=3),
                };
                export(
                    &instance(rng.random(), shape),
                    &format!("{dir}/instance-{index:04}.json"),
                )?;
            }
            Ok(())
        }
        _ => {
            eprintln!("usage: export national <seed> <file> | export random <count> <seed> <dir>");
            std::process::exit(2)
        }
    }
}
