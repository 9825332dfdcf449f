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
/// `quota`: requests a minute without an API key, and with one.
pub fn render_docs_page(doc: &OpenApi, quota: (u32, u32)) -> String {
    let mut body = String::new();
    for (path, item) in &doc.paths.paths {
        if let Some(op) = &item.get {
            body.push_str(&operation_html("GET", path, op));
        }
    }
    format!(
        r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Documentation de l'API — {service}</title><link rel="stylesheet" href="{style}/dsfr.min.css"></head>
<body><main id="contenu" role="main" class="fr-container fr-my-6w">
<h1>{title}</h1><p class="fr-text--lead">{description}</p>
<p>Document OpenAPI 3.1 : <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Pagination par curseur : reprenez <code>next_cursor</code> dans le paramètre <code>cursor</code>.</p>
<h2>Données ouvertes</h2>
<ul>
<li><a href="/api/v1/exports/offers.csv">/api/v1/exports/offers.csv</a> et <a href="/api/v1/exports/offers.jsonl">/api/v1/exports/offers.jsonl</a> : toutes les offres publiées, une par ligne, triées par référence ; colonnes décrites par le schéma <code>OfferExport</code> du document OpenAPI, nommées comme celles des données ouvertes de la Place de l'emploi public, et typées dans le <a href="/api/v1/exports/datapackage.json">Data Package</a> (Table Schema : types, formats, valeurs permises ; le code de département est un texte). Les exports sont écrits à mesure de leur lecture, portent <code>ETag</code> et <code>Last-Modified</code> (<code>If-None-Match</code>, <code>If-Modified-Since</code>) et sont compressés à la demande.</li>
<li><a href="/feeds/offers.atom">/feeds/offers.atom</a> : flux Atom des 50 dernières offres, filtrable par <code>?entity=</code> (identifiant d'employeur, sous-entités comprises) ou <code>?metier=</code>.</li>
<li><a href="/sitemap.xml">/sitemap.xml</a> : index des plans du site — les pages publiques, puis les offres par fichiers de 50 000 adresses au plus, chacune avec sa date de modification. Chaque page d'offre porte son <code>JobPosting</code> schema.org en JSON-LD.</li>
</ul>
<h2>Quotas et cache</h2>
<ul>
<li>Sans clé, chaque adresse IP dispose de {anonymous} requêtes par minute ; les en-têtes <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> et <code>RateLimit-Reset</code> (secondes) de chaque réponse indiquent où vous en êtes. Au-delà : réponse 429 (<code>application/problem+json</code>) avec <code>Retry-After</code>.</li>
<li>Un réutilisateur régulier (agrégateur, site d'emploi) peut demander une clé d'API à l'équipe talents de la DINUM : envoyée dans l'en-tête <code>X-API-Key</code>, elle donne un quota de {keyed} requêtes par minute. Une clé inconnue ou révoquée est refusée (401).</li>
<li>Les lectures portent un <code>ETag</code> : renvoyez-le dans <code>If-None-Match</code> pour recevoir <code>304 Not Modified</code> sans corps quand rien n'a changé. <code>Cache-Control</code> indique la durée de fraîcheur (60 secondes pour les lectures publiques, davantage pour les exports et flux).</li>
<li>Pagination : l'ordre par date (<code>sort=recent</code>, par défaut sans <code>q</code>) reprend après la dernière offre vue ; l'ordre par pertinence s'en tient aux offres publiées au moment de la première page. Une offre publiée pendant le parcours n'apparaît donc jamais deux fois et ne fait sauter aucune autre.</li>
</ul>
<h2>Versions et stabilité</h2>
<p>Tant que l'URL commence par <code>/api/v1</code> :</p>
<ul>
<li>aucun champ n'est retiré, renommé ni changé de type, aucun point d'accès n'est supprimé, et le sens des paramètres ne change pas ;</li>
<li>peuvent apparaître : de nouveaux points d'accès, de nouveaux champs dans les réponses, de nouveaux paramètres facultatifs et de nouvelles valeurs dans les listes de valeurs (un client ignore ce qu'il ne connaît pas) ;</li>
<li>un changement incompatible passe par <code>/api/v2</code>, annoncé au moins six mois avant l'arrêt de la v1, les deux versions servies pendant ce temps ;</li>
<li>les erreurs suivent la RFC 9457 (<code>application/problem+json</code>) ; le champ <code>code</code> est stable, les messages en français peuvent être reformulés.</li>
</ul>
<h2>Points d'accès</h2>{body}
<p><a href="/">Retour au site</a></p></main></body></html>"#,
        service = app::SERVICE_NAME,
        anonymous = quota.0,
        keyed = quota.1,
        style = app::STYLE_BASE,
        title = escape(&doc.info.title),
        description = escape(doc.info.description.as_deref().unwrap_or("")),
    )
}
