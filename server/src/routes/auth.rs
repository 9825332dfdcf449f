//! `/api/v1/auth/…`: sign-up, sign-in, sign-out, e-mail confirmation, password reset.
//! Public endpoints (anyone may call them), rate limited where guessing is possible.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::account::{
    normalize_email, password_error, Credentials, EmailToken, Me, NewPassword, ResetRequest,
    Session,
};
use shared::admin::AccessRequestForm;
use shared::{FieldError, Problem};

use crate::accounts;
use crate::auth::rate_limit::{Action, ClientIp};
use crate::auth::session;
use crate::auth::token::Purpose;
use crate::db::access_requests::{self, NewRequest};
use crate::db::entities::EntityTree;
use crate::db::users::{self, Link};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::mail;
use crate::state::AppState;

pub(crate) fn internal(err: anyhow::Error) -> AppError {
    AppError::from(DbError::Corrupt(err.to_string()))
}

/// The PHC string of a new password, hashed off the async runtime (`auth::password`).
pub(crate) async fn hash_password(state: &AppState, password: &str) -> ApiResult<String> {
    state
        .config
        .password_hasher
        .hash(password)
        .await
        .map_err(internal)
}

/// Opens a session for `user`: the headers that set its cookie.
pub(crate) async fn session_headers(
    state: &AppState,
    user: shared::UserId,
) -> ApiResult<HeaderMap> {
    let secret = users::create_session(&state.db, user).await?;
    let mut headers = HeaderMap::new();
    if let Some(cookie) = session::set_cookie(secret, state.config.secure_cookies) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    Ok(headers)
}

/// A response that opens a session.
async fn signed_in(
    state: &AppState,
    status: StatusCode,
    user: shared::UserId,
) -> ApiResult<Response> {
    let headers = session_headers(state, user).await?;
    let me = users::me(&state.db, user).await?;
    Ok((status, headers, Json(me)).into_response())
}

/// Create a candidate account: a link confirming the address is e-mailed, which opens the
/// first session. The answer is the same whether or not the address already has an account
/// — its owner is told by e-mail instead — so that signing up never tells who has one.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "comptes", security(()),
    params(shared::api::accounts::SignUpReturn),
    request_body = Credentials,
    responses(
        (status = 202, description = "Lien de confirmation envoyé à l'adresse (qui, si elle a déjà un compte, reçoit plutôt un message le lui disant)"),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop de tentatives", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    crate::json::AppQuery(query): crate::json::AppQuery<shared::api::accounts::SignUpReturn>,
    crate::json::AppJson(body): crate::json::AppJson<Credentials>,
) -> ApiResult<StatusCode> {
    create_candidate(&state, ip, &body, query.retour.as_deref()).await?;
    Ok(StatusCode::ACCEPTED)
}

/// A new candidate account, its address to confirm (the JSON API's sign-up, and the form's
/// without the WASM); `retour` is where its confirmation link goes on to. An address that
/// has an account gets a message instead, after the same work (the password hashed, one
/// transaction tried), so neither the answer nor its time tells the two apart.
pub(crate) async fn create_candidate(
    state: &AppState,
    ip: Option<std::net::IpAddr>,
    body: &Credentials,
    retour: Option<&str>,
) -> ApiResult<()> {
    let email = normalize_email(&body.email);
    state
        .rate_limits
        .check_mailing(&state.db, Action::Signup, ip, &email)
        .await?;
    let errors = body.signup_errors();
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let public_url = &state.config.public_url;
    let new = accounts::new_candidate(
        &state.config.password_hasher,
        public_url,
        &email,
        &body.password,
        retour,
    )
    .await
    .map_err(internal)?;
    Ok(accounts::create_candidate(&state.db, public_url, new, retour).await?)
}

/// Sign in with e-mail and password; sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "comptes", security(()),
    request_body = Credentials,
    responses(
        (status = 200, description = "Session ouverte", body = Me),
        (status = 401, description = "Identifiants incorrects", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop de tentatives", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    crate::json::AppJson(body): crate::json::AppJson<Credentials>,
) -> ApiResult<Response> {
    let user = authenticate(&state, ip, &body).await?;
    signed_in(&state, StatusCode::OK, user).await
}

/// The account these credentials open (the JSON API's sign-in, and the form's without the
/// WASM); a 401 problem otherwise, counted as a failed guess.
pub(crate) async fn authenticate(
    state: &AppState,
    ip: Option<std::net::IpAddr>,
    body: &Credentials,
) -> ApiResult<shared::UserId> {
    let email = normalize_email(&body.email);
    let limits = &state.rate_limits;
    limits
        .check_guess(&state.db, Action::Login, ip, &email)
        .await?;
    let user = users::find_by_email(&state.db, &email).await?;
    let hasher = &state.config.password_hasher;
    let valid = match user
        .as_ref()
        .and_then(|u| u.password_hash.as_deref().map(|h| (u, h)))
    {
        Some((u, hash)) if u.disabled_at.is_none() => hasher.verify(&body.password, hash).await,
        _ => {
            hasher.verify_dummy(&body.password).await;
            false
        }
    };
    match (valid, user) {
        (true, Some(u)) => Ok(u.id),
        _ => {
            limits
                .record_failure(&state.db, Action::Login, ip, &email)
                .await?;
            Err(AppError::from(
                shared::account::FormRefusal::Credentials.problem(),
            ))
        }
    }
}

/// Who is signed in: the account, or `null` for a visitor (never a 401). Not cached: it
/// changes with the cookie.
#[utoipa::path(get, path = "/api/v1/auth/session", tag = "comptes", security((), ("session" = [])),
    responses((status = 200, description = "La session en cours, ou `me: null`", body = Session)))]
