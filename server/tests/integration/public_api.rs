//! The public API as third parties use it: quota per address or per key, conditional
//! requests, and pages that stay consistent while offers are published.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::access_matrix::draft;
use crate::common::{accounts, call, get, on_each_backend, problem_fields, send, TestResponse};
use axum::body::Body;
use axum::http::Request;
use axum::Router;
use serde_json::json;
use server::auth::rate_limit::RateLimits;
use std::collections::HashSet;

async fn get_with(app: &Router, uri: &str, header: (&str, &str)) -> TestResponse {
    let request = Request::get(uri)
        .header(header.0, header.1)
        .body(Body::empty())
        .unwrap();
    call(app, request).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_quota_is_counted_per_client_and_a_key_raises_it() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let tight = t.router_with_limits(RateLimits::default().with_api_quota(3, 5));
        for remaining in ["2", "1", "0"] {
            let page = get(&tight, "/api/v1/offers?limit=1").await;
            assert_eq!(page.status, 200, "{}", page.text());
            assert_eq!(page.header("ratelimit-limit"), "3");
            assert_eq!(page.header("ratelimit-remaining"), remaining);
        }
        let refused = get(&tight, "/api/v1/offers?limit=1").await;
        let problem = refused.problem(429);
        assert_eq!(problem["code"], "rate_limited");
        let wait: u64 = refused.retry_after.as_deref().unwrap().parse().unwrap();
        assert!((1..=21).contains(&wait), "one request back in 20 s: {wait}");
        assert_eq!(refused.header("ratelimit-remaining"), "0");

        // The team creates a key; the secret is shown once, only its prefix afterwards.
        let create = |body| send(&app, "POST", "/api/v1/admin/api-keys", Some(&acc.admin), Some(body));
        let bad = create(json!({ "name": " ", "email": "pas-une-adresse" })).await;
        assert_eq!(problem_fields(&bad.problem(400)), ["name", "email"]);
        let created = create(json!({ "name": "Choisir le service public", "email": "Open-Data@Choisirleservicepublic.gouv.fr" })).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let key = created.json();
        let secret = key["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("tdn_") && secret.len() > 40, "{secret}");
        assert_eq!(key["contact_email"], "open-data@choisirleservicepublic.gouv.fr");
        let listed = send(&app, "GET", "/api/v1/admin/api-keys", Some(&acc.admin), None).await.json();
        assert_eq!(listed[0]["prefix"], &secret[..10]);
        assert!(listed[0].get("secret").is_none() && !listed.to_string().contains(&secret));

        // With the key: its own, higher quota, though the address's is spent.
        let keyed = get_with(&tight, "/api/v1/offers?limit=1", ("x-api-key", &secret)).await;
        assert_eq!(keyed.status, 200, "{}", keyed.text());
        assert_eq!(keyed.header("ratelimit-limit"), "5");
        assert_eq!(keyed.header("ratelimit-remaining"), "4");
        let unknown = get_with(&tight, "/api/v1/offers", ("x-api-key", "tdn_inconnue")).await;
        assert_eq!(unknown.problem(401)["detail"], "Clé d'API inconnue ou révoquée.");

        // Revoked: refused at once by the process that revoked it, though it had the key in
        // its cache; another process trusts its cache for up to a minute.
        assert_eq!(get_with(&app, "/api/v1/offers", ("x-api-key", &secret)).await.status, 200);
        let path = format!("/api/v1/admin/api-keys/{}", key["id"]);
        assert_eq!(send(&app, "DELETE", &path, Some(&acc.admin), None).await.status, 204);
        get_with(&app, "/api/v1/offers", ("x-api-key", &secret)).await.problem(401);
        assert_eq!(get_with(&tight, "/api/v1/offers", ("x-api-key", &secret)).await.status, 200);
        let listed = send(&app, "GET", "/api/v1/admin/api-keys", Some(&acc.admin), None).await.json();
        assert!(listed[0]["revoked_at"].is_string());
        send(&app, "DELETE", "/api/v1/admin/api-keys/424242", Some(&acc.admin), None).await.problem(404);
        let audit = send(&app, "GET", "/api/v1/admin/audit", Some(&acc.admin), None).await.text();
        assert!(audit.contains("api_key.create") && audit.contains("api_key.revoke"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn public_reads_carry_etags_and_cache_rules() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let first = get(&app, "/api/v1/offers").await;
        let etag = first.header("etag").to_owned();
        assert!(etag.starts_with("W/\"") && etag.len() > 10, "{etag}");
        assert_eq!(first.header("cache-control"), "public, max-age=60");
        assert!(
            first.header("vary").contains("Cookie"),
            "{:?}",
            first.headers
        );

        let unchanged = get_with(&app, "/api/v1/offers", ("if-none-match", &etag)).await;
        assert_eq!(unchanged.status, 304);
        assert!(unchanged.body.is_empty());
        assert_eq!(unchanged.header("etag"), etag);
        let other = get_with(&app, "/api/v1/offers", ("if-none-match", "W/\"autre\"")).await;
        assert_eq!(other.status, 200);
        assert_eq!(other.body, first.body);

        // With a session, answers may show the caller's own data: private.
        let signed_in = send(
            &app,
            "GET",
            "/api/v1/forum/editions",
            Some(&acc.candidate),
            None,
        )
        .await;
        assert_eq!(signed_in.header("cache-control"), "private, no-cache");
        // A handler's own rule stands (the export is rebuilt at most every ten minutes).
        let export = get(&app, "/api/v1/exports/offers.csv").await;
        assert_eq!(export.header("cache-control"), "public, max-age=600");
        assert!(export.header("etag").starts_with("W/"));
        // Writes and errors are left alone.
        let missing = get(&app, "/api/v1/offers/99999999").await;
        assert!(missing.header("etag").is_empty() && missing.header("cache-control").is_empty());

        // A new offer changes the list, hence its tag.
        let offer = send(
            &app,
            "POST",
            "/api/v1/recruiter/offers",
            Some(&acc.recruiter_a),
            Some(draft(
                "Administratrice ou administrateur de bases de données",
            )),
        )
        .await;
        assert!(offer.header("etag").is_empty());
        let id = offer.json()["id"].as_i64().unwrap();
        let published = send(
            &app,
            "POST",
            &format!("/api/v1/recruiter/offers/{id}/publish"),
            Some(&acc.recruiter_a),
            None,
        )
        .await;
        assert_eq!(published.status, 200, "{}", published.text());
        let changed = get_with(&app, "/api/v1/offers", ("if-none-match", &etag)).await;
        assert_eq!(changed.status, 200);
        assert_ne!(changed.header("etag"), etag);
    })
    .await;
}

/// Walks every page of `first_uri` (which ends with a query string) and returns the ids seen,
/// in order. With `publish` (a recruiter's session and a title), an offer is published
/// before each page.
async fn walk(app: &Router, first_uri: &str, publish: Option<(&str, &str)>) -> Vec<i64> {
    let mut seen = Vec::new();
    let mut uri = first_uri.to_owned();
    loop {
        if let Some((session, title)) = publish {
            let offer = send(
                app,
                "POST",
                "/api/v1/recruiter/offers",
                Some(session),
                Some(draft(title)),
            )
            .await;
            let id = offer.json()["id"].as_i64().unwrap();
            let published = send(
                app,
                "POST",
                &format!("/api/v1/recruiter/offers/{id}/publish"),
                Some(session),
                None,
            )
            .await;
            assert_eq!(published.status, 200, "{}", published.text());
        }
        let page = get(app, &uri).await;
        assert_eq!(page.status, 200, "{uri}: {}", page.text());
        let page = page.json();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("{first_uri}&cursor={cursor}"),
            None => return seen,
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_stay_consistent_while_offers_are_published() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        // Newest first (keyset), and by relevance (offset among the offers of the first page's
        // time); the new offers match the search and would rank among the first.
        for (uri, title) in [
            (
                "/api/v1/offers?limit=25",
                "Développeuse ou développeur Rust",
            ),
            (
                "/api/v1/offers?q=donn%C3%A9es&limit=4",
                "Data scientist : données de santé, données ouvertes",
            ),
            (
                "/api/v1/offers?q=d%C3%A9veloppeur&sort=relevance&limit=6&region=11",
                "Développeur développeuse Python, développement web",
            ),
        ] {
            let before: HashSet<i64> = walk(&app, uri, None).await.into_iter().collect();
            assert!(before.len() > 8, "{uri}: several pages ({})", before.len());
            let seen = walk(&app, uri, Some((&acc.recruiter_a, title))).await;
            let distinct: HashSet<i64> = seen.iter().copied().collect();
            assert_eq!(distinct.len(), seen.len(), "{uri}: an offer came twice");
            let skipped: Vec<_> = before.difference(&distinct).collect();
            assert!(skipped.is_empty(), "{uri}: skipped {skipped:?}");
            // The offers published during the walk are there for the next one.
            assert!(walk(&app, uri, None).await.len() > before.len(), "{uri}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn text_with_a_nul_character_is_refused_not_stored() {
    on_each_backend(|t| async move {
        let app = t.router();
        let in_path = get(&app, "/api/v1/entities/dinum%00").await;
        assert_eq!(problem_fields(&in_path.problem(400)), ["uri"]);
        let in_query = get(&app, "/api/v1/offers?q=donn%00ees").await;
        assert_eq!(problem_fields(&in_query.problem(400)), ["uri"]);
        let body = json!({ "email": "lea.petit\u{0}@etudiant.univ-rennes.fr", "password": "une phrase de passe solide" });
        let in_body = send(&app, "POST", "/api/v1/auth/signup", None, Some(body)).await;
        assert_eq!(problem_fields(&in_body.problem(400)), ["body"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn behind_our_proxy_each_client_address_has_its_own_quota() {
    let t = crate::common::sqlite().await;
    let app = t.router_with_settings(RateLimits::default().with_api_quota(1, 1), 1);
    let from = |addresses: &'static str| {
        get_with(&app, "/api/v1/geo/regions", ("x-forwarded-for", addresses))
    };
    assert_eq!(from("203.0.113.7").await.status, 200);
    from("203.0.113.7").await.problem(429);
    // Another client of the same proxy; then one who writes its own entry on the left.
    assert_eq!(from("203.0.113.8").await.status, 200);
    from("198.51.100.1, 203.0.113.8").await.problem(429);
}
