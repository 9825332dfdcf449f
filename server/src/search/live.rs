//! What the engine keeps in memory beside the tantivy index: each public offer's filter
//! values and dates (filters, facets and the freshness order are computed from them, in
//! one pass over the matches), the words of the catalogue (« Vouliez-vous dire »), and the
//! names the suggestions come from.

use chrono::NaiveDateTime;
use shared::search::{Facet, FacetCounts, FacetValue, OfferSearch};
use std::collections::HashMap;

use super::analysis;
use super::documents::{OfferDocument, Reference};

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

/// A public offer's facts.
pub struct OfferFacts {
    pub published_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub values: [u32; FACETS],
    /// The entity and its ancestors.
    pub entity_path: Vec<u32>,
    pub title: String,
}

/// One distinct title of the open offers, for suggestions.
pub struct TitleEntry {
    pub offers: i64,
    pub terms: Vec<String>,
    pub words: Vec<String>,
}

#[derive(Default)]
pub struct Live {
    pub facts: HashMap<i64, OfferFacts>,
    pub interner: Interner,
    pub titles: HashMap<String, TitleEntry>,
    /// Folded word → (the word as written, lowercased; occurrences).
    pub vocabulary: HashMap<String, (String, u32)>,
    pub reference: Reference,
}

/// The filters of a search, as codes. `None` inside: that filter matches nothing.
pub struct Filters {
    wanted: [Option<Option<u32>>; FACETS],
}

/// Bits of the filters an offer passes.
const ALL_PASS: u8 = 0xff;

impl Live {
    pub fn put(&mut self, id: i64, doc: Option<&OfferDocument>) {
        if let Some(old) = self.facts.remove(&id) {
            if let Some(entry) = self.titles.get_mut(&old.title) {
                entry.offers -= 1;
                if entry.offers <= 0 {
                    self.titles.remove(&old.title);
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
        let entity_path = doc
            .entity_path
            .iter()
            .map(|(slug, name)| self.interner.intern(entity, slug, name))
            .collect();
        self.titles
            .entry(doc.title.clone())
            .or_insert_with(|| TitleEntry {
                offers: 0,
                terms: analysis::term_texts(&doc.title),
                words: analysis::analyze(&doc.title)
                    .into_iter()
                    .map(|t| t.word)
                    .collect(),
            })
            .offers += 1;
        for text in [&doc.title, &doc.metier, &doc.entity, &doc.place, &doc.facts] {
            self.learn_words(text);
        }
        self.facts.insert(
            id,
            OfferFacts {
                published_at: doc.published_at,
                expires_at: doc.expires_at,
                values,
                entity_path,
                title: doc.title.clone(),
            },
        );
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
        let wanted = |facet: Facet, value: Option<&str>| {
            value.map(|v| self.interner.code(facet_index(facet), v))
        };
        let mut filters = Filters {
            wanted: [None; FACETS],
        };
        for facet in Facet::all() {
            filters.wanted[facet_index(facet)] = wanted(
                facet,
                match facet {
                    Facet::Region => search.region.as_deref(),
                    Facet::Departement => search.departement.as_deref(),
                    Facet::Contract => search.contract.as_ref().map(|c| c.as_ref()),
                    Facet::Remote => search.remote.as_ref().map(|r| r.as_ref()),
                    Facet::Experience => search.experience.as_ref().map(|e| e.as_ref()),
                    Facet::Family => search.family.as_deref(),
                    Facet::Metier => search.metier.as_deref(),
                    Facet::Entity => search.entity.as_deref(),
                },
            );
        }
        filters
    }

    /// The bit of each filter `facts` passes.
    pub fn passes(&self, facts: &OfferFacts, filters: &Filters) -> u8 {
        let entity = facet_index(Facet::Entity);
        let mut bits = 0u8;
        for (i, wanted) in filters.wanted.iter().enumerate() {
            let pass = match wanted {
                None => true,
                Some(None) => false,
                Some(Some(code)) if i == entity => facts.entity_path.contains(code),
                Some(Some(code)) => facts.values[i] == *code,
            };
            if pass {
                bits |= 1 << i;
            }
        }
        bits
    }

    /// Whether every filter passes.
    pub fn all_pass(bits: u8) -> bool {
        bits == ALL_PASS
    }

    /// Counts `facets` over the offers given with their filter bits: each facet's value
    /// counts an offer that passes every other filter.
    pub fn count_facets<'a>(
        &self,
        facets: &[Facet],
        offers: impl Iterator<Item = (&'a OfferFacts, u8)>,
    ) -> Vec<FacetCounts> {
        let mut counts: Vec<HashMap<u32, i64>> = vec![HashMap::new(); facets.len()];
        for (facts, bits) in offers {
            for (slot, facet) in facets.iter().enumerate() {
                let i = facet_index(*facet);
                if bits | (1 << i) == ALL_PASS {
                    *counts[slot].entry(facts.values[i]).or_default() += 1;
                }
            }
        }
        facets
            .iter()
            .zip(counts)
            .map(|(facet, counts)| {
                let mut values: Vec<FacetValue> = counts
                    .into_iter()
                    .filter_map(|(code, count)| {
                        let (_, value, label) = self.interner.values.get(code as usize)?;
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