pub async fn current_session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let me = match session::from_headers(&headers) {
        Some(secret) => users::session_me(&state.db, &secret).await?,
        None => None,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(Session { me })).into_response())
}

/// Sign out: the session is deleted on the server and the cookie cleared.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "comptes", security(("session" = [])),
    responses((status = 204, description = "Session fermée")))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    Ok((StatusCode::NO_CONTENT, end_session(&state, &headers).await?).into_response())
}

/// Deletes the request's session, if any; the headers that clear its cookie.
pub async fn end_session(state: &AppState, headers: &HeaderMap) -> ApiResult<HeaderMap> {
    if let Some(secret) = session::from_headers(headers) {
        users::delete_session(&state.db, &secret).await?;
    }
    let mut out = HeaderMap::new();
    if let Some(cookie) = session::clear_cookie(state.config.secure_cookies) {
        out.insert(header::SET_COOKIE, cookie);
    }
    Ok(out)
}

/// Confirm an e-mail address with the link's token, which signs its account in (the link
/// proves the mailbox, as a password reset's does).
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "comptes", security(()),
    request_body = EmailToken,
    responses(
        (status = 200, description = "Adresse confirmée, session ouverte", body = Me),
        (status = 404, description = "Lien inconnu, expiré ou déjà utilisé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn verify_email(
    State(state): State<AppState>,
    crate::json::AppJson(body): crate::json::AppJson<EmailToken>,
) -> ApiResult<Response> {
    let user = confirm_address(&state, &body.token).await?;
    signed_in(&state, StatusCode::OK, user).await
}

/// The account whose address the link `token` confirms, now confirmed.
pub(crate) async fn confirm_address(state: &AppState, token: &str) -> ApiResult<shared::UserId> {
    users::verify_email(&state.db, token)
        .await
        .map_err(expired_link)
}

fn expired_link(err: DbError) -> AppError {
    match err {
        DbError::NotFound => AppError::not_found(
            "Ce lien est inconnu, expiré ou a déjà servi : demandez-en un nouveau.",
        ),
        other => other.into(),
    }
}

/// Ask for a password reset link. Always 202, whether or not the address has an account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "comptes", security(()),
    request_body = ResetRequest,
    responses(
        (status = 202, description = "Si un compte existe, un lien a été envoyé"),
        (status = 429, description = "Trop de tentatives", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn request_reset(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    crate::json::AppJson(body): crate::json::AppJson<ResetRequest>,
) -> ApiResult<StatusCode> {
    let email = normalize_email(&body.email);
    state
        .rate_limits
        .check_mailing(&state.db, Action::PasswordReset, ip, &email)
        .await?;
    if let Some(user) = users::find_by_email(&state.db, &email)
        .await?
        .filter(|u| u.disabled_at.is_none())
    {
        let link = Link::new(Purpose::ResetPassword).map_err(internal)?;
        let mail = mail::reset_password(&state.config.public_url, &email, &link.secret);
        users::send_link(&state.db, user.id, link, mail).await?;
    }
    Ok(StatusCode::ACCEPTED)
}

/// Choose a new password with a reset or invitation link; closes every other session.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "comptes", security(()),
    request_body = NewPassword,
    responses(
        (status = 200, description = "Mot de passe enregistré, session ouverte", body = Me),
        (status = 400, description = "Mot de passe invalide", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Lien inconnu, expiré ou déjà utilisé", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn confirm_reset(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    crate::json::AppJson(body): crate::json::AppJson<NewPassword>,
) -> ApiResult<Response> {
    state
        .rate_limits
        .check(&state.db, Action::ResetConfirmation, ip, None)
        .await?;
    if let Some(error) = password_error(&body.password) {
        return Err(AppError::invalid(vec![error]));
    }
    // The link first: a bogus token costs a lookup, never a hash.
    users::password_link_owner(&state.db, &body.token)
        .await
        .map_err(expired_link)?;
    let hash = hash_password(&state, &body.password).await?;
    let user = users::set_password(&state.db, &body.token, &hash)
        .await
        .map_err(expired_link)?;
    signed_in(&state, StatusCode::OK, user).await
}

/// Ask for access to an entity's recruiter space; an admin approves (an invitation follows)
/// or declines it.
#[utoipa::path(post, path = "/api/v1/auth/access-requests", tag = "comptes", security(()),
    request_body = AccessRequestForm,
    responses(
        (status = 202, description = "Demande enregistrée, accusé de réception envoyé"),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Une demande est déjà en attente pour cette adresse", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop de tentatives", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn request_access(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    crate::json::AppJson(form): crate::json::AppJson<AccessRequestForm>,
) -> ApiResult<StatusCode> {
    let email = normalize_email(&form.email);
    state
        .rate_limits
        .check_mailing(&state.db, Action::AccessRequest, ip, &email)
        .await?;
    let mut errors = form.errors();
    let entity = EntityTree::load(&state.db)
        .await?
        .find_slug(&form.entity_slug);
    if entity.is_none() && !errors.iter().any(|e| e.field == "entity_slug") {
        errors.push(FieldError::new("entity_slug", "Entité inconnue."));
    }
    let Some(entity) = entity.filter(|_| errors.is_empty()) else {
        return Err(AppError::invalid(errors));
    };
    let entity_name = crate::db::entities::entity_name(&state.db, entity).await?;
    access_requests::create(
        &state.db,
        NewRequest {
            email,
            full_name: form.full_name.trim().to_owned(),
            job_title: form.job_title.trim().to_owned(),
            entity,
            message: form.message.trim().to_owned(),
        },
        &entity_name,
    )
    .await
    .map_err(|e| match e {
        DbError::Conflict => AppError::from(Problem::conflict(
            "Une demande est déjà en attente pour cette adresse.",
        )),
        other => other.into(),
    })?;
    Ok(StatusCode::ACCEPTED)
}
