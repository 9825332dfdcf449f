//! Synonyms and acronyms, from the reviewable data file `server/search/synonyms.txt` (its
//! header documents the format). They widen the words typed, not the offers indexed: editing
//! the file needs no reindexing.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::analysis;

const FILE: &str = include_str!("../../search/synonyms.txt");

/// An expression as analysed terms (one or more).
pub type Phrase = Vec<String>;

/// Every expression of the file, with what typing it also finds.
#[derive(Debug, Default)]
pub struct Synonyms {
    expansions: HashMap<Phrase, Vec<Phrase>>,
    longest: usize,
}

pub static SYNONYMS: LazyLock<Synonyms> = LazyLock::new(|| Synonyms::parse(FILE));

impl Synonyms {
    pub fn parse(file: &str) -> Self {
        let mut synonyms = Self::default();
        for line in file.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let phrases = |list: &str| -> Vec<Phrase> {
                list.split(',')
                    .map(analysis::term_texts)
                    .filter(|p| !p.is_empty())
                    .collect()
            };
            match line.split_once("=>") {
                Some((from, to)) => {
                    let targets = phrases(to);
                    for source in phrases(from) {
                        synonyms.add(source, &targets);
                    }
                }
                None => {
                    let group = phrases(line);
                    for source in &group {
                        synonyms.add(source.clone(), &group);
                    }
                }
            }
        }
        synonyms
    }

    fn add(&mut self, source: Phrase, targets: &[Phrase]) {
        self.longest = self.longest.max(source.len());
        let entry = self.expansions.entry(source.clone()).or_default();
        for target in targets {
            if *target != source && !entry.contains(target) {
                entry.push(target.clone());
            }
        }
    }

    /// The one-word expressions within `budget` edits of `term` (not `term` itself), with
    /// their expansions: what a misspelt word also finds (`developeur` → `développeur`'s).
    pub fn near(&self, term: &str, budget: u8) -> Vec<Phrase> {
        let mut found: Vec<Phrase> = Vec::new();
        for (source, targets) in &self.expansions {
            if let [word] = source.as_slice() {
                if word != term && analysis::edit_distance(word, term) <= usize::from(budget) {
                    for phrase in std::iter::once(source).chain(targets) {
                        if !found.contains(phrase) {
                            found.push(phrase.clone());
                        }
                    }
                }
            }
        }
        found.sort();
        found
    }

    /// The longest expression of the file starting at `terms[0]`: its length and expansions.
    pub fn longest_match(&self, terms: &[String]) -> Option<(usize, &[Phrase])> {
        (1..=self.longest.min(terms.len())).rev().find_map(|n| {
            self.expansions
                .get(&terms[..n])
                .map(|found| (n, found.as_slice()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expansions(text: &str) -> Vec<String> {
        let terms = analysis::term_texts(text);
        SYNONYMS
            .longest_match(&terms)
            .map(|(_, found)| found.iter().map(|p| p.join(" ")).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_file_parses_and_groups_go_both_ways() {
        assert!(SYNONYMS.expansions.len() > 50);
        let term = |text: &str| analysis::term_texts(text).join(" ");
        assert!(expansions("cybersécurité").contains(&term("SSI")));
        assert!(expansions("SSI").contains(&term("cybersécurité")));
        assert!(expansions("données").contains(&term("data")));
    }

    #[test]
    fn one_way_rules_stay_one_way() {
        assert!(!expansions("informaticien").is_empty());
        assert!(expansions("ANSI").contains(&"anssi".to_owned()));
        assert!(expansions("ANSSI").is_empty());
    }

    #[test]
    fn a_misspelt_word_reaches_the_synonyms_of_the_right_one() {
        let near = SYNONYMS.near(&analysis::term_texts("developeur")[0], 2);
        assert!(near.contains(&analysis::term_texts("développement")));
    }

    #[test]
    fn the_longest_expression_wins() {
        let terms = analysis::term_texts("sécurité des SI recrute");
        assert_eq!(SYNONYMS.longest_match(&terms).map(|(n, _)| n), Some(2));
    }
}
