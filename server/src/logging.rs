//! Logs (tracing): text for people, or one JSON object per line for log collectors
//! (`LOG_FORMAT=json`); every request gets an id (`X-Request-Id`, kept when a proxy of ours
//! set one), sent back in the response and carried by every log line of the request.

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing_subscriber::EnvFilter;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Installs the global subscriber; `RUST_LOG` overrides the levels.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        // tower_http's failure events (5xx, with the request's span) are errors: kept.
        .unwrap_or_else(|_| "info,tower_http=warn".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

/// The span of one request: its id, method and path (never the query string, which may
/// hold an e-mail address or a token; and the path with its secrets masked: alert feeds and
/// duo pages carry theirs in it).
fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %crate::auth::token::mask_secrets(request.uri().path()),
    )
}

/// Gives every request an id and a span (the outermost layers of the application).
pub fn request_ids(app: Router) -> Router {
    app.layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
