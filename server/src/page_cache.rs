//! The search pages as a visitor sees them, kept a few seconds once rendered.
//!
//! `/offres?q=data` is the same page for every visitor until the search index changes: its
//! data (the matches, the facet counts, the métiers, the régions) is all read through the
//! search engine, whose generation every write to an offer, an entity, a métier or a family
//! changes. Rendering it (90 kB of HTML and the data the browser hydrates from) costs ten
//! times what reading the search's cached outcome does, and candidates ask for the same
//! pages (the home page's links, paging back, crawlers): the rendered page is reused, like
//! the search outcome it is made of, until the index's generation changes or it is
//! [`crate::search::cache::TTL`] old (what time alone changes: an offer expiring shows within
//! two TTLs, the page's and its data's).
//!
//! Only for a visitor: a request with a session cookie renders the page for its account.
//!
//! A kept page is sent as it was kept, byte for byte, and compressed once (brotli, gzip) for
//! the browsers that ask: compressing 100 kB again for every response cost ten times what
//! sending it does. So its inline scripts cannot carry each response's CSP nonce; its
//! policy names them by their SHA-256 instead ([`ScriptHashes`]), which allows exactly those
//! scripts and nothing injected beside them.
//!
//! One render per page at a time: when a kept page goes stale (a write, or its TTL), the
//! requests that find it so wait for the first one's render instead of each rendering it —
//! at 9,000 requests a second, hundreds of renders at once on two cores made one request in
//! a hundred wait 50 ms.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::hash::{BuildHasher, BuildHasherDefault};
use std::io::Write;
use std::sync::{Arc, OnceLock};

use crate::auth::session;
use crate::error::AppError;
use crate::search::cache::ResultCache;
use crate::security_headers::ScriptHashes;
use crate::state::AppState;

/// The pages kept: those whose every datum comes through the search engine.
const PAGES: [&str; 2] = ["/offres", "/metiers"];
/// Pages remembered (~100 kB each, and their compressed copies).
const ENTRIES: usize = 128;
/// A rendered page larger than this is not kept.
const LARGEST: usize = 1 << 20;
/// Renders of kept pages that may run at once (pages whose keys share a stripe wait for
/// each other).
const STRIPES: usize = 64;
/// Brotli's quality for a kept page: ~20 % smaller than gzip's, in a few milliseconds once.
const BROTLI_QUALITY: u32 = 6;

