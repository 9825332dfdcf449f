//! The JSON API v1: one module per resource, registered with utoipa so the OpenAPI
//! document is generated from the handlers themselves.

pub mod admin;
pub mod alerts;
pub mod ambassadors;
pub mod api_keys;
pub mod application_form;
pub mod applications;
pub mod auth;
pub mod common_responses;
pub mod docs;
pub mod entities;
pub mod exports;
pub mod feeds;
pub mod forms;
pub mod forum;
pub mod forum_admin;
pub mod forum_form;
pub mod forum_recruiter;
pub mod geo;
pub mod health;
pub mod me;
pub mod metiers;
pub mod offer_changes;
pub mod offers;
pub mod pipeline;
pub mod profiles;
pub mod recruiter;
pub mod sitemap;
pub mod vismonjob;
pub mod vmj_admin;
pub mod vmj_coaching;
pub mod vmj_duos;
pub mod vmj_signup_form;
pub mod webhooks;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::AppError;
use crate::state::AppState;

/// Parses a numeric id path segment, naming the parameter when it is not a number.
pub fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>().map_err(|_| {
        AppError::invalid(vec![shared::FieldError::new(
            "id",
            "L'identifiant doit être un nombre entier.",
        )])
    })
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "API publique des talents du numérique de l'État",
        version = "1.0.0",
        description = "Offres d'emploi tech de l'État, employeurs publics du numérique et référentiel des métiers. \
            Lecture seule, sans authentification. Erreurs au format RFC 9457 (application/problem+json).",
        license(name = "Licence Ouverte / Etalab 2.0", identifier = "etalab-2.0")
    ),
    tags(
        (name = "offres", description = "Offres d'emploi publiées"),
        (name = "employeurs", description = "Entités publiques et leurs vitrines"),
        (name = "métiers", description = "Référentiel des métiers du numérique"),
        (name = "géographie", description = "Régions et départements"),
        (name = "candidatures", description = "Candidater à une offre ou spontanément"),
        (name = "comptes", description = "Inscription, connexion, mot de passe"),
        (name = "espace recruteur", description = "Offres et équipe de l'entité du recruteur"),
        (name = "administration", description = "Équipe talents de la DINUM"),
        (name = "vis mon job", description = "« 1 jour, 1 duo, 1 métier tech » : éditions, inscriptions, duos"),
        (name = "forum", description = "Forum de l'emploi tech de l'État : programme, inscriptions, job dating, agenda"),
    ),
    // Named in the offers' query parameters only, which utoipa does not collect; and the
    // body of the webhooks' deliveries, which the API receives nowhere.
    components(schemas(shared::search::Sort, shared::webhook::WebhookPayload)),
    modifiers(&SessionCookie)
)]
struct ApiDoc;

/// Declares the session cookie as the API's security scheme.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "session",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                    crate::auth::session::COOKIE_NAME,
                ))),
            );
        }
    }
}

/// The multipart routes, whose bodies may hold a CV.
fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(applications::apply_to_offer))
        .routes(routes!(applications::apply_to_entity))
        .layer(DefaultBodyLimit::max(applications::BODY_LIMIT))
}

