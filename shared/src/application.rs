//! Applications: to an offer, or spontaneous to an entity; the recruiter's pipeline and
//! what the candidate sees of it.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::account::{email_error, normalize_email};
use crate::{ApplicationId, FieldError, OfferId};

/// Largest CV accepted, in bytes (5 MB).
pub const CV_MAX_BYTES: usize = 5 * 1024 * 1024;
/// Longest cover message, in characters.
pub const MESSAGE_MAX: usize = 5_000;
/// Shortest reason given to a rejected candidate, in characters.
pub const REASON_MIN: usize = 20;
const NAME_MAX: usize = 100;
const LINK_MAX: usize = 300;

/// Where an application stands in the recruiter's pipeline.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::EnumIter,
)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ApplicationStatus {
    /// Received, not yet read.
    New,
    InReview,
    Interview,
    Accepted,
    /// Declined; the candidate received the reason.
    Rejected,
    /// Withdrawn by the candidate.
    Withdrawn,
}

impl ApplicationStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "Nouvelle",
            Self::InReview => "En cours d'examen",
            Self::Interview => "Entretien",
            Self::Accepted => "Retenue",
            Self::Rejected => "Non retenue",
            Self::Withdrawn => "Retirée par la personne",
        }
    }

    /// Accepted, rejected and withdrawn applications are closed (their CV is kept for the
    /// retention period from then); only an accepted one may be reopened.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Accepted | Self::Rejected | Self::Withdrawn)
    }

    /// The statuses a recruiter may move an application to from this one: forward, and a
    /// rejection until the application is closed; an accepted one may go back (a hire that
    /// fell through). A rejection is final: the candidate was told why. A withdrawal is the
    /// candidate's and final too.
    pub fn next(self) -> &'static [ApplicationStatus] {
        use ApplicationStatus::*;
        match self {
            New => &[InReview, Interview, Rejected],
            InReview => &[Interview, Accepted, Rejected],
            Interview => &[InReview, Accepted, Rejected],
            Accepted => &[InReview, Interview],
            Rejected | Withdrawn => &[],
        }
    }

    /// Whether the candidate may still withdraw it.
    pub fn may_withdraw(self) -> bool {
        !self.is_closed()
    }
}

/// The fields of an application form (the CV travels beside them, as a file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Why this job, or this entity (plain text).
    pub message: String,
    #[serde(default)]
    pub linkedin_url: String,
    #[serde(default)]
    pub github_url: String,
    #[serde(default)]
    pub portfolio_url: String,
    /// The candidate agrees that the entity's recruiters process the application.
    #[serde(default)]
    pub consent: bool,
}

fn text_error(field: &str, value: &str, max: usize, message: &str) -> Option<FieldError> {
    (value.trim().is_empty() || value.chars().count() > max)
        .then(|| FieldError::new(field, message))
}

/// An optional link must be an http(s) address without spaces.
fn link_error(field: &str, value: &str, host: Option<&str>) -> Option<FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    let host_ok = |rest: &str| {
        let domain = rest.split('/').next().unwrap_or_default();
        domain.contains('.')
            && host.is_none_or(|h| domain == h || domain.ends_with(&format!(".{h}")))
    };
    let valid = value.len() <= LINK_MAX
        && !value.contains(char::is_whitespace)
        && rest.is_some_and(host_ok);
    (!valid).then(|| {
        FieldError::new(
            field,
            match host {
                Some(h) => format!("Indiquez une adresse commençant par https:// sur {h}."),
                None => "Indiquez une adresse web commençant par https://.".to_owned(),
            },
        )
    })
}

/// A phone number: digits, spaces, dots, dashes and one leading +, 10 to 15 digits.
pub(crate) fn phone_error(value: &str) -> Option<FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " .-".contains(c) || (c == '+' && i == 0));
    (!(allowed && (10..=15).contains(&digits))).then(|| {
        FieldError::new(
            "phone",
            "Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.",
        )
    })
}

/// First and last names, required in applications, sign-ups and profiles.
pub(crate) fn name_errors(first: &str, last: &str) -> impl Iterator<Item = FieldError> {
    let first = name_error("first_name", first, "Indiquez votre prénom.", "Le prénom");
    let last = name_error("last_name", last, "Indiquez votre nom.", "Le nom");
    first.into_iter().chain(last)
}

fn name_error(field: &str, value: &str, missing: &str, what: &str) -> Option<FieldError> {
    text_error(field, value, NAME_MAX, missing).or_else(|| {
        (!is_name(value)).then(|| {
            FieldError::new(
                field,
                format!("{what} ne peut contenir que des lettres, des espaces, des traits d'union et des apostrophes."),
            )
        })
    })
}

/// A name as people write theirs: letters of any alphabet (accents included, composed or
/// not), spaces, hyphens and apostrophes. Typed names are mailed back, from our sender, in
/// greetings and subjects: no digits, dots, slashes or `@` keeps links and addresses out.
pub fn is_name(value: &str) -> bool {
    let value = value.trim();
    value.chars().any(char::is_alphabetic)
        && value.chars().all(|c| {
            c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '\u{0300}'..='\u{036f}')
        })
}

