//! A forum session's registration posted as plain HTML (`POST /forum/sessions/{id}`, the
//! page's own address): before the WASM has loaded, or without it, a candidate still takes a
//! seat — progressive enhancement, as for the other forms. The checks and the storage are the API's
//! (`routes::forum::register_to`).
//!
//! - A visitor is sent to sign in, and comes back to the session.
//! - A candidate not yet registered to the forum joins it in the same step, under the names
//!   of their profile or the ones the form asks for when there is no profile.
//! - Registered: back to the session with `?inscription=confirmee` (or `attente` and the
//!   position). Refused: the session's page again saying why (`pages::refused_form`).

use axum::extract::{FromRequest, Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use shared::account::Role;
use shared::forum::{Participant, Registration, RegistrationStatus};
use shared::{ForumSessionId, Problem, UserId};

use super::forum::{public_session, register_to, registrations_closed};
use super::parse_id;
use crate::auth::{MaybeUser, SameSite};
use crate::db::forum::registrations;
use crate::db::profiles;
use crate::db::users::SessionUser;
use crate::error::{ApiResult, AppError};
use crate::pages::{refused_form, typed_fields};
use crate::paris_time::paris_now;
use crate::state::AppState;

/// `POST /forum/sessions/{id}`.
pub async fn register(
    State(state): State<AppState>,
    _: SameSite,
    MaybeUser(user): MaybeUser,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let page = format!("/forum/sessions/{id}");
    let Some(user) = user else {
        let back = app::components::restricted::with_return("/connexion", &page);
        return Redirect::to(&back).into_response();
    };
    let (parts, body) = request.into_parts();
    let request = Request::from_parts(parts.clone(), body);
    let names = match Form::<Participant>::from_request(request, &state).await {
        Ok(Form(names)) => names,
        Err(_) => Participant {
            first_name: String::new(),
            last_name: String::new(),
        },
    };
    match register_as(&state, &user, &id, &names).await {
        Ok(registration) => {
            Redirect::to(&format!("{page}?{}#participer", outcome(&registration))).into_response()
        }
        Err(error) => refused_form(&state, parts, typed_fields(&names), error.problem).await,
    }
}

/// Joins the forum when needed, then registers to the session.
async fn register_as(
    state: &AppState,
    user: &SessionUser,
    id: &str,
    names: &Participant,
) -> ApiResult<Registration> {
    if user.role != Role::Candidate {
        return Err(Problem::forbidden()
            .with_detail("Les inscriptions au forum sont réservées aux comptes candidats.")
            .into());
    }
    let (record, edition) = public_session(state, ForumSessionId(parse_id(id)?)).await?;
    if paris_now() >= edition.registration_closes_at {
        return Err(registrations_closed());
    }
    if !registrations::is_participant(&state.db, edition.id, user.id).await? {
        let names = participant_names(state, user.id, names).await?;
        registrations::join_edition(
            &state.db,
            edition.id,
            user.id,
            &names.first_name,
            &names.last_name,
        )
        .await?;
    }
    register_to(state, &record, user.id).await
}

/// The names recruiters will see: the form's when given, else the profile's; neither is a
/// refusal naming the two fields, which the page then asks for.
async fn participant_names(
    state: &AppState,
    user: UserId,
    typed: &Participant,
) -> ApiResult<Participant> {
    let given = !typed.first_name.trim().is_empty() || !typed.last_name.trim().is_empty();
    let names = match profiles::load(&state.db, user).await? {
        Some(profile) if !given => Participant {
            first_name: profile.first_name,
            last_name: profile.last_name,
        },
        _ => typed.clone(),
    };
    let errors = names.errors();
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(AppError::invalid(errors))
    }
}

/// The query the session's page reads its outcome from.
fn outcome(registration: &Registration) -> String {
    match registration {
        Registration {
            status: RegistrationStatus::Waiting,
            waiting_position,
        } => format!(
            "inscription=attente&position={}",
            waiting_position.unwrap_or_default()
        ),
        _ => "inscription=confirmee".to_owned(),
    }
}
