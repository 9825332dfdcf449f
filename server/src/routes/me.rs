//! `/api/v1/me`: the signed-in account and its password.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::account::{password_error, Me, PasswordChange, Role};
use shared::application::AccountErasure;
use shared::{ApplicationId, FieldError, Problem};

use crate::auth::rate_limit::{Action, ClientIp};
use crate::auth::token::Purpose;
use crate::auth::{session, CurrentCandidate, CurrentUser};
use crate::db::users::Link;
use crate::db::{applications, users, DbError};
use crate::error::{ApiResult, AppError};
use crate::mail;
use crate::routes::auth::internal;
use crate::state::AppState;

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "comptes", security(("session" = [])),
    responses(
        (status = 200, description = "Le compte", body = Me),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Me>> {
    Ok(Json(users::me(&state.db, user.id).await?))
}

/// E-mail a new link confirming the account's address (the first may be lost or expired).
/// Until the address is confirmed, nothing else is mailed to it and recruiters do not see
/// the profile; a candidate account still unconfirmed 7 days after its creation is deleted.
#[utoipa::path(post, path = "/api/v1/me/email-confirmation", tag = "comptes", security(("session" = [])),
    responses(
        (status = 202, description = "Lien envoyé"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Adresse déjà confirmée", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop de demandes", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn send_confirmation_link(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ClientIp(ip): ClientIp,
) -> ApiResult<StatusCode> {
    state
        .rate_limits
        .check(&state.db, Action::ConfirmationLink, ip, Some(&user.email))
        .await?;
    if users::me(&state.db, user.id).await?.email_verified {
        return Err(Problem::conflict("Votre adresse électronique est déjà confirmée.").into());
    }
    let link = Link::new(Purpose::VerifyEmail).map_err(internal)?;
    let mail = mail::verify_email(&state.config.public_url, &user.email, &link.secret, None);
    users::send_link(&state.db, user.id, link, mail).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Change the password; every other session of the account is closed.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "comptes", security(("session" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Mot de passe changé, autres sessions fermées"),
        (status = 400, description = "Mot de passe actuel incorrect ou nouveau trop court", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop de tentatives", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    crate::json::AppJson(body): crate::json::AppJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    let limits = &state.rate_limits;
    limits
        .check_guess(&state.db, Action::PasswordChange, ip, &user.email)
        .await?;
    let current = users::password_hash(&state.db, user.id).await?;
    let mut errors = Vec::new();
    let hasher = &state.config.password_hasher;
    let current_matches = match current {
        Some(hash) => hasher.verify(&body.current_password, &hash).await,
        None => false,
    };
    if !current_matches {
        limits
            .record_failure(&state.db, Action::PasswordChange, ip, &user.email)
            .await?;
        errors.push(FieldError::new(
            "current_password",
            "Mot de passe actuel incorrect.",
        ));
    }
    errors.extend(
        password_error(&body.new_password).map(|e| FieldError::new("new_password", e.message)),
    );
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let hash = super::auth::hash_password(&state, &body.new_password).await?;
    let keep = session::from_headers(&headers).unwrap_or_default();
    users::change_password(&state.db, user.id, &hash, &keep).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraw one of my applications while it is open; its recruiters are told by e-mail.
#[utoipa::path(post, path = "/api/v1/me/applications/{id}/withdraw", tag = "comptes", security(("session" = [])),
    params(("id" = i64, Path, description = "Identifiant de la candidature")),
    responses(
        (status = 204, description = "Candidature retirée"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Pas un compte candidat", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas une de mes candidatures", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Candidature déjà close (retenue, non retenue ou retirée)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn withdraw_application(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id: ApplicationId = id
        .parse()
        .map_err(|_| AppError::from(Problem::not_found("Candidature introuvable")))?;
    let public_url = state.config.public_url.clone();
    applications::withdraw(&state.db, user.id, id, |withdrawal| {
        let about =
            mail::application_subject(withdrawal.offer_title.as_deref(), &withdrawal.entity_name);
        withdrawal
            .recruiters
            .iter()
            .map(|to| {
                mail::application_withdrawn(&public_url, to, &withdrawal.candidate_name, &about)
            })
            .collect()
    })
    .await
    .map_err(|err| match err {
        DbError::Conflict => AppError::from(Problem::conflict(
            "Cette candidature est close : elle ne peut plus être retirée.",
        )),
        DbError::NotFound => AppError::from(Problem::not_found("Candidature introuvable")),
        other => other.into(),
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The applications sent from this account, with their status history.
#[utoipa::path(get, path = "/api/v1/me/applications", tag = "comptes", security(("session" = [])),
    responses(
        (status = 200, description = "Mes candidatures, les plus récentes d'abord", body = Vec<shared::application::MyApplication>),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_applications(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Vec<shared::application::MyApplication>>> {
    Ok(Json(
        crate::db::applications::for_candidate(&state.db, user.id).await?,
    ))
}

/// Everything stored about the account: `donnees.json` and the CVs, as a zip archive.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "comptes", security(("session" = [])),
    responses(
        (status = 200, description = "Archive zip de mes données", content_type = "application/zip"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_data(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Response> {
    let archive = crate::personal_data::export_zip(&state.db, &state.cvs, user.id)
        .await
        .map_err(internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"mes-donnees-talents-numerique.zip\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        archive,
    )
        .into_response())
}

/// Erase a candidate account: applications are anonymised (kept for statistics), CVs
/// deleted, sessions closed. The password confirms it.
#[utoipa::path(delete, path = "/api/v1/me", tag = "comptes", security(("session" = [])),
    request_body = AccountErasure,
    responses(
        (status = 204, description = "Compte effacé"),
        (status = 400, description = "Mot de passe incorrect", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Non connecté", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Comptes recruteur et administrateur : désactivés par l'équipe talents", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop de tentatives", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn erase_account(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ClientIp(ip): ClientIp,
    crate::json::AppJson(body): crate::json::AppJson<AccountErasure>,
) -> ApiResult<Response> {
    if user.role != Role::Candidate {
        return Err(AppError::from(Problem::forbidden().with_detail(
            "Les comptes recruteur et administrateur sont fermés par l'équipe talents de la DINUM.",
        )));
    }
    let limits = &state.rate_limits;
    limits
        .check_guess(&state.db, Action::PasswordChange, ip, &user.email)
        .await?;
    let hash = users::password_hash(&state.db, user.id).await?;
    let matches = match hash {
        Some(hash) => {
            state
                .config
                .password_hasher
                .verify(&body.password, &hash)
                .await
        }
        None => false,
    };
    if !matches {
        limits
            .record_failure(&state.db, Action::PasswordChange, ip, &user.email)
            .await?;
        return Err(AppError::invalid(vec![FieldError::new(
            "password",
            "Mot de passe incorrect.",
        )]));
    }
    crate::personal_data::erase(&state.db, &state.cvs, &state.config.public_url, user.id)
        .await
        .map_err(internal)?;
    let mut out = HeaderMap::new();
    if let Some(cookie) = session::clear_cookie(state.config.secure_cookies) {
        out.insert(header::SET_COOKIE, cookie);
    }
    Ok((StatusCode::NO_CONTENT, out).into_response())
}
