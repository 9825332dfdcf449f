//! French analysis: text → terms, the same for the offers indexed and the words typed.
//!
//! In order: words are cut at anything but letters and digits, keeping the tech tokens that
//! punctuation would break (`C++` → `cpp`, `C#` → `csharp`, `.NET` → `dotnet`); elided
//! articles and pronouns go (`l'État` → `état`); accents and case are folded (`œ` → `oe`);
//! stop words go; spellings of one compound in two words become one term (`back-end`,
//! `back end` → `backend`); feminine job words take their masculine form (`développeuse`,
//! `administratrice`, `cheffe` → `développeur`, `administrateur`, `chef`), so that the two
//! halves of « Développeuse / Développeur » and either typed form give one term — Snowball
//! stems them differently otherwise (`développ` and `développeur`); then Snowball's French
//! stemmer. Words with digits are kept whole (`S3`, `K8s`, `2A`).
//!
//! Every term keeps its byte range in the text (for highlights) and its position (for
//! phrases: stop words do not count, so « sécurité des SI » and « sécurité SI » are the same
//! phrase).

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static FRENCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));

/// Words too common to help a search (after folding).
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs",
    "m", "ma", "mes", "mon", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour",
    "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes",
    "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
];

/// Elided words: dropped when an apostrophe follows them (`l'`, `qu'`…).
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "lorsqu", "puisqu", "jusqu",
];

/// Two words written together, apart or with a hyphen: one term.
const COMPOUNDS: &[(&str, &str, &str)] = &[
    ("back", "end", "backend"),
    ("front", "end", "frontend"),
    ("full", "stack", "fullstack"),
    ("dev", "ops", "devops"),
    ("dev", "sec", "devsec"),
    ("sec", "ops", "secops"),
    ("e", "mail", "email"),
    ("open", "source", "opensource"),
    ("no", "code", "nocode"),
    ("low", "code", "lowcode"),
    ("data", "viz", "dataviz"),
    ("web", "design", "webdesign"),
    ("cyber", "securite", "cybersecurite"),
    ("start", "up", "startup"),
    ("start", "ups", "startup"),
    ("fin", "ops", "finops"),
    ("ml", "ops", "mlops"),
];

/// Feminine forms whose masculine no suffix rule gives.
const FEMININE_WORDS: &[(&str, &str)] = &[
    ("cheffe", "chef"),
    ("cheffes", "chef"),
    ("experte", "expert"),
    ("expertes", "expert"),
    ("consultante", "consultant"),
    ("informaticienne", "informaticien"),
];

/// Words that end like a feminine form but are not one.
const NOT_FEMININE: &[&str] = &[
    "matrice",
    "heure",
    "demeure",
    "beurre",
    "leurre",
    "premiere",
    "derniere",
    "carriere",
    "matiere",
    "maniere",
    "filiere",
    "frontiere",
    "lumiere",
    "barriere",
    "priere",
    "entree",
    "annee",
    "idee",
    "duree",
    "journee",
    "donnee",
    "donnees",
    "pensee",
    "armee",
    "musee",
    "lycee",
    "trophee",
    "plante",
    "attente",
    "vente",
    "pente",
    "tente",
    "fente",
    "rente",
    "entente",
    "detente",
    "descente",
    "patente",
    "constante",
    "mante",
    "variante",
    "interface",
];

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// What is indexed and looked up.
    pub text: String,
    /// The folded word before stemming (`developpeur`): what typo rules measure and what
    /// « Vouliez-vous dire » proposes.
    pub word: String,
    /// Byte range in the analysed text.
    pub from: usize,
    pub to: usize,
    /// Rank among the kept words.
    pub position: usize,
    /// Typed in capitals (`ANSSI`, `SI`): an acronym, never completed nor corrected.
    pub upper: bool,
}

/// A raw word of the text before folding.
struct RawWord {
    folded: String,
    from: usize,
    to: usize,
    upper: bool,
    /// An apostrophe follows (elision).
    elided: bool,
}

fn fold(word: &str) -> String {
    deunicode::deunicode(word)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn raw_words(text: &str) -> Vec<RawWord> {
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            previous = Some(c);
            continue;
        }
        let dotted = previous == Some('.')
            && start >= 1
            && text[..start - 1]
                .chars()
                .next_back()
                .is_none_or(|p| !p.is_alphanumeric());
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if next.is_alphanumeric() {
                end = i + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let raw = &text[start..end];
        let rest = &text[end..];
        let mut folded = fold(raw);
        let mut to = end;
        if rest.starts_with("++") {
            folded.push_str("pp");
            to += 2;
        } else if rest.starts_with('#') && raw.chars().count() <= 2 {
            folded.push_str("sharp");
            to += 1;
        }
        let mut from = start;
        if dotted && folded == "net" {
            folded = "dotnet".to_owned();
            from = start - 1;
        }
        let elided = rest.starts_with('\'') || rest.starts_with('’');
        let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        while chars.peek().is_some_and(|&(i, _)| i < to) {
            chars.next();
        }
        previous = text[..to].chars().next_back();
        if !folded.is_empty() {
            words.push(RawWord {
                folded,
                from,
                to,
                upper,
                elided,
            });
        }
    }
    words
}

