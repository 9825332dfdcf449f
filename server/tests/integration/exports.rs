//! The open-data exports: every published offer once, the CSV and the JSON Lines saying the
//! same, in a stable order; the sitemap listing every public page (their rendering is
//! checked by `api_catalogue::pages_are_complete_html_before_any_script`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{accounts, backends_seeded_with, get, on_each_backend, send};
use shared::export::OfferExport;

#[tokio::test(flavor = "multi_thread")]
async fn csv_and_jsonl_list_every_published_offer_once() {
    on_each_backend(|t| async move {
        let app = t.router();
        let total = get(&app, "/api/v1/offers").await.json()["total"]
            .as_u64()
            .unwrap() as usize;
        assert!(total > 0);

        let csv = get(&app, "/api/v1/exports/offers.csv").await;
        assert_eq!(csv.status, 200);
        assert_eq!(csv.content_type, "text/csv; charset=utf-8");
        let text = csv.text();
        assert!(
            text.starts_with("reference,intitule,employeur,employeur_sigle,employeur_id,metier,"),
            "{}",
            &text[..200]
        );
        let from_csv: Vec<OfferExport> = csv::Reader::from_reader(text.as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(from_csv.len(), total);
        assert!(
            from_csv.windows(2).all(|w| w[0].reference < w[1].reference),
            "sorted, each once"
        );

        let jsonl = get(&app, "/api/v1/exports/offers.jsonl").await;
        assert_eq!(jsonl.content_type, "application/jsonl; charset=utf-8");
        let from_jsonl: Vec<OfferExport> = jsonl
            .text()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(from_jsonl, from_csv);

        // A row says what the API says of the offer.
        let first = &from_csv[0];
        let offer = get(&app, &format!("/api/v1/offers/{}", first.reference))
            .await
            .json();
        assert_eq!(first.intitule, offer["title"].as_str().unwrap());
        assert_eq!(
            first.departement_code,
            offer["location"]["departement_code"].as_str().unwrap()
        );
        assert!(first.url.ends_with(&format!("/offres/{}", first.reference)));

        // The sitemap index lists the pages' sitemap and the offers' (one file per 50,000);
        // together they list every exported offer's page, with the day it changed, and the
        // other public pages.
        let between = |text: &str, tag: &str| -> Vec<String> {
            text.split(&format!("<{tag}>"))
                .skip(1)
                .map(|s| s.split(&format!("</{tag}>")).next().unwrap().to_owned())
                .collect()
        };
        let index = get(&app, "/sitemap.xml").await;
        assert_eq!(index.content_type, "application/xml; charset=utf-8");
        assert!(index.text().contains("<sitemapindex "));
        let files = between(&index.text(), "loc");
        assert_eq!(files.len(), 2, "{files:?}");
        let mut locs = Vec::new();
        for file in &files {
            let path = file.split_once("/sitemaps/").map(|(_, name)| name).unwrap();
            let sitemap = get(&app, &format!("/sitemaps/{path}")).await;
            assert_eq!(sitemap.status, 200, "{file}");
            let text = sitemap.text();
            assert!(text.contains("<urlset "));
            if path.starts_with("offres-") {
                assert_eq!(
                    text.matches("<lastmod>").count(),
                    total,
                    "a lastmod per offer"
                );
            }
            locs.extend(between(&text, "loc"));
        }
        get(&app, "/sitemaps/offres-2.xml").await.problem(404);
        get(&app, "/sitemaps/autre.xml").await.problem(404);
        for row in &from_csv {
            assert!(locs.contains(&row.url), "{} missing", row.url);
        }
        for path in [
            "/entites/dinum",
            "/metiers/data-scientist",
            "/vis-mon-job/printemps-2027",
            "/forum",
        ] {
            assert!(locs.iter().any(|l| l.ends_with(path)), "{path} missing");
        }
        assert!(locs.iter().any(|l| l.contains("/forum/sessions/")));
    })
    .await;
}

/// Past one page of the stream (500 offers), every published offer still comes once, in
/// order, under one header line — on both databases.
#[tokio::test(flavor = "multi_thread")]
async fn exports_read_page_after_page_list_each_offer_once() {
    let args = server::config::SeedArgs {
        offers: Some(1_234),
    };
    for t in backends_seeded_with(&args).await {
        let app = t.router();
        let total = get(&app, "/api/v1/offers").await.json()["total"]
            .as_u64()
            .unwrap() as usize;
        assert!(total > 1_000, "{total}");
        let csv = get(&app, "/api/v1/exports/offers.csv").await.text();
        assert_eq!(
            csv.matches("reference,intitule,").count(),
            1,
            "one header line"
        );
        let references: Vec<i64> = csv::Reader::from_reader(csv.as_bytes())
            .deserialize::<OfferExport>()
            .map(|row| row.unwrap().reference)
            .collect();
        assert_eq!(references.len(), total, "{}", t.backend());
        assert!(
            references.windows(2).all(|w| w[0] < w[1]),
            "in order, each once"
        );
        let jsonl = get(&app, "/api/v1/exports/offers.jsonl").await.text();
        assert_eq!(jsonl.lines().count(), total);
    }
}

/// The exports name their Data Package, whose columns are the CSV's in order; they carry
/// validators made without reading them: a current copy gets a 304, a change a new ETag.
#[tokio::test(flavor = "multi_thread")]
async fn exports_are_described_and_revalidated() {
    on_each_backend(|t| async move {
        let app = t.router();
        let csv = get(&app, "/api/v1/exports/offers.csv").await;
        assert_eq!(
            csv.header("link"),
            "</api/v1/exports/datapackage.json>; rel=\"describedby\""
        );
        let package = get(&app, "/api/v1/exports/datapackage.json").await.json();
        let fields = package["resources"][0]["schema"]["fields"]
            .as_array()
            .unwrap()
            .clone();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names.join(","), csv.text().lines().next().unwrap());
        let code = fields
            .iter()
            .find(|f| f["name"] == "departement_code")
            .unwrap();
        assert_eq!(code["type"], "string");

        let conditional = |name: &'static str, value: String| {
            let request = axum::http::Request::get("/api/v1/exports/offers.csv")
                .header(name, value)
                .body(axum::body::Body::empty())
                .unwrap();
            crate::common::call(&app, request)
        };
        let etag = csv.header("etag").to_owned();
        let last_modified = csv.header("last-modified").to_owned();
        assert!(etag.starts_with("W/\""), "{etag}");
        assert_eq!(conditional("if-none-match", etag.clone()).await.status, 304);
        assert_eq!(
            conditional("if-modified-since", last_modified).await.status,
            304
        );

        // An offer leaves the public list: the exports change, and say so.
        let acc = accounts(&t, &app).await;
        let offer = crate::applications::dinum_offer(&app).await;
        let archive = format!("/api/v1/recruiter/offers/{offer}/archive");
        let archived = send(&app, "POST", &archive, Some(&acc.recruiter_a), None).await;
        assert_eq!(archived.status, 200, "{}", archived.text());
        let changed = conditional("if-none-match", etag.clone()).await;
        assert_eq!(changed.status, 200);
        assert_ne!(changed.header("etag"), etag);
    })
    .await;
}
