//! Prometheus metrics (`prometheus-client`): requests and latencies per route, counted by a
//! middleware, and read at scrape time the database pool, the outbox backlog and the
//! process's memory. `/metrics` answers only with the configured bearer token.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use shared::{ErrorCode, Problem};
use std::time::Instant;

use crate::auth::token;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

/// Upper bounds of the latency buckets, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The route label of requests no route matched (static files, unknown paths): one value,
/// so that scanners cannot grow the series without bound.
const UNMATCHED: &str = "(autre)";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    /// The route's pattern, e.g. `/api/v1/offers/{id}`.
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResponseLabels {
    method: String,
    route: String,
    status: String,
}

/// The metrics of one server process.
pub struct Metrics {
    registry: Registry,
    requests: Family<ResponseLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    pool_max: Gauge,
    pool_open: Gauge,
    pool_idle: Gauge,
    pool_waiting: Gauge,
    outbox_pending: Gauge,
    outbox_failing: Gauge,
    resident_memory: Gauge,
}

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<ResponseLabels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route and status",
            requests.clone(),
        );
        let latency = Family::new_with_constructor(latency_histogram as fn() -> Histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer (until the response headers), by route",
            latency.clone(),
        );
        let mut gauge = |name: &str, help: &str| {
            let gauge = Gauge::default();
            registry.register(name, help, gauge.clone());
            gauge
        };
        let pool_max = gauge("db_pool_max_connections", "Connections the pool may open");
        let pool_open = gauge("db_pool_connections", "Connections the pool holds");
        let pool_idle = gauge(
            "db_pool_idle_connections",
            "Connections ready for a request",
        );
        let pool_waiting = gauge(
            "db_pool_waiting_requests",
            "Requests waiting for a connection",
        );
        let outbox_pending = gauge("outbox_pending_messages", "E-mails not sent yet");
        let outbox_failing = gauge(
            "outbox_failing_messages",
            "E-mails not sent yet that failed at least once",
        );
        let resident_memory = gauge(
            "process_resident_memory_bytes",
            "Resident memory of the server process",
        );
        Self {
            registry,
            requests,
            latency,
            pool_max,
            pool_open,
            pool_idle,
            pool_waiting,
            outbox_pending,
            outbox_failing,
            resident_memory,
        }
    }
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let route = RouteLabels {
            method: method.to_owned(),
            route: route.to_owned(),
        };
        self.latency.get_or_create(&route).observe(seconds);
        self.requests
            .get_or_create(&ResponseLabels {
                method: route.method,
                route: route.route,
                status: status.to_string(),
            })
            .inc();
    }
}

/// Middleware (inside the router, where the matched route is known): counts and times
/// every request.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.observe(
        method.as_str(),
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`: the OpenMetrics text, for `Authorization: Bearer <METRICS_TOKEN>`.
pub async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return Err(AppError::not_found(
            "Les métriques ne sont pas activées (METRICS_TOKEN).",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    // Digests compared, not the tokens: the comparison's time says nothing of the token.
    if token::digest(given) != token::digest(expected) {
        let mut response = AppError::from(
            Problem::new(401, ErrorCode::Unauthenticated, "Jeton requis").with_detail(
                "Envoyez l'en-tête Authorization: Bearer suivi du jeton des métriques.",
            ),
        )
        .into_response();
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return Ok(response);
    }
    let metrics = &state.metrics;
    let (max, open, idle, waiting) = state.db.pool_status();
    metrics.pool_max.set(max as i64);
    metrics.pool_open.set(open as i64);
    metrics.pool_idle.set(idle as i64);
    metrics.pool_waiting.set(waiting as i64);
    let (pending, failing) = crate::db::outbox::backlog(&state.db).await?;
    metrics.outbox_pending.set(pending);
    metrics.outbox_failing.set(failing);
    metrics
        .resident_memory
        .set(resident_memory_bytes().unwrap_or(0));
    let mut body = String::new();
    encode(&mut body, &metrics.registry).map_err(|e| AppError::internal("metrics encoding", e))?;
    Ok((
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response())
}

/// Resident memory from `/proc/self/statm` (Linux; `None` elsewhere).
pub fn resident_memory_bytes() -> Option<i64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: i64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // The page size of the x86_64 and aarch64 Linux kernels we deploy on.
    Some(pages * 4096)
}
