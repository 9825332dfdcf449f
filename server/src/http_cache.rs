//! Conditional requests and caching rules for the API's reads.
//!
//! Every successful GET carries a weak `ETag` (a hash of its body); a client that sends it
//! back in `If-None-Match` gets `304 Not Modified` without the body. `Cache-Control`: a
//! handler's own choice stands (exports, feeds, personal files); otherwise anonymous reads are
//! `public, max-age=60` and reads made with a session `private, no-cache`, since some public
//! reads show the caller's own place (a forum session, an edition). `Vary: Cookie` keeps a
//! shared cache from serving one to the other.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, COOKIE, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::session::COOKIE_NAME;
use crate::auth::token;
use crate::error::AppError;

const ANONYMOUS: &str = "public, max-age=60";
const WITH_SESSION: &str = "private, no-cache";

pub async fn revalidate(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let with_session = has_session(request.headers());
    let if_none_match = request.headers().get(IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => return AppError::internal("response body failed", error).into_response(),
    };
    // Weak: the same content may be sent compressed or not.
    let etag = format!("W/\"{}\"", &token::digest_bytes(&bytes)[..32]);
    let headers = &mut parts.headers;
    if !headers.contains_key(CACHE_CONTROL) {
        let policy = if with_session {
            WITH_SESSION
        } else {
            ANONYMOUS
        };
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    headers.append(VARY, HeaderValue::from_static("Cookie"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(ETAG, value);
    }
    if if_none_match.is_some_and(|sent| matches(&sent, &etag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn has_session(headers: &HeaderMap) -> bool {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .any(|cookie| {
            cookie
                .trim()
                .split_once('=')
                .is_some_and(|(name, _)| name == COOKIE_NAME)
        })
}

/// Weak comparison (RFC 9110 §13.1.2): any listed tag equal to ours once `W/` is dropped, or `*`.
fn matches(sent: &HeaderValue, etag: &str) -> bool {
    let ours = etag.trim_start_matches("W/");
    sent.to_str().is_ok_and(|list| {
        list.split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_compare_weakly_in_lists() {
        let ours = "W/\"abc\"";
        for sent in ["W/\"abc\"", "\"abc\"", "\"x\", W/\"abc\"", "*"] {
            assert!(matches(&HeaderValue::from_static(sent), ours), "{sent}");
        }
        for sent in ["W/\"abd\"", "abc", ""] {
            assert!(!matches(&HeaderValue::from_static(sent), ours), "{sent}");
        }
    }
}
