//! Forum de l'emploi tech de l'État: the yearly online forum. Editions, their sessions of four
//! kinds, registrations with a waiting list, job-dating slots, and each candidate's agenda.
//! Times are Europe/Paris wall-clock times.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::application::name_errors;
use crate::vismonjob::{slug_error, text_enum, title_and_description};
use crate::{FieldError, ForumSessionId, ForumSlotId};

const TEXT_MAX: usize = 200;
/// Seats of one session (a conference online can be large).
pub const CAPACITY_MAX: i32 = 5_000;
pub const SPEAKERS_MAX: usize = 10;
/// Job-dating slot lengths a recruiter may choose, in minutes.
pub const SLOT_MINUTES: [i64; 4] = [10, 15, 20, 30];

text_enum!(
    /// What a session is.
    SessionKind {
        Conference => "Conférence",
        RecruiterPresentation => "Présentation de recruteur",
        JobDating => "Job dating",
        Workshop => "Atelier de coaching",
    }
);

text_enum!(
    /// A candidate's place in a session.
    RegistrationStatus { Confirmed => "Inscription confirmée", Waiting => "Liste d'attente" }
);

impl SessionKind {
    /// Recruiter presentations and job dating belong to a recruiting entity.
    pub fn needs_entity(self) -> bool {
        matches!(self, Self::RecruiterPresentation | Self::JobDating)
    }
}

/// `POST /api/v1/admin/forum/editions` and `PUT …/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ForumEditionForm {
    pub slug: String,
    pub title: String,
    pub description: String,
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    /// After this instant, nobody registers any more (to the edition or a session).
    #[serde(with = "crate::time::paris")]
    pub registration_closes_at: NaiveDateTime,
    /// Whether the public sees the edition.
    pub published: bool,
}

impl ForumEditionForm {
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> =
            slug_error(&self.slug, "forum-2027").into_iter().collect();
        errors.extend(title_and_description(
            &self.title,
            &self.description,
            "Présentez le forum (5 000 caractères au plus).",
        ));
        if self.ends_at <= self.starts_at {
            errors.push(FieldError::new(
                "ends_at",
                "Le forum finit après son début.",
            ));
        }
        if self.registration_closes_at > self.ends_at {
            errors.push(FieldError::new(
                "registration_closes_at",
                "Les inscriptions ferment au plus tard à la fin du forum.",
            ));
        }
        errors
    }
}

/// A candidate's registration to the edition: the names recruiters see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Participant {
    pub first_name: String,
    pub last_name: String,
}

impl Participant {
    pub fn errors(&self) -> Vec<FieldError> {
        name_errors(&self.first_name, &self.last_name).collect()
    }
}

/// An edition as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ForumEdition {
    pub slug: String,
    pub title: String,
    pub description: String,
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub registration_closes_at: NaiveDateTime,
    pub published: bool,
    pub sessions: i64,
    /// Candidates registered for the edition.
    pub participants: i64,
    /// Recruiting entities with a session.
    pub recruiters: i64,
}

impl ForumEdition {
    /// Whether a candidate may register (to the edition or a session) at `now`.
    pub fn accepts_registrations(&self, now: NaiveDateTime) -> bool {
        self.published && now < self.registration_closes_at
    }

    /// The forum's days, in order.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.starts_at
            .date()
            .iter_days()
            .take_while(|d| *d <= self.ends_at.date())
            .collect()
    }
}

/// The edition the programme shows by default: the next one not over at `now`, else the
/// latest.
pub fn current_edition(editions: &[ForumEdition], now: NaiveDateTime) -> Option<&ForumEdition> {
    editions
        .iter()
        .filter(|e| e.ends_at >= now)
        .min_by_key(|e| e.starts_at)
        .or_else(|| editions.iter().max_by_key(|e| e.starts_at))
}

/// `POST /api/v1/admin/forum/editions/{slug}/sessions` and `PUT /api/v1/admin/forum/sessions/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionForm {
    pub kind: SessionKind,
    pub title: String,
    pub description: String,
    /// "Name, role", one per speaker.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Slug of the entity presenting or recruiting.
    #[serde(default)]
    pub entity: Option<String>,
    /// Slug of the métier the session is about.
    #[serde(default)]
    pub metier: Option<String>,
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    pub capacity: i32,
    /// Visio or stream link, shown to confirmed participants only.
    pub online_url: String,
}

