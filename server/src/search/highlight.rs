//! The matched words of an offer, as segments of text: the client marks them up itself
//! (never HTML built from user text).

use shared::search::{OfferHighlight, TextSegment};
use shared::OfferId;

use super::analysis;
use super::query::Patterns;

/// Bytes of description shown around the first matched word.
const SNIPPET_BEFORE: usize = 60;
const SNIPPET_LENGTH: usize = 200;

/// `text[from..to]` cut into matched and unmatched segments.
fn segments(text: &str, from: usize, to: usize, patterns: &Patterns) -> Vec<TextSegment> {
    let mut out: Vec<TextSegment> = Vec::new();
    let mut push = |piece: &str, matched: bool| {
        if piece.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.matched == matched => last.text.push_str(piece),
            _ => out.push(TextSegment {
                text: piece.to_owned(),
                matched,
            }),
        }
    };
    let mut at = from;
    for term in analysis::analyze(&text[from..to]) {
        if patterns.matches(&term.text) {
            push(&text[at..from + term.from], false);
            push(&text[from + term.from..from + term.to], true);
            at = from + term.to;
        }
    }
    push(&text[at..to], false);
    out
}

/// The nearest char boundary at or below `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte range of the first matched word of `text`. Paragraph by paragraph: the analysis
/// stops at the first match instead of going through the whole description.
fn first_match(text: &str, patterns: &Patterns) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for paragraph in text.split_inclusive('\n') {
        if let Some(term) = analysis::analyze(paragraph)
            .into_iter()
            .find(|t| patterns.matches(&t.text))
        {
            return Some(start + term.from..start + term.to);
        }
        start += paragraph.len();
    }
    None
}

/// A passage of `text` around its first matched word, cut at spaces; empty without a match.
fn snippet(text: &str, patterns: &Patterns) -> Vec<TextSegment> {
    let Some(first) = first_match(text, patterns) else {
        return Vec::new();
    };
    let mut from = floor_boundary(text, first.start.saturating_sub(SNIPPET_BEFORE));
    if from > 0 {
        from = text[from..first.start]
            .find(' ')
            .map_or(first.start, |space| from + space + 1);
    }
    let mut to = floor_boundary(text, (from + SNIPPET_LENGTH).min(text.len()));
    if to < text.len() {
        to = text[first.end.min(to)..to]
            .rfind(' ')
            .map_or(to, |space| first.end.min(to) + space);
    }
    let mut out = segments(text, from, to.max(first.end), patterns);
    if from > 0 {
        out.insert(
            0,
            TextSegment {
                text: "… ".to_owned(),
                matched: false,
            },
        );
    }
    if to < text.len() {
        out.push(TextSegment {
            text: " …".to_owned(),
            matched: false,
        });
    }
    out
}

/// The highlights of one offer: its title, and a passage of the first of `texts` (mission,
/// profile…) that has a matched word.
pub fn highlight(id: OfferId, title: &str, texts: &[&str], patterns: &Patterns) -> OfferHighlight {
    OfferHighlight {
        id,
        title: segments(title, 0, title.len(), patterns),
        snippet: texts
            .iter()
            .map(|t| snippet(t, patterns))
            .find(|s| !s.is_empty())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Plan;

    #[test]
    fn matched_words_are_segments() {
        let patterns = Plan::new("developpeuse data").patterns();
        let h = highlight(
            OfferId(1),
            "Développeuse / Développeur Data",
            &["Rien ici.", "Vous aimez la data et les données."],
            &patterns,
        );
        let marked: Vec<&str> = h
            .title
            .iter()
            .filter(|s| s.matched)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, ["Développeuse", "Développeur", "Data"]);
        assert_eq!(
            h.title.iter().map(|s| s.text.as_str()).collect::<String>(),
            "Développeuse / Développeur Data"
        );
        assert!(h.snippet.iter().any(|s| s.matched && s.text == "data"));
    }

    #[test]
    fn long_texts_give_a_short_passage() {
        let patterns = Plan::new("kubernetes").patterns();
        let text = format!("{} Kubernetes {}", "mot ".repeat(100), "fin ".repeat(100));
        let h = highlight(OfferId(1), "Titre", &[&text], &patterns);
        let length: usize = h.snippet.iter().map(|s| s.text.len()).sum();
        assert!(length < 260, "{length}");
        assert!(h.snippet.iter().any(|s| s.matched));
    }
}
