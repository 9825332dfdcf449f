//! The search engine's own cost, without HTTP: builds the index from a database (as the
//! server does at start), then runs distinct searches — words a candidate types × filters —
//! asking for more offers than the cache of recent outcomes keeps, so that none comes from it,
//! and prints the time each took in the engine (`Core::find`), per word and overall.
//!
//! `search_cost DATABASE_URL [ROUNDS]` (after `server seed --offers 100000`);
//! `scripts/bench_search.sh` runs it. Under `perf record` (with several rounds), it shows
//! where a search's time goes.

use server::db::{DatabaseUrl, Db};
use shared::offer::{Experience, Remote};
use shared::search::OfferSearch;
use std::time::{Duration, Instant};

/// What candidates type, typos included (as `benches/distinct_searches.lua`).
const WORDS: &[&str] = &[
    "data",
    "developpeur",
    "développeuse",
    "chef de projet",
    "cybersécurité",
    "backend",
    "front-end",
    "devops",
    "administrateur systèmes",
    "réseau",
    "cloud",
    "python",
    "kubernetes",
    "product owner",
    "ux",
    "architecte",
    "rssi",
    "alternance",
    "télétravail",
    "paris",
    "dinum",
    "developeur",
    "chef de projt",
    "infrastructure",
    "données",
    "informaticien",
];

const REGIONS: &[Option<&str>] = &[None, Some("11"), Some("53"), Some("84")];
const REMOTES: &[Option<Remote>] = &[None, Some(Remote::Partial)];
const LEVELS: &[Option<Experience>] = &[None, Some(Experience::Junior)];

const UNCACHED: usize = server::search::cache::KEPT;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let url = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: search_cost DATABASE_URL"))?;
    let rounds: usize = match std::env::args().nth(2) {
        Some(n) => n.parse()?,
        None => 1,
    };
    let db = Db::connect(&DatabaseUrl::parse(&url)?, 2)?;
    let engine = db.search.current(&db).await?;
    println!(
        "index: {} offers, built in {} ms",
        engine.stats.offers,
        engine.stats.took.as_millis()
    );
    let now = chrono::Utc::now().naive_utc();
    let mut all = Vec::new();
    println!(
        "{:<26} {:>8} {:>8} {:>8}",
        "words", "p50 ms", "max ms", "matches"
    );
    for word in WORDS {
        let mut times = Vec::new();
        let mut matches = 0;
        for region in REGIONS.iter().cycle().take(REGIONS.len() * rounds) {
            for remote in REMOTES {
                for level in LEVELS {
                    let search = OfferSearch {
                        q: Some((*word).to_owned()),
                        region: region.map(str::to_owned),
                        remote: *remote,
                        experience: *level,
                        ..OfferSearch::default()
                    };
                    let started = Instant::now();
                    // One more than the cache keeps: this search is never reused.
                    let found = engine.find(&search, now, now, None, UNCACHED)?;
                    times.push(started.elapsed());
                    if region.is_none() && remote.is_none() && level.is_none() {
                        matches = found.total;
                    }
                }
            }
        }
        times.sort();
        println!(
            "{:<26} {:>8} {:>8} {:>8}",
            word,
            ms(percentile(&times, 0.5)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
            matches
        );
        all.extend(times);
    }
    all.sort();
    let total: Duration = all.iter().sum();
    println!(
        "{} distinct searches: mean {} ms, p50 {} ms, p99 {} ms",
        all.len(),
        ms(total / all.len() as u32),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99))
    );
    Ok(())
}
