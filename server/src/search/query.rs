//! From the words typed to tantivy queries, built term by term: what users type never
//! reaches a query parser, so `"`, `*`, `OR`, `-` or `field:` are just characters.
//!
//! A query is a list of clauses, all required; each clause is a typed word — matched
//! exactly, as a prefix (3+ letters) or, in the tolerant pass, with typos (1 edit from 5
//! letters, 2 from 9; never for words of 4 letters or fewer, acronyms typed in capitals or
//! words with digits) — or a run of words the synonyms file knows, which then also matches
//! its synonyms. Every term is looked up in every field, weighted by field.

use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::analysis::{self, edit_distance, typo_budget};
use super::index::{Fields, TextField};
use super::synonyms::{Phrase, SYNONYMS};

/// One typed word.
#[derive(Debug, Clone)]
pub struct Word {
    pub term: String,
    /// As typed, folded: its length sets the typo budget.
    pub folded: String,
    pub prefix: bool,
    pub typos: u8,
}

/// Words that must all match, or a synonym of the whole run.
#[derive(Debug, Clone)]
pub struct Clause {
    pub words: Vec<Word>,
    pub synonyms: Vec<Phrase>,
    /// Tolerant pass only: the synonyms of a known word one typo away.
    pub near_synonyms: Vec<Phrase>,
}

/// The analysed query.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub clauses: Vec<Clause>,
}

/// Relative weight of a prefix and of a fuzzy match against an exact one.
const PREFIX_WEIGHT: f32 = 0.5;
const FUZZY_WEIGHT: f32 = 0.3;
/// A synonym's match counts less than the word typed: « développeuse » ranks the offers
/// that say it above the « Tech lead » ones its family reaches.
const SYNONYM_WEIGHT: f32 = 0.4;
/// Weight of the words found next to each other (up to two words apart).
const PROXIMITY_WEIGHT: f32 = 2.0;
const PROXIMITY_SLOP: u32 = 2;

impl Plan {
    pub fn new(q: &str) -> Self {
        let terms = analysis::analyze(q);
        let texts: Vec<String> = terms.iter().map(|t| t.text.clone()).collect();
        let mut clauses = Vec::new();
        let mut i = 0;
        while i < terms.len() {
            let (n, synonyms) = SYNONYMS
                .longest_match(&texts[i..])
                .map(|(n, found)| (n, found.to_vec()))
                .unwrap_or((1, Vec::new()));
            let words = terms[i..i + n]
                .iter()
                .map(|t| {
                    let letters = t.word.chars().count();
                    let has_digit = t.word.bytes().any(|b| b.is_ascii_digit());
                    Word {
                        term: t.text.clone(),
                        folded: t.word.clone(),
                        prefix: !t.upper && letters >= 3 && !has_digit,
                        typos: if t.upper || has_digit {
                            0
                        } else {
                            typo_budget(letters)
                        },
                    }
                })
                .collect::<Vec<Word>>();
            let near_synonyms = match words.as_slice() {
                [word] if synonyms.is_empty() && word.typos > 0 => {
                    SYNONYMS.near(&word.term, word.typos)
                }
                _ => Vec::new(),
            };
            clauses.push(Clause {
                words,
                synonyms,
                near_synonyms,
            });
            i += n;
        }
        Self { clauses }
    }

    /// Only stop words (or nothing) were typed: every offer matches.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    pub fn has_typo_budget(&self) -> bool {
        self.words().any(|w| w.typos > 0)
    }

    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.clauses.iter().flat_map(|c| c.words.iter())
    }

    /// The tantivy query. `tolerant`: typos allowed; `all`: every clause required (else any).
    pub fn query(&self, index: &Fields, tolerant: bool, all: bool) -> Box<dyn Query> {
        let terms: Vec<&str> = self.words().map(|w| w.term.as_str()).collect();
        if let ([clause], 1) = (self.clauses.as_slice(), terms.len()) {
            // One word: its alternatives are the whole query.
            return clause_query(index, clause, tolerant);
        }
        let occur = if all { Occur::Must } else { Occur::Should };
        let mut parts: Ways = self
            .clauses
            .iter()
            .map(|clause| (occur, clause_query(index, clause, tolerant)))
            .collect();
        if terms.len() >= 2 {
            for field in [TextField::Title, TextField::Body] {
                let f = index.field(field);
                let mut phrase =
                    PhraseQuery::new(terms.iter().map(|t| Term::from_field_text(f, t)).collect());
                phrase.set_slop(PROXIMITY_SLOP);
                parts.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(phrase),
                        PROXIMITY_WEIGHT * field.weight(),
                    )),
                ));
            }
        }
        Box::new(BooleanQuery::new(parts))
    }

    /// What a highlighted word must be.
    pub fn patterns(&self) -> Patterns {
        let mut patterns = Patterns::default();
        for clause in &self.clauses {
            for word in &clause.words {
                patterns.exact.push(word.term.clone());
                if word.prefix {
                    patterns.prefixes.push(word.term.clone());
                }
                if word.typos > 0 {
                    patterns.fuzzy.push((word.term.clone(), word.typos));
                }
            }
            for phrase in clause.synonyms.iter().chain(&clause.near_synonyms) {
                patterns.exact.extend(phrase.iter().cloned());
            }
        }
        patterns
    }
}

