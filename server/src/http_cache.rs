//! Conditional requests and caching rules for the API's reads.
//!
//! Every successful GET carries a weak `ETag` (a hash of its body); a client that sends it
//! back in `If-None-Match` gets `304 Not Modified` without the body. A handler that streams a
//! large body sets its own validators instead ([`Validators`], computed without the body),
//! and its body is passed on as it comes, never held whole. `Cache-Control`: a
//! handler's own choice stands (exports, feeds, personal files); otherwise anonymous reads are
//! `public, max-age=60` and reads made with a session `private, no-cache`, since some public
//! reads show the caller's own place (a forum session, an edition). `Vary: Cookie` keeps a
//! shared cache from serving one to the other.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LENGTH, COOKIE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
    VARY,
};
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
    let mut response = next.run(request).await;
    if response.status() == StatusCode::NOT_MODIFIED || response.headers().contains_key(ETAG) {
        // The handler's own validators (it answered the condition itself).
        cache_headers(response.headers_mut(), with_session);
        return response;
    }
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
    cache_headers(headers, with_session);
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

/// `Cache-Control` unless the handler chose, and `Vary: Cookie`.
fn cache_headers(headers: &mut HeaderMap, with_session: bool) {
    if !headers.contains_key(CACHE_CONTROL) {
        let policy = if with_session {
            WITH_SESSION
        } else {
            ANONYMOUS
        };
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    headers.append(VARY, HeaderValue::from_static("Cookie"));
}

/// A streamed answer's validators, known before its body: a weak `ETag` made of what the
/// body depends on, and when that last changed (`Last-Modified`, to the second).
pub struct Validators {
    pub etag: String,
    pub last_modified: Option<chrono::NaiveDateTime>,
}

impl Validators {
    /// Validators of a body that depends only on `version`, last changed at `last_modified`.
    pub fn of(
        version: &impl std::fmt::Debug,
        last_modified: Option<chrono::NaiveDateTime>,
    ) -> Self {
        let digest = token::digest(&format!("{version:?}"));
        Self {
            etag: format!("W/\"{}\"", &digest[..32]),
            last_modified,
        }
    }

    /// Whether the request's conditions say the client's copy is current: `If-None-Match`
    /// when sent, else `If-Modified-Since` (RFC 9110 §13.2.2).
    pub fn fresh(&self, request: &HeaderMap) -> bool {
        if let Some(sent) = request.get(IF_NONE_MATCH) {
            return matches(sent, &self.etag);
        }
        let since = request
            .get(IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok());
        match (since, self.last_modified) {
            (Some(since), Some(changed)) => changed.and_utc().timestamp() <= since.timestamp(),
            _ => false,
        }
    }

    /// The `ETag` and `Last-Modified` headers.
    pub fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(&self.etag) {
            headers.insert(ETAG, value);
        }
        let http_date = self
            .last_modified
            .map(|at| at.and_utc().format("%a, %d %b %Y %H:%M:%S GMT").to_string());
        if let Some(Ok(value)) = http_date.map(|d| HeaderValue::from_str(&d)) {
            headers.insert(LAST_MODIFIED, value);
        }
        headers
    }
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
