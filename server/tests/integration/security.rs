//! Issue 22's findings, one regression test (or more) per item: each failed before its fix.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{on_each_backend, send, TestDb};
use axum::Router;
use serde_json::json;
use server::auth::rate_limit::RateLimits;

/// The candidate of `common::accounts`.
const CANDIDATE: &str = "lea.petit@etudiant.univ-rennes.fr";

/// Sign-in limits of `per_address` a minute, the API quota lifted.
fn limits(per_address: u32, per_account: u32) -> RateLimits {
    RateLimits::new(per_address, per_account).with_api_quota(1_000_000, 1_000_000)
}

fn router_with(t: &TestDb, settings: server::state::Settings) -> Router {
    server::http::router_with_limits(t.db.clone(), settings, limits(20, 5)).unwrap()
}

// Item 1: password hashing.

#[tokio::test(flavor = "multi_thread")]
async fn a_bogus_reset_token_is_refused_before_any_hashing() {
    let t = crate::common::sqlite().await;
    let hasher = server::auth::password::Hasher::new(1);
    let app = router_with(
        &t,
        server::state::Settings {
            password_hasher: hasher.clone(),
            ..t.settings()
        },
    );
    // Every hashing slot taken: a request that hashed would wait for it.
    let _slot = hasher.reserve().await.unwrap();
    let bogus = json!({ "token": "pas-un-jeton", "password": "une phrase de passe solide" });
    let answer = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        send(
            &app,
            "POST",
            "/api/v1/auth/password-reset/confirm",
            None,
            Some(bogus),
        ),
    )
    .await
    .expect("answered without waiting for a hashing slot");
    answer.problem(404);
}

#[tokio::test(flavor = "multi_thread")]
async fn reset_confirmations_are_rate_limited() {
    let t = crate::common::sqlite().await;
    let app = t.router_with_limits(limits(3, 5));
    let bogus = json!({ "token": "pas-un-jeton", "password": "une phrase de passe solide" });
    for _ in 0..3 {
        send(
            &app,
            "POST",
            "/api/v1/auth/password-reset/confirm",
            None,
            Some(bogus.clone()),
        )
        .await
        .problem(404);
    }
    let limited = send(
        &app,
        "POST",
        "/api/v1/auth/password-reset/confirm",
        None,
        Some(bogus),
    )
    .await;
    assert_eq!(limited.problem(429)["code"], "rate_limited");
}

// Item 12: the JobPosting JSON-LD.

#[tokio::test(flavor = "multi_thread")]
async fn an_offer_title_cannot_break_out_of_its_json_ld() {
    on_each_backend(|t| async move {
        let app = t.router();
        let id = crate::common::get(&app, "/api/v1/offers").await.json()["items"][0]["id"]
            .as_i64()
            .unwrap();
        let title = "Développeur <!-- <script> </script> & co";
        crate::common::set_offer_title(&t.db, id, title).await;
        let html = crate::common::get(&app, &format!("/offres/{id}"))
            .await
            .text();
        let ld = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .expect("a JSON-LD script in the offer page");
        assert!(!ld.contains('<'), "{ld}");
        let posting: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(posting["title"], title);
    })
    .await;
}

// Item 4: the admin outbox.

