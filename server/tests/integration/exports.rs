//! The open-data exports: every published offer once, the CSV and the JSON Lines saying the
//! same, in a stable order; the sitemap listing every public page (their rendering is
//! checked by `api_catalogue::pages_are_complete_html_before_any_script`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{get, on_each_backend};
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

        // The sitemap lists every exported offer's page, and the other public pages.
        let sitemap = get(&app, "/sitemap.xml").await;
        assert_eq!(sitemap.content_type, "application/xml; charset=utf-8");
        let text = sitemap.text();
        let locs: Vec<&str> = text
            .split("<loc>")
            .skip(1)
            .map(|s| s.split("</loc>").next().unwrap())
            .collect();
        for row in &from_csv {
            assert!(locs.contains(&row.url.as_str()), "{} missing", row.url);
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
