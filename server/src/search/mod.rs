//! The offer search engine, on tantivy: one code path over both databases, which stay the
//! source of truth.
//!
//! - [`analysis`]: French words to terms; [`synonyms`]: the data file of synonyms and
//!   acronyms; [`query`]: typed words to tantivy queries (typos, prefixes, synonyms);
//! - [`documents`]: what is read from the database; [`index`]: the tantivy index;
//!   [`live`]: filter values, words and titles kept beside it; [`segments`]: each segment's
//!   documents as slots of that table;
//! - [`sync`]: the index follows every write, of this process or another one;
//! - [`highlight`] and [`suggest`]: matched words as data, suggestions as you type;
//! - [`cache`]: recent searches' outcomes, reused for a few seconds.
//!
//! Ranking: each query word is scored (BM25) in every field, weighted title 4, métier 3,
//! entity 2, place and facts 1.5, body 1; a prefix counts half an exact match; words found
//! within two words of each other in the title or body add a proximity score. The offers
//! matched without any typo all rank above those found only through one; ties go to the
//! newest offer, then the highest id: a total order, so pages never overlap.

pub mod analysis;
pub mod cache;
pub mod documents;
pub mod highlight;
pub mod index;
pub mod live;
pub mod query;
pub mod segments;
pub mod suggest;
pub mod sync;
pub mod synonyms;

use chrono::NaiveDateTime;
use shared::search::{FacetCounts, OfferSearch, Sort};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicU64};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};
use tantivy::query::EnableScoring;
use tantivy::{BitSet, IndexReader, Score};

use crate::db::{Db, DbError, DbResult};
use documents::{OfferDocument, Reference};
use index::{Fields, OfferIndex};
use live::Live;
use query::{Patterns, Plan};

/// Where the index lives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Storage {
    #[default]
    Memory,
    /// A folder, emptied and rebuilt at start.
    Dir(PathBuf),
}

impl Storage {
    /// `memory`, or a folder.
    pub fn parse(value: &str) -> Self {
        match value {
            "memory" | "" => Storage::Memory,
            dir => Storage::Dir(PathBuf::from(dir)),
        }
    }
}

/// The engine of one server process. Built from the database at start (or at the first
/// search, in tests), then kept up to date by [`sync`].
pub struct SearchEngine {
    storage: Storage,
    core: tokio::sync::OnceCell<Core>,
}

/// The built engine.
pub struct Core {
    fields: Fields,
    reader: IndexReader,
    writer: tokio::sync::Mutex<sync::Writer>,
    live: RwLock<Live>,
    slots: segments::SegmentSlots,
    /// The last change of `search_changes` applied.
    applied: AtomicI64,
    /// The last read of the log's end, shared by the searches that arrive together.
    checked: sync::LastCheck,
    /// Bumped whenever the index or the facts change: cached outcomes of older ones are stale.
    generation: AtomicU64,
    outcomes: cache::ResultCache<cache::Outcome>,
    /// Whole pages of results, made by `db::offers::search_offers`.
    pub pages: cache::ResultCache<shared::search::OfferPage>,
    /// Suggestions by what was typed: every visitor types the same first letters.
    suggestions: cache::ResultCache<shared::search::Suggestions>,
    /// The métier families with their open offers, made by `db::metiers::list_families`.
    pub families: cache::Memo<Vec<shared::metier::MetierFamily>>,
    /// The régions with their départements, made by `db::geo::list_regions`.
    pub regions: cache::Memo<Vec<shared::geo::Region>>,
    pub stats: BuildStats,
}

/// How the index was built, for logs and the bench.
#[derive(Debug, Clone, Copy)]
pub struct BuildStats {
    pub offers: usize,
    pub took: Duration,
}

pub fn engine_error(err: tantivy::TantivyError) -> DbError {
    DbError::Unavailable(format!("search index: {err}"))
}

impl SearchEngine {
    pub fn new(storage: Storage) -> Self {
        Self {
            storage,
            core: tokio::sync::OnceCell::new(),
        }
    }

    /// The engine, built on first use.
    pub async fn core(&self, db: &Db) -> DbResult<&Core> {
        self.core
            .get_or_try_init(|| Core::build(db, &self.storage))
            .await
    }

    /// The engine, up to date with every change committed so far.
    pub async fn current(&self, db: &Db) -> DbResult<&Core> {
        let core = self.core(db).await?;
        core.catch_up(db).await?;
        Ok(core)
    }
}

