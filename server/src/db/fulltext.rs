//! French full-text search over offers.
//!
//! Words are folded (accents, case) and stemmed with the Snowball French stemmer here, in
//! Rust, both when indexing (`offers.search_document`) and when querying. Both backends
//! then index the same stems, so they return the same offers: "developpeur" finds
//! "Développeurs", "donnees" finds "Données". Each query word matches as a prefix of a stem.
//! Only the SQL that reaches the index differs: FTS5 on SQLite, a GIN tsvector on PostgreSQL.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static FRENCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));

/// Words too common to help a search.
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "l", "la",
    "le", "les", "leur", "ou", "par", "pour", "sur", "un", "une", "vos", "votre", "nous", "vous",
];

/// Unaccented, lowercased, stemmed words of `text`, in order.
pub fn stems(text: &str) -> Vec<String> {
    let folded = deunicode::deunicode(text).to_lowercase();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(|w| FRENCH.stem(w).into_owned())
        .collect()
}

/// The indexed text of an offer.
pub fn document(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|part| stems(part))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Backend-specific SQL of the search.
pub trait FullTextSql {
    /// A boolean condition on `offers`: `MATCH_OPEN <bound query> MATCH_CLOSE`.
    const MATCH_OPEN: &'static str;
    const MATCH_CLOSE: &'static str = ")";
    /// How the relevance order is read from the index.
    const RANKING: Ranking;
    /// The bound query for stems (at least one, made of `[a-z0-9]` only).
    fn query(stems: &[String]) -> String;
}

/// Where a backend's relevance score lives. Either way, ties (offers written from the same
/// template score alike) go newest first: without a total order, two pages of one search
/// could show an offer twice.
pub enum Ranking {
    /// Only in the index's own table: a whole query returning the `id` of every match, best
    /// first, its one bound parameter the query (SQLite's FTS5 `rank`). The caller keeps the
    /// ids that pass the filters.
    RankedIds(&'static str),
    /// A score computed on `offers` rows: `open <bound query> close`, higher is better
    /// (PostgreSQL's `ts_rank`). Filtering, ranking and paging are then one statement, and
    /// only the offers that pass the filters are scored.
    Score {
        open: &'static str,
        close: &'static str,
    },
}

impl FullTextSql for diesel::sqlite::Sqlite {
    const MATCH_OPEN: &'static str =
        "offers.id IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH ";
    const RANKING: Ranking = Ranking::RankedIds(
        "SELECT rowid AS id FROM offers_fts WHERE offers_fts MATCH ? ORDER BY rank, rowid DESC",
    );
    fn query(stems: &[String]) -> String {
        // Quoted tokens: FTS5 operators typed by users never reach the parser.
        stems
            .iter()
            .map(|s| format!("\"{s}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl FullTextSql for diesel::pg::Pg {
    const MATCH_OPEN: &'static str = "offers.search_vector @@ to_tsquery('simple', ";
    const RANKING: Ranking = Ranking::Score {
        open: "ts_rank(offers.search_vector, to_tsquery('simple', ",
        close: "))",
    };
    fn query(stems: &[String]) -> String {
        stems
            .iter()
            .map(|s| format!("{s}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

/// One row of a [`Ranking::RankedIds`] query.
#[derive(diesel::QueryableByName)]
pub struct RankedId {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold_to_the_same_stem() {
        assert_eq!(stems("Données"), stems("donnees"));
        assert_eq!(stems("DÉVELOPPEURS"), stems("développeur"));
    }

    #[test]
    fn stop_words_and_punctuation_vanish() {
        assert_eq!(stems("de la, et : !!"), Vec::<String>::new());
    }

    #[test]
    fn user_syntax_cannot_reach_the_index() {
        let q = stems("\"NEAR(a b)\" OR *");
        assert!(q
            .iter()
            .all(|s| s.bytes().all(|b| b.is_ascii_alphanumeric())));
    }
}
