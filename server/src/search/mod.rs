//! The offer search engine, on tantivy: one code path over both databases, which stay the
//! source of truth.
//!
//! - [`analysis`]: French words to terms; [`synonyms`]: the data file of synonyms and
//!   acronyms; [`query`]: typed words to tantivy queries (typos, prefixes, synonyms);
//! - [`documents`]: what is read from the database; [`index`]: the tantivy index;
//!   [`live`]: filter values, words and titles kept beside it;
//! - [`sync`]: the index follows every write, of this process or another one;
//! - [`highlight`] and [`suggest`]: matched words as data, suggestions as you type.
//!
//! Ranking: each query word is scored (BM25) in every field, weighted title 4, métier 3,
//! entity 2, place and facts 1.5, body 1; a prefix counts half an exact match; words found
//! within two words of each other in the title or body add a proximity score. The offers
//! matched without any typo all rank above those found only through one; ties go to the
//! newest offer, then the highest id: a total order, so pages never overlap.

pub mod analysis;
pub mod documents;
pub mod highlight;
pub mod index;
pub mod live;
pub mod query;
pub mod suggest;
pub mod sync;
pub mod synonyms;

use chrono::NaiveDateTime;
use shared::search::{FacetCounts, OfferSearch, Sort};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicI64;
use std::sync::{RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, IndexReader, Score, SegmentOrdinal, SegmentReader};

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
    /// The last change of `search_changes` applied.
    applied: AtomicI64,
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

/// A match with what orders it.
#[derive(Clone, Copy)]
struct Candidate {
    id: i64,
    /// 2: matched without typo; 1: with typos; 0: by some of the words only.
    tier: u8,
    score: Score,
    published_at: NaiveDateTime,
}

/// Every matching document's offer id and score (the ranking and the filters are ours).
struct AllHits;

struct SegmentHits {
    ids: tantivy::columnar::Column<u64>,
    hits: Vec<(i64, Score)>,
}

impl Collector for AllHits {
    type Fruit = Vec<(i64, Score)>;
    type Child = SegmentHits;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHits> {
        Ok(SegmentHits {
            ids: reader.fast_fields().u64("id")?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(i64, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<(i64, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(id) = self.ids.first(doc) {
            self.hits.push((id as i64, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
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
            offers: live.facts.len(),
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
            applied: AtomicI64::new(applied),
            stats,
        })
    }

    fn live(&self) -> RwLockReadGuard<'_, Live> {
        self.live
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Matching offer ids with tier and score; `None` when the query has no word (all match).
    fn text_hits(&self, plan: &Plan, all: bool) -> DbResult<HashMap<i64, (u8, Score)>> {
        let searcher = self.reader.searcher();
        let mut hits: HashMap<i64, (u8, Score)> = HashMap::new();
        let passes: &[(bool, u8)] = if !all {
            &[(true, 0)]
        } else if plan.has_typo_budget() {
            &[(false, 2), (true, 1)]
        } else {
            &[(false, 2)]
        };
        for (tolerant, tier) in passes {
            let query = plan.query(&self.fields, *tolerant, all);
            for (id, score) in searcher.search(&query, &AllHits).map_err(engine_error)? {
                hits.entry(id).or_insert((*tier, score));
            }
        }
        Ok(hits)
    }

    /// The matches of `search` at `now`, among the offers published by `as_of`.
    fn candidates(
        &self,
        live: &Live,
        search: &OfferSearch,
        plan: Option<&Plan>,
        now: NaiveDateTime,
        as_of: NaiveDateTime,
    ) -> DbResult<(Vec<Candidate>, Option<Vec<FacetCounts>>)> {
        let filters = live.filters(search);
        let visible = |f: &live::OfferFacts| f.expires_at > now && f.published_at <= as_of;
        let run = |all: bool| -> DbResult<(Vec<Candidate>, Option<Vec<FacetCounts>>)> {
            let hits = match plan {
                Some(plan) => Some(self.text_hits(plan, all)?),
                None => None,
            };
            let matched: Vec<(i64, u8, Score, &live::OfferFacts, u8)> = match &hits {
                Some(hits) => hits
                    .iter()
                    .filter_map(|(id, (tier, score))| {
                        let facts = live.facts.get(id).filter(|f| visible(f))?;
                        Some((*id, *tier, *score, facts, live.passes(facts, &filters)))
                    })
                    .collect(),
                None => live
                    .facts
                    .iter()
                    .filter(|(_, f)| visible(f))
                    .map(|(id, facts)| (*id, 2, 0.0, facts, live.passes(facts, &filters)))
                    .collect(),
            };
            let facets = (!search.facets.is_empty()).then(|| {
                live.count_facets(
                    &search.facets,
                    matched.iter().map(|(_, _, _, facts, bits)| (*facts, *bits)),
                )
            });
            let candidates = matched
                .iter()
                .filter(|(_, _, _, _, bits)| Live::all_pass(*bits))
                .map(|(id, tier, score, facts, _)| Candidate {
                    id: *id,
                    tier: *tier,
                    score: *score,
                    published_at: facts.published_at,
                })
                .collect();
            Ok((candidates, facets))
        };
        let (candidates, facets) = run(true)?;
        // No offer has every word: rank those with some of them (« développeur web »).
        if candidates.is_empty() && plan.is_some_and(|p| p.clauses.len() >= 2) {
            return run(false);
        }
        Ok((candidates, facets))
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
        let (mut candidates, facets) = self.candidates(&live, search, plan.as_ref(), now, as_of)?;
        let total = candidates.len() as i64;
        let newest = |a: &Candidate, b: &Candidate| {
            b.published_at
                .cmp(&a.published_at)
                .then_with(|| b.id.cmp(&a.id))
        };
        let order = |a: &Candidate, b: &Candidate| match search.effective_sort() {
            Sort::Relevance => b
                .tier
                .cmp(&a.tier)
                .then_with(|| b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                .then_with(|| newest(a, b)),
            Sort::Recent => newest(a, b),
        };
        let skip = match position {
            Some(Position::Offset(n)) => n as usize,
            Some(Position::After(at, id)) => {
                candidates.retain(|c| (c.published_at, c.id) < (at, id));
                0
            }
            None => 0,
        };
        let wanted = skip + limit + 1;
        if candidates.len() > wanted {
            candidates.select_nth_unstable_by(wanted - 1, order);
            candidates.truncate(wanted);
        }
        candidates.sort_by(order);
        let ids = candidates.iter().skip(skip).map(|c| c.id).collect();
        let did_you_mean = match (&plan, total) {
            (Some(_), 0) => self.did_you_mean(&live, search, now, as_of)?,
            _ => None,
        };
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
        let (found, _) = self.candidates(
            live,
            &OfferSearch {
                facets: Vec::new(),
                ..search.clone()
            },
            Some(&plan).filter(|p| !p.is_empty()),
            now,
            as_of,
        )?;
        Ok((!found.is_empty()).then_some(corrected))
    }

    /// The engine's view of the reference tables (for suggestions).
    pub fn with_live<T>(&self, read: impl FnOnce(&Live) -> T) -> T {
        read(&self.live())
    }
}

pub use sync::poll_changes;
