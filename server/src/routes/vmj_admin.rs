//! `/api/v1/admin/vis-mon-job/…`: the talent team runs the editions — creates them, moves
//! their status, runs the matching, corrects the duos and publishes them. Every handler takes
//! `CurrentAdmin`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::vismonjob::{
    Ambassador, DuoSwap, Edition, EditionForm, EditionReport, EditionStatus, EditionStatusChange,
    MatchingState, PinChange, StudentSignup,
};
use shared::{DuoId, Problem};

use crate::auth::CurrentAdmin;
use crate::db::vismonjob::editions::{self, EditionRow};
use crate::db::vismonjob::{ambassadors, duos, signups};
use crate::db::{Db, DbError};
use crate::error::{ApiResult, AppError};
use crate::json::{AppJson, AppPath};
use crate::mail;
use crate::state::AppState;
use crate::vismonjob::{
    claim_run, new_links, publication_mails, run_claimed, NotStarted, SwapError, UNDONE_BY_TEAM,
};

fn slug_taken(err: DbError) -> AppError {
    match err {
        DbError::Conflict => {
            Problem::conflict("Une autre édition porte déjà cet identifiant.").into()
        }
        other => other.into(),
    }
}

fn checked(form: &EditionForm) -> ApiResult<()> {
    let errors = form.errors();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::invalid(errors))
    }
}

/// Every edition, drafts included.
#[utoipa::path(get, path = "/api/v1/admin/vis-mon-job/editions", operation_id = "admin_list_vmj_editions", tag = "administration", security(("session" = [])),
    responses((status = 200, description = "Éditions", body = Vec<Edition>)))]
pub async fn list_editions(
    State(state): State<AppState>,
    _: CurrentAdmin,
) -> ApiResult<Json<Vec<Edition>>> {
    Ok(Json(editions::list(&state.db, true).await?))
}

/// Create an edition (as a draft).
#[utoipa::path(post, path = "/api/v1/admin/vis-mon-job/editions", operation_id = "create_vmj_edition", tag = "administration", security(("session" = [])),
    request_body = EditionForm,
    responses(
        (status = 201, description = "Édition créée", body = Edition),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Identifiant déjà pris", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_edition(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    AppJson(form): AppJson<EditionForm>,
) -> ApiResult<(StatusCode, Json<Edition>)> {
    checked(&form)?;
    let id = editions::create(&state.db, &form, Some(admin.id))
        .await
        .map_err(slug_taken)?;
    let row = editions::find_by_id(&state.db, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(editions::edition(&state.db, &row).await?),
    ))
}

/// Change an edition's dates, format, levels or texts.
#[utoipa::path(put, path = "/api/v1/admin/vis-mon-job/editions/{slug}", operation_id = "update_vmj_edition", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = EditionForm,
    responses(
        (status = 200, description = "Édition modifiée", body = Edition),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Identifiant déjà pris", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_edition(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    Path(slug): Path<String>,
    AppJson(form): AppJson<EditionForm>,
) -> ApiResult<Json<Edition>> {
    checked(&form)?;
    let row = editions::find(&state.db, &slug).await?;
    editions::update(&state.db, row.id, &form, admin.id)
        .await
        .map_err(slug_taken)?;
    let row = editions::find_by_id(&state.db, row.id).await?;
    Ok(Json(editions::edition(&state.db, &row).await?))
}

/// Open or close the sign-ups, or mark the edition done.
#[utoipa::path(post, path = "/api/v1/admin/vis-mon-job/editions/{slug}/status", operation_id = "change_vmj_edition_status", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = EditionStatusChange,
    responses(
        (status = 200, description = "Statut changé", body = Edition),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changement impossible depuis ce statut", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_status(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    Path(slug): Path<String>,
    AppJson(change): AppJson<EditionStatusChange>,
) -> ApiResult<Json<Edition>> {
    let row = editions::find(&state.db, &slug).await?;
    let current = row.status()?;
    if !current.manual_next().contains(&change.status) {
        return Err(Problem::conflict(format!(
            "Une édition « {} » ne peut pas passer à « {} ».",
            current.label(),
            change.status.label()
        ))
        .into());
    }
    editions::set_status(&state.db, row.id, current, change.status, Some(admin.id)).await?;
    let row = editions::find_by_id(&state.db, row.id).await?;
    Ok(Json(editions::edition(&state.db, &row).await?))
}

