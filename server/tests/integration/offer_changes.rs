//! Incremental sync (`GET /api/v1/offers/changes`): a re-user takes a cursor, loads
//! everything, then only the changes — offers published or edited, tombstones with their
//! reason for those that left — and misses none while recruiters write at the same time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::access_matrix::draft;
use crate::common::{accounts, get, on_each_backend, send};
use axum::Router;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Every change since `cursor`, page after page of `limit`; the cursor to resume from.
async fn changes_since(app: &Router, cursor: &str, limit: u32) -> (Vec<Value>, String) {
    let mut all = Vec::new();
    let mut cursor = cursor.to_owned();
    loop {
        let page = get(
            app,
            &format!("/api/v1/offers/changes?since={cursor}&limit={limit}"),
        )
        .await;
        assert_eq!(page.status, 200, "{}", page.text());
        let page = page.json();
        all.extend(page["changes"].as_array().unwrap().iter().cloned());
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
        if !page["has_more"].as_bool().unwrap() {
            return (all, cursor);
        }
    }
}

async fn cursor_now(app: &Router) -> String {
    let now = get(app, "/api/v1/offers/changes").await.json();
    assert_eq!(now["changes"], json!([]));
    now["next_cursor"].as_str().unwrap().to_owned()
}

/// A published offer of the recruiter's entity: its id.
pub async fn publish(app: &Router, recruiter: &str, title: &str) -> i64 {
    let created = send(
        app,
        "POST",
        "/api/v1/recruiter/offers",
        Some(recruiter),
        Some(draft(title)),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    let published = send(
        app,
        "POST",
        &format!("/api/v1/recruiter/offers/{id}/publish"),
        Some(recruiter),
        None,
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.text());
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reuser_loads_once_then_follows_the_changes() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;

        // From the start of the log: every public offer, each once, as the export lists them.
        let (everything, _) = changes_since(&app, "0", 100).await;
        let mut upserted: Vec<i64> = everything
            .iter()
            .filter(|c| c["kind"] == "upsert")
            .map(|c| c["offer_id"].as_i64().unwrap())
            .collect();
        upserted.sort_unstable();
        let exported: Vec<i64> = get(&app, "/api/v1/exports/offers.jsonl")
            .await
            .text()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["reference"]
                    .as_i64()
                    .unwrap()
            })
            .collect();
        assert_eq!(upserted, exported);

        // Published, then edited: one change, the offer as it is now, with when it changed.
        let start = cursor_now(&app).await;
        let id = publish(&app, &acc.recruiter_a, "Développeuse ou développeur Rust").await;
        let mut edited = draft("Développeuse ou développeur Rust pour FranceConnect");
        edited["salary"] = json!({ "min": 48000, "max": 58000 });
        let saved = send(
            &app,
            "PUT",
            &format!("/api/v1/recruiter/offers/{id}"),
            Some(&acc.recruiter_a),
            Some(edited),
        )
        .await;
        assert_eq!(saved.status, 200, "{}", saved.text());
        let (changes, after_edit) = changes_since(&app, &start, 500).await;
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0]["kind"], "upsert");
        assert_eq!(
            changes[0]["offer"]["title"],
            "Développeuse ou développeur Rust pour FranceConnect"
        );
        assert_eq!(
            changes[0]["offer"]["updated_at"],
            get(&app, &format!("/api/v1/offers/{id}")).await.json()["updated_at"]
        );
        assert!(
            changes[0]["changed_at"].as_str().unwrap().ends_with('Z'),
            "an RFC 3339 time"
        );
        assert_eq!(changes[0]["cursor"].as_str().unwrap(), after_edit);

        // Filled, and another archived: tombstones with their reason.
        let other = publish(
            &app,
            &acc.recruiter_a,
            "Administratrice ou administrateur systèmes",
        )
        .await;
        let (_, before_removals) = changes_since(&app, &after_edit, 500).await;
        for (offer, action) in [(id, "fill"), (other, "archive")] {
            let done = send(
                &app,
                "POST",
                &format!("/api/v1/recruiter/offers/{offer}/{action}"),
                Some(&acc.recruiter_a),
                None,
            )
            .await;
            assert_eq!(done.status, 200, "{}", done.text());
        }
        let (removed, after_removals) = changes_since(&app, &before_removals, 1).await;
        let reasons: Vec<(i64, &str, &str)> = removed
            .iter()
            .map(|c| {
                (
                    c["offer_id"].as_i64().unwrap(),
                    c["kind"].as_str().unwrap(),
                    c["reason"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            reasons,
            [(id, "removed", "filled"), (other, "removed", "archived")]
        );
        assert!(removed.iter().all(|c| c["offer"].is_null()));

        // What an offer shows of its entity changed: each of the entity's offers changed.
        let dgfip = get(&app, "/api/v1/entities/dgfip").await.json();
        let renamed = json!({
            "slug": "dgfip", "name": "Direction générale des finances publiques (DGFiP)",
            "acronym": dgfip["acronym"], "kind": dgfip["kind"], "parent_slug": dgfip["parent_slug"],
            "departement_code": dgfip["departement_code"], "city": dgfip["city"],
        });
        let saved = send(
            &app,
            "PUT",
            "/api/v1/admin/entities/dgfip",
            Some(&acc.admin),
            Some(renamed),
        )
        .await;
        assert_eq!(saved.status, 200, "{}", saved.text());
        let (renames, _) = changes_since(&app, &after_removals, 500).await;
        // The entity's own offers (its services' offers show their service, unchanged).
        let public_dgfip = get(&app, "/api/v1/exports/offers.jsonl")
            .await
            .text()
            .lines()
            .filter(|l| serde_json::from_str::<Value>(l).unwrap()["employeur_id"] == "dgfip")
            .count() as u64;
        assert!(public_dgfip > 0);
        let upserts: Vec<&Value> = renames.iter().filter(|c| c["kind"] == "upsert").collect();
        assert_eq!(upserts.len() as u64, public_dgfip, "{renames:?}");
        assert!(upserts
            .iter()
            .all(|c| c["offer"]["entity"]["name"]
                == "Direction générale des finances publiques (DGFiP)"));

        // Bad cursors and sizes are named; a cursor older than the kept log must reload.
        for (query, field) in [
            ("since=abc", "since"),
            ("since=-1", "since"),
            ("since=999999999", "since"),
            ("since=0&limit=0", "limit"),
            ("since=0&limit=501", "limit"),
        ] {
            let refused = get(&app, &format!("/api/v1/offers/changes?{query}"))
                .await
                .problem(400);
            assert_eq!(refused["errors"][0]["field"], field, "{query}");
        }
        let tomorrow = chrono::Utc::now().naive_utc() + chrono::Duration::days(1);
        assert!(
            server::db::offer_changes::purge(&t.db, tomorrow)
                .await
                .unwrap()
                > 0
        );
        let expired = get(&app, &format!("/api/v1/offers/changes?since={start}"))
            .await
            .problem(410);
        assert_eq!(expired["code"], "cursor_expired");
        let fresh = cursor_now(&app).await;
        assert_eq!(
            changes_since(&app, &fresh, 500).await.0,
            Vec::<Value>::new()
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn no_change_is_missed_while_recruiters_write_at_once() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let recruiters = [acc.recruiter_a.clone(), acc.recruiter_b.clone()];
        let mut offers = Vec::new();
        for n in 0..6 {
            let recruiter = &recruiters[n % 2];
            offers.push((
                recruiter.clone(),
                publish(
                    &app,
                    recruiter,
                    &format!(
                        "Cheffe ou chef de projet numérique {}",
                        ["A", "B", "C", "D", "E", "F"][n]
                    ),
                )
                .await,
            ));
        }
        let start = cursor_now(&app).await;
        // Six writers toggle their offer between archived and published, while a re-user
        // follows the feed in small pages.
        let writers: Vec<_> = offers
            .iter()
            .cloned()
            .map(|(recruiter, id)| {
                let app = app.clone();
                tokio::spawn(async move {
                    for round in 0..8 {
                        let action = if round % 2 == 0 { "archive" } else { "publish" };
                        let done = send(
                            &app,
                            "POST",
                            &format!("/api/v1/recruiter/offers/{id}/{action}"),
                            Some(&recruiter),
                            None,
                        )
                        .await;
                        assert_eq!(done.status, 200, "{}", done.text());
                    }
                    // Left archived or published at random-ish: the last round decides.
                    if id % 2 == 0 {
                        send(
                            &app,
                            "POST",
                            &format!("/api/v1/recruiter/offers/{id}/archive"),
                            Some(&recruiter),
                            None,
                        )
                        .await;
                    }
                })
            })
            .collect();
        let mut seen: HashMap<i64, bool> = HashMap::new();
        let mut cursor = start;
        while writers.iter().any(|w| !w.is_finished()) {
            let (changes, next) = changes_since(&app, &cursor, 3).await;
            for c in changes {
                seen.insert(c["offer_id"].as_i64().unwrap(), c["kind"] == "upsert");
            }
            cursor = next;
        }
        for w in writers {
            w.await.unwrap();
        }
        let (changes, _) = changes_since(&app, &cursor, 3).await;
        for c in changes {
            seen.insert(c["offer_id"].as_i64().unwrap(), c["kind"] == "upsert");
        }
        for (_, id) in offers {
            let public = get(&app, &format!("/api/v1/offers/{id}")).await.status == 200;
            assert_eq!(
                seen.get(&id),
                Some(&public),
                "offer {id}: the feed's last word is the truth"
            );
        }
    })
    .await;
}
