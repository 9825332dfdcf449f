//! « Vis mon job — 1 jour, 1 duo, 1 métier tech »: students (Bac+2 to Bac+5 in digital) spend a
//! day with a State agent, the ambassador. Editions, sign-ups, ambassadors and duos, and their
//! rules. Times of the day itself are Europe/Paris wall-clock times.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::account::{email_error, normalize_email, password_error};
use crate::application::name_errors;
use crate::entity::is_valid_slug;
use crate::geo::is_departement_code;
use crate::{AmbassadorId, CoachingSessionId, DuoId, FieldError, StudentId};

pub mod coaching;

/// Métier wishes a student ranks.
pub const WISHES_MAX: usize = 3;
/// Administrations a student may name.
pub const ADMINISTRATIONS_MAX: usize = 5;
const TEXT_MAX: usize = 200;
const MOTIVATION_MIN: usize = 30;
const MOTIVATION_MAX: usize = 2_000;
const DESCRIPTION_MAX: usize = 5_000;
/// Students an ambassador may host on the day.
pub const CAPACITY_MAX: i32 = 5;

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize,
            strum::EnumString, strum::AsRefStr, strum::EnumIter,
        )]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// The French label shown in the UI.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// Every value, in declaration order.
            pub fn all() -> impl Iterator<Item = Self> {
                <Self as strum::IntoEnumIterator>::iter()
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(
    /// Study level of a student (Bac+2 to Bac+5 in digital).
    StudyLevel { Bac2 => "Bac+2", Bac3 => "Bac+3", Bac4 => "Bac+4", Bac5 => "Bac+5" }
);

text_enum!(
    /// How the edition's day takes place.
    EditionFormat { OnSite => "Sur site", Remote => "À distance", Both => "Sur site ou à distance" }
);

text_enum!(
    /// Where an edition stands; it only moves forward (see [`EditionStatus::manual_next`]).
    EditionStatus {
        Draft => "Brouillon",
        Open => "Inscriptions ouvertes",
        Closed => "Inscriptions closes",
        Matched => "Duos proposés",
        Published => "Duos annoncés",
        Done => "Terminée",
    }
);

text_enum!(
    /// How a duo meets.
    DuoMode { OnSite => "Sur site", Remote => "En visio" }
);

text_enum!(
    /// Which side of a duo a page or a feedback is for.
    DuoSide { Student => "Étudiant ou étudiante", Ambassador => "Ambassadeur ou ambassadrice" }
);

impl EditionStatus {
    /// The statuses the team may set by hand from this one. `Matched` comes from running
    /// the matching (on a closed or matched edition), `Published` from publishing the duos.
    pub fn manual_next(self) -> &'static [EditionStatus] {
        use EditionStatus::*;
        match self {
            Draft => &[Open],
            Open => &[Closed],
            Closed => &[Open],
            Matched => &[Closed],
            Published => &[Done],
            Done => &[],
        }
    }

    /// Whether the public sees the edition.
    pub fn is_public(self) -> bool {
        self != Self::Draft
    }

    /// Whether the matching may run (again): sign-ups are closed and nothing is published.
    pub fn may_match(self) -> bool {
        matches!(self, Self::Closed | Self::Matched)
    }
}

/// An edition as the public sees it (`GET /api/v1/vis-mon-job/editions[/{slug}]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Edition {
    pub slug: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    /// Start and end of the day (Europe/Paris).
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    pub format: EditionFormat,
    /// Sign-up window (Europe/Paris).
    #[serde(with = "crate::time::paris")]
    pub signup_opens_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub signup_closes_at: NaiveDateTime,
    pub levels: Vec<StudyLevel>,
    pub status: EditionStatus,
    pub students: i64,
    pub ambassadors: i64,
    pub duos: i64,
}

impl Edition {
    pub fn day(&self) -> NaiveDate {
        self.starts_at.date()
    }

    /// Whether a student may sign up or edit the sign-up at `now` (Europe/Paris).
    pub fn accepts_signups(&self, now: NaiveDateTime) -> bool {
        self.status == EditionStatus::Open
            && self.signup_opens_at <= now
            && now < self.signup_closes_at
    }
}

