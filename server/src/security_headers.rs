//! Security headers on every response. The Content-Security-Policy allows scripts only from
//! our origin or carrying this response's nonce (Leptos puts it on the inline hydration and
//! streaming scripts) — or, for a page sent again as it was kept, whose inline scripts
//! cannot carry a new nonce, those scripts by their hash ([`ScriptHashes`]) —
//! WebAssembly compilation for the front end, and nothing from elsewhere: an injected
//! `<script>` runs nowhere. Pages cannot be framed (clickjacking); browsers
//! remember to come back over HTTPS only.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::auth::token;

/// This response's CSP nonce, for the page renderer (see `http::router_with`).
#[derive(Clone)]
pub struct CspNonce(pub String);

/// A response's inline scripts named by their SHA-256, as CSP source expressions: set as a
/// response extension, they replace the nonce in its policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptHashes(String);

impl ScriptHashes {
    /// The hashes of the scripts `html` runs inline: every `<script>` without `src` but
    /// data blocks (JSON-LD, JSON), which run nothing. Our pages are rendered by us, their
    /// script elements plain (no `>` in attributes; `</script>` escaped inside).
    pub fn of_inline_scripts(html: &str) -> Self {
        let mut sources = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find("<script") {
            let tag = &rest[start + "<script".len()..];
            let Some(tag_end) = tag.find('>') else { break };
            let (attributes, after) = (&tag[..tag_end], &tag[tag_end + 1..]);
            let Some(close) = after.find("</script>") else {
                break;
            };
            let data_block = ["application/ld+json", "application/json"]
                .iter()
                .any(|kind| attributes.contains(&format!("type=\"{kind}\"")));
            if !attributes.contains("src=") && !data_block {
                let digest = Sha256::digest(&after.as_bytes()[..close]);
                let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
                sources.push(format!("'sha256-{encoded}'"));
            }
            rest = &after[close..];
        }
        sources.dedup();
        Self(sources.join(" "))
    }
}

/// Inline `style` attributes stay allowed: the DSFR and our charts set some, and styles
/// cannot run code. `inline_scripts`: the nonce or hash sources of the response's scripts.
fn content_security_policy(inline_scripts: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {inline_scripts} 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

const FIXED: [(&str, &str); 6] = [
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    ),
];

pub async fn add(mut request: Request, next: Next) -> Response {
    // 256 random bits, URL-safe base64: valid in a CSP source expression.
    let nonce = token::generate().unwrap_or_default();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let inline_scripts = match response.extensions_mut().remove::<ScriptHashes>() {
        Some(ScriptHashes(hashes)) => hashes,
        None => format!("'nonce-{nonce}'"),
    };
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&inline_scripts)) {
        headers.insert(HeaderName::from_static("content-security-policy"), csp);
    }
    for (name, value) in FIXED {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_named_by_their_hash_and_data_blocks_are_not() {
        let html = r#"<script nonce="n">import('/pkg/a.js')</script><script src="/pkg/b.js"></script>
            <script type="application/ld+json">{"@type":"JobPosting"}</script><script>x()</script>"#;
        let hashes = ScriptHashes::of_inline_scripts(html);
        let expected: Vec<String> = ["import('/pkg/a.js')", "x()"]
            .iter()
            .map(|script| {
                let digest = Sha256::digest(script.as_bytes());
                format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        assert_eq!(hashes, ScriptHashes(expected.join(" ")));
        // The SHA-256 of `alert(1)`, as a browser computes it (CSP3's example).
        assert_eq!(
            ScriptHashes::of_inline_scripts("<script>alert(1)</script>"),
            ScriptHashes("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='".to_owned())
        );
    }
}
