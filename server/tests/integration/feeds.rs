//! The public Atom feed of offers: the newest first, the same offers the API lists, narrowed
//! by entity or métier.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{get, on_each_backend};
use atom_syndication::Feed;

/// Offer ids of a feed, in order.
fn feed_ids(xml: &str) -> Vec<String> {
    let feed = Feed::read_from(xml.as_bytes()).unwrap();
    feed.entries()
        .iter()
        .map(|e| e.id().rsplit('/').next().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_offers_feed_follows_the_api_all_by_entity_and_by_metier() {
    on_each_backend(|t| async move {
        let app = t.router();
        for (feed, api) in [
            ("/feeds/offers.atom", "/api/v1/offers?sort=recent&limit=50"),
            (
                "/feeds/offers.atom?entity=dinum",
                "/api/v1/offers?entity=dinum&sort=recent&limit=50",
            ),
            (
                "/feeds/offers.atom?metier=data-scientist",
                "/api/v1/offers?metier=data-scientist&sort=recent&limit=50",
            ),
        ] {
            let response = get(&app, feed).await;
            assert_eq!(response.status, 200, "{feed}");
            assert_eq!(response.content_type, "application/atom+xml; charset=utf-8");
            let listed: Vec<String> = get(&app, api).await.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].to_string())
                .collect();
            assert!(!listed.is_empty(), "{api}");
            assert_eq!(feed_ids(&response.text()), listed, "{feed}");
        }
        let parsed = Feed::read_from(
            get(&app, "/feeds/offers.atom?metier=data-scientist")
                .await
                .text()
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            parsed.title().as_str(),
            "Offres d'emploi numérique de l'État — Data scientist"
        );
        // An unknown entity is an empty feed, not an error.
        assert!(feed_ids(
            &get(&app, "/feeds/offers.atom?entity=nulle-part")
                .await
                .text()
        )
        .is_empty());
    })
    .await;
}