impl SessionForm {
    /// The form's errors; the session must fit in the edition's dates.
    pub fn errors(
        &self,
        edition_starts: NaiveDateTime,
        edition_ends: NaiveDateTime,
    ) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = title_and_description(
            &self.title,
            &self.description,
            "Décrivez la session (5 000 caractères au plus).",
        )
        .collect();
        if self.speakers.len() > SPEAKERS_MAX
            || self
                .speakers
                .iter()
                .any(|s| s.trim().is_empty() || s.chars().count() > TEXT_MAX)
        {
            errors.push(FieldError::new(
                "speakers",
                format!("Jusqu'à {SPEAKERS_MAX} intervenants, un nom non vide chacun."),
            ));
        }
        if self.kind.needs_entity() && self.entity.as_deref().is_none_or(str::is_empty) {
            errors.push(FieldError::new(
                "entity",
                "Choisissez l'entité qui recrute.",
            ));
        }
        if self.ends_at <= self.starts_at || self.ends_at.date() != self.starts_at.date() {
            errors.push(FieldError::new(
                "ends_at",
                "La session finit le même jour, après son début.",
            ));
        } else if self.starts_at < edition_starts || self.ends_at > edition_ends {
            errors.push(FieldError::new(
                "starts_at",
                "La session a lieu pendant le forum.",
            ));
        }
        if !(1..=CAPACITY_MAX).contains(&self.capacity) {
            errors.push(FieldError::new(
                "capacity",
                format!("De 1 à {CAPACITY_MAX} places."),
            ));
        }
        if !(self.online_url.starts_with("https://") && self.online_url.len() <= 300) {
            errors.push(FieldError::new(
                "online_url",
                "Indiquez le lien de la session (https://…).",
            ));
        }
        errors
    }
}

/// The entity or métier a session is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Named {
    pub slug: String,
    pub name: String,
}

/// A session of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ForumSession {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: ForumSessionId,
    pub edition: String,
    pub kind: SessionKind,
    pub title: String,
    pub description: String,
    pub speakers: Vec<String>,
    pub entity: Option<Named>,
    pub metier: Option<Named>,
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    pub capacity: i32,
    /// Confirmed participants.
    pub confirmed: i32,
    /// Candidates on the waiting list.
    pub waiting: i64,
}

impl ForumSession {
    pub fn seats_left(&self) -> i32 {
        (self.capacity - self.confirmed).max(0)
    }

    pub fn overlaps(&self, other: &ForumSession) -> bool {
        self.id != other.id && self.starts_at < other.ends_at && other.starts_at < self.ends_at
    }
}

/// `GET /api/v1/forum/sessions` filters, as on the programme page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct SessionFilters {
    /// Edition slug (by default the next edition, else the latest).
    pub edition: Option<String>,
    pub kind: Option<SessionKind>,
    /// A day of the forum (YYYY-MM-DD).
    pub day: Option<NaiveDate>,
    /// Entity slug.
    pub entity: Option<String>,
    /// Métier slug.
    pub metier: Option<String>,
}

impl SessionFilters {
    /// The filters as a URL query (`kind=job_dating&day=2027-02-09`), empty ones left out.
    pub fn to_query_string(&self) -> String {
        let kind = self.kind.map(|k| k.as_ref().to_owned());
        let day = self.day.map(|d| d.to_string());
        crate::api::encode_pairs([
            ("edition", self.edition.clone()),
            ("kind", kind),
            ("day", day),
            ("entity", self.entity.clone()),
            ("metier", self.metier.clone()),
        ])
    }

    pub fn keeps(&self, s: &ForumSession) -> bool {
        let named = |want: &Option<String>, got: &Option<Named>| {
            want.as_ref()
                .is_none_or(|w| got.as_ref().is_some_and(|g| &g.slug == w))
        };
        self.kind.is_none_or(|k| k == s.kind)
            && self.day.is_none_or(|d| d == s.starts_at.date())
            && named(&self.entity, &s.entity)
            && named(&self.metier, &s.metier)
    }
}

/// A job-dating slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Slot {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: ForumSlotId,
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    pub booked: bool,
    /// Booked by the caller.
    pub mine: bool,
}

