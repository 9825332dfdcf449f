//! Markdown of showcases and offers, rendered to HTML that is safe to inject.
//!
//! Recruiters write Markdown; raw HTML in it is dropped (rendered as text) and links may only
//! use http(s), mailto or relative URLs, so no script can reach a visitor's page. It runs the
//! same on the server and in the browser, so hydration sees identical markup.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        // A colon before any slash means a scheme: only a few are allowed.
        Some((scheme, _)) if !scheme.contains('/') => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Safe HTML for a Markdown text.
pub fn to_safe_html(markdown: &str) -> String {
    let parser =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            // Raw HTML becomes visible text, never markup.
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !is_safe_url(&dest_url) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::Borrowed("#"),
                title,
                id,
            }),
            Event::Start(Tag::Image { .. }) | Event::End(pulldown_cmark::TagEnd::Image) => {
                Event::Text(CowStr::Borrowed(""))
            }
            other => other,
        });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn renders_lists_and_emphasis() {
        let html = to_safe_html("- **Données** ouvertes\n- API");
        assert!(
            html.contains("<li><strong>Données</strong> ouvertes</li>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_safe_html("Bonjour <script>alert(1)</script>");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        let html =
            to_safe_html("[clic](javascript:alert(1)) [ok](https://beta.gouv.fr) [rel](/offres)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("href=\"https://beta.gouv.fr\""), "{html}");
        assert!(html.contains("href=\"/offres\""), "{html}");
    }
}
