//! Each side's Vis mon job duo page, its calendar file and its feedback, opened two ways: by
//! the secret of the link mailed when the duos are announced (the ambassador has no account;
//! only its hash is stored, so the link cannot be shown again), or by the signed-in student
//! from their space.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::vismonjob::{DuoPage, DuoSide, FeedbackForm};
use shared::Problem;

use crate::auth::CurrentCandidate;
use crate::db::vismonjob::duos::{self, DuoDetail};
use crate::db::vismonjob::editions::{self, EditionRow};
use crate::db::vismonjob::signups;
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::json::AppJson;
use crate::paris_time::paris_now;
use crate::routes::vismonjob::public_edition;
use crate::state::AppState;
use crate::vismonjob::{duo_url, ics};

/// Where one way of opening a duo page leads: the page, and the API its parts hang from.
pub struct DuoAddresses {
    pub page: String,
    api: String,
}

impl DuoAddresses {
    fn by_token(token: &str) -> Self {
        Self {
            page: duo_url("", token),
            api: format!("/api/v1/vis-mon-job/duos/{token}"),
        }
    }

    /// The signed-in student's duo for the edition `slug`.
    pub fn of_signup(slug: &str) -> Self {
        Self {
            page: format!("/espace-candidat/vis-mon-job/{slug}/duo"),
            api: format!("/api/v1/vis-mon-job/editions/{slug}/signup/duo"),
        }
    }
}

/// An announced duo, the side it is opened for, its edition and its addresses.
struct Opened {
    detail: DuoDetail,
    side: DuoSide,
    edition: EditionRow,
    addresses: DuoAddresses,
}

/// The announced duo behind a link's secret.
async fn by_token(state: &AppState, token: &str) -> ApiResult<Opened> {
    let (detail, side) = duos::by_token(&state.db, token).await?;
    announced(state, detail, side, DuoAddresses::by_token(token)).await
}

/// The signed-in student's announced duo for the edition `slug`.
async fn of_student(state: &AppState, user: shared::UserId, slug: &str) -> ApiResult<Opened> {
    let row = public_edition(state, slug).await?;
    let signup = signups::mine(&state.db, row.id, user)
        .await
        .map_err(|_| AppError::not_found("Vous n'êtes pas inscrit(e) à cette édition."))?;
    match duos::published_for_student(&state.db, signup.id).await? {
        Some(detail) => Ok(Opened {
            detail,
            side: DuoSide::Student,
            edition: row,
            addresses: DuoAddresses::of_signup(slug),
        }),
        None => Err(not_announced()),
    }
}

fn not_announced() -> AppError {
    AppError::not_found("Ce duo n'est pas encore annoncé.")
}

async fn announced(
    state: &AppState,
    detail: DuoDetail,
    side: DuoSide,
    addresses: DuoAddresses,
) -> ApiResult<Opened> {
    if detail.published_at.is_none() {
        return Err(not_announced());
    }
    let edition = editions::find_by_id(&state.db, detail.edition_id).await?;
    Ok(Opened {
        detail,
        side,
        edition,
        addresses,
    })
}

async fn page(state: &AppState, opened: Opened) -> ApiResult<Json<DuoPage>> {
    let Opened {
        detail,
        side,
        edition,
        addresses,
    } = opened;
    let feedback = duos::feedback(&state.db, detail.duo.id, side).await?;
    let partner = match side {
        DuoSide::Student => detail.duo.ambassador.clone(),
        DuoSide::Ambassador => detail.duo.student.clone(),
    };
    Ok(Json(DuoPage {
        edition: editions::edition(&state.db, &edition).await?,
        side,
        partner,
        ambassador_entity: detail.entity_name,
        metier_name: detail.duo.metier_name,
        mode: detail.duo.mode,
        place: detail.place,
        explanation: detail.duo.explanation,
        ics_url: format!("{}/agenda.ics", addresses.api),
        feedback_url: format!("{}/feedback", addresses.api),
        feedback,
    }))
}

fn calendar(state: &AppState, opened: &Opened) -> Response {
    let page = format!("{}{}", state.config.public_url, opened.addresses.page);
    let body = ics(&opened.edition, &opened.detail, opened.side, &page);
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"vis-mon-job.ics\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response()
}

