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