/// The optional LinkedIn, GitHub and portfolio links.
pub(crate) fn link_errors(linkedin: &str, github: &str, portfolio: &str) -> Vec<FieldError> {
    [
        link_error("linkedin_url", linkedin, Some("linkedin.com")),
        link_error("github_url", github, Some("github.com")),
        link_error("portfolio_url", portfolio, None),
    ]
    .into_iter()
    .flatten()
    .collect()
}

impl ApplicationForm {
    /// Every invalid field, in form order.
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        errors.extend(name_errors(&self.first_name, &self.last_name));
        errors.extend(email_error(&normalize_email(&self.email)));
        errors.extend(phone_error(&self.phone));
        errors.extend(text_error(
            "message",
            &self.message,
            MESSAGE_MAX,
            &format!("Présentez votre candidature en {MESSAGE_MAX} caractères au plus."),
        ));
        errors.extend(link_errors(
            &self.linkedin_url,
            &self.github_url,
            &self.portfolio_url,
        ));
        if !self.consent {
            errors.push(FieldError::new(
                "consent",
                "Acceptez le traitement de vos données pour envoyer la candidature.",
            ));
        }
        errors
    }
}

/// The error for a CV that is missing, too large or not a PDF.
pub fn cv_error(size: usize, is_pdf: bool) -> Option<FieldError> {
    if size == 0 {
        Some(FieldError::new("cv", "Joignez votre CV au format PDF."))
    } else if size > CV_MAX_BYTES {
        Some(FieldError::new("cv", "Le CV ne doit pas dépasser 5 Mo."))
    } else if !is_pdf {
        Some(FieldError::new(
            "cv",
            "Le CV doit être un fichier PDF (le contenu du fichier a été vérifié).",
        ))
    } else {
        None
    }
}

/// The answer to a submitted application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationReceipt {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: ApplicationId,
    pub status: ApplicationStatus,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
}

/// One line of a recruiter's pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: ApplicationId,
    /// None for a spontaneous application.
    pub offer_id: Option<OfferId>,
    pub offer_title: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub status: ApplicationStatus,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::time::utc")]
    pub updated_at: NaiveDateTime,
}

/// What happened to an application: a status change or a private note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationEvent {
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    /// The recruiter who acted; None for the submission itself.
    pub actor_email: Option<String>,
    /// The new status, for a status change; None for a note.
    pub status: Option<ApplicationStatus>,
    /// The note, or the reason given with a status change.
    pub body: String,
}

/// An application as the entity's recruiters see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub phone: Option<String>,
    pub message: String,
    pub linkedin_url: Option<String>,
    pub github_url: Option<String>,
    pub portfolio_url: Option<String>,
    /// Whether the CV can be downloaded (`…/cv`).
    pub has_cv: bool,
    /// Oldest first.
    pub history: Vec<ApplicationEvent>,
}

/// A recruiter moves an application; a rejection carries its reason for the candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub status: ApplicationStatus,
    #[serde(default)]
    pub reason: String,
}

impl StatusChange {
    /// Errors for moving an application from `current`.
    pub fn errors(&self, current: ApplicationStatus) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !current.next().contains(&self.status) {
            errors.push(FieldError::new(
                "status",
                format!(
                    "Une candidature « {} » ne peut pas passer à « {} ».",
                    current.label(),
                    self.status.label()
                ),
            ));
        }
        let reason = self.reason.trim().chars().count();
        if self.status == ApplicationStatus::Rejected && reason < REASON_MIN {
            errors.push(FieldError::new(
                "reason",
                format!("Expliquez au candidat pourquoi, en {REASON_MIN} caractères au moins."),
            ));
        }
        if reason > MESSAGE_MAX {
            errors.push(FieldError::new(
                "reason",
                format!("Le motif ne doit pas dépasser {MESSAGE_MAX} caractères."),
            ));
        }
        errors
    }
}

/// A private note of the recruiters on an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewNote {
    pub body: String,
}

impl NewNote {
    pub fn errors(&self) -> Vec<FieldError> {
        text_error(
            "body",
            &self.body,
            MESSAGE_MAX,
            "Écrivez la note (5 000 caractères au plus).",
        )
        .into_iter()
        .collect()
    }
}

/// A change of status as the candidate sees it (no notes, no recruiter names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StatusStep {
    pub status: ApplicationStatus,
    #[serde(with = "crate::time::utc")]
    pub at: NaiveDateTime,
    /// The reason given with a rejection.
    pub reason: Option<String>,
}

/// One of the candidate's applications (`GET /api/v1/me/applications`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyApplication {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: ApplicationId,
    pub offer_id: Option<OfferId>,
    pub offer_title: Option<String>,
    pub entity_slug: String,
    pub entity_name: String,
    pub status: ApplicationStatus,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    /// Oldest first, starting with the submission.
    pub steps: Vec<StatusStep>,
}

