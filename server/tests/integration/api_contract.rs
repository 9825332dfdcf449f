//! The API's contract is committed (`docs/api/openapi-v1.json`): the document the server
//! serves must equal it, so that any change to the public contract shows up in review and is
//! checked against the v1 versioning policy (additions only). After a deliberate change:
//! `UPDATE_OPENAPI=1 cargo test -p server --test integration -- api_contract`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{get, sqlite};

const CONTRACT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api/openapi-v1.json");

#[tokio::test(flavor = "multi_thread")]
async fn the_served_document_is_the_committed_contract() {
    let t = sqlite().await;
    let served = get(&t.router(), "/api/v1/openapi.json").await.json();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(
            CONTRACT,
            serde_json::to_string_pretty(&served).unwrap() + "\n",
        )
        .unwrap();
    }
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(CONTRACT).unwrap()).unwrap();
    if served != committed {
        let paths = |doc: &serde_json::Value| -> Vec<String> {
            doc["paths"].as_object().unwrap().keys().cloned().collect()
        };
        let (now, then) = (paths(&served), paths(&committed));
        panic!(
            "the served OpenAPI document differs from docs/api/openapi-v1.json \
             (paths added: {:?}, removed: {:?}). Check the change against the v1 policy \
             (nothing removed or renamed), then run UPDATE_OPENAPI=1 cargo test -p server \
             --test integration -- api_contract",
            now.iter().filter(|p| !then.contains(p)).collect::<Vec<_>>(),
            then.iter().filter(|p| !now.contains(p)).collect::<Vec<_>>(),
        );
    }
    // Every operation says what it answers, errors included, under an id of its own (client
    // generators refuse a document with two operations of one id).
    let mut ids = std::collections::HashSet::new();
    for (path, item) in served["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_default();
            assert!(
                ids.insert(id.to_owned()),
                "{method} {path}: operationId {id} taken"
            );
            let responses = operation["responses"].as_object().unwrap();
            assert!(responses.contains_key("429"), "{method} {path}: no 429");
            if operation.get("security").is_some() {
                assert!(responses.contains_key("401"), "{method} {path}: no 401");
            }
        }
    }
}