/// How a kept page is sent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best one `accept` (an `Accept-Encoding` value) allows: brotli, then gzip.
    fn preferred(accept: &str) -> Self {
        let allowed = |name: &str| {
            accept.split(',').any(|item| {
                let mut parts = item.split(';').map(str::trim);
                parts
                    .next()
                    .is_some_and(|coding| coding.eq_ignore_ascii_case(name))
                    && parts.all(|param| {
                        param
                            .strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                            .is_none_or(|q| q > 0.0)
                    })
            })
        };
        if allowed("br") {
            Self::Brotli
        } else if allowed("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }
}

/// One rendered page: its headers, its HTML, its inline scripts' hashes, and its
/// compressed copies once asked for.
pub struct Page {
    headers: HeaderMap,
    html: Bytes,
    scripts: ScriptHashes,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl Page {
    fn new(headers: HeaderMap, html: Bytes) -> Self {
        let scripts = ScriptHashes::of_inline_scripts(&String::from_utf8_lossy(&html));
        Self {
            headers,
            html,
            scripts,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    fn body(&self, encoding: Encoding) -> Bytes {
        match encoding {
            Encoding::Brotli => self.brotli.get_or_init(|| compressed(&self.html, encoding)),
            Encoding::Gzip => self.gzip.get_or_init(|| compressed(&self.html, encoding)),
            Encoding::Identity => &self.html,
        }
        .clone()
    }

    fn response(&self, encoding: Encoding) -> Response {
        let mut response = Response::new(Body::from(self.body(encoding)));
        let headers = response.headers_mut();
        *headers = self.headers.clone();
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
        let name = match encoding {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        };
        if let Some(name) = name {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        response.extensions_mut().insert(self.scripts.clone());
        response
    }
}

/// `html` compressed (in memory: writing to a `Vec` cannot fail).
fn compressed(html: &[u8], encoding: Encoding) -> Bytes {
    let mut out = Vec::with_capacity(html.len() / 4);
    let written = match encoding {
        Encoding::Brotli => {
            let mut writer = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, 22);
            writer.write_all(html)
        }
        Encoding::Gzip => {
            let mut writer =
                flate2::write::GzEncoder::new(&mut out, flate2::Compression::default());
            writer.write_all(html).and_then(|()| writer.try_finish())
        }
        Encoding::Identity => return Bytes::copy_from_slice(html),
    };
    match written {
        Ok(()) => Bytes::from(out),
        Err(_) => Bytes::copy_from_slice(html),
    }
}

/// The cache of rendered pages (in [`AppState`]), and the locks that let one request at a
/// time render a page.
pub struct PageCache {
    pages: ResultCache<Page>,
    rendering: Vec<tokio::sync::Mutex<()>>,
}

impl Default for PageCache {
    fn default() -> Self {
        Self {
            pages: ResultCache::with_capacity(ENTRIES),
            rendering: (0..STRIPES).map(|_| tokio::sync::Mutex::new(())).collect(),
        }
    }
}

impl PageCache {
    fn stripe(&self, key: &str) -> &tokio::sync::Mutex<()> {
        let hash = BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(key);
        &self.rendering[hash as usize % self.rendering.len()]
    }
}

/// Middleware on the pages: a visitor's GET of a kept page is answered from the cache when
/// fresh, and kept when rendered.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let kept = request.method() == Method::GET
        && PAGES.contains(&request.uri().path())
        && session::from_headers(request.headers()).is_none();
    if !kept {
        return next.run(request).await;
    }
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
    let encoding = Encoding::preferred(
        request
            .headers()
            .get(ACCEPT_ENCODING)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default(),
    );
    if let Some(page) = state.pages.pages.get(&key, generation) {
        return page.response(encoding);
    }
    let _rendering = state.pages.stripe(&key).lock().await;
    // Rendered by the request this one waited for.
    if let Some(page) = state.pages.pages.get(&key, generation) {
        return page.response(encoding);
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
    if bytes.len() <= LARGEST {
        let page = Page::new(parts.headers.clone(), bytes.clone());
        state.pages.pages.put(key, generation, Arc::new(page));
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_encoding_a_browser_accepts_is_chosen() {
        assert_eq!(
            Encoding::preferred("gzip, deflate, br, zstd"),
            Encoding::Brotli
        );
        assert_eq!(Encoding::preferred("gzip;q=1.0, br;q=0"), Encoding::Gzip);
        assert_eq!(Encoding::preferred("GZIP"), Encoding::Gzip);
        assert_eq!(Encoding::preferred("identity"), Encoding::Identity);
        assert_eq!(Encoding::preferred(""), Encoding::Identity);
        assert_eq!(Encoding::preferred("brotli"), Encoding::Identity);
    }

    #[test]
    fn a_kept_page_decompresses_to_itself() {
        use std::io::Read;
        let html = "<p>Développeuse / Développeur</p>".repeat(200);
        let page = Page::new(HeaderMap::new(), Bytes::from(html.clone()));
        let mut unbrotli = String::new();
        brotli::Decompressor::new(&page.body(Encoding::Brotli)[..], 4096)
            .read_to_string(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, html);
        let mut ungzip = String::new();
        flate2::read::GzDecoder::new(&page.body(Encoding::Gzip)[..])
            .read_to_string(&mut ungzip)
            .unwrap();
        assert_eq!(ungzip, html);
        assert!(page.body(Encoding::Brotli).len() < html.len() / 10);
    }
}
