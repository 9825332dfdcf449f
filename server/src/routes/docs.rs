//! `GET /api/v1/openapi.json` and the human-readable reference at `/api/docs`, both made
//! from the OpenAPI document generated from the handlers (no external script or CDN).

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::OpenApi;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn operation_html(method: &str, path: &str, op: &Operation) -> String {
    let mut html = format!(
        "<section class=\"fr-mb-4w\"><h3 class=\"fr-h5\"><code>{method} {}</code></h3>",
        escape(path)
    );
    if let Some(summary) = &op.summary {
        html.push_str(&format!("<p>{}</p>", escape(summary)));
    }
    let params = op.parameters.as_deref().unwrap_or_default();
    if !params.is_empty() {
        html.push_str("<div class=\"fr-table\"><table><caption>Paramètres</caption><thead><tr><th scope=\"col\">Nom</th><th scope=\"col\">Où</th><th scope=\"col\">Description</th></tr></thead><tbody>");
        for p in params {
            let place = match p.parameter_in {
                ParameterIn::Path => "chemin",
                ParameterIn::Query => "requête",
                ParameterIn::Header => "en-tête",
                ParameterIn::Cookie => "cookie",
            };
            html.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{place}</td><td>{}</td></tr>",
                escape(&p.name),
                escape(p.description.as_deref().unwrap_or(""))
            ));
        }
        html.push_str("</tbody></table></div>");
    }
    html.push_str("<ul>");
    for (status, response) in &op.responses.responses {
        let description = match response {
            utoipa::openapi::RefOr::T(r) => r.description.clone(),
            utoipa::openapi::RefOr::Ref(r) => r.ref_location.clone(),
        };
        html.push_str(&format!(
            "<li><strong>{}</strong> : {}</li>",
            escape(status),
            escape(&description)
        ));
    }
    html.push_str("</ul></section>");
    html
}

/// Renders the reference page once at start-up.
pub fn render_docs_page(doc: &OpenApi) -> String {
    let mut body = String::new();
    for (path, item) in &doc.paths.paths {
        if let Some(op) = &item.get {
            body.push_str(&operation_html("GET", path, op));
        }
    }
    format!(
        r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Documentation de l'API — {service}</title><link rel="stylesheet" href="{dsfr}/dsfr.min.css"></head>
<body><main id="contenu" role="main" class="fr-container fr-my-6w">
<h1>{title}</h1><p class="fr-text--lead">{description}</p>
<p>Document OpenAPI 3.1 : <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Pagination par curseur : reprenez <code>next_cursor</code> dans le paramètre <code>cursor</code>.</p>
<h2>Points d'accès</h2>{body}
<p><a href="/">Retour au site</a></p></main></body></html>"#,
        service = app::SERVICE_NAME,
        dsfr = app::DSFR_BASE,
        title = escape(&doc.info.title),
        description = escape(doc.info.description.as_deref().unwrap_or("")),
    )
}
