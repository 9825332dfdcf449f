//! Entities, métiers, geography, the OpenAPI document, probes and server-rendered pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{get, on_each_backend};

#[tokio::test(flavor = "multi_thread")]
async fn entities_form_a_tree_with_showcases() {
    on_each_backend(|t| async move {
        let app = t.router();
        let list = get(&app, "/api/v1/entities").await.json();
        let list = list.as_array().unwrap();
        assert!(list.len() >= 20);
        assert!(list
            .iter()
            .any(|e| e["kind"] == "ministere" && e["parent_slug"].is_null()));

        let dinum = get(&app, "/api/v1/entities/dinum").await;
        assert_eq!(dinum.status, 200);
        let dinum = dinum.json();
        assert_eq!(dinum["acronym"], "DINUM");
        assert_eq!(dinum["ancestors"][0]["slug"], "premier-ministre");
        assert!(!dinum["children"].as_array().unwrap().is_empty());
        assert!(dinum["testimonials"].as_array().unwrap().len() >= 2);
        assert!(!dinum["showcase"]["projects"].as_array().unwrap().is_empty());
        assert!(!dinum["showcase"]["values"].as_array().unwrap().is_empty());

        let missing = get(&app, "/api/v1/entities/nulle-part").await.problem(404);
        assert_eq!(missing["code"], "not_found");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn metiers_and_regions_are_complete() {
    on_each_backend(|t| async move {
        let app = t.router();
        let families = get(&app, "/api/v1/metiers").await.json();
        let families = families.as_array().unwrap();
        assert_eq!(families.len(), 11);
        let metiers: usize = families
            .iter()
            .map(|f| f["metiers"].as_array().unwrap().len())
            .sum();
        assert_eq!(metiers, 52);
        let open: i64 = families
            .iter()
            .flat_map(|f| f["metiers"].as_array().unwrap())
            .map(|m| m["open_offers"].as_i64().unwrap())
            .sum();
        let total = get(&app, "/api/v1/offers").await.json()["total"]
            .as_i64()
            .unwrap();
        assert_eq!(open, total);

        let ds = get(&app, "/api/v1/metiers/data-scientist").await.json();
        assert_eq!(ds["family_slug"], "donnees");
        assert!(ds["description"].as_str().unwrap().len() > 80);
        get(&app, "/api/v1/metiers/astronaute").await.problem(404);

        let regions = get(&app, "/api/v1/geo/regions").await.json();
        let regions = regions.as_array().unwrap();
        assert_eq!(regions.len(), 18);
        let departements: usize = regions
            .iter()
            .map(|r| r["departements"].as_array().unwrap().len())
            .sum();
        assert_eq!(departements, 101);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn openapi_docs_probes_and_unknown_api_paths() {
    let t = crate::common::sqlite().await;
    let app = t.router();
    let spec = get(&app, "/api/v1/openapi.json").await.json();
    for path in [
        "/api/v1/offers",
        "/api/v1/offers/{id}",
        "/api/v1/entities",
        "/api/v1/entities/{slug}",
        "/api/v1/metiers",
        "/api/v1/metiers/{slug}",
        "/api/v1/geo/regions",
    ] {
        assert!(
            spec["paths"][path]["get"].is_object(),
            "{path} missing from the spec"
        );
    }
    let docs = get(&app, "/api/docs").await;
    assert_eq!(docs.status, 200);
    assert!(docs.text().contains("/api/v1/offers"));
    assert!(docs.text().contains("Versions et stabilité"));

    assert_eq!(get(&app, "/healthz").await.status, 200);
    assert_eq!(get(&app, "/readyz").await.status, 200);

    let doc = get(&app, "/api/v1/nothing/here").await.problem(404);
    assert_eq!(doc["code"], "not_found");
    get(&app, "/api/v2/offers").await.problem(404);
}

/// Routers built while a page renders never hold that page back: listing the app's routes
/// suppresses resource loads in the whole process (see `server::http::page_routes`), and a
/// page whose resource was first polled meanwhile was never answered.
#[tokio::test(flavor = "multi_thread")]
async fn pages_render_while_other_routers_are_built() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    /// Stops the builder when dropped, a failed assertion included: the runtime waits for it.
    struct Stop(Arc<AtomicBool>);
    impl Drop for Stop {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }

    let t = crate::common::sqlite().await;
    server::seed::run(&t.db, &Default::default()).await.unwrap();
    let app = t.router();
    let stop = Stop(Arc::new(AtomicBool::new(false)));
    let builder = {
        let (db, settings, stopped) = (t.db.clone(), t.settings(), stop.0.clone());
        tokio::task::spawn_blocking(move || {
            while !stopped.load(Ordering::Relaxed) {
                drop(server::http::router(db.clone(), settings.clone()).unwrap());
            }
        })
    };
    // Forty different searches: a visitor's page may be kept once rendered.
    let words = ["donnees", "developpeur", "cloud", "reseau", "securite"];
    let regions = ["11", "84", "93", "76", "53", "44", "75", "28"];
    for (word, region) in words
        .iter()
        .flat_map(|w| regions.iter().map(move |r| (w, r)))
    {
        let uri = format!("/offres?q={word}&region={region}");
        let page = tokio::time::timeout(std::time::Duration::from_secs(20), get(&app, &uri))
            .await
            .unwrap_or_else(|_| panic!("{uri} not answered within 20 s"));
        assert_eq!(page.status, 200);
    }
    drop(stop);
    builder.await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_are_complete_html_before_any_script() {
    on_each_backend(|t| async move {
        let app = t.router();
        let search = get(&app, "/offres?q=donnees&region=11").await;
        assert_eq!(search.status, 200);
        assert!(search.content_type.starts_with("text/html"));
        let html = search.text();
        assert!(
            html.contains("talents-offer-card"),
            "offers rendered on the server"
        );
        assert!(html.contains("<html lang=\"fr\""));
        assert!(html.contains("Offres pour « donnees »"));

        let first_id = get(&app, "/api/v1/offers").await.json()["items"][0]["id"]
            .as_i64()
            .unwrap();
        let offer = get(&app, &format!("/offres/{first_id}")).await;
        assert_eq!(offer.status, 200);
        assert!(offer.text().contains("Votre mission"));
        // Its JobPosting: schema.org's required properties, the offer's identifier and dates.
        let html = offer.text();
        let ld = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .expect("a JSON-LD script in the offer page");
        let posting: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(
            shared::job_posting::missing_required(&posting),
            Vec::<&str>::new(),
            "{posting}"
        );
        assert_eq!(posting["identifier"]["value"], first_id.to_string());
        assert!(posting["validThrough"]
            .as_str()
            .unwrap()
            .ends_with("+00:00"));
        assert_eq!(posting["directApply"], true);
        assert!(posting["employmentType"]
            .as_array()
            .is_some_and(|t| !t.is_empty()));

        for path in [
            "/",
            "/entites",
            "/entites/dinum",
            "/metiers",
            "/metiers/data-scientist",
            "/accessibilite",
            "/forum",
        ] {
            let page = get(&app, path).await;
            assert_eq!(page.status, 200, "{path}");
            assert!(page.text().contains("<h1"), "{path}");
        }

        let missing = get(&app, "/page-qui-n-existe-pas").await;
        assert_eq!(missing.status, 404);
        assert!(missing.text().contains("Page introuvable"));
        assert_eq!(get(&app, "/offres/999999999").await.status, 404);
        assert_eq!(get(&app, "/entites/nulle-part").await.status, 404);
    })
    .await;
}

/// CORS: any origin reads the public GETs, never with credentials, and no other method.
#[tokio::test(flavor = "multi_thread")]
async fn other_origins_may_read_but_not_write() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    let t = crate::common::sqlite().await;
    let app = t.router();
    let preflight = |method: &str, path: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri(path)
            .header("origin", "https://emplois.example.org")
            .header("access-control-request-method", method)
            .body(Body::empty())
            .unwrap()
    };
    let header = |r: &axum::response::Response, name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let read = app
        .clone()
        .oneshot(preflight("GET", "/api/v1/offers"))
        .await
        .unwrap();
    assert_eq!(header(&read, "access-control-allow-origin"), "*");
    assert!(header(&read, "access-control-allow-methods").contains("GET"));
    let write = app
        .clone()
        .oneshot(preflight("POST", "/api/v1/offers/1/applications"))
        .await
        .unwrap();
    assert!(!header(&write, "access-control-allow-methods").contains("POST"));
    let get = Request::builder()
        .uri("/api/v1/offers")
        .header("origin", "https://emplois.example.org")
        .body(Body::empty())
        .unwrap();
    let answer = app.oneshot(get).await.unwrap();
    assert_eq!(header(&answer, "access-control-allow-origin"), "*");
    assert_eq!(header(&answer, "access-control-allow-credentials"), "");
}

/// The search page a visitor sees is rendered once and reused (`server::page_cache`): sent
/// again byte for byte, compressed once for the browsers that ask, its inline scripts
/// allowed by their hash instead of a nonce; a write to an offer shows at once.
#[tokio::test(flavor = "multi_thread")]
async fn a_visitors_search_page_is_reused_until_an_offer_changes() {
    use sha2::{Digest, Sha256};
    use std::io::Read;

    /// The script sources of the response's CSP.
    fn script_sources(response: &crate::common::TestResponse) -> String {
        let csp = response.header("content-security-policy");
        let scripts = csp.split("script-src 'self' ").nth(1).unwrap();
        scripts
            .split(" 'wasm-unsafe-eval'")
            .next()
            .unwrap()
            .to_owned()
    }

    on_each_backend(|t| async move {
        let app = t.router();
        let rendered = get(&app, "/offres").await;
        let nonce = script_sources(&rendered);
        assert!(nonce.starts_with("'nonce-"), "{nonce}");
        let html = rendered.text();
        assert!(html.contains(&format!(
            "nonce=\"{}\"",
            nonce.trim_start_matches("'nonce-").trim_end_matches('\'')
        )));

        let kept = get(&app, "/offres").await;
        assert_eq!(kept.text(), html, "sent again as it was");
        // Each inline script, found here by a plain scan of the page, is named by its hash.
        let hashes = script_sources(&kept);
        let inline: Vec<&str> = html
            .split("<script")
            .skip(1)
            .filter(|script| {
                let tag = script.split('>').next().unwrap();
                !tag.contains("src=") && !tag.contains("application/ld+json")
            })
            .map(|script| {
                script
                    .split_once('>')
                    .unwrap()
                    .1
                    .split("</script>")
                    .next()
                    .unwrap()
            })
            .collect();
        assert!(!inline.is_empty());
        for script in inline {
            let hash = base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                Sha256::digest(script.as_bytes()),
            );
            assert!(hashes.contains(&format!("'sha256-{hash}'")), "{hashes}");
        }
        assert!(!hashes.contains("nonce"));

        let request = axum::http::Request::get("/offres")
            .header("accept-encoding", "gzip, deflate, br")
            .body(axum::body::Body::empty())
            .unwrap();
        let brotli = crate::common::call(&app, request).await;
        assert_eq!(brotli.header("content-encoding"), "br");
        assert!(brotli.header("vary").contains("accept-encoding"));
        let mut unpacked = String::new();
        brotli::Decompressor::new(&brotli.body[..], 4096)
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, html);

        let newest = get(&app, "/api/v1/offers").await.json()["items"][0]["id"]
            .as_i64()
            .unwrap();
        let title = "Architecte des systèmes quantiques";
        assert!(!html.contains(title));
        crate::common::set_offer_title(&t.db, newest, title).await;
        let after = get(&app, "/offres").await;
        assert!(
            after.text().contains(title),
            "the page follows the write at once"
        );
        assert!(
            script_sources(&after).starts_with("'nonce-"),
            "rendered again"
        );
    })
    .await;
}
