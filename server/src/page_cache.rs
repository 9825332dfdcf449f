//! The search pages as a visitor sees them, kept a few seconds once rendered.
//!
//! `/offres?q=data` is the same page for every visitor until the search index changes: its
//! data (the matches, the facet counts, the métiers, the régions) is all read through the
//! search engine, whose generation every write to an offer, an entity, a métier or a family
//! changes. Rendering it (90 kB of HTML and the data the browser hydrates from) costs ten
//! times what reading the search's cached outcome does, and candidates ask for the same
//! pages (the home page's links, paging back, crawlers): the rendered page is reused, like
//! the search outcome it is made of, until the index's generation changes or it is
//! [`crate::search::cache::TTL`] old (what time alone changes: an offer expiring shows within two TTLs,
//! the page's and its data's).
//!
//! Only for a visitor: a request with a session cookie renders the page for its account.
//! Every response keeps its own CSP nonce: the cached page is split where its nonce stood
//! and joined again with the request's.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, SET_COOKIE};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use crate::auth::session;
use crate::error::AppError;
use crate::search::cache::ResultCache;
use crate::security_headers::CspNonce;
use crate::state::AppState;

/// The pages kept: those whose every datum comes through the search engine.
const PAGES: [&str; 2] = ["/offres", "/metiers"];
/// Pages remembered (~100 kB each).
const ENTRIES: usize = 128;
/// A rendered page larger than this is not kept.
const LARGEST: usize = 1 << 20;

/// One rendered page: its headers, and its HTML split where its CSP nonce stood.
pub struct Page {
    headers: HeaderMap,
    pieces: Vec<String>,
}

impl Page {
    fn new(headers: HeaderMap, html: &str, nonce: &str) -> Self {
        Self {
            headers,
            pieces: html.split(nonce).map(str::to_owned).collect(),
        }
    }

    fn response(&self, nonce: &str) -> Response {
        let mut response = Response::new(Body::from(self.pieces.join(nonce)));
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// The cache of rendered pages (in [`AppState`]).
pub struct PageCache(ResultCache<Page>);

impl Default for PageCache {
    fn default() -> Self {
        Self(ResultCache::with_capacity(ENTRIES))
    }
}

/// Middleware on the pages: a visitor's GET of a kept page is answered from the cache when
/// fresh, and kept when rendered.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let nonce = request.extensions().get::<CspNonce>().cloned();
    let kept = request.method() == Method::GET
        && PAGES.contains(&request.uri().path())
        && session::from_headers(request.headers()).is_none();
    let Some(CspNonce(nonce)) = nonce.filter(|_| kept) else {
        return next.run(request).await;
    };
    // Up to date with every committed write, as a search is; read before rendering, so a
    // change meanwhile makes the page stale, never wrong.
    let Ok(generation) = state
        .db
        .search
        .current(&state.db)
        .await
        .map(|core| core.generation())
    else {
        return next.run(request).await;
    };
    let key = request.uri().to_string();
    if let Some(page) = state.pages.0.get(&key, generation) {
        return page.response(&nonce);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(SET_COOKIE) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Already whole in memory: the pages are rendered before they are sent.
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => return AppError::internal("page body failed", error).into_response(),
    };
    parts.headers.remove(CONTENT_LENGTH);
    let html = std::str::from_utf8(&bytes)
        .ok()
        .filter(|_| bytes.len() <= LARGEST);
    if let Some(html) = html {
        let page = Page::new(parts.headers.clone(), html, &nonce);
        state.pages.0.put(key, generation, Arc::new(page));
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_carries_each_response_s_own_nonce() {
        let html =
            r#"<script nonce="abc123">a</script><p>abc</p><script nonce="abc123">b</script>"#;
        let page = Page::new(HeaderMap::new(), html, "abc123");
        let joined = page.pieces.join("zz9");
        assert_eq!(
            joined,
            r#"<script nonce="zz9">a</script><p>abc</p><script nonce="zz9">b</script>"#
        );
    }
}
