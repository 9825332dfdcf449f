//! Issue 23, webhooks: a receiver on this machine registered under an API key hears of every
//! change of the public offers — published, updated, removed — in order, each message signed
//! as Standard Webhooks says (checked with its authors' crate, as a receiver would); a
//! receiver that fails is tried again later with the same message, and switched off after
//! repeated failures; two processes delivering at once never send one message twice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use chrono::{Duration, NaiveDateTime, Utc};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::access_matrix::draft;
use crate::common::{accounts, on_each_backend, problem_fields, send, TestDb};
use crate::offer_changes::publish;
use server::webhooks::Dispatcher;

/// A receiver on a loopback port: it answers 503 to the next `failing` requests, then 204,
/// and keeps what it accepted.
#[derive(Clone, Default)]
struct Receiver {
    failing: Arc<AtomicUsize>,
    refused: Arc<AtomicUsize>,
    accepted: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
}

impl Receiver {
    async fn start() -> (Self, String) {
        let receiver = Self::default();
        let state = receiver.clone();
        let app = Router::new().route(
            "/recepteur",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                let state = state.clone();
                async move {
                    let failing = state.failing.load(Ordering::SeqCst);
                    if failing > 0 {
                        state.failing.store(failing - 1, Ordering::SeqCst);
                        state.refused.fetch_add(1, Ordering::SeqCst);
                        return StatusCode::SERVICE_UNAVAILABLE;
                    }
                    state.accepted.lock().unwrap().push((headers, body));
                    StatusCode::NO_CONTENT
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/recepteur", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (receiver, url)
    }

    /// The messages accepted so far, each verified with `secret`: (id, type, offer id).
    fn verified(&self, secret: &str) -> Vec<(String, String, i64)> {
        let verifier = standardwebhooks::Webhook::new(secret).unwrap();
        self.accepted
            .lock()
            .unwrap()
            .iter()
            .map(|(headers, body)| {
                verifier
                    .verify(body, headers)
                    .expect("a signature the receiver accepts");
                let payload: Value = serde_json::from_slice(body).unwrap();
                (
                    headers["webhook-id"].to_str().unwrap().to_owned(),
                    payload["type"].as_str().unwrap().to_owned(),
                    payload["data"]["offer_id"].as_i64().unwrap(),
                )
            })
            .collect()
    }
}

/// The application, accepting receivers on this machine.
fn router(t: &TestDb) -> Router {
    let settings = server::state::Settings {
        webhooks_allow_loopback: true,
        ..t.settings()
    };
    let limits =
        server::auth::rate_limit::RateLimits::default().with_api_quota(1_000_000, 1_000_000);
    server::http::router_with_limits(t.db.clone(), settings, limits).unwrap()
}

/// An API key for « Emplois publics Bretagne », and a receiver registered under it for
/// `events`: (its id, its secret).
async fn register(app: &Router, admin: &str, url: &str, events: Value) -> (i64, String) {
    let key = send(
        app,
        "POST",
        "/api/v1/admin/api-keys",
        Some(admin),
        Some(json!({ "name": "Emplois publics Bretagne", "email": "api@emplois-bretagne.fr" })),
    )
    .await;
    assert_eq!(key.status, 201, "{}", key.text());
    let key = key.json()["id"].as_i64().unwrap();
    let created = send(
        app,
        "POST",
        "/api/v1/admin/webhooks",
        Some(admin),
        Some(json!({ "api_key_id": key, "url": url, "events": events })),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    assert_eq!(created["failures"], 0);
    (
        created["id"].as_i64().unwrap(),
        created["secret"].as_str().unwrap().to_owned(),
    )
}

fn offer_path(id: i64, action: &str) -> String {
    format!("/api/v1/recruiter/offers/{id}{action}")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_receiver_hears_every_change_signed_in_order_and_after_failures() {
    on_each_backend(|t| async move {
        let app = router(&t);
        let acc = accounts(&t, &app).await;
        let (receiver, url) = Receiver::start().await;
        let admin = Some(acc.admin.as_str());

        // Bad receivers are refused with their fields.
        let key = send(&app, "POST", "/api/v1/admin/api-keys", admin,
            Some(json!({ "name": "Agrégateur", "email": "api@agregateur.fr" }))).await;
        let key = key.json()["id"].clone();
        for (body, fields) in [
            (json!({ "api_key_id": key, "url": "http://emplois.exemple.fr/recepteur", "events": ["offer.updated"] }), ["url"].as_slice()),
            (json!({ "api_key_id": key, "url": url, "events": [] }), ["events"].as_slice()),
        ] {
            let refused = send(&app, "POST", "/api/v1/admin/webhooks", admin, Some(body)).await;
            assert_eq!(problem_fields(&refused.problem(400)), fields);
        }
        send(&app, "POST", "/api/v1/admin/webhooks", admin,
            Some(json!({ "api_key_id": 999999, "url": url, "events": ["offer.updated"] }))).await.problem(404);

        let (hook, secret) = register(
            &app,
            &acc.admin,
            &url,
            json!(["offer.published", "offer.updated", "offer.removed"]),
        )
        .await;
        let dispatcher = &Dispatcher::new(true).unwrap();
        let db = t.db.clone();
        let mut now: NaiveDateTime = Utc::now().naive_utc();
        // A pass of the dispatcher, `later` after the previous one.
        let mut pass = move |later: Duration| {
            now += later;
            let (db, at) = (db.clone(), now);
            async move { dispatcher.deliver_due(&db, at).await.unwrap() }
        };

        // Published while the receiver is down: refused twice, then delivered.
        let offer = publish(&app, &acc.recruiter_a, "Ingénieure ou ingénieur DevOps").await;
        receiver.failing.store(2, Ordering::SeqCst);
        assert_eq!(pass(Duration::zero()).await, 0);
        assert_eq!(pass(Duration::seconds(5)).await, 0, "not before the backoff");
        assert_eq!(receiver.refused.load(Ordering::SeqCst), 1);
        assert_eq!(pass(Duration::seconds(31)).await, 0);
        assert_eq!(pass(Duration::seconds(61)).await, 1);
        assert_eq!(receiver.refused.load(Ordering::SeqCst), 2);

        // Edited, then withdrawn, each heard before the next.
        let mut edited = draft("Ingénieure ou ingénieur DevOps confirmé(e)");
        edited["city"] = json!("Rennes");
        edited["departement_code"] = json!("35");
        let put = send(&app, "PUT", &offer_path(offer, ""), Some(&acc.recruiter_a), Some(edited)).await;
        assert_eq!(put.status, 200, "{}", put.text());
        assert_eq!(pass(Duration::seconds(1)).await, 1);
        let archived = send(&app, "POST", &offer_path(offer, "/archive"), Some(&acc.recruiter_a), None).await;
        assert_eq!(archived.status, 200, "{}", archived.text());
        assert_eq!(pass(Duration::seconds(1)).await, 1);
        assert_eq!(pass(Duration::seconds(1)).await, 0, "nothing new");

        let heard = receiver.verified(&secret);
        let events: Vec<(&str, i64)> = heard.iter().map(|(_, e, o)| (e.as_str(), *o)).collect();
        assert_eq!(
            events,
            [("offer.published", offer), ("offer.updated", offer), ("offer.removed", offer)]
        );
        let accepted = receiver.accepted.lock().unwrap().clone();
        let updated: Value = serde_json::from_slice(&accepted[1].1).unwrap();
        assert_eq!(updated["data"]["offer"]["location"]["city"], "Rennes");
        let removed: Value = serde_json::from_slice(&accepted[2].1).unwrap();
        assert_eq!(removed["data"]["reason"], "archived");

        // The team reads how each went: the first message took three attempts, one id.
        let deliveries = send(&app, "GET", &format!("/api/v1/admin/webhooks/{hook}/deliveries"), admin, None)
            .await
            .json();
        let first = deliveries.as_array().unwrap().last().unwrap();
        assert_eq!(first["message_id"], heard[0].0.as_str());
        assert_eq!(first["attempts"], 3);
        assert_eq!(first["status_code"], 204);
        assert!(first["delivered_at"].is_string());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_receiver_is_switched_off_then_on_again() {
    on_each_backend(|t| async move {
        let app = router(&t);
        let acc = accounts(&t, &app).await;
        let (receiver, url) = Receiver::start().await;
        let (hook, secret) = register(&app, &acc.admin, &url, json!(["offer.published"])).await;
        let offer = publish(
            &app,
            &acc.recruiter_a,
            "Administratrice ou administrateur systèmes",
        )
        .await;
        receiver.failing.store(usize::MAX, Ordering::SeqCst);
        let dispatcher = Dispatcher::new(true).unwrap();
        let mut now = Utc::now().naive_utc();
        for _ in 0..server::webhooks::MAX_FAILURES {
            dispatcher.deliver_due(&t.db, now).await.unwrap();
            now += Duration::hours(2);
        }
        let listed = send(
            &app,
            "GET",
            "/api/v1/admin/webhooks",
            Some(&acc.admin),
            None,
        )
        .await
        .json();
        let listed = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["id"] == hook)
            .unwrap();
        assert!(listed["disabled_at"].is_string(), "{listed}");
        assert!(
            listed["disabled_reason"]
                .as_str()
                .unwrap()
                .contains("réponse HTTP 503"),
            "{listed}"
        );
        dispatcher.deliver_due(&t.db, now).await.unwrap();
        assert_eq!(
            receiver.refused.load(Ordering::SeqCst),
            server::webhooks::MAX_FAILURES as usize,
            "no attempt once off"
        );

        // Back up and switched on: the message that waited goes.
        receiver.failing.store(0, Ordering::SeqCst);
        let on = send(
            &app,
            "POST",
            &format!("/api/v1/admin/webhooks/{hook}/reactivation"),
            Some(&acc.admin),
            None,
        )
        .await;
        assert_eq!(on.status, 200, "{}", on.text());
        assert!(on.json()["disabled_at"].is_null());
        assert_eq!(
            dispatcher
                .deliver_due(&t.db, Utc::now().naive_utc())
                .await
                .unwrap(),
            1
        );
        let heard = receiver.verified(&secret);
        assert_eq!(heard.len(), 1);
        assert_eq!(
            (heard[0].1.as_str(), heard[0].2),
            ("offer.published", offer)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_never_deliver_one_message_twice() {
    on_each_backend(|t| async move {
        let app = router(&t);
        let acc = accounts(&t, &app).await;
        let (receiver, url) = Receiver::start().await;
        let (_, secret) = register(&app, &acc.admin, &url, json!(["offer.published"])).await;
        let mut offers = Vec::new();
        for n in 0..6 {
            offers.push(
                publish(
                    &app,
                    &acc.recruiter_a,
                    &format!("Cheffe ou chef de projet numérique {n}"),
                )
                .await,
            );
        }
        // Two dispatchers, as two server processes would run them, pass after pass.
        let (one, two) = (
            Dispatcher::new(true).unwrap(),
            Dispatcher::new(true).unwrap(),
        );
        for _ in 0..5 {
            let now = Utc::now().naive_utc();
            let (a, b) = tokio::join!(one.deliver_due(&t.db, now), two.deliver_due(&t.db, now));
            a.unwrap();
            b.unwrap();
        }
        let heard = receiver.verified(&secret);
        let mut ids: Vec<&str> = heard.iter().map(|(id, _, _)| id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids.len(),
            heard.len(),
            "a message delivered twice: {heard:?}"
        );
        let offers_heard: Vec<i64> = heard.iter().map(|(_, _, o)| *o).collect();
        assert_eq!(offers_heard, offers, "each offer once, in order");
    })
    .await;
}

/// In production a receiver's name must resolve to public addresses only: one that points at
/// this machine (or into its network) gets nothing, and the team reads why.
#[tokio::test(flavor = "multi_thread")]
async fn a_production_dispatcher_posts_nothing_inside() {
    on_each_backend(|t| async move {
        let app = router(&t);
        let acc = accounts(&t, &app).await;
        let (receiver, url) = Receiver::start().await;
        let url = url.replace("127.0.0.1", "localhost");
        let (hook, _) = register(&app, &acc.admin, &url, json!(["offer.published"])).await;
        publish(&app, &acc.recruiter_a, "Architecte cloud").await;
        let production = Dispatcher::new(false).unwrap();
        assert_eq!(
            production
                .deliver_due(&t.db, Utc::now().naive_utc())
                .await
                .unwrap(),
            0
        );
        assert!(receiver.accepted.lock().unwrap().is_empty());
        let deliveries = send(
            &app,
            "GET",
            &format!("/api/v1/admin/webhooks/{hook}/deliveries"),
            Some(&acc.admin),
            None,
        )
        .await
        .json();
        let error = deliveries[0]["last_error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(error.contains("aucune adresse publique"), "{deliveries}");
    })
    .await;
}