/// `POST /api/v1/admin/vis-mon-job/editions` and `PUT …/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EditionForm {
    pub slug: String,
    pub title: String,
    pub description: String,
    #[serde(with = "crate::time::paris")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub ends_at: NaiveDateTime,
    pub format: EditionFormat,
    #[serde(with = "crate::time::paris")]
    pub signup_opens_at: NaiveDateTime,
    #[serde(with = "crate::time::paris")]
    pub signup_closes_at: NaiveDateTime,
    pub levels: Vec<StudyLevel>,
}

impl EditionForm {
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = slug_error(&self.slug, "printemps-2027")
            .into_iter()
            .collect();
        errors.extend(title_and_description(
            &self.title,
            &self.description,
            "Décrivez l'édition (5 000 caractères au plus).",
        ));
        if self.ends_at <= self.starts_at || self.ends_at.date() != self.starts_at.date() {
            errors.push(FieldError::new(
                "ends_at",
                "La journée finit le même jour, après son début.",
            ));
        }
        if self.signup_closes_at <= self.signup_opens_at {
            errors.push(FieldError::new(
                "signup_closes_at",
                "La clôture des inscriptions suit leur ouverture.",
            ));
        } else if self.signup_closes_at > self.starts_at {
            errors.push(FieldError::new(
                "signup_closes_at",
                "Les inscriptions ferment avant la journée.",
            ));
        }
        if self.levels.is_empty() {
            errors.push(FieldError::new(
                "levels",
                "Choisissez au moins un niveau d'études.",
            ));
        }
        errors
    }
}

/// A student's sign-up (`POST`/`PUT /api/v1/vis-mon-job/editions/{slug}/signup`). `email` and
/// `password` create the candidate account in the same step when nobody is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StudentSignupForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub school: String,
    pub study_level: Option<StudyLevel>,
    /// Field of study (« BUT informatique », « Master MIAGE »…).
    pub field: String,
    pub departement_code: String,
    pub remote_ok: bool,
    /// Slugs of the métiers wished, most wished first (1 to 3).
    pub wishes: Vec<String>,
    /// Slugs of the administrations preferred (optional).
    #[serde(default)]
    pub administrations: Vec<String>,
    pub motivation: String,
    /// Consent to share the sign-up with the ambassador and the talent team.
    pub consent: bool,
}

impl StudentSignupForm {
    /// Errors of the form; `with_account` adds the e-mail and password of a new account.
    /// The server adds those for unknown métiers, administrations and ineligible levels.
    pub fn errors(&self, with_account: bool) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if with_account {
            errors.extend(email_error(&normalize_email(&self.email)));
            errors.extend(password_error(&self.password));
        }
        errors.extend(name_errors(&self.first_name, &self.last_name));
        errors.extend(text_error(
            "school",
            &self.school,
            2,
            TEXT_MAX,
            "Indiquez votre établissement.",
        ));
        if self.study_level.is_none() {
            errors.push(FieldError::new(
                "study_level",
                "Choisissez votre niveau d'études.",
            ));
        }
        errors.extend(text_error(
            "field",
            &self.field,
            2,
            TEXT_MAX,
            "Indiquez votre formation (ex. BUT informatique).",
        ));
        if !is_departement_code(&self.departement_code) {
            errors.push(FieldError::new(
                "departement_code",
                "Choisissez votre département.",
            ));
        }
        let mut wishes = self.wishes.clone();
        wishes.sort();
        wishes.dedup();
        if self.wishes.is_empty()
            || self.wishes.len() > WISHES_MAX
            || wishes.len() != self.wishes.len()
        {
            errors.push(FieldError::new(
                "wishes",
                "Classez un à trois métiers différents.",
            ));
        }
        if self.administrations.len() > ADMINISTRATIONS_MAX {
            errors.push(FieldError::new(
                "administrations",
                format!("{ADMINISTRATIONS_MAX} administrations au plus."),
            ));
        }
        errors.extend(text_error(
            "motivation",
            &self.motivation,
            MOTIVATION_MIN,
            MOTIVATION_MAX,
            "Expliquez en quelques phrases ce que vous attendez de la journée (30 à 2 000 caractères).",
        ));
        if !self.consent {
            errors.push(FieldError::new(
                "consent",
                "Votre accord est nécessaire pour former le duo.",
            ));
        }
        errors
    }
}

