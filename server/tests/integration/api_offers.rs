//! `GET /api/v1/offers` and `GET /api/v1/offers/{id}` on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{get, on_each_backend, problem_fields};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use server::db::schema::offers;
use server::with_conn;
use std::collections::HashSet;

fn ids(page: &serde_json::Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn pagination_walks_every_public_offer_once() {
    on_each_backend(|t| async move {
        let app = t.router();
        let first = get(&app, "/api/v1/offers").await.json();
        let total = first["total"].as_i64().unwrap();
        assert!(
            total >= 200,
            "seed publishes at least 200 offers, got {total}"
        );
        assert_eq!(ids(&first).len(), 20, "default limit");

        let mut seen = HashSet::new();
        let mut uri = "/api/v1/offers?limit=100".to_owned();
        let mut previous: Option<String> = None;
        loop {
            let page = get(&app, &uri).await.json();
            for item in page["items"].as_array().unwrap() {
                assert!(
                    seen.insert(item["id"].as_i64().unwrap()),
                    "duplicate across pages"
                );
                let published = item["published_at"].as_str().unwrap().to_owned();
                if let Some(prev) = &previous {
                    assert!(published <= *prev, "recent first");
                }
                previous = Some(published);
            }
            match page["next_cursor"].as_str() {
                Some(cursor) => uri = format!("/api/v1/offers?limit=100&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen.len() as i64, total);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_published_unexpired_offers_are_public() {
    on_each_backend(|t| async move {
        let app = t.router();
        let now = chrono::Utc::now().naive_utc();
        let (hidden, expired): (Vec<i64>, Vec<i64>) = {
            let db = &t.db;
            let result: Result<_, server::db::DbError> = async {
                Ok(with_conn!(db, |conn: DB| {
                    let hidden: Vec<i64> = offers::table
                        .filter(offers::status.ne("published"))
                        .select(offers::id)
                        .load(conn)
                        .await?;
                    let expired: Vec<i64> = offers::table
                        .filter(offers::status.eq("published"))
                        .filter(offers::expires_at.le(now))
                        .select(offers::id)
                        .load(conn)
                        .await?;
                    (hidden, expired)
                }))
            }
            .await;
            result.unwrap()
        };
        assert!(
            !hidden.is_empty() && !expired.is_empty(),
            "seed has drafts and expired offers"
        );
        for id in hidden.iter().chain(&expired).take(6) {
            let doc = get(&app, &format!("/api/v1/offers/{id}"))
                .await
                .problem(404);
            assert_eq!(doc["code"], "not_found");
        }
        let all = get(&app, "/api/v1/offers?limit=100").await.json();
        let listed: HashSet<i64> = ids(&all).into_iter().collect();
        assert!(hidden.iter().chain(&expired).all(|id| !listed.contains(id)));

        let id = ids(&all)[0];
        let offer = get(&app, &format!("/api/v1/offers/{id}")).await;
        assert_eq!(offer.status, 200);
        let offer = offer.json();
        assert_eq!(offer["status"], "published");
        assert!(offer["mission"].as_str().unwrap().len() > 50);
        assert!(offer["entity"]["slug"].is_string());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn french_full_text_ignores_accents_and_inflection() {
    on_each_backend(|t| async move {
        let app = t.router();
        let accented = get(&app, "/api/v1/offers?q=donn%C3%A9es&limit=100")
            .await
            .json();
        let plain = get(&app, "/api/v1/offers?q=DONNEES&limit=100").await.json();
        assert!(accented["total"].as_i64().unwrap() > 0);
        assert_eq!(accented["total"], plain["total"]);

        // "developpeur" (no accent, masculine) finds offers of "Développeuse / Développeur".
        let dev = get(&app, "/api/v1/offers?q=developpeur&limit=100")
            .await
            .json();
        assert!(dev["total"].as_i64().unwrap() > 0);
        assert!(dev["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["title"].as_str().unwrap().contains("Développeuse")));

        // Plural and prefix: "développeurs" and "dévelop" match too.
        let plural = get(&app, "/api/v1/offers?q=d%C3%A9veloppeurs").await.json();
        assert_eq!(plural["total"], dev["total"]);
        let prefix = get(&app, "/api/v1/offers?q=dévelop&limit=100").await.json();
        assert!(prefix["total"].as_i64().unwrap() > 0);
        assert!(prefix["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["title"].as_str().unwrap().contains("Développeuse")));

        // FTS syntax typed by a user is just text.
        let odd = get(&app, "/api/v1/offers?q=%22NEAR(%20OR%20*").await;
        assert_eq!(odd.status, 200, "{}", odd.text());

        // Relevance pages continue without duplicates.
        let first = get(&app, "/api/v1/offers?q=donnees&limit=5").await.json();
        let cursor = first["next_cursor"].as_str().unwrap();
        let second = get(
            &app,
            &format!("/api/v1/offers?q=donnees&limit=5&cursor={cursor}"),
        )
        .await
        .json();
        let a: HashSet<i64> = ids(&first).into_iter().collect();
        assert!(ids(&second).iter().all(|id| !a.contains(id)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn relevance_pages_cover_the_total_once_and_end_cleanly() {
    on_each_backend(|t| async move {
        let app = t.router();
        // Filtered and ranked together: every page of « données » in Île-de-France.
        let base = "/api/v1/offers?q=donnees&region=11&sort=relevance&limit=4";
        let first = get(&app, base).await.json();
        let total = first["total"].as_i64().unwrap();
        assert!(total > 4, "several pages to walk: {total}");
        let mut seen: Vec<i64> = ids(&first);
        let mut page = first;
        let mut last_cursor = String::new();
        while let Some(cursor) = page["next_cursor"].as_str().map(str::to_owned) {
            page = get(&app, &format!("{base}&cursor={cursor}")).await.json();
            assert_eq!(page["total"], total, "the total holds on every page");
            seen.extend(ids(&page));
            last_cursor = cursor;
        }
        let distinct: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(distinct.len(), seen.len(), "no offer twice");
        assert_eq!(seen.len() as i64, total, "every match once");

        // A cursor past the last page (kept from an earlier, longer result): no items, and
        // the total still said.
        let Some(shared::search::Cursor::Ranked { as_of_micros, .. }) =
            shared::search::Cursor::decode(&last_cursor)
        else {
            panic!("a relevance cursor: {last_cursor}");
        };
        let beyond = shared::search::Cursor::Ranked {
            offset: total as u32 + 10,
            as_of_micros,
        }
        .encode();
        let past = get(&app, &format!("{base}&cursor={beyond}")).await.json();
        assert_eq!(past["items"].as_array().unwrap().len(), 0);
        assert_eq!(past["total"], total);
        assert!(past["next_cursor"].is_null());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn numbered_pages_cut_the_same_order_as_one_long_page() {
    on_each_backend(|t| async move {
        let app = t.router();
        for base in [
            "/api/v1/offers?",
            "/api/v1/offers?q=donnees&",
            "/api/v1/offers?sort=salary&",
        ] {
            let long = get(&app, &format!("{base}limit=21")).await.json();
            let second = get(&app, &format!("{base}limit=7&page=2")).await.json();
            let third = get(&app, &format!("{base}limit=7&page=3")).await.json();
            assert_eq!(ids(&second), ids(&long)[7..14], "{base}");
            assert_eq!(ids(&third), ids(&long)[14..21], "{base}");
            assert_eq!(second["total"], long["total"], "{base}");
        }
        // A page past the end is empty, with the total.
        let past = get(&app, "/api/v1/offers?page=400").await.json();
        assert_eq!(ids(&past).len(), 0);
        assert!(past["total"].as_i64().unwrap() > 0);
        // Page and cursor together, or a page beyond the window: the field is named.
        let next = get(&app, "/api/v1/offers?limit=5").await.json()["next_cursor"]
            .as_str()
            .unwrap()
            .to_owned();
        for uri in [
            format!("/api/v1/offers?limit=5&page=2&cursor={next}"),
            "/api/v1/offers?limit=100&page=101".to_owned(),
        ] {
            let res = get(&app, &uri).await;
            assert_eq!(res.status, 400, "{uri}");
            assert_eq!(problem_fields(&res.json()), ["page"], "{uri}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn salary_order_puts_the_best_paid_first_and_pages_through_every_match() {
    on_each_backend(|t| async move {
        let app = t.router();
        let base = "/api/v1/offers?sort=salary&limit=40";
        let mut page = get(&app, base).await.json();
        let total = page["total"].as_i64().unwrap();
        let mut tops: Vec<Option<i64>> = Vec::new();
        loop {
            tops.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["salary"]["max"].as_i64()),
            );
            let Some(cursor) = page["next_cursor"].as_str().map(str::to_owned) else {
                break;
            };
            page = get(&app, &format!("{base}&cursor={cursor}")).await.json();
        }
        assert_eq!(tops.len() as i64, total, "every offer once");
        let paid = tops.iter().take_while(|t| t.is_some()).count();
        assert!(paid > 0, "the demo offers say their salary");
        assert!(
            tops[paid..].iter().all(Option::is_none),
            "offers without a salary come last"
        );
        let paid: Vec<i64> = tops.into_iter().flatten().collect();
        assert!(
            paid.windows(2).all(|w| w[0] >= w[1]),
            "best paid first: {paid:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_narrow_the_results() {
    on_each_backend(|t| async move {
        let app = t.router();
        let all = get(&app, "/api/v1/offers").await.json()["total"]
            .as_i64()
            .unwrap();

        let idf = get(&app, "/api/v1/offers?region=11&limit=100").await.json();
        assert!(idf["total"].as_i64().unwrap() > 0 && idf["total"].as_i64().unwrap() < all);
        assert!(idf["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["location"]["region_code"] == "11"));

        let stage = get(
            &app,
            "/api/v1/offers?contract=stage&remote=partial&limit=100",
        )
        .await
        .json();
        assert!(stage["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["contract_type"] == "stage" && o["remote"] == "partial"));

        // An entity includes its sub-entities: the DINUM's services count for the DINUM.
        let dinum = get(&app, "/api/v1/offers?entity=dinum&limit=100")
            .await
            .json();
        let slugs: HashSet<String> = dinum["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["entity"]["slug"].as_str().unwrap().to_owned())
            .collect();
        assert!(slugs.len() > 1, "DINUM and its services: {slugs:?}");
        let showcase = get(&app, "/api/v1/entities/dinum").await.json();
        assert_eq!(showcase["open_offers"], dinum["total"]);

        let family = get(&app, "/api/v1/offers?family=donnees&limit=100")
            .await
            .json();
        assert!(family["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["metier"]["family_slug"] == "donnees"));

        let unknown = get(&app, "/api/v1/offers?entity=entite-inconnue")
            .await
            .json();
        assert_eq!(unknown["total"], 0);
        assert_eq!(unknown["next_cursor"], serde_json::Value::Null);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_parameters_are_named_in_a_problem() {
    let t = crate::common::sqlite().await;
    let app = t.router();
    let doc = get(
        &app,
        "/api/v1/offers?limit=500&region=IDF&contract=cdi&sort=hasard&cursor=zzz",
    )
    .await
    .problem(400);
    assert_eq!(doc["code"], "invalid_parameters");
    assert_eq!(
        problem_fields(&doc),
        ["limit", "region", "contract", "sort", "cursor"]
    );
    assert!(doc["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("entre 1 et 100"));

    let doc = get(&app, "/api/v1/offers/abc").await.problem(400);
    assert_eq!(problem_fields(&doc), ["id"]);
    get(&app, "/api/v1/offers/987654321").await.problem(404);
}

/// The open-offer counts are kept a few seconds per process, but this process's own
/// publications show at once: on the entity, its ministry and the list's total.
#[tokio::test(flavor = "multi_thread")]
async fn open_offer_counts_follow_publications_at_once() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = crate::common::accounts(&t, &app).await;
        let counts = || async {
            let dinum = get(&app, "/api/v1/entities/dinum").await.json();
            let list = get(&app, "/api/v1/offers?limit=1").await.json();
            let ministry = dinum["ancestors"][0]["open_offers"].as_i64().unwrap();
            (
                dinum["open_offers"].as_i64().unwrap(),
                ministry,
                list["total"].as_i64().unwrap(),
            )
        };
        let before = counts().await;
        let path = "/api/v1/recruiter/offers";
        let draft = crate::access_matrix::draft("Administratrice ou administrateur systèmes Linux");
        let created =
            crate::common::send(&app, "POST", path, Some(&acc.recruiter_a), Some(draft)).await;
        let id = created.json()["id"].as_i64().unwrap();
        assert_eq!(counts().await, before, "a draft is not open");
        let publish = format!("{path}/{id}/publish");
        let published =
            crate::common::send(&app, "POST", &publish, Some(&acc.recruiter_a), None).await;
        assert_eq!(published.status, 200, "{}", published.text());
        assert_eq!(counts().await, (before.0 + 1, before.1 + 1, before.2 + 1));
        let archive = format!("{path}/{id}/archive");
        let archived =
            crate::common::send(&app, "POST", &archive, Some(&acc.recruiter_a), None).await;
        assert_eq!(archived.status, 200, "{}", archived.text());
        assert_eq!(counts().await, before);
    })
    .await;
}