/// The masculine form of a job word (`développeuse` → `développeur`), folded.
pub fn masculine(word: &str) -> String {
    if let Some((_, m)) = FEMININE_WORDS.iter().find(|(f, _)| *f == word) {
        return (*m).to_owned();
    }
    let (base, plural) = match word.strip_suffix('s') {
        Some(base) if base.len() > 4 => (base, true),
        _ => (word, false),
    };
    if NOT_FEMININE.contains(&base) || NOT_FEMININE.contains(&word) {
        return word.to_owned();
    }
    let rules: &[(&str, &str, usize)] = &[
        ("euse", "eur", 6),
        ("trice", "teur", 7),
        ("eure", "eur", 7),
        ("ienne", "ien", 7),
        ("iere", "ier", 6),
        ("llere", "ller", 7),
        ("ee", "e", 6),
        ("ante", "ant", 7),
    ];
    for (suffix, replacement, min_len) in rules {
        if base.len() >= *min_len {
            if let Some(stem) = base.strip_suffix(suffix) {
                return format!("{stem}{replacement}");
            }
        }
    }
    if plural {
        base.to_owned()
    } else {
        word.to_owned()
    }
}

/// The indexed term of a folded word.
pub fn stem(word: &str) -> String {
    if word.bytes().any(|b| b.is_ascii_digit()) || word.len() <= 2 {
        return word.to_owned();
    }
    FRENCH.stem(&masculine(word)).into_owned()
}

pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.contains(&folded)
}

/// The terms of `text`, in order.
pub fn analyze(text: &str) -> Vec<Term> {
    let raw = raw_words(text);
    let mut terms: Vec<Term> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let word = &raw[i];
        if word.elided && ELISIONS.contains(&word.folded.as_str()) {
            i += 1;
            continue;
        }
        if let Some(next) = raw.get(i + 1) {
            if let Some((_, _, joined)) = COMPOUNDS
                .iter()
                .find(|(a, b, _)| *a == word.folded && *b == next.folded)
            {
                terms.push(Term {
                    text: stem(joined),
                    word: (*joined).to_owned(),
                    from: word.from,
                    to: next.to,
                    position: terms.len(),
                    upper: false,
                });
                i += 2;
                continue;
            }
        }
        i += 1;
        if is_stop_word(&word.folded) && !word.upper {
            continue;
        }
        terms.push(Term {
            text: stem(&word.folded),
            word: word.folded.clone(),
            from: word.from,
            to: word.to,
            position: terms.len(),
            upper: word.upper,
        });
    }
    terms
}

/// The terms of `text` alone.
pub fn term_texts(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.text).collect()
}

/// Levenshtein distance with adjacent transpositions counting one (optimal string alignment),
/// on bytes: the terms are ASCII.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Edits allowed for a typed word of `len` letters: none up to 4, one from 5, two from 9.
pub fn typo_budget(len: usize) -> u8 {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        term_texts(text)
    }

    #[test]
    fn gendered_job_words_are_one_term() {
        for (a, b) in [
            ("développeuse", "Développeur"),
            ("développeuses", "développeurs"),
            ("administratrice", "administrateur"),
            ("cheffe", "chef"),
            ("conceptrice", "concepteur"),
            ("ingénieure", "ingénieur"),
            ("technicienne", "technicien"),
            ("conseillère", "conseiller"),
            ("chargée", "chargé"),
            ("déléguée", "délégué"),
            ("assistante", "assistant"),
            ("intégratrice", "intégrateur"),
            ("superviseuse", "superviseur"),
            ("analyste", "analystes"),
            ("architecte", "architectes"),
        ] {
            assert_eq!(texts(a), texts(b), "{a} / {b}");
        }
    }

    #[test]
    fn compounds_are_one_term_however_written() {
        assert_eq!(texts("backend"), texts("back-end"));
        assert_eq!(texts("back end"), texts("Back-End"));
        assert_eq!(texts("frontend"), texts("front-end"));
        assert_eq!(texts("full-stack"), texts("fullstack"));
        assert_eq!(texts("dev ops"), texts("DevOps"));
        assert_eq!(texts("e-mail"), texts("email"));
    }

    #[test]
    fn tech_tokens_survive() {
        assert_eq!(texts("C++ et C#, .NET"), ["cpp", "csharp", "dotnet"]);
        assert_eq!(texts("S3 K8s"), ["s3", "k8s"]);
        assert_ne!(texts("C++"), texts("C"));
    }

    #[test]
    fn elisions_accents_and_stop_words_go() {
        assert_eq!(texts("l'État"), texts("etat"));
        assert_eq!(texts("d’exploitation"), texts("exploitation"));
        assert_eq!(texts("qu'un"), Vec::<String>::new());
        assert_eq!(texts("de la, et : !!"), Vec::<String>::new());
        assert_eq!(texts("Données"), texts("donnees"));
    }

    #[test]
    fn terms_keep_their_place_in_the_text() {
        let terms = analyze("La Cheffe de projet");
        assert_eq!(terms.len(), 2);
        assert_eq!(&"La Cheffe de projet"[terms[0].from..terms[0].to], "Cheffe");
        assert_eq!((terms[0].position, terms[1].position), (0, 1));
        assert!(analyze("ANSSI")[0].upper);
        assert!(!analyze("Anssi")[0].upper);
    }

    #[test]
    fn typos_are_measured_in_edits() {
        assert_eq!(edit_distance("developeur", "developpeur"), 1);
        assert_eq!(edit_distance("porjet", "projet"), 1);
        assert_eq!(edit_distance("ansi", "anssi"), 1);
        assert_eq!(typo_budget(4), 0);
        assert_eq!(typo_budget(5), 1);
        assert_eq!(typo_budget(9), 2);
    }
}