/// Where a page starts.
#[derive(Debug, Clone, Copy)]
pub enum Position {
    /// Rank among the matches (relevance order).
    Offset(u32),
    /// After this (published_at, id) (recent order).
    After(NaiveDateTime, i64),
}

/// One page of matches.
pub struct Found {
    /// The page's offers, in order, with one more when a next page exists.
    pub ids: Vec<i64>,
    pub total: i64,
    pub facets: Option<Vec<FacetCounts>>,
    /// The words to highlight, when a text was searched.
    pub patterns: Option<Patterns>,
    pub did_you_mean: Option<String>,
}

/// A match of the words: the offer's slot in [`Live`], how it matched, its score.
struct Hit {
    slot: u32,
    tier: u8,
    score: Score,
}

/// Matches handed over at a time: their facts (64 bytes each) stay in the L1 cache.
const HIT_BATCH: usize = 256;

/// Reads a batch's facts before the tally does, in a loop of independent loads the
/// processor runs side by side: one cache miss per match, met one at a time as the tally
/// reads them, was a third of a search's time.
fn touch_facts(live: &Live, hits: &[Hit]) {
    let open = hits
        .iter()
        .filter(|hit| live.facts(hit.slot as usize).open)
        .count();
    std::hint::black_box(open);
}

/// What orders a match; greater ranks first. In the recent order salary, tier and score are
/// 0, so the date and then the id decide: a total order, pages never overlap. In the salary
/// order the salary comes first, then relevance (with words) and freshness; in the
/// relevance order the salary is 0.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    salary: i32,
    /// 2: matched without typo; 1: with typos; 0: by some of the words only.
    tier: u8,
    score: Score,
    published_micros: i64,
    id: i64,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.salary
            .cmp(&other.salary)
            .then_with(|| self.tier.cmp(&other.tier))
            .then_with(|| self.score.total_cmp(&other.score))
            .then_with(|| self.published_micros.cmp(&other.published_micros))
            .then_with(|| self.id.cmp(&other.id))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// One pass over the matches of a search: how many pass every filter, the facets, and the
/// `keep` best in a bounded heap — no list of every match is built or sorted (at 100,000
/// offers, sorting 30,000 matches took most of a search's time).
struct Tally {
    total: i64,
    facets: Option<live::FacetTally>,
    best: BinaryHeap<Reverse<Ranked>>,
    keep: usize,
    /// Only matches ranked below this one are kept (the recent order's cursor).
    below: Option<Ranked>,
}

impl Tally {
    fn add(&mut self, facts: &live::OfferFacts, bits: u8, ranked: Ranked) {
        if let Some(facets) = &mut self.facets {
            facets.add(facts, bits);
        }
        if !Live::all_pass(bits) {
            return;
        }
        self.total += 1;
        if self.below.is_some_and(|below| ranked >= below) || self.keep == 0 {
            return;
        }
        if self.best.len() < self.keep {
            self.best.push(Reverse(ranked));
        } else if self
            .best
            .peek()
            .is_some_and(|Reverse(worst)| ranked > *worst)
        {
            self.best.pop();
            self.best.push(Reverse(ranked));
        }
    }
}

impl Core {
    async fn build(db: &Db, storage: &Storage) -> DbResult<Self> {
        let started = Instant::now();
        // Changes logged from now on are applied after the build, whatever it read.
        let applied = sync::latest_change(db).await?;
        let reference = Reference::load(db).await?;
        let dir = match storage {
            Storage::Memory => None,
            Storage::Dir(dir) => Some(dir.as_path()),
        };
        let (mut index, fields) = OfferIndex::create(dir).map_err(engine_error)?;
        let mut live = Live::default();
        let mut after = 0;
        loop {
            let batch = documents::load_published(db, after, 2_000).await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for offer in batch {
                let id = offer.id;
                let doc = OfferDocument::new(offer, &reference);
                index.add(doc.as_ref()).map_err(engine_error)?;
                live.put(id, doc.as_ref());
            }
        }
        index.commit().map_err(engine_error)?;
        live.reference = reference;
        let stats = BuildStats {
            offers: live.open_offers(),
            took: started.elapsed(),
        };
        tracing::info!(
            offers = stats.offers,
            took_ms = stats.took.as_millis() as u64,
            "search index built"
        );
        Ok(Self {
            fields,
            reader: index.reader.clone(),
            writer: tokio::sync::Mutex::new(sync::Writer::new(index, applied)),
            live: RwLock::new(live),
            slots: segments::SegmentSlots::default(),
            applied: AtomicI64::new(applied),
            checked: sync::LastCheck::default(),
            generation: AtomicU64::new(0),
            outcomes: cache::ResultCache::default(),
            pages: cache::ResultCache::default(),
            suggestions: cache::ResultCache::default(),
            families: cache::Memo::default(),
            regions: cache::Memo::default(),
            stats,
        })
    }

