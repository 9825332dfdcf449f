//! Ambassador coaching: the one-hour preparation before the day. The team schedules
//! sessions, recruiters put each of their ambassadors in one, the team records attendance
//! (which marks the ambassador as coached).

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::visio_url_error;
use crate::{AmbassadorId, CoachingSessionId, FieldError};

/// Length of a coaching session.
pub const COACHING_MINUTES: i64 = 60;
/// Seats of one session (a visio with questions stays small).
pub const COACHING_CAPACITY_MAX: i32 = 50;

/// A session the team schedules (Europe/Paris time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CoachingSessionForm {
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    pub visio_url: String,
    /// Ambassadors the session takes.
    pub capacity: i32,
}

impl CoachingSessionForm {
    pub fn ends_at(&self) -> NaiveDateTime {
        self.starts_at + Duration::minutes(COACHING_MINUTES)
    }

    /// The form's errors; `day_starts_at` is the edition's day, which the session precedes.
    pub fn errors(&self, day_starts_at: NaiveDateTime) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.ends_at() > day_starts_at {
            errors.push(FieldError::new(
                "starts_at",
                "La préparation a lieu avant la journée Vis mon job.",
            ));
        }
        if !(1..=COACHING_CAPACITY_MAX).contains(&self.capacity) {
            errors.push(FieldError::new(
                "capacity",
                format!("De 1 à {COACHING_CAPACITY_MAX} ambassadeurs."),
            ));
        }
        errors.extend(visio_url_error(&self.visio_url));
        errors
    }
}

/// An ambassador placed in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CoachingAttendee {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub ambassador_id: AmbassadorId,
    pub first_name: String,
    pub last_name: String,
    pub entity_name: String,
    /// Attendance recorded (or coaching already followed).
    pub coached: bool,
}

/// A scheduled session. Recruiters see only their own entity's attendees; `booked`
/// counts everyone's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CoachingSession {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: CoachingSessionId,
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    pub visio_url: String,
    pub capacity: i32,
    pub booked: i32,
    pub attendees: Vec<CoachingAttendee>,
}

impl CoachingSession {
    pub fn is_full(&self) -> bool {
        self.booked >= self.capacity
    }
}

/// A recruiter's choice of session for an ambassador (`None` takes them out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CoachingChoice {
    #[cfg_attr(feature = "server", schema(value_type = Option<i64>))]
    pub session: Option<CoachingSessionId>,
}

/// The ambassadors of a session who attended; the others of the session did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Attendance {
    #[cfg_attr(feature = "server", schema(value_type = Vec<i64>))]
    pub present: Vec<AmbassadorId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn a_session_ends_before_the_day_and_has_seats_and_a_link() {
        let day = at(18, 9);
        let form = CoachingSessionForm {
            starts_at: at(11, 12),
            visio_url: "https://webinaire.numerique.gouv.fr/coaching".into(),
            capacity: 20,
        };
        assert!(form.errors(day).is_empty());
        assert_eq!(form.ends_at(), at(11, 13));
        let late = CoachingSessionForm {
            starts_at: at(18, 8) + Duration::minutes(30),
            visio_url: "http://lien".into(),
            capacity: 0,
        };
        let fields: Vec<_> = late.errors(day).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["starts_at", "capacity", "visio_url"]);
    }
}
