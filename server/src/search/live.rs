//! What the engine keeps in memory beside the tantivy index: each public offer's filter
//! values and dates (filters, facets and the freshness order are computed from them, in
//! one pass over the matches), the words of the catalogue (« Vouliez-vous dire »), and the
//! names the suggestions come from.

use chrono::NaiveDateTime;
use rustc_hash::FxHashMap;
use shared::search::{Facet, FacetCounts, FacetValue, OfferSearch};
use std::collections::HashMap;

use super::analysis;
use super::documents::{OfferDocument, Reference};
use super::suggest::NameWords;

pub const FACETS: usize = 8;

fn facet_index(facet: Facet) -> usize {
    Facet::all().position(|f| f == facet).unwrap_or_default()
}

/// Facet values as small numbers.
#[derive(Default)]
pub struct Interner {
    codes: HashMap<(usize, String), u32>,
    /// Facet, value, label.
    values: Vec<(usize, String, String)>,
}

impl Interner {
    fn intern(&mut self, facet: usize, value: &str, label: &str) -> u32 {
        let key = (facet, value.to_owned());
        match self.codes.get(&key) {
            Some(code) => {
                self.values[*code as usize].2 = label.to_owned();
                *code
            }
            None => {
                let code = self.values.len() as u32;
                self.values
                    .push((facet, value.to_owned(), label.to_owned()));
                self.codes.insert(key, code);
                code
            }
        }
    }

    fn code(&self, facet: usize, value: &str) -> Option<u32> {
        self.codes.get(&(facet, value.to_owned())).copied()
    }
}

/// A public offer's facts: small and inline, in one dense table that a search walks (at
/// 100,000 offers, walking a hash map of larger records was most of a filter-only search).
#[derive(Clone, Copy)]
pub struct OfferFacts {
    pub id: i64,
    /// Dates in microseconds: what the visibility and the freshness order compare.
    pub published_micros: i64,
    pub expires_micros: i64,
    /// The top of the salary range in euros; -1 without one (last in the salary order).
    pub salary: i32,
    pub values: [u32; FACETS],
    /// False once the offer left the index (its slot is not reused).
    pub open: bool,
}

impl OfferFacts {
    /// Published by `as_of` and not expired at `now` (microseconds).
    pub fn visible(&self, now: i64, as_of: i64) -> bool {
        self.open && self.expires_micros > now && self.published_micros <= as_of
    }
}

/// Microseconds since the epoch, as [`OfferFacts`] keeps dates.
pub fn micros(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp_micros()
}

/// One distinct title of the open offers, for suggestions.
pub struct TitleEntry {
    pub offers: i64,
    pub words: NameWords,
}

#[derive(Default)]
pub struct Live {
    /// Every offer ever indexed, by slot.
    facts: Vec<OfferFacts>,
    /// By slot: the entity and its ancestors (the entity filter), and the title.
    entity_paths: Vec<Vec<u32>>,
    slot_titles: Vec<String>,
    /// Offer id → slot (a search reads its matches' slots from [`super::segments`]).
    slots: FxHashMap<i64, u32>,
    open: usize,
    pub interner: Interner,
    pub titles: HashMap<String, TitleEntry>,
    /// Folded word → (the word as written, lowercased; occurrences).
    pub vocabulary: HashMap<String, (String, u32)>,
    pub reference: Reference,
}

/// The filters a search sets, as (facet index, value code); no code: that filter matches
/// nothing (an unknown value).
pub struct Filters {
    active: Vec<(usize, Option<u32>)>,
    entity: usize,
}

/// Bits of the filters an offer passes.
const ALL_PASS: u8 = 0xff;

/// Facet counts being made: per facet asked, a count per value code (codes are small and
/// dense: a few hundred values in all), so counting a match is an array increment.
pub struct FacetTally {
    facets: Vec<Facet>,
    counts: Vec<Vec<i64>>,
}

impl FacetTally {
    /// Counts an offer under each facet whose other filters it passes (`bits`).
    pub fn add(&mut self, facts: &OfferFacts, bits: u8) {
        for (slot, facet) in self.facets.iter().enumerate() {
            let i = facet_index(*facet);
            if bits | (1 << i) == ALL_PASS {
                self.counts[slot][facts.values[i] as usize] += 1;
            }
        }
    }
}

impl Live {
    pub fn put(&mut self, id: i64, doc: Option<&OfferDocument>) {
        let slot = match self.slots.get(&id) {
            Some(slot) => *slot as usize,
            None => {
                self.slots.insert(id, self.facts.len() as u32);
                self.facts.push(OfferFacts {
                    id,
                    published_micros: 0,
                    expires_micros: 0,
                    salary: -1,
                    values: [0; FACETS],
                    open: false,
                });
                self.entity_paths.push(Vec::new());
                self.slot_titles.push(String::new());
                self.facts.len() - 1
            }
        };
        if self.facts[slot].open {
            self.facts[slot].open = false;
            self.open -= 1;
            let old = std::mem::take(&mut self.slot_titles[slot]);
            if let Some(entry) = self.titles.get_mut(&old) {
                entry.offers -= 1;
                if entry.offers <= 0 {
                    self.titles.remove(&old);
                }
            }
        }
        let Some(doc) = doc else { return };
        let mut values = [0u32; FACETS];
        for (facet, value, label) in &doc.facets {
            let i = facet_index(*facet);
            values[i] = self.interner.intern(i, value, label);
        }
        let entity = facet_index(Facet::Entity);
        self.entity_paths[slot] = doc
            .entity_path
            .iter()
            .map(|(slug, name)| self.interner.intern(entity, slug, name))
            .collect();
        self.titles
            .entry(doc.title.clone())
            .or_insert_with(|| TitleEntry {
                offers: 0,
                words: NameWords::of(&doc.title),
            })
            .offers += 1;
        for text in [&doc.title, &doc.metier, &doc.entity, &doc.place, &doc.facts] {
            self.learn_words(text);
        }
        self.slot_titles[slot] = doc.title.clone();
        self.facts[slot] = OfferFacts {
            id,
            published_micros: micros(doc.published_at),
            expires_micros: micros(doc.expires_at),
            salary: doc.salary_max.unwrap_or(-1),
            values,
            open: true,
        };
        self.open += 1;
    }

