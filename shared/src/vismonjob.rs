//! « Vis mon job — 1 jour, 1 duo, 1 métier tech »: a student paired with an ambassador.
//! Placeholder types for the Vis mon job issue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Study level of a participating student (Bac+2 to Bac+5 in digital).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StudyLevel {
    Bac2,
    Bac3,
    Bac4,
    Bac5,
}

/// A student paired with a State agent for one day of immersion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Duo {
    pub id: i64,
    pub student_id: i64,
    pub ambassador_id: i64,
    pub metier_slug: String,
    pub entity_slug: String,
    pub day: NaiveDate,
}
