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

/// The short form of a type as both sides write it: `Vec<AccessRequest>`, `()`, `File`.
fn short(rust_type: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for c in rust_type.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or_default());
            word.clear();
            if c != ' ' {
                out.push(c);
            }
        }
    }
    out
}

/// The type a JSON schema of the document names: `X` for a reference, `Vec<X>` for an array
/// of them.
fn schema_type(schema: &serde_json::Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference.rsplit('/').next().unwrap_or_default().to_owned();
    }
    if schema["type"] == "array" {
        return format!("Vec<{}>", schema_type(&schema["items"]));
    }
    format!("{schema}")
}

/// What an operation of the document takes: `()` for nothing, `Multipart` for a form.
fn body_type(operation: &serde_json::Value) -> String {
    let content = &operation["requestBody"]["content"];
    if let Some(schema) = content.get("application/json").map(|c| &c["schema"]) {
        return schema_type(schema);
    }
    if content.get("multipart/form-data").is_some() {
        return "Multipart".to_owned();
    }
    "()".to_owned()
}

/// What a success of the document answers: the first 2xx with a JSON schema, `()` when none
/// has a body, `File` for a document of another type (or of a standard's schema, as the Data
/// Package) or a redirection.
fn answer_type(operation: &serde_json::Value) -> String {
    let responses = operation["responses"].as_object().unwrap();
    let successes: Vec<&serde_json::Value> = responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'))
        .map(|(_, response)| response)
        .collect();
    if let Some(schema) = successes
        .iter()
        .find_map(|r| r["content"].get("application/json")?.get("schema"))
    {
        return schema_type(schema);
    }
    if successes.iter().any(|r| r.get("content").is_some())
        || responses.keys().any(|status| status.starts_with('3'))
    {
        return "File".to_owned();
    }
    "()".to_owned()
}

/// The names of an operation's query parameters in the document.
fn query_parameters(operation: &serde_json::Value) -> Vec<&str> {
    let parameters = operation["parameters"].as_array();
    parameters
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .filter_map(|p| p["name"].as_str())
        .collect()
}

fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names
}

/// Every operation of the router is described once in `shared::api`, and every description
/// is routed, with the query parameters, the body and the answer the handler declares.
#[tokio::test(flavor = "multi_thread")]
async fn every_route_is_described_once_in_shared_with_its_types() {
    let t = sqlite().await;
    let served = get(&t.router(), "/api/v1/openapi.json").await.json();
    let described = shared::api::all();
    let mut routed = 0;
    for (path, item) in served["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            routed += 1;
            let matching: Vec<_> = described
                .iter()
                .filter(|d| d.route == path && d.method.as_str().eq_ignore_ascii_case(method))
                .collect();
            assert_eq!(
                matching.len(),
                1,
                "{method} {path}: described {} times in shared::api",
                matching.len()
            );
            let d = matching[0];
            assert_eq!(short(d.body), body_type(operation), "{method} {path}: body");
            assert_eq!(
                short(d.answer),
                answer_type(operation),
                "{method} {path}: answer"
            );
            assert_eq!(
                sorted(d.query.to_vec()),
                sorted(query_parameters(operation)),
                "{method} {path}: query parameters"
            );
        }
    }
    assert_eq!(described.len(), routed, "a description names no route");
    // One name, one type: the document names a schema after its type's last segment.
    let mut types = std::collections::HashMap::new();
    for d in &described {
        for full in [d.body, d.answer] {
            for segment in full
                .split(['<', '>', ',', ' '])
                .filter(|s| s.contains("::"))
            {
                let name = segment.rsplit("::").next().unwrap_or_default();
                let previous = types.insert(name.to_owned(), segment.to_owned());
                assert!(
                    previous.as_deref().is_none_or(|p| p == segment),
                    "two types named {name}: {segment} and {previous:?}"
                );
            }
        }
    }
}