/// One application in the candidate's data export, every field as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRecord {
    pub id: ApplicationId,
    pub entity_name: String,
    pub offer_title: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub message: String,
    pub linkedin_url: Option<String>,
    pub github_url: Option<String>,
    pub portfolio_url: Option<String>,
    pub status: ApplicationStatus,
    #[serde(with = "crate::time::utc")]
    pub consent_at: NaiveDateTime,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    /// The CV's name in the export archive, if it is still kept.
    pub cv_file: Option<String>,
    pub steps: Vec<StatusStep>,
}

/// `donnees.json` in the archive of `GET /api/v1/me/export`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalData {
    pub email: String,
    #[serde(with = "crate::time::utc")]
    pub account_created_at: NaiveDateTime,
    pub profile: Option<crate::profile::CandidateProfile>,
    pub applications: Vec<ApplicationRecord>,
    /// Vis mon job sign-ups.
    #[serde(default)]
    pub vis_mon_job: Vec<crate::vismonjob::StudentSignup>,
    /// Forum editions, sessions and job-dating slots.
    #[serde(default)]
    pub forum: crate::forum::Agenda,
}

/// `DELETE /api/v1/me`: the password confirms the erasure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccountErasure {
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;
    use ApplicationStatus::*;

    fn form() -> ApplicationForm {
        ApplicationForm {
            first_name: "Inès".into(),
            last_name: "Benali".into(),
            email: "ines.benali@exemple.fr".into(),
            phone: "+33 6 12 34 56 78".into(),
            message: "Développeuse Rust depuis quatre ans, je souhaite servir l'intérêt général."
                .into(),
            linkedin_url: "https://www.linkedin.com/in/ines-benali".into(),
            github_url: "https://github.com/ibenali".into(),
            portfolio_url: String::new(),
            consent: true,
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_form_is_valid() {
        assert!(form().errors().is_empty());
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = ApplicationForm {
            first_name: " ".into(),
            email: "ines.benali".into(),
            phone: "06 12".into(),
            linkedin_url: "https://evil.example/linkedin.com".into(),
            github_url: "javascript:alert(1)".into(),
            portfolio_url: "https://mon portfolio.fr".into(),
            consent: false,
            ..form()
        };
        assert_eq!(
            fields(bad.errors()),
            [
                "first_name",
                "email",
                "phone",
                "linkedin_url",
                "github_url",
                "portfolio_url",
                "consent"
            ]
        );
    }

    #[test]
    fn names_are_letters_spaces_hyphens_and_apostrophes() {
        for name in [
            "Inès",
            "Jean-Marie",
            "N’Diaye",
            "d'Alembert",
            "de La Fontaine",
            "Zoë",
            "Łukasz",
            "Ине\u{0301}с",
        ] {
            assert!(is_name(name), "{name}");
        }
        for name in [
            "www.arnaque.fr",
            "https://x.y",
            "Gagnez 1000 €",
            "a@b",
            "Inès.",
            "-",
            "' '",
        ] {
            assert!(!is_name(name), "{name}");
        }
        let link = ApplicationForm {
            last_name: "Cliquez sur arnaque.example".into(),
            ..form()
        };
        assert_eq!(fields(link.errors()), ["last_name"]);
    }

    #[test]
    fn the_cv_must_be_a_pdf_of_at_most_5_mb() {
        assert!(cv_error(1_000, true).is_none());
        assert!(cv_error(CV_MAX_BYTES, true).is_none());
        assert!(cv_error(CV_MAX_BYTES + 1, true).is_some());
        assert!(cv_error(1_000, false).is_some());
        assert!(cv_error(0, true).is_some());
    }

    #[test]
    fn applications_move_forward_reopen_once_accepted_and_a_rejection_needs_a_reason() {
        let to = |status, reason: &str| StatusChange {
            status,
            reason: reason.into(),
        };
        assert!(to(Interview, "").errors(New).is_empty());
        assert_eq!(fields(to(New, "").errors(Interview)), ["status"]);
        assert_eq!(fields(to(Rejected, "Non.").errors(Interview)), ["reason"]);
        assert!(to(
            Rejected,
            "Nous avons retenu un profil plus expérimenté en Rust."
        )
        .errors(Interview)
        .is_empty());
        assert_eq!(fields(to(Interview, "").errors(Rejected)), ["status"]);
        // An accepted application may go back (a hire that fell through); a rejection and a
        // withdrawal are final, and nobody moves an application back to « new ».
        assert!(to(Interview, "").errors(Accepted).is_empty());
        assert!(to(InReview, "").errors(Interview).is_empty());
        assert_eq!(fields(to(Interview, "").errors(Withdrawn)), ["status"]);
        assert!(Rejected.next().is_empty() && Withdrawn.next().is_empty());
        assert!(ApplicationStatus::iter().all(|s| !s.next().contains(&New)));
        assert!(Accepted.is_closed() && !Accepted.may_withdraw() && Interview.may_withdraw());
    }
}