/// The students signed up for the edition.
#[utoipa::path(get, path = "/api/v1/admin/vis-mon-job/editions/{slug}/students", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses((status = 200, description = "Inscriptions", body = Vec<StudentSignup>)))]
pub async fn list_students(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<StudentSignup>>> {
    let row = editions::find(&state.db, &slug).await?;
    Ok(Json(signups::list(&state.db, Some(row.id), None).await?))
}

/// Every entity's ambassadors for the edition.
#[utoipa::path(get, path = "/api/v1/admin/vis-mon-job/editions/{slug}/ambassadors", operation_id = "admin_list_ambassadors", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses((status = 200, description = "Ambassadeurs", body = Vec<Ambassador>)))]
pub async fn list_ambassadors(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<Vec<Ambassador>>> {
    let row = editions::find(&state.db, &slug).await?;
    Ok(Json(ambassadors::list(&state.db, row.id, None).await?))
}

async fn matching_state(db: &Db, row: &EditionRow) -> ApiResult<MatchingState> {
    let (running, last_error) = duos::run_state(db, row.id).await?;
    // The edition read again, after the run: a run seen finished has saved its outcome, so
    // the status agrees with the duos (read before it, the edition could still say « closed »
    // beside the new duos: a flaky test found it).
    let row = &editions::find(db, &row.slug).await?;
    let all_signups = signups::list(db, Some(row.id), None).await?;
    Ok(MatchingState {
        edition: editions::edition(db, row).await?,
        running,
        last_error,
        duos: duos::list(db, row.id)
            .await?
            .into_iter()
            .map(|d| d.duo)
            .collect(),
        unmatched: all_signups
            .into_iter()
            .filter(|s| s.unmatched_reason.is_some())
            .collect(),
        uncoached_ambassadors: ambassadors::list(db, row.id, None)
            .await?
            .into_iter()
            .filter(|a| !a.coached)
            .collect(),
    })
}

/// The proposed duos, the students without one and why, the run in progress, and the
/// ambassadors flagged for missing the coaching.
#[utoipa::path(get, path = "/api/v1/admin/vis-mon-job/editions/{slug}/matching", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "État de l'appariement", body = MatchingState),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_matching(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<MatchingState>> {
    let row = editions::find(&state.db, &slug).await?;
    Ok(Json(matching_state(&state.db, &row).await?))
}

/// Run the matching in the background (pinned duos are kept); poll the state for progress.
#[utoipa::path(post, path = "/api/v1/admin/vis-mon-job/editions/{slug}/matching", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 202, description = "Appariement lancé", body = MatchingState),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Inscriptions pas closes, duos déjà annoncés, ou appariement en cours", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn start_matching(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<(StatusCode, Json<MatchingState>)> {
    let row = editions::find(&state.db, &slug).await?;
    claim_run(&state.db, &row).await.map_err(|err| match err {
        NotStarted::Storage(err) => AppError::from(err),
        refused => Problem::conflict(refused.to_string()).into(),
    })?;
    tracing::info!(edition = %row.slug, admin = admin.id.0, "matching started");
    tokio::spawn(run_in_background(state.db.clone(), row.clone()));
    Ok((
        StatusCode::ACCEPTED,
        Json(matching_state(&state.db, &row).await?),
    ))
}

/// Runs the matching, writing its progress for the admins' page, then its end.
async fn run_in_background(db: Db, row: EditionRow) {
    let (progress, mut heard) = tokio::sync::watch::channel(0_i64);
    let reporter = {
        let db = db.clone();
        tokio::spawn(async move {
            // Ends when the solver drops its sender.
            while heard.changed().await.is_ok() {
                let matched = *heard.borrow_and_update();
                if let Err(err) = duos::report_progress(&db, row.id, matched).await {
                    tracing::warn!(%err, "matching progress not saved");
                }
            }
        })
    };
    let on_progress = move |p: matching::Progress| {
        progress.send_replace(i64::try_from(p.matched).unwrap_or(i64::MAX));
    };
    let solved = async {
        let _ = reporter.await;
    };
    match run_claimed(&db, &row, on_progress, solved).await {
        Ok(summary) => tracing::info!(edition = %row.slug, ?summary, "matching done"),
        Err(err) => tracing::error!(edition = %row.slug, %err, "matching failed"),
    }
}