/// What the caller may see of a session: the link once confirmed, the slots of a job dating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionDetail {
    #[serde(flatten)]
    pub session: ForumSession,
    /// The caller's place, when registered.
    pub my_status: Option<RegistrationStatus>,
    /// Rank on the waiting list (1 = next to get a seat).
    pub waiting_position: Option<i64>,
    /// Only for confirmed participants.
    pub online_url: Option<String>,
    pub slots: Vec<Slot>,
}

/// `POST /api/v1/recruiter/forum/sessions/{id}/slots`: cut a time range into slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SlotsForm {
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    /// Length of each slot (10, 15, 20 or 30 minutes).
    pub minutes: i64,
}

impl SlotsForm {
    /// The slots' (start, end), or the errors; the range must fit in the session.
    pub fn slots(
        &self,
        session_starts: NaiveDateTime,
        session_ends: NaiveDateTime,
    ) -> Result<Vec<(NaiveDateTime, NaiveDateTime)>, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !SLOT_MINUTES.contains(&self.minutes) {
            errors.push(FieldError::new(
                "minutes",
                "Des créneaux de 10, 15, 20 ou 30 minutes.",
            ));
        }
        if self.ends_at <= self.starts_at
            || self.starts_at < session_starts
            || self.ends_at > session_ends
        {
            errors.push(FieldError::new(
                "starts_at",
                "Les créneaux tiennent dans l'horaire de la session.",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let step = chrono::Duration::minutes(self.minutes);
        let mut slots = Vec::new();
        let mut at = self.starts_at;
        while at + step <= self.ends_at {
            slots.push((at, at + step));
            at += step;
        }
        if slots.is_empty() {
            return Err(vec![FieldError::new(
                "ends_at",
                "La plage est plus courte qu'un créneau.",
            )]);
        }
        Ok(slots)
    }
}

/// The answer to a session registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Registration {
    pub status: RegistrationStatus,
    pub waiting_position: Option<i64>,
}

/// One entry of a candidate's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    pub session: ForumSession,
    /// `None` for a job-dating slot booked without registering to the session itself.
    pub status: Option<RegistrationStatus>,
    pub waiting_position: Option<i64>,
    pub online_url: Option<String>,
    /// The booked job-dating slot.
    pub slot: Option<Slot>,
    /// Ids of the agenda's other sessions at the same time.
    #[cfg_attr(feature = "server", schema(value_type = Vec<i64>))]
    pub overlaps: Vec<ForumSessionId>,
}

impl AgendaItem {
    /// When the candidate is expected: the slot if any, else the session.
    pub fn span(&self) -> (NaiveDateTime, NaiveDateTime) {
        match &self.slot {
            Some(slot) => (slot.starts_at, slot.ends_at),
            None => (self.session.starts_at, self.session.ends_at),
        }
    }
}

/// Marks, for each item, the others it overlaps (by the time the candidate is expected).
pub fn flag_overlaps(items: &mut [AgendaItem]) {
    let spans: Vec<(ForumSessionId, (NaiveDateTime, NaiveDateTime))> =
        items.iter().map(|i| (i.session.id, i.span())).collect();
    for item in items.iter_mut() {
        let (start, end) = item.span();
        item.overlaps = spans
            .iter()
            .filter(|(id, (s, e))| *id != item.session.id && *s < end && start < *e)
            .map(|(id, _)| *id)
            .collect();
    }
}

/// `GET /api/v1/me/forum`: the editions the candidate registered for, and the agenda.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Agenda {
    pub editions: Vec<ForumEdition>,
    pub items: Vec<AgendaItem>,
}

/// Who booked a slot, for the recruiter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Attendee {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// A slot and who booked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SlotBooking {
    pub slot: Slot,
    pub candidate: Option<Attendee>,
}

/// A recruiter's session with its slots and bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecruiterSession {
    pub session: ForumSession,
    pub slots: Vec<SlotBooking>,
}

/// One session's figures for the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionFigures {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: ForumSessionId,
    pub title: String,
    pub kind: SessionKind,
    pub capacity: i32,
    pub confirmed: i32,
    pub waiting: i64,
    /// Confirmed participants who opened the session's link through the platform.
    pub joined: i64,
    /// Job dating: slots offered and booked.
    pub slots: i64,
    pub bookings: i64,
}