    fn live(&self) -> RwLockReadGuard<'_, Live> {
        self.live
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Calls `visit` with the matching offers' slots, tiers and scores, a batch at a time:
    /// with `all`, the offers with every word, those found without typo (tier 2), then
    /// those found only through one (tier 1); without, those with any of the words (tier 0).
    /// Segment by segment, straight from tantivy's scorers: no list of every match is built.
    fn text_hits(
        &self,
        live: &Live,
        plan: &Plan,
        all: bool,
        mut visit: impl FnMut(&[Hit]),
    ) -> DbResult<()> {
        let searcher = self.reader.searcher();
        let weight = |tolerant: bool| {
            plan.query(&self.fields, tolerant, all)
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .map_err(engine_error)
        };
        let passes = if !all {
            vec![(weight(true)?, 0)]
        } else if plan.has_typo_budget() {
            vec![(weight(false)?, 2), (weight(true)?, 1)]
        } else {
            vec![(weight(false)?, 2)]
        };
        let mut batch = Vec::with_capacity(HIT_BATCH);
        self.slots.keep_only(searcher.segment_readers());
        for reader in searcher.segment_readers() {
            let slots = self.slots.of(live, reader).map_err(engine_error)?;
            let alive = reader.alive_bitset();
            // The documents of the exact pass, which the tolerant one finds again.
            let mut seen = BitSet::with_max_value(reader.max_doc());
            for (weight, tier) in &passes {
                weight
                    .for_each(reader, &mut |doc, score| {
                        if alive.is_some_and(|a| a.is_deleted(doc)) || seen.contains(doc) {
                            return;
                        }
                        seen.insert(doc);
                        let slot = slots[doc as usize];
                        if slot != segments::NO_SLOT {
                            batch.push(Hit {
                                slot,
                                tier: *tier,
                                score,
                            });
                            if batch.len() == HIT_BATCH {
                                touch_facts(live, &batch);
                                visit(&batch);
                                batch.clear();
                            }
                        }
                    })
                    .map_err(engine_error)?;
            }
        }
        touch_facts(live, &batch);
        visit(&batch);
        Ok(())
    }

    /// Tallies the matches of `search` at `now`, among the offers published by `as_of`.
    #[allow(clippy::too_many_arguments)]
    fn tally(
        &self,
        live: &Live,
        search: &OfferSearch,
        plan: Option<&Plan>,
        now: NaiveDateTime,
        as_of: NaiveDateTime,
        keep: usize,
        below: Option<Ranked>,
    ) -> DbResult<Tally> {
        let filters = live.filters(search);
        let sort = search.effective_sort();
        let by_relevance = sort != Sort::Recent;
        let by_salary = sort == Sort::Salary;
        let (now, as_of) = (live::micros(now), live::micros(as_of));
        let run = |all: bool| -> DbResult<Tally> {
            let mut tally = Tally {
                total: 0,
                facets: (!search.facets.is_empty()).then(|| live.facet_tally(&search.facets)),
                best: BinaryHeap::with_capacity(keep + 1),
                keep,
                below,
            };
            let mut add = |slot: usize, facts: &live::OfferFacts, tier: u8, score: Score| {
                if !facts.visible(now, as_of) {
                    return;
                }
                let ranked = Ranked {
                    salary: if by_salary { facts.salary } else { 0 },
                    tier: if by_relevance { tier } else { 0 },
                    score: if by_relevance { score } else { 0.0 },
                    published_micros: facts.published_micros,
                    id: facts.id,
                };
                tally.add(facts, live.passes(slot, facts, &filters), ranked);
            };
            match plan {
                Some(plan) => self.text_hits(live, plan, all, |hits| {
                    for hit in hits {
                        let slot = hit.slot as usize;
                        add(slot, live.facts(slot), hit.tier, hit.score);
                    }
                })?,
                None => {
                    for (slot, facts) in live.all() {
                        add(slot, facts, 2, 0.0);
                    }
                }
            }
            Ok(tally)
        };
        let tally = run(true)?;
        // No offer has every word: rank those with some of them (« développeur web »).
        if tally.total == 0 && plan.is_some_and(|p| p.clauses.len() >= 2) {
            return run(false);
        }
        Ok(tally)
    }

