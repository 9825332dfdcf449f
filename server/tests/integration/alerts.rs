//! Job alerts: saved searches checked like `/api/v1/offers`, a private Atom feed, and a
//! daily digest sent once per new batch of offers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::access_matrix::draft;
use crate::common::{accounts, get, on_each_backend, problem_fields, send};
use diesel_async::RunQueryDsl;
use serde_json::json;

const URL: &str = "http://localhost:3000";

#[tokio::test(flavor = "multi_thread")]
async fn an_alert_mails_new_offers_once_and_feeds_them() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let create = |body| send(&app, "POST", "/api/v1/me/alerts", Some(&acc.candidate), Some(body));
        let bad = create(json!({ "name": " ", "query": "contract=cdi" })).await;
        assert_eq!(problem_fields(&bad.problem(400)), ["name"]);
        let bad = create(json!({ "name": "CDI", "query": "contract=cdi" })).await;
        assert_eq!(problem_fields(&bad.problem(400)), ["contract"]);
        send(&app, "POST", "/api/v1/me/alerts", Some(&acc.recruiter_a), Some(json!({ "name": "Rust", "query": "q=rust" }))).await.problem(403);

        let created = create(json!({ "name": "Développement à la DINUM", "query": "?entity=dinum&metier=developpeuse-developpeur&sort=recent&limit=5" })).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let alert = created.json();
        assert_eq!(alert["query"], "metier=developpeuse-developpeur&entity=dinum");
        let mine = send(&app, "GET", "/api/v1/me/alerts", Some(&acc.candidate), None).await.json();
        assert_eq!(mine[0]["id"], alert["id"]);

        // The feed lists the search's offers, newest first; an unknown token is a 404.
        let feed_path = alert["feed_url"].as_str().unwrap().trim_start_matches(URL).to_owned();
        let feed = get(&app, &feed_path).await;
        assert_eq!(feed.status, 200);
        assert!(feed.content_type.starts_with("application/atom+xml"));
        let count = |xml: &str| xml.matches("<entry>").count();
        let before = count(&feed.text());
        get(&app, "/feeds/alertes/jeton-inconnu").await.problem(404);

        // A new matching offer: the next daily pass mails it once; later passes stay quiet.
        let offer = send(&app, "POST", "/api/v1/recruiter/offers", Some(&acc.recruiter_a), Some(draft("Développeuse ou développeur Rust pour FranceConnect"))).await;
        let id = offer.json()["id"].as_i64().unwrap();
        let published = send(&app, "POST", &format!("/api/v1/recruiter/offers/{id}/publish"), Some(&acc.recruiter_a), None).await;
        assert_eq!(published.status, 200, "{}", published.text());
        assert_eq!(count(&get(&app, &feed_path).await.text()), before + 1);
        let now = chrono::Utc::now().naive_utc();
        assert_eq!(server::alerts::send_digests(&t.db, URL, now).await.unwrap(), 0, "not due before a day");
        let tomorrow = now + chrono::Duration::hours(25);
        assert_eq!(server::alerts::send_digests(&t.db, URL, tomorrow).await.unwrap(), 1);
        let later = tomorrow + chrono::Duration::hours(25);
        assert_eq!(server::alerts::send_digests(&t.db, URL, later).await.unwrap(), 0, "nothing new");
        let mails = server::db::outbox::list(&t.db, 500).await.unwrap();
        let digests: Vec<_> = mails.iter().filter(|m| m.subject.starts_with("Alerte")).collect();
        assert_eq!(digests.len(), 1);
        assert_eq!(digests[0].recipient, "lea.petit@etudiant.univ-rennes.fr");
        assert!(digests[0].body.contains(&format!("{URL}/offres/{id}")));

        let path = format!("/api/v1/me/alerts/{}", alert["id"]);
        assert_eq!(send(&app, "DELETE", &path, Some(&acc.candidate), None).await.status, 204);
        get(&app, &feed_path).await.problem(404);
    })
    .await;
}

/// The feed URL's secret is stored hashed, like a session's: it is given when the alert is
/// made, never listed again; a new one can be made, which closes the former; secrets stored
/// in clear before the change are hashed as the server starts, and their links keep working.
#[tokio::test(flavor = "multi_thread")]
async fn a_feed_secret_is_stored_hashed_given_once_and_renewed() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let candidate = Some(acc.candidate.as_str());
        let body = json!({ "name": "Données en Bretagne", "query": "q=donnees&region=53" });
        let created = send(&app, "POST", "/api/v1/me/alerts", candidate, Some(body)).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let alert = created.json();
        let path =
            |url: &serde_json::Value| url.as_str().unwrap().trim_start_matches(URL).to_owned();
        let first = path(&alert["feed_url"]);
        assert_eq!(get(&app, &first).await.status, 200);
        let mine = send(&app, "GET", "/api/v1/me/alerts", candidate, None)
            .await
            .json();
        assert!(mine[0].get("feed_url").is_none(), "listed again: {mine}");
        assert_eq!(
            server::db::clear_tokens::hash_all(&t.db).await.unwrap(),
            0,
            "nothing in clear"
        );

        let renew = format!("/api/v1/me/alerts/{}/feed-link", alert["id"]);
        send(&app, "POST", &renew, Some(&acc.recruiter_a), None)
            .await
            .problem(403);
        let other = send(
            &app,
            "POST",
            "/api/v1/me/alerts/999999/feed-link",
            candidate,
            None,
        )
        .await;
        other.problem(404);
        let renewed = send(&app, "POST", &renew, candidate, None).await;
        assert_eq!(renewed.status, 200, "{}", renewed.text());
        let second = path(&renewed.json()["feed_url"]);
        assert_ne!(first, second);
        get(&app, &first).await.problem(404);
        assert_eq!(get(&app, &second).await.status, 200);

        // A secret of before the change, in clear: hashed at start, its link still opens.
        let legacy = "AncienSecretDeFluxStockeEnClair0123456789ab";
        let stored: Result<usize, server::db::DbError> = async {
            Ok(server::with_conn!(t.db, |conn: DB| {
                diesel::sql_query(format!(
                    "UPDATE job_alerts SET feed_token_hash = '{legacy}' WHERE id = {}",
                    alert["id"]
                ))
                .execute(conn)
                .await?
            }))
        }
        .await;
        assert_eq!(stored.unwrap(), 1);
        assert_eq!(server::db::clear_tokens::hash_all(&t.db).await.unwrap(), 1);
        assert_eq!(server::db::clear_tokens::hash_all(&t.db).await.unwrap(), 0);
        assert_eq!(
            get(&app, &format!("/feeds/alertes/{legacy}")).await.status,
            200
        );
    })
    .await;
}
