//! Security headers on every response. The Content-Security-Policy allows scripts only from
//! our origin or carrying this response's nonce (Leptos puts it on the inline hydration and
//! streaming scripts), WebAssembly compilation for the front end, and nothing from elsewhere:
//! an injected `<script>` runs nowhere. Pages cannot be framed (clickjacking); browsers
//! remember to come back over HTTPS only.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::token;

/// This response's CSP nonce, for the page renderer (see `http::router_with`).
#[derive(Clone)]
pub struct CspNonce(pub String);

/// Inline `style` attributes stay allowed: the DSFR and our charts set some, and styles
/// cannot run code.
fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
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
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce)) {
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
