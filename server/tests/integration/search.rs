//! The search engine through the API: facets, highlights, « Vouliez-vous dire »,
//! suggestions, stop words, and an index that follows every write at once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::access_matrix::draft;
use crate::common::{accounts, get, on_each_backend, send};
use diesel_async::RunQueryDsl;
use serde_json::Value;

fn facet<'a>(page: &'a Value, name: &str) -> &'a Vec<Value> {
    page["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["facet"] == name)
        .unwrap()["values"]
        .as_array()
        .unwrap()
}

fn count_of(values: &[Value], value: &str) -> i64 {
    values
        .iter()
        .find(|v| v["value"] == value)
        .map_or(0, |v| v["count"].as_i64().unwrap())
}

fn sum(values: &[Value]) -> i64 {
    values.iter().map(|v| v["count"].as_i64().unwrap()).sum()
}

#[tokio::test(flavor = "multi_thread")]
async fn facets_count_each_value_without_their_own_filter() {
    on_each_backend(|t| async move {
        let app = t.router();
        let all = get(&app, "/api/v1/offers?limit=1").await.json();
        assert!(all.get("facets").is_none(), "no facets unless asked");
        let page = get(
            &app,
            "/api/v1/offers?contract=stage&facets=contract,region&limit=1",
        )
        .await
        .json();
        let total = page["total"].as_i64().unwrap();
        let contracts = facet(&page, "contract");
        // The contract facet ignores the contract filter: every contract, the chosen one
        // with the page's total.
        assert!(contracts.len() > 2, "{contracts:?}");
        assert_eq!(count_of(contracts, "stage"), total);
        assert_eq!(sum(contracts), all["total"].as_i64().unwrap());
        assert_eq!(
            contracts[0]["label"].as_str().map(str::is_empty),
            Some(false)
        );
        // The region facet applies it.
        assert_eq!(sum(facet(&page, "region")), total);
        // A value's count is the total its filter gives.
        let idf = count_of(facet(&page, "region"), "11");
        let narrowed = get(&app, "/api/v1/offers?contract=stage&region=11&limit=1")
            .await
            .json();
        assert_eq!(narrowed["total"].as_i64().unwrap(), idf);
        // With a text too.
        let data = get(&app, "/api/v1/offers?q=data&facets=family&limit=1")
            .await
            .json();
        assert_eq!(sum(facet(&data, "family")), data["total"].as_i64().unwrap());
        assert_eq!(get(&app, "/api/v1/offers?facets=salary").await.status, 400);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn highlights_are_segments_of_each_offer_of_the_page() {
    on_each_backend(|t| async move {
        let app = t.router();
        let page = get(&app, "/api/v1/offers?q=d%C3%A9veloppeuse&limit=5")
            .await
            .json();
        let items = page["items"].as_array().unwrap();
        let highlights = page["highlights"].as_array().unwrap();
        assert_eq!(items.len(), highlights.len());
        for (item, h) in items.iter().zip(highlights) {
            assert_eq!(item["id"], h["id"]);
            let title: String = h["title"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["text"].as_str().unwrap())
                .collect();
            assert_eq!(title, item["title"].as_str().unwrap());
        }
        let marked: Vec<&str> = highlights[0]["title"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["matched"] == true)
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        assert!(marked.contains(&"Développeuse"), "{marked:?}");
        let listing = get(&app, "/api/v1/offers?limit=5").await.json();
        assert!(listing.get("highlights").is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_query_that_finds_nothing_gets_a_close_spelling_that_does() {
    on_each_backend(|t| async move {
        let app = t.router();
        // Four letters: never corrected by the search itself, proposed instead.
        let page = get(&app, "/api/v1/offers?q=rsut").await.json();
        assert_eq!(page["total"], 0);
        assert_eq!(page["did_you_mean"], "rust");
        let found = get(&app, "/api/v1/offers?q=rust").await.json();
        assert!(found["total"].as_i64().unwrap() > 0);
        assert!(found.get("did_you_mean").is_none());
        // Typos within the budget are found directly.
        let typo = get(&app, "/api/v1/offers?q=kubernetis").await.json();
        assert!(typo["total"].as_i64().unwrap() > 0);
        // Nothing close: no proposal.
        let none = get(&app, "/api/v1/offers?q=zzqxw").await.json();
        assert_eq!(none["total"], 0);
        assert!(none.get("did_you_mean").is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn stop_words_alone_list_every_offer() {
    on_each_backend(|t| async move {
        let app = t.router();
        let all = get(&app, "/api/v1/offers?limit=1").await.json();
        let stop = get(&app, "/api/v1/offers?q=de%20la%20les&limit=1")
            .await
            .json();
        assert_eq!(stop["total"], all["total"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn suggestions_give_metiers_entities_and_titles() {
    on_each_backend(|t| async move {
        let app = t.router();
        let dev = get(&app, "/api/v1/suggest?q=d%C3%A9v").await.json();
        let slugs: Vec<&str> = dev["metiers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["slug"].as_str().unwrap())
            .collect();
        assert!(slugs.contains(&"developpeuse-developpeur"), "{slugs:?}");
        assert!(!dev["titles"].as_array().unwrap().is_empty());
        for kind in ["metiers", "entities", "titles"] {
            assert!(dev[kind].as_array().unwrap().len() <= 10, "{kind}");
        }
        let anssi = get(&app, "/api/v1/suggest?q=anss").await.json();
        assert_eq!(anssi["entities"][0]["slug"], "anssi");
        let empty = get(&app, "/api/v1/suggest").await.json();
        assert!(empty["metiers"].as_array().unwrap().is_empty());
        let long = "a".repeat(201);
        get(&app, &format!("/api/v1/suggest?q={long}"))
            .await
            .problem(400);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_write_is_searchable_at_once() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let search = |q: &'static str| {
            let app = app.clone();
            async move {
                get(&app, &format!("/api/v1/offers?q={q}&limit=100"))
                    .await
                    .json()["total"]
                    .as_i64()
                    .unwrap()
            }
        };
        let created = send(
            &app,
            "POST",
            "/api/v1/recruiter/offers",
            Some(&acc.recruiter_a),
            Some(draft("Développeuse ou développeur Zorglub")),
        )
        .await;
        assert_eq!(created.status, 201, "{}", created.text());
        let id = created.json()["id"].as_i64().unwrap();
        assert_eq!(search("zorglub").await, 0, "a draft is not public");
        let uri = |action: &str| format!("/api/v1/recruiter/offers/{id}/{action}");
        assert_eq!(
            send(&app, "POST", &uri("publish"), Some(&acc.recruiter_a), None)
                .await
                .status,
            200
        );
        assert_eq!(search("zorglub").await, 1, "published: found at once");
        // Edited: the new words are found, the old ones not.
        let edited = draft("Développeuse ou développeur Quetzal");
        let put = send(
            &app,
            "PUT",
            &format!("/api/v1/recruiter/offers/{id}"),
            Some(&acc.recruiter_a),
            Some(edited),
        )
        .await;
        assert_eq!(put.status, 200, "{}", put.text());
        assert_eq!((search("zorglub").await, search("quetzal").await), (0, 1));
        // The entity renamed (by any path, here SQL): its offers are found by the new name.
        let renamed: Result<usize, server::db::DbError> = async {
            Ok(server::with_conn!(t.db, |conn: DB| {
                diesel::sql_query(
                    "UPDATE entities SET name = 'Direction Ornithorynque' WHERE slug = 'dinum'",
                )
                .execute(conn)
                .await?
            }))
        }
        .await;
        assert_eq!(renamed.unwrap(), 1);
        assert!(search("ornithorynque").await >= 1);
        assert_eq!(
            send(&app, "POST", &uri("archive"), Some(&acc.recruiter_a), None)
                .await
                .status,
            200
        );
        assert_eq!(search("quetzal").await, 0, "archived: gone at once");
    })
    .await;
}

/// Searches arriving together share one read of the log's end (`search::sync::LastCheck`):
/// a write must still be found by the very next search while others keep the server busy,
/// and the suggestions follow it too.
#[tokio::test(flavor = "multi_thread")]
async fn a_write_is_found_at_once_while_other_searches_run() {
    on_each_backend(|t| async move {
        let app = t.router();
        let newest = get(&app, "/api/v1/offers").await.json()["items"][0]["id"]
            .as_i64()
            .unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let busy: Vec<_> = (0..8)
            .map(|n| {
                let (app, stop) = (app.clone(), stop.clone());
                tokio::spawn(async move {
                    let queries = ["data", "developpeur", "chef%20de%20projet", "reseau"];
                    while !std::sync::atomic::AtomicBool::load(
                        &stop,
                        std::sync::atomic::Ordering::Relaxed,
                    ) {
                        let q = queries[n % queries.len()];
                        assert_eq!(
                            get(&app, &format!("/api/v1/offers?q={q}")).await.status,
                            200
                        );
                    }
                })
            })
            .collect();
        let words = [
            "ornithorynque",
            "tamanoir",
            "okapi",
            "axolotl",
            "pangolin",
            "narval",
            "wombat",
            "capybara",
            "fennec",
            "suricate",
        ];
        for word in words {
            crate::common::set_offer_title(&t.db, newest, &format!("Architecte {word}")).await;
            let found = get(&app, &format!("/api/v1/offers?q={word}")).await.json();
            assert_eq!(found["total"], 1, "« {word} » found by the next search");
            let suggested = get(&app, &format!("/api/v1/suggest?q={word}")).await.json();
            assert_eq!(
                suggested["titles"][0]["title"],
                format!("Architecte {word}"),
                "« {word} » suggested at once"
            );
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for task in busy {
            task.await.unwrap();
        }
    })
    .await;
}
