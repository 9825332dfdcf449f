//! The sign-in, sign-up and address confirmation pages' forms, and the header's sign-out,
//! posted as plain HTML (`POST /connexion`, `POST /inscription`, `POST /compte/confirmer`,
//! `POST /deconnexion`): before the WASM has loaded, or without it, a person still gets in
//! and out — progressive enhancement, as the DSFR expects. The checks are the JSON API's (`routes::auth`); the answer is a redirection (303):
//! where the person was going, with the session cookie (a sign-up: to the page saying a link
//! is on its way), or back to the form with `?erreur=…`, which the page says in words.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use shared::account::{Credentials, FormRefusal};
use shared::UserId;

use super::auth::{authenticate, create_candidate, end_session, session_headers};
use crate::auth::rate_limit::ClientIp;
use crate::auth::SameSite;
use crate::db::users;
use crate::state::AppState;

/// The fields of both forms; `retour` is where the person was going.
#[derive(Deserialize)]
pub struct CredentialsForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    retour: Option<String>,
}

impl CredentialsForm {
    fn credentials(&self) -> Credentials {
        Credentials {
            email: self.email.clone(),
            password: self.password.clone(),
        }
    }
}

/// `POST /connexion`.
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    _: SameSite,
    Form(form): Form<CredentialsForm>,
) -> Response {
    let outcome = if form.email.trim().is_empty() || form.password.is_empty() {
        Err(FormRefusal::MissingFields)
    } else {
        authenticate(&state, ip, &form.credentials())
            .await
            .map_err(|e| FormRefusal::of(&e.problem))
    };
    finish(&state, outcome, "/connexion", form.retour).await
}

/// `POST /inscription`: on to the page saying that a link is on its way — whether or not
/// the address had an account, as the API answers.
pub async fn sign_up(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    _: SameSite,
    Form(form): Form<CredentialsForm>,
) -> Response {
    let retour = form.retour.as_deref().filter(|r| !r.is_empty());
    match create_candidate(&state, ip, &form.credentials(), retour).await {
        Ok(()) => Redirect::to("/inscription?envoye=1").into_response(),
        Err(e) => back_to("/inscription", FormRefusal::of(&e.problem), form.retour),
    }
}

/// The fields of the address confirmation page's form: the link's token, and where to go.
#[derive(Deserialize)]
pub struct ConfirmationForm {
    #[serde(default)]
    jeton: String,
    #[serde(default)]
    retour: Option<String>,
}

/// `POST /compte/confirmer`: the confirmation page's button, without the WASM (with it, the
/// page confirms as it opens).
pub async fn confirm_address(
    State(state): State<AppState>,
    _: SameSite,
    Form(form): Form<ConfirmationForm>,
) -> Response {
    let outcome = super::auth::confirm_address(&state, &form.jeton)
        .await
        .map_err(|e| FormRefusal::of(&e.problem));
    finish(&state, outcome, "/compte/confirmer", form.retour).await
}

/// `POST /deconnexion`: the header's « Se déconnecter » button, a form with or without the
/// WASM; on to the home page, as a visitor.
pub async fn sign_out(
    State(state): State<AppState>,
    _: SameSite,
    headers: axum::http::HeaderMap,
) -> Response {
    match end_session(&state, &headers).await {
        Ok(cleared) => (cleared, Redirect::to("/")).into_response(),
        Err(error) => error.into_response(),
    }
}

/// Signed in: on to `retour` (a path of this site) or the account's space; else back to
/// `page` saying why.
async fn finish(
    state: &AppState,
    outcome: Result<UserId, FormRefusal>,
    page: &str,
    retour: Option<String>,
) -> Response {
    let refusal = match outcome {
        Ok(user) => match (
            session_headers(state, user).await,
            users::me(&state.db, user).await,
        ) {
            (Ok(headers), Ok(me)) => {
                let home = app::components::layout::space_of(&me);
                let target = app::components::restricted::return_target(retour, home);
                return (headers, Redirect::to(&target)).into_response();
            }
            _ => FormRefusal::Unavailable,
        },
        Err(refusal) => refusal,
    };
    back_to(page, refusal, retour)
}

/// Back to the form's `page`, saying why, the return kept.
fn back_to(page: &str, refusal: FormRefusal, retour: Option<String>) -> Response {
    let mut back = format!("{page}?erreur={}", refusal.as_ref());
    if let Some(retour) = retour.filter(|r| !r.is_empty()) {
        back.push_str(&format!(
            "&retour={}",
            shared::search::percent_encode(&retour)
        ));
    }
    Redirect::to(&back).into_response()
}