    /// How many offers are in the index.
    pub fn open_offers(&self) -> usize {
        self.open
    }

    /// The slot of offer `id`, if it was ever indexed.
    pub fn slot(&self, id: i64) -> Option<u32> {
        self.slots.get(&id).copied()
    }

    /// The facts of the offer in `slot`.
    pub fn facts(&self, slot: usize) -> &OfferFacts {
        &self.facts[slot]
    }

    /// Every slot and its facts (those no longer open included: check [`OfferFacts::visible`]).
    pub fn all(&self) -> impl Iterator<Item = (usize, &OfferFacts)> {
        self.facts.iter().enumerate()
    }

    /// Adds the words of `text` to the vocabulary « Vouliez-vous dire » draws from.
    pub fn learn_words(&mut self, text: &str) {
        for term in analysis::analyze(text) {
            if term.word.len() < 3 || term.word.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let entry = self
                .vocabulary
                .entry(term.word.clone())
                .or_insert_with(|| (text[term.from..term.to].to_lowercase(), 0));
            entry.1 += 1;
        }
    }

    pub fn filters(&self, search: &OfferSearch) -> Filters {
        let active = Facet::all()
            .filter_map(|facet| {
                let value = match facet {
                    Facet::Region => search.region.as_deref(),
                    Facet::Departement => search.departement.as_deref(),
                    Facet::Contract => search.contract.as_ref().map(|c| c.as_ref()),
                    Facet::Remote => search.remote.as_ref().map(|r| r.as_ref()),
                    Facet::Experience => search.experience.as_ref().map(|e| e.as_ref()),
                    Facet::Family => search.family.as_deref(),
                    Facet::Metier => search.metier.as_deref(),
                    Facet::Entity => search.entity.as_deref(),
                }?;
                let i = facet_index(facet);
                Some((i, self.interner.code(i, value)))
            })
            .collect();
        Filters {
            active,
            entity: facet_index(Facet::Entity),
        }
    }

    /// The bit of each filter the offer in `slot` passes (called for every match: only the
    /// filters set are looked at).
    pub fn passes(&self, slot: usize, facts: &OfferFacts, filters: &Filters) -> u8 {
        let mut bits = ALL_PASS;
        for &(i, wanted) in &filters.active {
            let pass = match wanted {
                None => false,
                Some(code) if i == filters.entity => self.entity_paths[slot].contains(&code),
                Some(code) => facts.values[i] == code,
            };
            if !pass {
                bits &= !(1 << i);
            }
        }
        bits
    }

    /// Whether every filter passes.
    pub fn all_pass(bits: u8) -> bool {
        bits == ALL_PASS
    }

    /// A tally of `facets`, to add the matches to one by one.
    pub fn facet_tally(&self, facets: &[Facet]) -> FacetTally {
        FacetTally {
            facets: facets.to_vec(),
            counts: vec![vec![0; self.interner.values.len()]; facets.len()],
        }
    }

    /// The counts of a tally, each facet's values the most frequent first.
    pub fn facet_counts(&self, tally: FacetTally) -> Vec<FacetCounts> {
        tally
            .facets
            .iter()
            .zip(tally.counts)
            .map(|(facet, counts)| {
                let mut values: Vec<FacetValue> = counts
                    .into_iter()
                    .enumerate()
                    .filter(|(_, count)| *count > 0)
                    .filter_map(|(code, count)| {
                        let (_, value, label) = self.interner.values.get(code)?;
                        Some(FacetValue {
                            value: value.clone(),
                            label: label.clone(),
                            count,
                        })
                    })
                    .collect();
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                FacetCounts {
                    facet: *facet,
                    values,
                }
            })
            .collect()
    }

    /// Open offers at `now` for each value of `facet` (a métier's slug…): counted in memory,
    /// where a `GROUP BY` read 100,000 rows per call.
    pub fn open_counts(&self, facet: Facet, now: NaiveDateTime) -> HashMap<String, i64> {
        let i = facet_index(facet);
        let mut counts = vec![0i64; self.interner.values.len()];
        let now = micros(now);
        for facts in &self.facts {
            if facts.visible(now, now) {
                counts[facts.values[i] as usize] += 1;
            }
        }
        counts
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .filter_map(|(code, n)| Some((self.interner.values.get(code)?.1.clone(), n)))
            .collect()
    }

    /// The closest known word to `word` (folded), within two edits, the most frequent first.
    pub fn closest_word(&self, word: &str) -> Option<&str> {
        if self.vocabulary.contains_key(word) || word.len() < 3 {
            return None;
        }
        let budget = if word.len() <= 4 { 1 } else { 2 };
        self.vocabulary
            .iter()
            .filter(|(known, _)| known.len().abs_diff(word.len()) <= budget)
            .map(|(known, (written, n))| (analysis::edit_distance(known, word), *n, written))
            .filter(|(d, _, _)| *d <= budget)
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)))
            .map(|(_, _, written)| written.as_str())
    }
}