impl SessionFigures {
    /// Confirmed / capacity, in percent.
    pub fn fill_rate(&self) -> f64 {
        if self.capacity == 0 {
            0.0
        } else {
            f64::from(self.confirmed) * 100.0 / f64::from(self.capacity)
        }
    }

    /// Joined / confirmed, in percent (`None` before anyone is confirmed).
    pub fn attendance_rate(&self) -> Option<f64> {
        (self.confirmed > 0).then(|| self.joined as f64 * 100.0 / f64::from(self.confirmed))
    }
}

/// `GET /api/v1/admin/forum/editions/{slug}/figures`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EditionFigures {
    pub edition: ForumEdition,
    pub sessions: Vec<SessionFigures>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap_or_default()
    }

    fn session(id: i64, start: NaiveDateTime, end: NaiveDateTime) -> ForumSession {
        let id = ForumSessionId(id);
        ForumSession {
            id,
            edition: "forum-2027".into(),
            kind: SessionKind::Conference,
            title: "L'IA au service des agents publics".into(),
            description: "Retours d'expérience d'Albert.".into(),
            speakers: vec![],
            entity: None,
            metier: None,
            starts_at: start,
            ends_at: end,
            capacity: 100,
            confirmed: 0,
            waiting: 0,
        }
    }

    #[test]
    fn slots_cut_the_range_and_stay_in_the_session() {
        let form = SlotsForm {
            starts_at: at(23, 14, 0),
            ends_at: at(23, 15, 10),
            minutes: 15,
        };
        let slots = form.slots(at(23, 14, 0), at(23, 16, 0)).unwrap_or_default();
        assert_eq!(slots.len(), 4);
        assert_eq!(slots.last(), Some(&(at(23, 14, 45), at(23, 15, 0))));
        let outside = SlotsForm { minutes: 7, ..form };
        let fields: Vec<_> = outside
            .slots(at(23, 14, 30), at(23, 16, 0))
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["minutes", "starts_at"]);
    }

    #[test]
    fn overlaps_use_the_booked_slot_rather_than_the_whole_job_dating() {
        let item = |s: ForumSession, slot: Option<(NaiveDateTime, NaiveDateTime)>| AgendaItem {
            session: s,
            status: Some(RegistrationStatus::Confirmed),
            waiting_position: None,
            online_url: None,
            slot: slot.map(|(starts_at, ends_at)| Slot {
                id: ForumSlotId(1),
                starts_at,
                ends_at,
                booked: true,
                mine: true,
            }),
            overlaps: vec![],
        };
        let mut items = vec![
            item(session(1, at(23, 10, 0), at(23, 11, 0)), None),
            item(session(2, at(23, 10, 30), at(23, 11, 30)), None),
            // A job dating all afternoon, but the slot is at 14:00 only.
            item(
                session(3, at(23, 13, 0), at(23, 17, 0)),
                Some((at(23, 14, 0), at(23, 14, 15))),
            ),
            item(session(4, at(23, 14, 15), at(23, 15, 0)), None),
        ];
        flag_overlaps(&mut items);
        let flagged: Vec<Vec<i64>> = items
            .iter()
            .map(|i| i.overlaps.iter().map(|id| id.0).collect())
            .collect();
        assert_eq!(flagged, [vec![2], vec![1], vec![], vec![]]);
    }

    #[test]
    fn a_session_fits_in_the_forum_and_a_job_dating_names_its_entity() {
        let form = SessionForm {
            kind: SessionKind::JobDating,
            title: "Job dating DINUM".into(),
            description: "Quinze minutes avec l'équipe recrutement.".into(),
            speakers: vec!["Inès Moreau, cheffe de projet recrutement".into()],
            entity: None,
            metier: None,
            starts_at: at(25, 14, 0),
            ends_at: at(25, 17, 0),
            capacity: 12,
            online_url: "https://webinaire.numerique.gouv.fr/forum".into(),
        };
        let fields: Vec<_> = form
            .errors(at(23, 9, 0), at(24, 18, 0))
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["entity", "starts_at"]);
        let ok = SessionForm {
            entity: Some("dinum".into()),
            starts_at: at(24, 14, 0),
            ends_at: at(24, 17, 0),
            ..form
        };
        assert!(ok.errors(at(23, 9, 0), at(24, 18, 0)).is_empty());
    }
}