    /// One page of `search`: `limit` offers (and one more when a next page exists).
    pub fn find(
        &self,
        search: &OfferSearch,
        now: NaiveDateTime,
        as_of: NaiveDateTime,
        position: Option<Position>,
        limit: usize,
    ) -> DbResult<Found> {
        let live = self.live();
        let plan = search.q.as_deref().map(Plan::new).filter(|p| !p.is_empty());
        let (skip, below) = match position {
            Some(Position::Offset(n)) => (n as usize, None),
            Some(Position::After(at, id)) => (
                0,
                Some(Ranked {
                    salary: 0,
                    tier: 0,
                    score: 0.0,
                    published_micros: live::micros(at),
                    id,
                }),
            ),
            None => (0, None),
        };
        let wanted = skip + limit + 1;
        // The first pages of a search are reused (the recent order's later pages start
        // after a date, and go on from the database's current state).
        let cacheable = below.is_none() && wanted <= cache::KEPT;
        let key = cache::key(search);
        let generation = self.generation();
        let outcome = match self.outcomes.get(&key, generation).filter(|_| cacheable) {
            Some(outcome) => outcome,
            None => {
                let keep = if cacheable { cache::KEPT } else { wanted };
                let tally = self.tally(&live, search, plan.as_ref(), now, as_of, keep, below)?;
                let total = tally.total;
                let outcome = Arc::new(cache::Outcome {
                    total,
                    facets: tally.facets.map(|t| live.facet_counts(t)),
                    // Best first.
                    ids: tally
                        .best
                        .into_sorted_vec()
                        .into_iter()
                        .map(|Reverse(r)| r.id)
                        .collect(),
                    did_you_mean: match (&plan, total) {
                        (Some(_), 0) => self.did_you_mean(&live, search, now, as_of)?,
                        _ => None,
                    },
                });
                if cacheable {
                    self.outcomes.put(key, generation, outcome.clone());
                }
                outcome
            }
        };
        let ids = outcome
            .ids
            .iter()
            .skip(skip)
            .take(limit + 1)
            .copied()
            .collect();
        let (total, facets, did_you_mean) = (
            outcome.total,
            outcome.facets.clone(),
            outcome.did_you_mean.clone(),
        );
        Ok(Found {
            ids,
            total,
            facets,
            patterns: plan.map(|p| p.patterns()),
            did_you_mean,
        })
    }

    /// A spelling of `search.q` with each unknown word replaced by the closest known one,
    /// when that finds offers.
    fn did_you_mean(
        &self,
        live: &Live,
        search: &OfferSearch,
        now: NaiveDateTime,
        as_of: NaiveDateTime,
    ) -> DbResult<Option<String>> {
        let q = search.q.as_deref().unwrap_or_default();
        let mut corrected = String::new();
        let mut last = 0;
        let mut changed = false;
        for term in analysis::analyze(q) {
            if let Some(word) = live.closest_word(&term.word) {
                corrected.push_str(&q[last..term.from]);
                corrected.push_str(word);
                last = term.to;
                changed = true;
            }
        }
        if !changed {
            return Ok(None);
        }
        corrected.push_str(&q[last..]);
        let plan = Plan::new(&corrected);
        let found = self.tally(
            live,
            &OfferSearch {
                facets: Vec::new(),
                ..search.clone()
            },
            Some(&plan).filter(|p| !p.is_empty()),
            now,
            as_of,
            0,
            None,
        )?;
        Ok((found.total > 0).then_some(corrected))
    }

    /// The index's version: it changes with every change applied.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// The engine's view of the reference tables.
    pub fn with_live<T>(&self, read: impl FnOnce(&Live) -> T) -> T {
        read(&self.live())
    }

    /// The suggestions for `q` (reused, like a search's outcome, until the index changes
    /// or they are [`cache::TTL`] old).
    pub fn suggest(&self, q: &str) -> Arc<shared::search::Suggestions> {
        let generation = self.generation();
        if let Some(kept) = self.suggestions.get(q, generation) {
            return kept;
        }
        let made = Arc::new(suggest::suggest(&self.live(), q));
        self.suggestions.put(q.to_owned(), generation, made.clone());
        made
    }
}

pub use sync::poll_changes;
