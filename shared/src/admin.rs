//! What the DINUM talent team reads and sends in the admin space.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::account::{email_error, normalize_email};
use crate::{AccessRequestId, EntityId, FieldError, OutboxMessageId, UserId};

/// A queued or sent e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: OutboxMessageId,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    #[serde(default, with = "crate::time::utc_option")]
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    /// Unsent because its recipient's account has not confirmed the address yet: it goes
    /// once they do (only the links that prove an address go before).
    #[serde(default)]
    pub awaits_confirmation: bool,
}

/// One change made by a recruiter or an admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// None for changes made by the platform itself (e.g. expiry).
    pub actor_email: Option<String>,
    #[cfg_attr(feature = "server", schema(value_type = Option<i64>))]
    pub entity_id: Option<EntityId>,
    pub action: String,
    pub target: String,
    #[serde(with = "crate::time::utc")]
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

/// Where an access request stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumString, strum::AsRefStr,
)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AccessStatus {
    /// Waiting for an admin.
    Pending,
    /// An invitation was sent.
    Approved,
    /// Declined; the requester was told.
    Declined,
}

impl AccessStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "En attente",
            Self::Approved => "Acceptée",
            Self::Declined => "Refusée",
        }
    }
}

/// `POST /api/v1/auth/access-requests`: an agent asks to manage an entity's space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccessRequestForm {
    pub email: String,
    pub full_name: String,
    pub job_title: String,
    /// Slug of the entity the agent works for.
    pub entity_slug: String,
    /// Why the access is needed (shown to the admins).
    pub message: String,
}

pub const ACCESS_MESSAGE_MAX: usize = 2_000;

impl AccessRequestForm {
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = email_error(&normalize_email(&self.email))
            .into_iter()
            .collect();
        for (field, value, message) in [
            ("full_name", &self.full_name, "Indiquez vos prénom et nom."),
            ("job_title", &self.job_title, "Indiquez votre fonction."),
            ("entity_slug", &self.entity_slug, "Choisissez votre entité."),
        ] {
            if value.trim().is_empty() || value.chars().count() > 200 {
                errors.push(FieldError::new(field, message));
            }
        }
        if self.message.chars().count() > ACCESS_MESSAGE_MAX {
            errors.push(FieldError::new(
                "message",
                format!("Le message ne doit pas dépasser {ACCESS_MESSAGE_MAX} caractères."),
            ));
        }
        errors
    }
}

/// An access request as the admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccessRequest {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: AccessRequestId,
    pub email: String,
    pub full_name: String,
    pub job_title: String,
    pub entity_slug: String,
    pub entity_name: String,
    pub message: String,
    pub status: AccessStatus,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    #[serde(default, with = "crate::time::utc_option")]
    pub decided_at: Option<NaiveDateTime>,
}

/// A recruiter account, for the admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecruiterAccount {
    pub id: UserId,
    pub email: String,
    pub entity_slug: String,
    pub entity_name: String,
    /// False while the invitation has not been accepted.
    pub active: bool,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
}

/// A colleague in a recruiter's team (`GET /api/v1/recruiter/team`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub id: UserId,
    pub email: String,
    /// False while the invitation has not been accepted.
    pub active: bool,
}

/// A recruiter invites a colleague of their entity by e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ColleagueInvitation {
    pub email: String,
}

/// Why an access request is declined (sent to the requester).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Decline {
    pub reason: String,
}
