//! The app's pages as the server renders them: what every render is given (data access, the
//! CSP nonce, who is signed in), and a page rendered again for a form posted as plain HTML
//! and refused.

use app::contexts::session::ServedSession;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::{provide_context, use_context};
use serde::Serialize;
use shared::Problem;
use std::sync::Arc;

use crate::auth::session;
use crate::catalogue::DbCatalogue;
use crate::db::users;
use crate::security_headers::CspNonce;
use crate::state::AppState;

/// The context of every page render: the catalogue the pages read their data from, the
/// nonce of the response's CSP header for the page's inline scripts, and the signed-in
/// account ([`served_session`]).
pub fn context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let catalogue: app::api::SharedCatalogue = Arc::new(DbCatalogue {
        db: state.db.clone(),
        views: state.views.clone(),
    });
    move || {
        provide_context(catalogue.clone());
        let nonce =
            use_context::<Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
        if let Some(CspNonce(nonce)) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce));
        }
        let served = use_context::<Parts>()
            .and_then(|parts| parts.extensions.get::<ServedSession>().cloned());
        if let Some(served) = served {
            provide_context(served);
        }
    }
}

/// Middleware on the pages: with a session cookie, the page is rendered for its account —
/// the header names the person's space and offers to sign out, also before or without the
/// WASM ([`ServedSession`]) — and is then the person's own: `private, no-cache`. Every page
/// varies with the cookie, so a shared cache never gives one person's page to another.
pub async fn served_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let personal = session::from_headers(request.headers()).is_some();
    // A form's post is answered by its handler, which reads the session itself; a refused
    // form's page is rendered for its account there (`refused_form`).
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        if let Some(served) = served(&state, request.headers()).await {
            request.extensions_mut().insert(served);
        }
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.append(VARY, HeaderValue::from_static("Cookie"));
    if personal {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    }
    response
}

/// Whom a page is drawn for: with a session cookie, its account, or none when the session
/// is unknown or unreadable (the page as a visitor sees it; the browser asks again once
/// hydrated); without a cookie, nothing to say.
async fn served(state: &AppState, headers: &axum::http::HeaderMap) -> Option<ServedSession> {
    let secret = session::from_headers(headers)?;
    Some(ServedSession(
        users::session_me(&state.db, &secret).await.ok().flatten(),
    ))
}

/// The page the refused form was posted from (`parts` of the post), with `typed` in its
/// fields and `problem` said under them, answered with the problem's status. The page is
/// not hydrated (`app::posted`).
pub async fn refused_form(
    state: &AppState,
    mut parts: Parts,
    typed: Vec<(String, String)>,
    problem: Problem,
) -> Response {
    if let Some(served) = served(state, &parts.headers).await {
        parts.extensions.insert(served);
    }
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
    let posted = app::posted::Posted {
        fields: typed,
        problem,
    };
    let base = context(state);
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            base();
            provide_context(posted.clone());
        },
        move || app::shell(options.clone()),
    );
    // Rendered as the page's GET: the router matches the path, the body is not read again.
    parts.method = Method::GET;
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// A form's fields by name, as text, from its serialised form (`true`/`false` for a box).
pub fn typed_fields(form: &impl Serialize) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(form) else {
        return Vec::new();
    };
    fields
        .into_iter()
        .map(|(name, value)| {
            let text = match value {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            (name, text)
        })
        .collect()
}