/// Alternatives of a query: any may match, the scores of those that do add up.
type Ways = Vec<(Occur, Box<dyn Query>)>;

/// Any of `ways`. Alternatives are kept in one flat list: each level of nested
/// alternatives merges its children's matches again, and the sum is the same.
fn any(ways: Ways) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(ways))
}

fn in_every_field(
    index: &Fields,
    weight: f32,
    make: impl Fn(tantivy::schema::Field) -> Box<dyn Query>,
) -> Ways {
    TextField::ALL
        .iter()
        .map(|field| {
            let query: Box<dyn Query> = Box::new(BoostQuery::new(
                make(index.field(*field)),
                weight * field.weight(),
            ));
            (Occur::Should, query)
        })
        .collect()
}

/// The ways one typed word matches: exactly, as a prefix, with typos; in every field.
fn word_ways(index: &Fields, word: &Word, tolerant: bool) -> Ways {
    let term = word.term.clone();
    let mut ways = in_every_field(index, 1.0, |f| {
        Box::new(TermQuery::new(
            Term::from_field_text(f, &term),
            IndexRecordOption::WithFreqs,
        ))
    });
    if word.prefix {
        ways.extend(in_every_field(index, PREFIX_WEIGHT, |f| {
            Box::new(FuzzyTermQuery::new_prefix(
                Term::from_field_text(f, &term),
                0,
                false,
            ))
        }));
    }
    if tolerant && word.typos > 0 {
        ways.extend(in_every_field(index, FUZZY_WEIGHT, |f| {
            Box::new(FuzzyTermQuery::new(
                Term::from_field_text(f, &term),
                word.typos,
                true,
            ))
        }));
    }
    ways
}

fn phrase_ways(index: &Fields, phrase: &Phrase) -> Ways {
    in_every_field(index, SYNONYM_WEIGHT, |f| -> Box<dyn Query> {
        match phrase.as_slice() {
            [one] => Box::new(TermQuery::new(
                Term::from_field_text(f, one),
                IndexRecordOption::WithFreqs,
            )),
            many => Box::new(PhraseQuery::new(
                many.iter().map(|t| Term::from_field_text(f, t)).collect(),
            )),
        }
    })
}

fn clause_query(index: &Fields, clause: &Clause, tolerant: bool) -> Box<dyn Query> {
    let mut ways = match clause.words.as_slice() {
        [word] => word_ways(index, word, tolerant),
        // A run of words: each of them, or one of the run's synonyms.
        words => vec![(
            Occur::Should,
            Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|w| (Occur::Must, any(word_ways(index, w, tolerant))))
                    .collect(),
            )) as Box<dyn Query>,
        )],
    };
    let near: &[Phrase] = if tolerant { &clause.near_synonyms } else { &[] };
    for phrase in clause.synonyms.iter().chain(near) {
        ways.extend(phrase_ways(index, phrase));
    }
    any(ways)
}

/// The terms a highlighted word may be.
#[derive(Debug, Default)]
pub struct Patterns {
    pub exact: Vec<String>,
    pub prefixes: Vec<String>,
    pub fuzzy: Vec<(String, u8)>,
}

impl Patterns {
    pub fn matches(&self, term: &str) -> bool {
        self.exact.iter().any(|t| t == term)
            || self.prefixes.iter().any(|p| term.starts_with(p.as_str()))
            || self
                .fuzzy
                .iter()
                .any(|(t, d)| edit_distance(t, term) <= usize::from(*d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_words() {
        let plan = Plan::new("\"NEAR(a b)\" OR title:* -rust");
        assert!(plan
            .words()
            .all(|w| w.term.bytes().all(|b| b.is_ascii_alphanumeric())));
    }

    #[test]
    fn stop_words_alone_make_an_empty_plan() {
        assert!(Plan::new("de la et les").is_empty());
    }

    #[test]
    fn typo_budget_follows_the_typed_length_and_spares_acronyms() {
        let plan = Plan::new("chef projt developeur ANSSI");
        let budgets: Vec<u8> = plan.words().map(|w| w.typos).collect();
        assert_eq!(budgets, [0, 1, 2, 0]);
        assert!(!plan.words().last().is_some_and(|w| w.prefix));
    }

    #[test]
    fn synonym_runs_make_one_clause() {
        let plan = Plan::new("sécurité des SI à Lyon");
        assert_eq!(plan.clauses.len(), 2);
        assert!(!plan.clauses[0].synonyms.is_empty());
    }
}
