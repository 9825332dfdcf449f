//! Forum de l'emploi tech de l'État: its sessions. Placeholder types for the forum issue.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Kind of forum session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ForumSessionKind {
    Conference,
    RecruiterPresentation,
    JobDating,
    CoachingWorkshop,
}

/// A session of the online forum, with its registration deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ForumSession {
    pub id: i64,
    pub kind: ForumSessionKind,
    pub title: String,
    pub description: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub registration_deadline: NaiveDateTime,
    pub capacity: Option<i32>,
}
