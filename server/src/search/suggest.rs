//! Suggestions as a search is typed: métiers, entities and offer titles whose words start
//! like the words typed (each word typed must begin a word of the name; accents, case and
//! feminine forms do not matter), at most [`PER_KIND`] of each.

use shared::search::{SuggestedEntity, SuggestedMetier, SuggestedTitle, Suggestions};

use super::analysis::{self, Term};
use super::live::Live;

pub const PER_KIND: usize = 10;

/// A name's words as suggestions match them: folded (`developpeuse`) and as terms
/// (`developpeur`). Made once, when the name is read, not at every keystroke of every
/// visitor (analysing the ~150 names of each request was most of its cost).
#[derive(Debug, Default, Clone)]
pub struct NameWords {
    words: Vec<String>,
    terms: Vec<String>,
}

impl NameWords {
    pub fn of(name: &str) -> Self {
        let (words, terms) = analysis::analyze(name)
            .into_iter()
            .map(|t| (t.word, t.text))
            .unzip();
        Self { words, terms }
    }

    /// Whether every typed word begins a word of the name (as folded word or as term).
    fn fit(&self, typed: &[Term]) -> bool {
        !typed.is_empty()
            && typed.iter().all(|t| {
                self.words.iter().any(|w| w.starts_with(&t.word))
                    || self.terms.iter().any(|w| w.starts_with(&t.text))
            })
    }
}

pub fn suggest(live: &Live, q: &str) -> Suggestions {
    let typed = analysis::analyze(q);
    let mut metiers: Vec<SuggestedMetier> = live
        .reference
        .metiers
        .values()
        .filter(|m| m.words.fit(&typed))
        .map(|m| SuggestedMetier {
            slug: m.slug.clone(),
            name: m.name.clone(),
        })
        .collect();
    metiers.sort_by(|a, b| a.name.cmp(&b.name));
    metiers.truncate(PER_KIND);
    let mut entities: Vec<SuggestedEntity> = live
        .reference
        .entities
        .values()
        .filter(|e| e.words.fit(&typed))
        .map(|e| SuggestedEntity {
            slug: e.slug.clone(),
            name: e.name.clone(),
            acronym: e.acronym.clone(),
        })
        .collect();
    entities.sort_by(|a, b| a.name.cmp(&b.name));
    entities.truncate(PER_KIND);
    let mut titles: Vec<SuggestedTitle> = live
        .titles
        .iter()
        .filter(|(_, entry)| entry.offers > 0 && entry.words.fit(&typed))
        .map(|(title, entry)| SuggestedTitle {
            title: title.clone(),
            offers: entry.offers,
        })
        .collect();
    titles.sort_by(|a, b| b.offers.cmp(&a.offers).then_with(|| a.title.cmp(&b.title)));
    titles.truncate(PER_KIND);
    Suggestions {
        metiers,
        entities,
        titles,
    }
}