/// Pin a duo (the next runs keep it) or unpin it.
#[utoipa::path(post, path = "/api/v1/admin/vis-mon-job/editions/{slug}/duos/{id}/pin", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition"), ("id" = i64, Path, description = "Identifiant du duo")),
    request_body = PinChange,
    responses(
        (status = 204, description = "Duo épinglé ou libéré"),
        (status = 404, description = "Duo inconnu", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn pin_duo(
    State(state): State<AppState>,
    _: CurrentAdmin,
    AppPath((slug, id)): AppPath<(String, DuoId)>,
    AppJson(change): AppJson<PinChange>,
) -> ApiResult<StatusCode> {
    let row = editions::find(&state.db, &slug).await?;
    duos::set_pinned(&state.db, row.id, id, change.pinned).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Exchange the ambassadors of two proposed duos; both new duos are pinned.
#[utoipa::path(post, path = "/api/v1/admin/vis-mon-job/editions/{slug}/duos/swap", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = DuoSwap,
    responses(
        (status = 204, description = "Ambassadeurs échangés"),
        (status = 404, description = "Duo inconnu", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Duos déjà annoncés, ou un des nouveaux duos est impossible", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn swap_duos(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
    AppJson(swap): AppJson<DuoSwap>,
) -> ApiResult<StatusCode> {
    let row = editions::find(&state.db, &slug).await?;
    if row.status()? != EditionStatus::Matched || swap.first == swap.second {
        return Err(
            Problem::conflict("Choisissez deux duos proposés, pas encore annoncés.").into(),
        );
    }
    crate::vismonjob::swap(&state.db, &row, swap.first, swap.second)
        .await
        .map_err(|err| match err {
            SwapError::Impossible(detail) => AppError::from(Problem::conflict(detail)),
            SwapError::Storage(err) => err.into(),
            SwapError::Other(err) => crate::routes::auth::internal(err),
        })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Undo a duo before publication: the pair is never proposed again.
#[utoipa::path(delete, path = "/api/v1/admin/vis-mon-job/editions/{slug}/duos/{id}", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition"), ("id" = i64, Path, description = "Identifiant du duo")),
    responses(
        (status = 204, description = "Duo défait"),
        (status = 404, description = "Duo inconnu", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Duos déjà annoncés", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn unpair_duo(
    State(state): State<AppState>,
    _: CurrentAdmin,
    AppPath((slug, id)): AppPath<(String, DuoId)>,
) -> ApiResult<StatusCode> {
    let row = editions::find(&state.db, &slug).await?;
    if row.status()? != EditionStatus::Matched {
        return Err(
            Problem::conflict("Seuls les duos proposés, pas encore annoncés, se défont.").into(),
        );
    }
    duos::unpair(&state.db, row.id, id, UNDONE_BY_TEAM).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Announce the duos: each student and ambassador receives the link to their duo page, each
/// student without a duo the reason.
#[utoipa::path(post, path = "/api/v1/admin/vis-mon-job/editions/{slug}/publish", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Duos annoncés", body = Edition),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Pas de duos proposés à annoncer", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn publish(
    State(state): State<AppState>,
    CurrentAdmin(admin): CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<Edition>> {
    let row = editions::find(&state.db, &slug).await?;
    let duos = duos::list(&state.db, row.id).await?;
    let links = new_links(&duos).map_err(crate::routes::auth::internal)?;
    let mut mails = publication_mails(&state.config.public_url, &row, &duos, &links);
    for student in signups::list(&state.db, Some(row.id), None).await? {
        if let Some(reason) = &student.unmatched_reason {
            mails.push(mail::vmj_no_duo(
                &student.email,
                &student.first_name,
                &row.title,
                reason,
            ));
        }
    }
    duos::publish(&state.db, row.id, &links, &mails, Some(admin.id))
        .await
        .map_err(|err| match err {
            DbError::Conflict => AppError::from(Problem::conflict(
                "Lancez l'appariement avant d'annoncer les duos.",
            )),
            other => other.into(),
        })?;
    let row = editions::find_by_id(&state.db, row.id).await?;
    Ok(Json(editions::edition(&state.db, &row).await?))
}

/// The edition's report: participation, duos by métier and region, wishes met, ratings.
#[utoipa::path(get, path = "/api/v1/admin/vis-mon-job/editions/{slug}/report", tag = "administration", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Bilan de l'édition", body = EditionReport),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn report(
    State(state): State<AppState>,
    _: CurrentAdmin,
    Path(slug): Path<String>,
) -> ApiResult<Json<EditionReport>> {
    let row = editions::find(&state.db, &slug).await?;
    let (duos, feedback) = duos::report_rows(&state.db, row.id).await?;
    let unmatched = signups::list(&state.db, Some(row.id), None)
        .await?
        .iter()
        .filter(|s| s.unmatched_reason.is_some())
        .count();
    let edition = editions::edition(&state.db, &row).await?;
    Ok(Json(EditionReport::compute(
        edition,
        &duos,
        i64::try_from(unmatched).unwrap_or(i64::MAX),
        &feedback,
    )))
}
