//! What any operation may answer besides its own responses, declared once in the OpenAPI
//! document: 429 when the caller's quota is spent (every operation, see `api_quota`), 401
//! and 403 for those that need a session, 400 for a bad parameter or body, 415 for a body
//! of the wrong type, 404 for an unknown path identifier; the API key header that raises
//! the quota; and what our timestamps look like.

use shared::api_key::HEADER;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{OpenApi, Ref, RefOr, Response, ResponseBuilder};

use crate::error::PROBLEM_JSON;

fn problem_response(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                PROBLEM_JSON,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build(),
    )
}

/// Adds the shared responses to every operation of `openapi` (run once its paths are in).
pub fn add(openapi: &mut OpenApi) {
    let components = openapi.components.get_or_insert_with(Default::default);
    for (name, description) in [
        (
            "TooManyRequests",
            "Quota de requêtes dépassé : réessayer après le délai de l'en-tête Retry-After",
        ),
        ("Unauthenticated", "Non connecté"),
        ("Forbidden", "Ce compte ne permet pas cette action"),
        (
            "BadRequest",
            "Paramètre ou corps invalide, nommé dans `errors`",
        ),
        (
            "UnsupportedMediaType",
            "Corps d'un autre format que celui attendu",
        ),
        (
            "NotFound",
            "Aucune ressource ne correspond à cet identifiant",
        ),
    ] {
        components
            .responses
            .insert(name.to_owned(), problem_response(description));
    }
    components.add_security_scheme(
        "api_key",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            HEADER,
            "Clé d'API délivrée par l'équipe talents : quota plus élevé (facultative)",
        ))),
    );
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            let responses = &mut operation.responses.responses;
            let params = operation.parameters.as_deref().unwrap_or_default();
            let in_path = params
                .iter()
                .any(|p| matches!(p.parameter_in, ParameterIn::Path));
            let in_query = params
                .iter()
                .any(|p| matches!(p.parameter_in, ParameterIn::Query));
            let body = operation.request_body.is_some();
            let mut shared = vec![("429", "TooManyRequests")];
            if operation.security.is_some() {
                shared.extend([("401", "Unauthenticated"), ("403", "Forbidden")]);
            }
            if in_path || in_query || body {
                shared.push(("400", "BadRequest"));
            }
            if body {
                shared.push(("415", "UnsupportedMediaType"));
            }
            if in_path {
                shared.push(("404", "NotFound"));
            }
            for (status, name) in shared {
                responses
                    .entry(status.to_owned())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
            }
        }
    }
}