/// A student's sign-up as stored, for the student and the talent team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StudentSignup {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: StudentId,
    pub edition_slug: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub school: String,
    pub study_level: StudyLevel,
    pub field: String,
    pub departement_code: String,
    pub remote_ok: bool,
    /// Slugs, most wished first.
    pub wishes: Vec<String>,
    pub administrations: Vec<String>,
    pub motivation: String,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::time::utc")]
    pub updated_at: NaiveDateTime,
    /// Why the last matching found no duo, in French.
    pub unmatched_reason: Option<String>,
}

/// An ambassador, registered by a recruiter of the agent's entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AmbassadorForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub job_title: String,
    /// Slug of the métier the ambassador practises.
    pub metier: String,
    pub departement_code: String,
    pub on_site: bool,
    pub remote: bool,
    /// Students hosted on the day (usually 1).
    pub capacity: i32,
    /// Where to meet on site (address), when on site.
    #[serde(default)]
    pub address: String,
    /// Visio link, when remote.
    #[serde(default)]
    pub visio_url: String,
}

impl AmbassadorForm {
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = name_errors(&self.first_name, &self.last_name).collect();
        errors.extend(email_error(&normalize_email(&self.email)));
        errors.extend(text_error(
            "job_title",
            &self.job_title,
            2,
            TEXT_MAX,
            "Indiquez l'intitulé du poste.",
        ));
        if self.metier.trim().is_empty() {
            errors.push(FieldError::new("metier", "Choisissez le métier exercé."));
        }
        if !is_departement_code(&self.departement_code) {
            errors.push(FieldError::new(
                "departement_code",
                "Choisissez le département du lieu de travail.",
            ));
        }
        if !self.on_site && !self.remote {
            errors.push(FieldError::new(
                "on_site",
                "Accueillez sur site, à distance, ou les deux.",
            ));
        }
        if !(1..=CAPACITY_MAX).contains(&self.capacity) {
            errors.push(FieldError::new(
                "capacity",
                format!("De 1 à {CAPACITY_MAX} étudiants."),
            ));
        }
        if self.on_site {
            errors.extend(text_error(
                "address",
                &self.address,
                5,
                TEXT_MAX,
                "Indiquez l'adresse du rendez-vous.",
            ));
        }
        // Required when remote; checked whenever given: the link is mailed to the student
        // (an `http://` or `javascript:` one must never be).
        if self.remote || !self.visio_url.trim().is_empty() {
            errors.extend(visio_url_error(&self.visio_url));
        }
        errors
    }
}

/// A visio link must be an https address of reasonable length.
pub(crate) fn visio_url_error(url: &str) -> Option<FieldError> {
    (!(url.starts_with("https://") && url.len() <= 300))
        .then(|| FieldError::new("visio_url", "Indiquez le lien de visio (https://…)."))
}

/// A registered ambassador.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Ambassador {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: AmbassadorId,
    pub entity_slug: String,
    pub entity_name: String,
    #[serde(flatten)]
    pub form: AmbassadorForm,
    /// Name of the métier.
    pub metier_name: String,
    /// Students the ambassador hosts in the current duos.
    pub duos: i64,
    /// The coaching session the ambassador is placed in.
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(value_type = Option<i64>))]
    pub coaching_session: Option<CoachingSessionId>,
    /// The one-hour ambassador coaching was attended: only the team's attendance record says
    /// so, in this edition or an earlier one (same address) — never the registration form.
    #[serde(default)]
    pub coached: bool,
}

/// One person of a duo, as the other side and the team see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DuoMember {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// The student's school and field, or the ambassador's job title and entity.
    pub description: String,
}