#[tokio::test(flavor = "multi_thread")]
async fn admins_never_read_a_live_link_in_the_outbox() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = crate::common::accounts(&t, &app).await;
        let live = crate::common::last_link(&t.db, CANDIDATE).await;
        let outbox = send(&app, "GET", "/api/v1/admin/outbox", Some(&acc.admin), None).await;
        assert_eq!(outbox.status, 200);
        let text = outbox.text();
        assert!(!text.contains(&live), "a live confirmation link shown");
        let messages = outbox.json();
        let confirmation = messages
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["recipient"] == CANDIDATE)
            .unwrap();
        assert!(
            confirmation["body"]
                .as_str()
                .unwrap()
                .contains("/compte/confirmer?jeton=[masqué]"),
            "{confirmation}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn delivered_mail_is_deleted_after_30_days() {
    on_each_backend(|t| async move {
        let app = t.router();
        crate::common::accounts(&t, &app).await;
        let all = server::db::outbox::list(&t.db, 500).await.unwrap();
        assert!(all.len() >= 3);
        let now = chrono::Utc::now().naive_utc();
        let (old, recent) = (all[0].id, all[1].id);
        server::db::outbox::mark_sent(&t.db, old, now - chrono::Duration::days(31))
            .await
            .unwrap();
        server::db::outbox::mark_sent(&t.db, recent, now - chrono::Duration::days(29))
            .await
            .unwrap();
        let cutoff = now - chrono::Duration::days(server::db::outbox::KEEP_DELIVERED_DAYS);
        assert_eq!(
            server::db::outbox::purge_delivered(&t.db, cutoff)
                .await
                .unwrap(),
            1
        );
        let left: Vec<shared::OutboxMessageId> = server::db::outbox::list(&t.db, 500)
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        assert!(!left.contains(&old));
        assert!(left.contains(&recent));
        assert_eq!(left.len(), all.len() - 1, "unsent messages stay");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn erasing_an_account_deletes_the_mail_sent_to_it() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = crate::common::accounts(&t, &app).await;
        assert!(!crate::common::outbox_to(&t.db, CANDIDATE).await.is_empty());
        let erased = send(
            &app,
            "DELETE",
            "/api/v1/me",
            Some(&acc.candidate),
            Some(json!({ "password": crate::common::PASSWORD })),
        )
        .await;
        assert_eq!(erased.status, 204, "{}", erased.text());
        assert!(crate::common::outbox_to(&t.db, CANDIDATE).await.is_empty());
    })
    .await;
}

// Item 6: hiding a profile from an entity.

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_hidden_from_a_ministry_is_hidden_from_its_directorates() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = crate::common::accounts(&t, &app).await;
        let profile = json!({
            "first_name": "Léa", "last_name": "Petit", "phone": "06 71 22 48 90",
            "metiers": ["data-engineer"], "regions": ["53"], "contract_types": ["stage"],
            "visible_to_recruiters": true, "hidden_entities": ["ministere-economie"],
        });
        let saved = send(
            &app,
            "PUT",
            "/api/v1/me/profile",
            Some(&acc.candidate),
            Some(profile),
        )
        .await;
        assert_eq!(saved.status, 200, "{}", saved.text());
        let talents = |session: String| {
            let app = app.clone();
            async move {
                send(
                    &app,
                    "GET",
                    "/api/v1/recruiter/profiles",
                    Some(&session),
                    None,
                )
                .await
                .json()
            }
        };
        // The DGFiP is under the ministère de l'Économie; the DINUM is not.
        assert_eq!(talents(acc.recruiter_b.clone()).await, json!([]));
        assert_eq!(
            talents(acc.recruiter_a.clone())
                .await
                .as_array()
                .unwrap()
                .len(),
            1
        );
    })
    .await;
}

// Item 10: tokens in URLs.

/// A log sink the test reads back.
#[derive(Clone, Default)]
struct Logs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_in_paths_never_reach_the_logs() {
    let t = crate::common::sqlite().await;
    let app = t.router();
    let logs = Logs::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);
    let secret = server::auth::token::generate().unwrap();
    for path in [
        format!("/feeds/alertes/{secret}"),
        format!("/vis-mon-job/duo/{secret}"),
        format!("/api/v1/vis-mon-job/duos/{secret}/agenda.ics"),
    ] {
        crate::common::get(&app, &path).await;
    }
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("/feeds/alertes/[masqué]"), "{text}");
    assert!(
        text.contains("/api/v1/vis-mon-job/duos/[masqué]/agenda.ics"),
        "{text}"
    );
    assert!(!text.contains(&secret), "{text}");
}

