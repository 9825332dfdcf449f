//! The Vis mon job sign-up form posted as plain HTML (`POST /vis-mon-job/{slug}`): before the
//! WASM has loaded, or without it, a student still signs up — progressive enhancement, as
//! the DSFR expects. The fields are named as the API's (`StudentSignupForm`), the checks and
//! the storage are its (`routes::vismonjob::sign_up_as`). Signed up: back to the page with
//! `?inscription=enregistree`, or `?inscription=a-confirmer` when the account was made in the
//! same step (its confirmation link signs it in).
//! Refused: the page again with what was typed and why (`pages::refused_form`).

use axum::extract::{FromRequest, Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use shared::vismonjob::StudentSignupForm;

use super::vismonjob::{sign_up_as, SignedUp};
use crate::auth::rate_limit::ClientIp;
use crate::auth::{MaybeUser, SameSite};
use crate::pages::refused_form;
use crate::state::AppState;

/// `POST /vis-mon-job/{slug}`.
pub async fn sign_up(
    State(state): State<AppState>,
    _: SameSite,
    ClientIp(ip): ClientIp,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let request = Request::from_parts(parts.clone(), body);
    let mut typed = match Form::<Vec<(String, String)>>::from_request(request, &state).await {
        Ok(Form(pairs)) => pairs,
        Err(_) => Vec::new(),
    };
    let form = signup_form(&typed);
    match sign_up_as(&state, ip, user, &slug, &form).await {
        Ok(signed_up) => {
            let outcome = match signed_up {
                SignedUp::Mine(_) => "enregistree",
                SignedUp::ToConfirm => "a-confirmer",
            };
            let back = format!("/vis-mon-job/{slug}?inscription={outcome}#inscription");
            Redirect::to(&back).into_response()
        }
        Err(error) => {
            // A password is never written back into a page.
            typed.retain(|(name, _)| name != "password");
            refused_form(&state, parts, typed, error.problem).await
        }
    }
}

/// The form from its posted fields: one value per name, several for `wishes` (the three
/// ranked choices, empty ones left out) and `administrations`; a box posts `true` when
/// checked, nothing otherwise.
fn signup_form(typed: &[(String, String)]) -> StudentSignupForm {
    let all = |field: &str| -> Vec<String> {
        typed
            .iter()
            .filter(|(name, value)| name == field && !value.is_empty())
            .map(|(_, value)| value.clone())
            .collect()
    };
    let one = |field: &str| all(field).into_iter().next().unwrap_or_default();
    StudentSignupForm {
        email: one("email"),
        password: one("password"),
        first_name: one("first_name"),
        last_name: one("last_name"),
        school: one("school"),
        study_level: one("study_level").parse().ok(),
        field: one("field"),
        departement_code: one("departement_code"),
        remote_ok: one("remote_ok") == "true",
        wishes: all("wishes"),
        administrations: all("administrations"),
        motivation: one("motivation"),
        consent: one("consent") == "true",
    }
}