/// A duo, for the talent team's review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Duo {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: DuoId,
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub student_id: StudentId,
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub ambassador_id: AmbassadorId,
    pub student: DuoMember,
    pub ambassador: DuoMember,
    pub metier_name: String,
    pub mode: DuoMode,
    pub score: i32,
    /// « 1er vœu de métier, même département, administration souhaitée ».
    pub explanation: String,
    /// Kept by the next matching run.
    pub pinned: bool,
}

/// The matching's state for an edition (`GET /api/v1/admin/vis-mon-job/editions/{slug}/matching`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MatchingState {
    pub edition: Edition,
    /// A run in progress: students matched so far, out of how many.
    pub running: Option<MatchingProgress>,
    /// Why the last run failed, if it did.
    pub last_error: Option<String>,
    pub duos: Vec<Duo>,
    pub unmatched: Vec<StudentSignup>,
    /// Ambassadors who did not attend the coaching (flagged before matching).
    pub uncoached_ambassadors: Vec<Ambassador>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MatchingProgress {
    pub matched: i64,
    pub students: i64,
}

/// `POST /api/v1/admin/vis-mon-job/editions/{slug}/status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EditionStatusChange {
    pub status: EditionStatus,
}

/// `POST …/duos/{id}/pin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PinChange {
    pub pinned: bool,
}

/// `POST …/duos/swap`: the two duos exchange their ambassadors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DuoSwap {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub first: DuoId,
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub second: DuoId,
}

/// The duo page of one side (`GET /api/v1/vis-mon-job/duos/{token}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DuoPage {
    pub edition: Edition,
    /// The side the page is for.
    pub side: DuoSide,
    /// The other person.
    pub partner: DuoMember,
    pub ambassador_entity: String,
    pub metier_name: String,
    pub mode: DuoMode,
    /// The address (on site) or the visio link (remote).
    pub place: String,
    pub explanation: String,
    /// The calendar file of the day.
    pub ics_url: String,
    /// Where this side's feedback is posted, after the day.
    pub feedback_url: String,
    /// This side's feedback, once given.
    pub feedback: Option<FeedbackForm>,
}

/// After the day: a rating of 1 to 5 and a comment (posted to the page's `feedback_url`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FeedbackForm {
    pub rating: i32,
    #[serde(default)]
    pub comment: String,
}

impl FeedbackForm {
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !(1..=5).contains(&self.rating) {
            errors.push(FieldError::new("rating", "Notez la journée de 1 à 5."));
        }
        if self.comment.chars().count() > MOTIVATION_MAX {
            errors.push(FieldError::new("comment", "2 000 caractères au plus."));
        }
        errors
    }
}

/// A student's own view of their sign-ups (`GET /api/v1/me/vis-mon-job`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MySignup {
    pub edition: Edition,
    pub signup: StudentSignup,
    /// The student's duo page in their space, once the duos are announced.
    pub duo_url: Option<String>,
}

/// A category and how many fall in it (a bar of a report's chart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LabelCount {
    pub label: String,
    pub count: i64,
}

/// One duo as the report counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDuo {
    pub metier_slug: String,
    pub metier_name: String,
    /// Region of the student.
    pub region: String,
    /// The student's métier wishes (slugs, ranked).
    pub wishes: Vec<String>,
    pub mode: DuoMode,
}

/// An edition's report (`GET /api/v1/admin/vis-mon-job/editions/{slug}/report`): participation,
/// duos by métier and region, how well wishes were met, and the ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EditionReport {
    pub edition: Edition,
    /// Signed-up students left without a duo.
    pub unmatched: i64,
    pub by_metier: Vec<LabelCount>,
    pub by_region: Vec<LabelCount>,
    /// Duos on the student's 1st, 2nd and 3rd métier wish.
    pub by_wish: Vec<LabelCount>,
    pub by_mode: Vec<LabelCount>,
    /// Ratings from 5 down to 1, for each side.
    pub student_ratings: Vec<LabelCount>,
    pub ambassador_ratings: Vec<LabelCount>,
    /// Mean rating of each side, when any was given.
    pub student_average: Option<f64>,
    pub ambassador_average: Option<f64>,
}