// Item 5: the attempt limits.

/// A JSON POST from the client address `from` (the router trusts one proxy hop).
async fn post_from(
    app: &Router,
    from: &str,
    uri: &str,
    body: serde_json::Value,
) -> crate::common::TestResponse {
    let request = axum::http::Request::post(uri)
        .header("content-type", "application/json")
        .header("x-forwarded-for", from)
        .body(axum::body::Body::from(body.to_string()))
        .unwrap();
    crate::common::call(app, request).await
}

#[tokio::test(flavor = "multi_thread")]
async fn ipv6_addresses_of_one_64_share_their_limit() {
    let t = crate::common::sqlite().await;
    let app = t.router_with_settings(limits(3, 100), 1);
    for n in 1..=3 {
        let body =
            json!({ "email": format!("personne{n}@exemple.fr"), "password": "essai quelconque" });
        post_from(
            &app,
            &format!("2001:db8:1:2::{n}"),
            "/api/v1/auth/login",
            body,
        )
        .await
        .problem(401);
    }
    let body = json!({ "email": "personne4@exemple.fr", "password": "essai quelconque" });
    post_from(
        &app,
        "2001:db8:1:2:ffff::4",
        "/api/v1/auth/login",
        body.clone(),
    )
    .await
    .problem(429);
    // Another /64 is another client.
    post_from(&app, "2001:db8:1:3::1", "/api/v1/auth/login", body)
        .await
        .problem(401);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guesser_is_slowed_down_without_locking_the_owner_out() {
    on_each_backend(|t| async move {
        let app = t.router_with_settings(limits(1000, 5), 1);
        crate::common::accounts(&t, &app).await;
        let guess = json!({ "email": CANDIDATE, "password": "ce n'est pas le bon" });
        for _ in 0..5 {
            post_from(&app, "198.51.100.7", "/api/v1/auth/login", guess.clone())
                .await
                .problem(401);
        }
        let slowed = post_from(&app, "198.51.100.7", "/api/v1/auth/login", guess).await;
        assert!(slowed.problem(429)["detail"].as_str().is_some());
        assert!(slowed.retry_after.unwrap().parse::<u64>().unwrap() >= 1);
        // The owner, from home, with the right password.
        let owner = json!({ "email": CANDIDATE, "password": crate::common::PASSWORD });
        for _ in 0..6 {
            let signed_in =
                post_from(&app, "203.0.113.20", "/api/v1/auth/login", owner.clone()).await;
            assert_eq!(signed_in.status, 200, "{}", signed_in.text());
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_addresses_do_not_share_one_per_address_bucket() {
    let t = crate::common::sqlite().await;
    let app = t.router_with_settings(limits(1000, 2), 1);
    // Three people, each forgetting the address: a form error each time, never « too many ».
    for (n, address) in ["", "  ", "prenom.nom"].iter().enumerate() {
        let body = json!({ "email": address, "password": "une phrase de passe solide" });
        let answer = post_from(
            &app,
            &format!("198.51.100.{n}"),
            "/api/v1/auth/signup",
            body,
        )
        .await;
        assert_eq!(answer.problem(400)["errors"][0]["field"], "email");
    }
    // A real address is still counted: the third attempt at it in the minute is refused.
    let body =
        json!({ "email": "camille.roux@exemple.fr", "password": "une phrase de passe solide" });
    for n in 0..2 {
        let answer = post_from(
            &app,
            &format!("203.0.113.{n}"),
            "/api/v1/auth/signup",
            body.clone(),
        )
        .await;
        assert_eq!(answer.status, 202);
    }
    post_from(&app, "203.0.113.9", "/api/v1/auth/signup", body)
        .await
        .problem(429);
}

// Item 8: cross-site writes and the forum's join link.

/// A request with the session cookie and extra headers.
async fn send_with(
    app: &Router,
    method: &str,
    uri: &str,
    session: &str,
    headers: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> crate::common::TestResponse {
    let mut request = axum::http::Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "localhost:3000")
        .header("cookie", format!("talents_session={session}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(json) => {
            request = request.header("content-type", "application/json");
            axum::body::Body::from(json.to_string())
        }
        None => axum::body::Body::empty(),
    };
    crate::common::call(app, request.body(body).unwrap()).await
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_in_writes_from_another_site_are_refused() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = crate::common::accounts(&t, &app).await;
        let alert = json!({ "name": "Rust à Rennes", "query": "q=rust" });
        for headers in [
            [("sec-fetch-site", "cross-site")],
            [("origin", "https://autre-site.example")],
        ] {
            send_with(
                &app,
                "POST",
                "/api/v1/auth/logout",
                &acc.candidate,
                &headers,
                None,
            )
            .await
            .problem(403);
            send_with(
                &app,
                "POST",
                "/api/v1/me/alerts",
                &acc.candidate,
                &headers,
                Some(alert.clone()),
            )
            .await
            .problem(403);
        }
        // The session survived; from the site itself, writes pass.
        let same = [
            ("sec-fetch-site", "same-origin"),
            ("origin", "http://localhost:3000"),
        ];
        let me = send_with(&app, "GET", "/api/v1/me", &acc.candidate, &[], None).await;
        assert_eq!(me.status, 200);
        let out = send_with(
            &app,
            "POST",
            "/api/v1/auth/logout",
            &acc.candidate,
            &same,
            None,
        )
        .await;
        assert_eq!(out.status, 204, "{}", out.text());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_join_link_counts_only_the_participant_opening_it_themselves() {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use server::db::schema::{forum_registrations, users};
    use server::with_conn;
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = crate::common::accounts(&t, &app).await;
        let lea = acc.candidate.as_str();
        let joined = send_with(
            &app,
            "PUT",
            "/api/v1/forum/editions/forum-2027/registration",
            lea,
            &[],
            Some(json!({ "first_name": "Léa", "last_name": "Petit" })),
        )
        .await;
        assert_eq!(joined.status, 200, "{}", joined.text());
        let sessions = crate::common::get(
            &app,
            "/api/v1/forum/sessions?edition=forum-2027&kind=conference",
        )
        .await
        .json();
        let session = sessions[0]["id"].as_i64().unwrap();
        let registered = send_with(
            &app,
            "POST",
            &format!("/api/v1/forum/sessions/{session}/registration"),
            lea,
            &[],
            None,
        )
        .await;
        assert_eq!(
            registered.json()["status"],
            "confirmed",
            "{}",
            registered.text()
        );
        let joined_at = || async {
            let db = &t.db;
            let at: Result<Vec<Option<chrono::NaiveDateTime>>, server::db::DbError> = async {
                Ok(with_conn!(db, |conn: DB| {
                    let lea = users::table
                        .filter(users::email.eq(CANDIDATE))
                        .select(users::id);
                    forum_registrations::table
                        .filter(forum_registrations::session_id.eq(session))
                        .filter(forum_registrations::user_id.eq_any(lea))
                        .select(forum_registrations::joined_at)
                        .load(conn)
                        .await?
                }))
            }
            .await;
            at.unwrap()
        };
        let join = format!("/api/v1/forum/sessions/{session}/join");
        for headers in [
            [("sec-fetch-site", "cross-site")],
            [("sec-purpose", "prefetch")],
        ] {
            let followed = send_with(&app, "GET", &join, lea, &headers, None).await;
            assert_eq!(followed.status, 303);
            assert_eq!(joined_at().await, [None], "{headers:?}");
        }
        let opened = send_with(
            &app,
            "GET",
            &join,
            lea,
            &[("sec-fetch-site", "same-origin")],
            None,
        )
        .await;
        assert_eq!(opened.status, 303);
        assert!(joined_at().await[0].is_some());
    })
    .await;
}
