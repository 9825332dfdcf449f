//! What the DINUM talent team reads and sends in the admin space.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::UserId;

/// A queued or sent e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

/// One change made by a recruiter or an admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// None for changes made by the platform itself (e.g. expiry).
    pub actor_email: Option<String>,
    pub entity_id: Option<i64>,
    pub action: String,
    pub target: String,
    pub created_at: NaiveDateTime,
}

/// An invitation of a recruiter to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecruiterInvitation {
    pub email: String,
    /// Slug of the entity the recruiter will manage.
    pub entity_slug: String,
}

/// The account created by an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InvitedRecruiter {
    pub id: UserId,
    pub email: String,
    pub entity_slug: String,
}
