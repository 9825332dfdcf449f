//! What operators rely on: metrics, request ids, body limits, and the attempt limits that
//! several server processes share through the database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{call, get, on_each_backend, send, TestDb, TestResponse};
use axum::body::Body;
use axum::http::Request;
use axum::Router;
use serde_json::json;
use server::auth::rate_limit::RateLimits;

const TOKEN: &str = "jeton-des-metriques-de-test";

fn router_with_metrics(t: &TestDb) -> Router {
    let settings = server::state::Settings {
        metrics_token: Some(TOKEN.to_owned()),
        ..t.settings()
    };
    server::http::router_with_limits(t.db.clone(), settings, RateLimits::default()).unwrap()
}

async fn scrape(app: &Router, authorization: Option<&str>) -> TestResponse {
    let mut request = Request::get("/metrics");
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    call(app, request.body(Body::empty()).unwrap()).await
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_need_their_token_and_count_each_route() {
    on_each_backend(|t| async move {
        // No token configured: no metrics at all.
        get(&t.router(), "/metrics").await.problem(404);

        let app = router_with_metrics(&t);
        let refused = scrape(&app, None).await;
        refused.problem(401);
        assert_eq!(refused.header("www-authenticate"), "Bearer");
        scrape(&app, Some("Bearer un-autre-jeton"))
            .await
            .problem(401);

        get(&app, "/api/v1/offers").await;
        get(&app, "/api/v1/offers?q=donnees").await;
        assert_eq!(get(&app, "/api/v1/offers/999999999").await.status, 404);
        let scraped = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;
        assert_eq!(scraped.status, 200);
        assert!(scraped
            .content_type
            .starts_with("application/openmetrics-text"));
        let text = scraped.text();
        let has = |line: &str| {
            assert!(
                text.lines().any(|l| l == line),
                "no line « {line} » in:\n{text}"
            );
        };
        // Routes by their pattern: one series for every offer id.
        has(r#"http_requests_total{method="GET",route="/api/v1/offers",status="200"} 2"#);
        has(r#"http_requests_total{method="GET",route="/api/v1/offers/{id}",status="404"} 1"#);
        has(r#"http_request_duration_seconds_count{method="GET",route="/api/v1/offers"} 2"#);
        assert!(text
            .lines()
            .any(|l| l.starts_with("http_request_duration_seconds_bucket{")
                && l.contains(r#"route="/api/v1/offers""#)
                && l.contains(r#"le="+Inf""#)
                && l.ends_with(" 2")));
        let (max, ..) = t.db.pool_status();
        has(&format!("db_pool_max_connections {max}"));
        let (pending, failing) = server::db::outbox::backlog(&t.db).await.unwrap();
        assert!(pending > 0, "the seed queues e-mails");
        has(&format!("outbox_pending_messages {pending}"));
        has(&format!("outbox_failing_messages {failing}"));
        let memory = text
            .lines()
            .find_map(|l| l.strip_prefix("process_resident_memory_bytes "))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap();
        assert!(memory > 1_000_000, "{memory}");
        assert!(text.ends_with("# EOF\n"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_response_carries_a_request_id() {
    let t = crate::common::sqlite().await;
    let app = t.router();
    let first = get(&app, "/api/v1/metiers").await;
    let second = get(&app, "/api/v1/metiers").await;
    let id = first.header("x-request-id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_ne!(id, second.header("x-request-id"));
    // The id a proxy of ours gave is kept, so both logs can be joined.
    let request = Request::get("/api/v1/metiers")
        .header("x-request-id", "nginx-5f2c9a")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        call(&app, request).await.header("x-request-id"),
        "nginx-5f2c9a"
    );
    // Pages and errors too.
    assert_eq!(
        get(&app, "/api/v1/inconnu")
            .await
            .header("x-request-id")
            .len(),
        36
    );
}

/// A sign-in attempt.
async fn login(app: &Router, email: &str, password: &str) -> TestResponse {
    let body = json!({ "email": email, "password": password });
    send(app, "POST", "/api/v1/auth/login", None, Some(body)).await
}

#[tokio::test(flavor = "multi_thread")]
async fn json_bodies_over_the_limit_get_a_413_problem() {
    let t = crate::common::sqlite().await;
    let app = t.router();
    let email = "agent@numerique.gouv.fr";
    let long = "é".repeat(server::json::JSON_BODY_LIMIT / 2);
    let refused = login(&app, email, &long).await;
    assert_eq!(refused.problem(413)["code"], "too_large");
    // Under the limit, the body is read and judged on its content.
    let read = login(&app, email, &"é".repeat(50_000)).await;
    assert_ne!(read.status, 413);
}

#[tokio::test(flavor = "multi_thread")]
async fn attempt_limits_are_shared_by_every_process() {
    on_each_backend(|t| async move {
        // Two applications over one database: two server processes.
        let processes = [t.router(), t.router()];
        let (target, password) = ("cible@numerique.gouv.fr", "essai numéro quelconque");
        for i in 0..5 {
            login(&processes[i % 2], target, password)
                .await
                .problem(401);
        }
        for process in &processes {
            let limited = login(process, target, password).await;
            assert_eq!(limited.problem(429)["code"], "rate_limited");
            let wait: u64 = limited.retry_after.unwrap().parse().unwrap();
            assert!((1..=120).contains(&wait), "{wait}");
        }
        // Another account from the same (unknown) address is still let in: 8 attempts of
        // the 20 the address has.
        login(&processes[1], "autre@numerique.gouv.fr", password)
            .await
            .problem(401);
    })
    .await;
}
