//! `/api/v1/recruiter/vis-mon-job/{edition}/ambassadors`: the agents of the recruiter's
//! entity who host a student. The entity comes from `CurrentRecruiter` only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::vismonjob::{Ambassador, AmbassadorForm, EditionStatus};
use shared::{AmbassadorId, MetierId, Problem};

use crate::auth::CurrentRecruiter;
use crate::db::vismonjob::editions::{self, EditionRow};
use crate::db::vismonjob::{ambassadors, references};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::state::AppState;

/// The edition, if its ambassadors may still change (not once the duos are announced).
async fn open_edition(state: &AppState, slug: &str) -> ApiResult<EditionRow> {
    let row = editions::find(&state.db, slug).await?;
    match row.status()? {
        EditionStatus::Published | EditionStatus::Done => Err(Problem::conflict(
            "Les duos de cette édition sont annoncés : les ambassadeurs ne changent plus.",
        )
        .into()),
        _ => Ok(row),
    }
}

/// The form's errors and those of the reference data; else the métier's id.
async fn checked_metier(state: &AppState, form: &AmbassadorForm) -> ApiResult<MetierId> {
    let mut errors = form.errors();
    let metiers = std::slice::from_ref(&form.metier);
    let refs = references(&state.db, metiers, &[], &form.departement_code).await?;
    errors.extend(refs.errors("metier", metiers, &[]));
    match refs.metiers.get(&form.metier) {
        Some(id) if errors.is_empty() => Ok(*id),
        _ => Err(AppError::invalid(errors)),
    }
}

fn taken(err: DbError) -> AppError {
    match err {
        DbError::Conflict => {
            Problem::conflict("Cette adresse est déjà celle d'un ambassadeur de l'édition.").into()
        }
        other => other.into(),
    }
}

/// The entity's ambassadors for an edition.
#[utoipa::path(get, path = "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors", operation_id = "recruiter_list_ambassadors", tag = "espace recruteur", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Ambassadeurs de l'entité", body = Vec<Ambassador>),
        (status = 403, description = "Pas recruteur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_ambassadors(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<Ambassador>>> {
    let row = editions::find(&state.db, &slug).await?;
    Ok(Json(
        ambassadors::list(&state.db, row.id, Some(recruiter.entity)).await?,
    ))
}

/// Register an agent of the entity as ambassador.
#[utoipa::path(post, path = "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors", tag = "espace recruteur", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = AmbassadorForm,
    responses(
        (status = 201, description = "Ambassadeur enregistré", body = Vec<Ambassador>),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas recruteur", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Adresse déjà enregistrée, ou duos déjà annoncés", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_ambassador(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    Path(slug): Path<String>,
    AppJson(form): AppJson<AmbassadorForm>,
) -> ApiResult<(StatusCode, Json<Vec<Ambassador>>)> {
    let row = open_edition(&state, &slug).await?;
    let metier = checked_metier(&state, &form).await?;
    ambassadors::create(&state.db, row.id, recruiter.entity, metier, &form)
        .await
        .map_err(taken)?;
    let list = ambassadors::list(&state.db, row.id, Some(recruiter.entity)).await?;
    Ok((StatusCode::CREATED, Json(list)))
}

/// Change one of the entity's ambassadors.
#[utoipa::path(put, path = "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors/{id}", tag = "espace recruteur", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition"), ("id" = i64, Path, description = "Identifiant de l'ambassadeur")),
    request_body = AmbassadorForm,
    responses(
        (status = 200, description = "Ambassadeurs de l'entité", body = Vec<Ambassador>),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas un ambassadeur de l'entité", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Adresse déjà enregistrée, duos déjà annoncés, ou duo proposé reposant sur le métier, le département, les modalités ou la capacité changés", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_ambassador(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath((slug, id)): AppPath<(String, AmbassadorId)>,
    AppJson(form): AppJson<AmbassadorForm>,
) -> ApiResult<Json<Vec<Ambassador>>> {
    let row = open_edition(&state, &slug).await?;
    let metier = checked_metier(&state, &form).await?;
    let updated = ambassadors::update(&state.db, row.id, id, recruiter.entity, metier, &form)
        .await
        .map_err(taken)?;
    if let ambassadors::Updated::DuoBound(duos) = updated {
        let duos = if duos == 1 {
            "un duo proposé"
        } else {
            "des duos proposés"
        };
        return Err(Problem::conflict(format!(
            "Cet ambassadeur a {duos} : son métier, son département, sa façon de recevoir \
             (sur site, en visio) et sa capacité ne changent plus. Demandez à l'équipe talents \
             de défaire le duo, ou retirez l'ambassadeur."
        ))
        .into());
    }
    Ok(Json(
        ambassadors::list(&state.db, row.id, Some(recruiter.entity)).await?,
    ))
}

/// Withdraw one of the entity's ambassadors (their proposed duos go with them).
#[utoipa::path(delete, path = "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors/{id}", tag = "espace recruteur", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition"), ("id" = i64, Path, description = "Identifiant de l'ambassadeur")),
    responses(
        (status = 204, description = "Ambassadeur retiré"),
        (status = 404, description = "Pas un ambassadeur de l'entité", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Duos déjà annoncés", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_ambassador(
    State(state): State<AppState>,
    recruiter: CurrentRecruiter,
    AppPath((slug, id)): AppPath<(String, AmbassadorId)>,
) -> ApiResult<StatusCode> {
    let row = open_edition(&state, &slug).await?;
    ambassadors::delete(&state.db, row.id, id, recruiter.entity).await?;
    Ok(StatusCode::NO_CONTENT)
}