fn counted(labels: impl Iterator<Item = String>) -> Vec<LabelCount> {
    let mut counts: Vec<LabelCount> = Vec::new();
    for label in labels {
        match counts.iter_mut().find(|c| c.label == label) {
            Some(c) => c.count += 1,
            None => counts.push(LabelCount { label, count: 1 }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    counts
}

fn ratings(feedback: &[(DuoSide, i32)], side: DuoSide) -> (Vec<LabelCount>, Option<f64>) {
    let given: Vec<i32> = feedback
        .iter()
        .filter(|(s, _)| *s == side)
        .map(|(_, r)| *r)
        .collect();
    let bars = (1..=5)
        .rev()
        .map(|rating| LabelCount {
            label: format!("{rating} sur 5"),
            count: given.iter().filter(|r| **r == rating).count() as i64,
        })
        .collect();
    let average =
        (!given.is_empty()).then(|| f64::from(given.iter().sum::<i32>()) / given.len() as f64);
    (bars, average)
}

impl EditionReport {
    pub fn compute(
        edition: Edition,
        duos: &[ReportDuo],
        unmatched: i64,
        feedback: &[(DuoSide, i32)],
    ) -> Self {
        let wish_label =
            |duo: &ReportDuo| match duo.wishes.iter().position(|w| *w == duo.metier_slug) {
                Some(0) => "1er vœu".to_owned(),
                Some(rank) => format!("{}e vœu", rank + 1),
                None => "Hors vœux".to_owned(),
            };
        let mut by_wish = counted(duos.iter().map(wish_label));
        by_wish.sort_by(|a, b| a.label.cmp(&b.label));
        let (student_ratings, student_average) = ratings(feedback, DuoSide::Student);
        let (ambassador_ratings, ambassador_average) = ratings(feedback, DuoSide::Ambassador);
        Self {
            edition,
            unmatched,
            by_metier: counted(duos.iter().map(|d| d.metier_name.clone())),
            by_region: counted(duos.iter().map(|d| d.region.clone())),
            by_wish,
            by_mode: counted(duos.iter().map(|d| d.mode.label().to_owned())),
            student_ratings,
            ambassador_ratings,
            student_average,
            ambassador_average,
        }
    }
}

/// An edition's URL identifier, with an example in the message.
pub(crate) fn slug_error(slug: &str, example: &str) -> Option<FieldError> {
    (!is_valid_slug(slug)).then(|| {
        FieldError::new(
            "slug",
            format!("Identifiant en minuscules, chiffres et tirets (ex. {example})."),
        )
    })
}

/// A title (200 characters at most) and a description (5,000), both required.
pub(crate) fn title_and_description(
    title: &str,
    description: &str,
    describe: &str,
) -> impl Iterator<Item = FieldError> {
    let title = text_error(
        "title",
        title,
        1,
        TEXT_MAX,
        "Donnez un titre (200 caractères au plus).",
    );
    let description = text_error("description", description, 1, DESCRIPTION_MAX, describe);
    title.into_iter().chain(description)
}

pub(crate) fn text_error(
    field: &str,
    value: &str,
    min: usize,
    max: usize,
    message: &str,
) -> Option<FieldError> {
    let len = value.trim().chars().count();
    (len < min || len > max).then(|| FieldError::new(field, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signup() -> StudentSignupForm {
        StudentSignupForm {
            email: "lea.petit@etu.univ-lyon1.fr".into(),
            password: "une phrase de passe".into(),
            first_name: "Léa".into(),
            last_name: "Petit".into(),
            school: "Université Claude Bernard Lyon 1".into(),
            study_level: Some(StudyLevel::Bac3),
            field: "BUT informatique".into(),
            departement_code: "69".into(),
            remote_ok: true,
            wishes: vec!["developpeuse-developpeur".into(), "data-scientist".into()],
            administrations: vec![],
            motivation: "Je veux découvrir le quotidien d'une équipe produit de l'État.".into(),
            consent: true,
        }
    }

    #[test]
    fn a_visio_link_is_https_whenever_given() {
        let on_site = AmbassadorForm {
            first_name: "Hugo".into(),
            last_name: "Blanc".into(),
            email: "hugo.blanc@numerique.gouv.fr".into(),
            job_title: "Tech lead".into(),
            metier: "tech-lead".into(),
            departement_code: "75".into(),
            on_site: true,
            remote: false,
            capacity: 1,
            address: "20 avenue de Ségur, Paris".into(),
            visio_url: String::new(),
        };
        assert_eq!(on_site.errors(), vec![]);
        for url in ["http://visio.example.org", "javascript:alert(1)"] {
            let form = AmbassadorForm {
                visio_url: url.into(),
                ..on_site.clone()
            };
            let fields: Vec<String> = form.errors().into_iter().map(|e| e.field).collect();
            assert_eq!(fields, ["visio_url"], "{url}");
        }
    }

    #[test]
    fn a_complete_signup_is_valid_with_or_without_account() {
        assert_eq!(signup().errors(true), vec![]);
        let signed_in = StudentSignupForm {
            email: String::new(),
            password: String::new(),
            ..signup()
        };
        assert_eq!(signed_in.errors(false), vec![]);
        assert_eq!(signed_in.errors(true).len(), 2);
    }

    #[test]
    fn wishes_are_one_to_three_distinct_metiers_and_consent_is_required() {
        let fields = |form: StudentSignupForm| {
            form.errors(false)
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(StudentSignupForm {
                wishes: vec![],
                ..signup()
            }),
            ["wishes"]
        );
        assert_eq!(
            fields(StudentSignupForm {
                wishes: vec!["a".into(), "a".into()],
                ..signup()
            }),
            ["wishes"]
        );
        assert_eq!(
            fields(StudentSignupForm {
                consent: false,
                ..signup()
            }),
            ["consent"]
        );
    }

    #[test]
    fn the_report_counts_duos_wishes_and_ratings() {
        let edition = Edition {
            slug: "automne-2026".into(),
            title: "Vis mon job — automne 2026".into(),
            description: String::new(),
            starts_at: NaiveDateTime::default(),
            ends_at: NaiveDateTime::default(),
            format: EditionFormat::Both,
            signup_opens_at: NaiveDateTime::default(),
            signup_closes_at: NaiveDateTime::default(),
            levels: vec![StudyLevel::Bac3],
            status: EditionStatus::Done,
            students: 3,
            ambassadors: 2,
            duos: 2,
        };
        let duo = |metier: &str, wishes: &[&str], mode| ReportDuo {
            metier_slug: metier.into(),
            metier_name: metier.to_uppercase(),
            region: "Bretagne".into(),
            wishes: wishes.iter().map(|w| (*w).to_owned()).collect(),
            mode,
        };
        let duos = [
            duo("dev", &["dev"], DuoMode::OnSite),
            duo("data", &["dev", "data"], DuoMode::Remote),
        ];
        let feedback = [
            (DuoSide::Student, 5),
            (DuoSide::Student, 4),
            (DuoSide::Ambassador, 5),
        ];
        let report = EditionReport::compute(edition, &duos, 1, &feedback);
        let pairs = |counts: &[LabelCount]| {
            counts
                .iter()
                .map(|c| (c.label.clone(), c.count))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pairs(&report.by_wish),
            [("1er vœu".to_owned(), 1), ("2e vœu".to_owned(), 1)]
        );
        assert_eq!(pairs(&report.by_region), [("Bretagne".to_owned(), 2)]);
        assert_eq!(report.student_average, Some(4.5));
        assert_eq!(report.student_ratings[0].count, 1);
        assert_eq!(
            report
                .ambassador_ratings
                .iter()
                .map(|r| r.count)
                .sum::<i64>(),
            1
        );
    }

    #[test]
    fn statuses_move_forward_only() {
        assert_eq!(EditionStatus::Draft.manual_next(), [EditionStatus::Open]);
        assert!(EditionStatus::Done.manual_next().is_empty());
        assert!(EditionStatus::Closed.may_match() && !EditionStatus::Published.may_match());
    }
}
