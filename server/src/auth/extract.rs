//! Who may call an endpoint, decided once, here: a handler takes `CurrentUser`,
//! `CurrentRecruiter` or `CurrentAdmin` and never checks roles itself. Entity-owned
//! queries take the entity only from `CurrentRecruiter`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use shared::account::Role;
use shared::{EntityId, Problem};

use super::session;
use crate::db::users::{self, SessionUser};
use crate::error::AppError;
use crate::state::AppState;

/// Any signed-in account (401 otherwise).
#[derive(Debug, Clone)]
pub struct CurrentUser(pub SessionUser);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let secret = session::from_headers(&parts.headers)
            .ok_or_else(|| AppError::from(Problem::unauthenticated()))?;
        users::session_user(&state.db, &secret)
            .await?
            .map(CurrentUser)
            .ok_or_else(|| AppError::from(Problem::unauthenticated()))
    }
}

/// A recruiter, with the one entity they may act on (403 for other accounts).
#[derive(Debug, Clone)]
pub struct CurrentRecruiter {
    pub user: SessionUser,
    pub entity: EntityId,
}

impl FromRequestParts<AppState> for CurrentRecruiter {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        match (user.role, user.entity_id) {
            (Role::Recruiter, Some(entity)) => Ok(Self { user, entity }),
            _ => Err(AppError::from(Problem::forbidden())),
        }
    }
}

/// A member of the DINUM talent team (403 for other accounts).
#[derive(Debug, Clone)]
pub struct CurrentAdmin(pub SessionUser);

impl FromRequestParts<AppState> for CurrentAdmin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.role == Role::Admin {
            Ok(Self(user))
        } else {
            Err(AppError::from(Problem::forbidden()))
        }
    }
}

/// The signed-in account, if any (public endpoints that also serve signed-in users).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<SessionUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match session::from_headers(&parts.headers) {
            Some(secret) => Ok(Self(users::session_user(&state.db, &secret).await?)),
            None => Ok(Self(None)),
        }
    }
}

/// The signed-in candidate, if any: applying needs no account, but a candidate's
/// applications are linked to it (anonymous, or any other role, gives `None`).
#[derive(Debug, Clone)]
pub struct MaybeCandidate(pub Option<SessionUser>);

impl FromRequestParts<AppState> for MaybeCandidate {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        Ok(Self(user.filter(|u| u.role == Role::Candidate)))
    }
}

/// Whether a browser says the request comes from another site: its `Sec-Fetch-Site` says
/// `cross-site`, or its `Origin` names another host. Clients that are not browsers send
/// neither.
pub fn is_cross_site(headers: &axum::http::HeaderMap) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let cross_fetch = header("sec-fetch-site").is_some_and(|site| site == "cross-site");
    let host = header("host");
    let cross_origin = header("origin").is_some_and(|origin| {
        let origin_host = origin.split_once("://").map(|(_, rest)| rest);
        origin == "null" || origin_host != host
    });
    cross_fetch || cross_origin
}

fn cross_site_refused() -> AppError {
    AppError::from(
        Problem::forbidden().with_detail("Envoyez ce formulaire depuis le site lui-même."),
    )
}

/// Refuses multipart forms a browser sends from another site, signed in or not (JSON bodies
/// are already safe, see `json`; a cross-site form can post multipart without a preflight).
pub struct SameSite;

impl<S: Send + Sync> FromRequestParts<S> for SameSite {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        if is_cross_site(&parts.headers) {
            Err(cross_site_refused())
        } else {
            Ok(Self)
        }
    }
}

/// Middleware on the whole application: a state-changing request (POST, PUT, PATCH,
/// DELETE) that carries the session cookie and comes from another site is refused (403),
/// whatever its body: the cookie must never act for another site.
pub async fn refuse_cross_site_writes(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::Method;
    use axum::response::IntoResponse;
    let writes = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if writes
        && session::from_headers(request.headers()).is_some()
        && is_cross_site(request.headers())
    {
        return cross_site_refused().into_response();
    }
    next.run(request).await
}

/// A candidate account (403 for recruiters and admins).
#[derive(Debug, Clone)]
pub struct CurrentCandidate(pub SessionUser);

impl FromRequestParts<AppState> for CurrentCandidate {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.role == Role::Candidate {
            Ok(Self(user))
        } else {
            Err(AppError::from(Problem::forbidden().with_detail(
                "Cette page est réservée aux comptes candidat.",
            )))
        }
    }
}