/// The API routes and the OpenAPI document describing exactly them.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(offers::list_offers))
        .routes(routes!(offer_changes::offer_changes))
        .routes(routes!(offers::show_offer))
        .routes(routes!(offers::suggest))
        .routes(routes!(entities::list_entities))
        .routes(routes!(entities::show_entity))
        .routes(routes!(metiers::list_metiers))
        .routes(routes!(metiers::show_metier))
        .routes(routes!(geo::list_regions))
        .routes(routes!(auth::signup))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::current_session))
        .routes(routes!(auth::verify_email))
        .routes(routes!(auth::request_reset))
        .routes(routes!(auth::confirm_reset))
        .routes(routes!(auth::request_access))
        .routes(routes!(me::me, me::erase_account))
        .routes(routes!(me::export_data))
        .routes(routes!(profiles::show_profile, profiles::update_profile))
        .routes(routes!(profiles::list_talents))
        .routes(routes!(alerts::list_alerts, alerts::create_alert))
        .routes(routes!(alerts::delete_alert))
        .routes(routes!(alerts::renew_feed_link))
        .routes(routes!(me::change_password))
        .routes(routes!(me::send_confirmation_link))
        .routes(routes!(me::my_applications))
        .routes(routes!(me::withdraw_application))
        .routes(routes!(recruiter::list_offers, recruiter::create_offer))
        .routes(routes!(recruiter::show_offer, recruiter::update_offer))
        .routes(routes!(recruiter::publish_offer))
        .routes(routes!(recruiter::fill_offer))
        .routes(routes!(recruiter::archive_offer))
        .routes(routes!(recruiter::offer_stats))
        .routes(routes!(recruiter::list_team, recruiter::invite_colleague))
        .routes(routes!(recruiter::revoke_colleague))
        .routes(routes!(recruiter::entity_stats))
        .routes(routes!(pipeline::list_applications))
        .routes(routes!(pipeline::export_applications))
        .routes(routes!(pipeline::show_application))
        .routes(routes!(pipeline::download_cv))
        .routes(routes!(pipeline::change_status))
        .routes(routes!(pipeline::add_note))
        .routes(routes!(
            recruiter::show_showcase,
            recruiter::update_showcase
        ))
        .routes(routes!(admin::list_recruiters, admin::invite))
        .routes(routes!(admin::disable_recruiter))
        .routes(routes!(admin::enable_recruiter))
        .routes(routes!(admin::list_access_requests))
        .routes(routes!(admin::approve_access_request))
        .routes(routes!(admin::decline_access_request))
        .routes(routes!(admin::create_entity))
        .routes(routes!(admin::update_entity, admin::delete_entity))
        .routes(routes!(admin::platform_stats))
        .routes(routes!(admin::list_outbox))
        .routes(routes!(admin::list_audit))
        .routes(routes!(api_keys::list_keys, api_keys::create_key))
        .routes(routes!(api_keys::revoke_key))
        .routes(routes!(webhooks::list_webhooks, webhooks::create_webhook))
        .routes(routes!(webhooks::delete_webhook))
        .routes(routes!(webhooks::reactivate_webhook))
        .routes(routes!(webhooks::list_deliveries))
        .routes(routes!(vismonjob::list_editions))
        .routes(routes!(vismonjob::show_edition))
        .routes(routes!(
            vismonjob::sign_up,
            vismonjob::show_signup,
            vismonjob::update_signup
        ))
        .routes(routes!(vismonjob::my_signups))
        .routes(routes!(vmj_duos::show_duo))
        .routes(routes!(vmj_duos::duo_calendar))
        .routes(routes!(vmj_duos::give_feedback))
        .routes(routes!(vmj_duos::show_my_duo))
        .routes(routes!(vmj_duos::my_duo_calendar))
        .routes(routes!(vmj_duos::give_my_feedback))
        .routes(routes!(
            ambassadors::list_ambassadors,
            ambassadors::create_ambassador
        ))
        .routes(routes!(
            ambassadors::update_ambassador,
            ambassadors::delete_ambassador
        ))
        .routes(routes!(vmj_admin::list_editions, vmj_admin::create_edition))
        .routes(routes!(vmj_admin::update_edition))
        .routes(routes!(vmj_admin::change_status))
        .routes(routes!(vmj_admin::list_students))
        .routes(routes!(vmj_admin::list_ambassadors))
        .routes(routes!(vmj_admin::show_matching, vmj_admin::start_matching))
        .routes(routes!(vmj_admin::pin_duo))
        .routes(routes!(vmj_admin::unpair_duo))
        .routes(routes!(vmj_admin::swap_duos))
        .routes(routes!(vmj_admin::publish))
        .routes(routes!(vmj_admin::report))
        .routes(routes!(
            vmj_coaching::list_sessions,
            vmj_coaching::create_session
        ))
        .routes(routes!(vmj_coaching::delete_session))
        .routes(routes!(vmj_coaching::record_attendance))
        .routes(routes!(vmj_coaching::entity_sessions))
        .routes(routes!(vmj_coaching::choose_session))
        .routes(routes!(feeds::offers_feed))
        .routes(routes!(exports::offers_csv))
        .routes(routes!(exports::offers_jsonl))
        .routes(routes!(exports::data_package))
        .routes(routes!(sitemap::sitemap))
        .routes(routes!(sitemap::sitemap_file))
        .routes(routes!(forum::list_editions))
        .routes(routes!(forum::show_edition))
        .routes(routes!(forum::join_edition))
        .routes(routes!(forum::list_sessions))
        .routes(routes!(forum::show_session))
        .routes(routes!(forum::session_offers))
        .routes(routes!(forum::join_session))
        .routes(routes!(forum::register, forum::cancel_registration))
        .routes(routes!(forum::book_slot, forum::cancel_booking))
        .routes(routes!(forum::my_agenda))
        .routes(routes!(forum::agenda_calendar))
        .routes(routes!(
            forum_admin::list_editions,
            forum_admin::create_edition
        ))
        .routes(routes!(forum_admin::update_edition))
        .routes(routes!(
            forum_admin::list_sessions,
            forum_admin::create_session
        ))
        .routes(routes!(
            forum_admin::update_session,
            forum_admin::delete_session
        ))
        .routes(routes!(forum_admin::figures))
        .routes(routes!(forum_recruiter::list_sessions))
        .routes(routes!(forum_recruiter::add_slots))
        .routes(routes!(forum_recruiter::remove_slot))
        .routes(routes!(forum_recruiter::export_attendees))
        .layer(DefaultBodyLimit::max(crate::json::JSON_BODY_LIMIT))
        .merge(uploads())
        .split_for_parts();
    common_responses::add(&mut openapi);
    // Times are RFC 3339 with their offset (`shared::time`): `date-time` as derived.
    (router, openapi)
}