async fn record_feedback(
    state: &AppState,
    opened: &Opened,
    form: FeedbackForm,
) -> ApiResult<(StatusCode, Json<FeedbackForm>)> {
    if paris_now() < opened.edition.starts_at {
        return Err(Problem::conflict("Vous pourrez donner votre avis après la journée.").into());
    }
    duos::give_feedback(&state.db, opened.detail.duo.id, opened.side, &form)
        .await
        .map_err(|err| match err {
            DbError::Conflict => {
                AppError::from(Problem::conflict("Vous avez déjà donné votre avis."))
            }
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, Json(form)))
}

fn check(form: &FeedbackForm) -> ApiResult<()> {
    let errors = form.errors();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::invalid(errors))
    }
}

/// One side's duo page: the other person, the place or visio link, the time.
#[utoipa::path(get, path = "/api/v1/vis-mon-job/duos/{token}", tag = "vis mon job", security(()),
    params(("token" = String, Path, description = "Le secret du lien reçu par e-mail")),
    responses(
        (status = 200, description = "Le duo", body = DuoPage),
        (status = 404, description = "Lien inconnu ou duo pas encore annoncé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_duo(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<DuoPage>> {
    page(&state, by_token(&state, &token).await?).await
}

/// The day as an iCalendar file.
#[utoipa::path(get, path = "/api/v1/vis-mon-job/duos/{token}/agenda.ics", tag = "vis mon job", security(()),
    params(("token" = String, Path, description = "Le secret du lien reçu par e-mail")),
    responses(
        (status = 200, description = "Fichier agenda", content_type = "text/calendar"),
        (status = 404, description = "Lien inconnu", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn duo_calendar(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Response> {
    Ok(calendar(&state, &by_token(&state, &token).await?))
}

/// After the day: one rating and comment per side.
#[utoipa::path(post, path = "/api/v1/vis-mon-job/duos/{token}/feedback", tag = "vis mon job", security(()),
    params(("token" = String, Path, description = "Le secret du lien reçu par e-mail")),
    request_body = FeedbackForm,
    responses(
        (status = 201, description = "Avis enregistré", body = FeedbackForm),
        (status = 400, description = "Note invalide", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Lien inconnu", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Avant la journée, ou avis déjà donné", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn give_feedback(
    State(state): State<AppState>,
    Path(token): Path<String>,
    AppJson(form): AppJson<FeedbackForm>,
) -> ApiResult<(StatusCode, Json<FeedbackForm>)> {
    check(&form)?;
    record_feedback(&state, &by_token(&state, &token).await?, form).await
}

/// The signed-in student's duo page for an edition, once the duos are announced.
#[utoipa::path(get, path = "/api/v1/vis-mon-job/editions/{slug}/signup/duo", tag = "vis mon job", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Mon duo", body = DuoPage),
        (status = 404, description = "Pas inscrit(e), ou duo pas encore annoncé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_my_duo(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    Path(slug): Path<String>,
) -> ApiResult<Json<DuoPage>> {
    page(&state, of_student(&state, user.id, &slug).await?).await
}

/// The signed-in student's day as an iCalendar file.
#[utoipa::path(get, path = "/api/v1/vis-mon-job/editions/{slug}/signup/duo/agenda.ics", tag = "vis mon job", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Fichier agenda", content_type = "text/calendar"),
        (status = 404, description = "Pas inscrit(e), ou duo pas encore annoncé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_duo_calendar(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    Ok(calendar(&state, &of_student(&state, user.id, &slug).await?))
}

/// The signed-in student's feedback on the day.
#[utoipa::path(post, path = "/api/v1/vis-mon-job/editions/{slug}/signup/duo/feedback", tag = "vis mon job", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = FeedbackForm,
    responses(
        (status = 201, description = "Avis enregistré", body = FeedbackForm),
        (status = 400, description = "Note invalide", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas inscrit(e), ou duo pas encore annoncé", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Avant la journée, ou avis déjà donné", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn give_my_feedback(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    Path(slug): Path<String>,
    AppJson(form): AppJson<FeedbackForm>,
) -> ApiResult<(StatusCode, Json<FeedbackForm>)> {
    check(&form)?;
    record_feedback(&state, &of_student(&state, user.id, &slug).await?, form).await
}
