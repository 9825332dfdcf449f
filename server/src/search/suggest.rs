//! Suggestions as a search is typed: métiers, entities and offer titles whose words start
//! like the words typed (each word typed must begin a word of the name; accents, case and
//! feminine forms do not matter), at most [`PER_KIND`] of each.

use shared::search::{SuggestedEntity, SuggestedMetier, SuggestedTitle, Suggestions};

use super::analysis::{self, Term};
use super::live::Live;

pub const PER_KIND: usize = 10;

/// Whether every typed word begins a word of `name` (as folded word or as term).
fn fits(typed: &[Term], words: &[String], terms: &[String]) -> bool {
    !typed.is_empty()
        && typed.iter().all(|t| {
            words.iter().any(|w| w.starts_with(&t.word))
                || terms.iter().any(|w| w.starts_with(&t.text))
        })
}

fn words_and_terms(text: &str) -> (Vec<String>, Vec<String>) {
    analysis::analyze(text)
        .into_iter()
        .map(|t| (t.word, t.text))
        .unzip()
}

pub fn suggest(live: &Live, q: &str) -> Suggestions {
    let typed = analysis::analyze(q);
    let mut metiers: Vec<SuggestedMetier> = live
        .reference
        .metiers
        .values()
        .filter(|m| {
            let (words, terms) = words_and_terms(&m.name);
            fits(&typed, &words, &terms)
        })
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
        .filter(|e| {
            let (words, terms) = words_and_terms(&format!(
                "{} {}",
                e.name,
                e.acronym.as_deref().unwrap_or("")
            ));
            fits(&typed, &words, &terms)
        })
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
        .filter(|(_, entry)| entry.offers > 0 && fits(&typed, &entry.words, &entry.terms))
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
