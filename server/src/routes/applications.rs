//! `POST /api/v1/offers/{id}/applications` and `POST /api/v1/entities/{slug}/applications`:
//! anyone may apply (signed-in candidates get the application in their space). The body is
//! multipart: the form's fields and the CV as a PDF file.

use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use shared::application::{cv_error, ApplicationForm, ApplicationReceipt, CV_MAX_BYTES};
use shared::{ErrorCode, FieldError, Problem};

use crate::auth::rate_limit::{Action, ClientIp};
use crate::auth::{MaybeCandidate, SameSite};
use crate::db::applications::{self, NewApplication, Submission, Target};
use crate::db::{entities, offers};
use crate::error::{ApiResult, AppError};
use crate::json::{nul_character, AppMultipart};
use crate::mail;
use crate::routes::offers::parse_offer_id;
use crate::state::AppState;

/// Largest request body of these routes: the CV plus the form's fields. A CV between 5 MB
/// and this gets a field error; a larger body, a 413.
pub const BODY_LIMIT: usize = CV_MAX_BYTES + 1024 * 1024;

/// The multipart body, read whole.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ApplicationUpload {
    #[schema(inline)]
    form: ApplicationForm,
    /// The CV, a PDF of at most 5 MB.
    #[schema(value_type = String, format = Binary)]
    cv: Vec<u8>,
}

fn multipart_problem(err: MultipartError) -> AppError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        let mut problem = Problem::new(413, ErrorCode::TooLarge, "Envoi trop volumineux");
        problem.errors = vec![FieldError::new("cv", "Le CV ne doit pas dépasser 5 Mo.")];
        AppError::from(problem.with_detail("Le CV ne doit pas dépasser 5 Mo."))
    } else {
        AppError::invalid(vec![FieldError::new(
            "body",
            format!("Formulaire multipart invalide : {}", err.body_text()),
        )])
    }
}

/// Reads the form's text fields and the CV's bytes.
pub(super) async fn read_upload(mut multipart: Multipart) -> ApiResult<(ApplicationForm, Vec<u8>)> {
    let mut form = ApplicationForm::default();
    let mut cv = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(multipart_problem)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "cv" {
            cv = field.bytes().await.map_err(multipart_problem)?.to_vec();
            continue;
        }
        let value = field.text().await.map_err(multipart_problem)?;
        if value.contains('\0') {
            return Err(nul_character(&name));
        }
        match name.as_str() {
            "first_name" => form.first_name = value,
            "last_name" => form.last_name = value,
            "email" => form.email = value,
            "phone" => form.phone = value,
            "message" => form.message = value,
            "linkedin_url" => form.linkedin_url = value,
            "github_url" => form.github_url = value,
            "portfolio_url" => form.portfolio_url = value,
            "consent" => form.consent = matches!(value.as_str(), "true" | "on" | "1"),
            _ => {}
        }
    }
    Ok((form, cv))
}

/// The `Idempotency-Key` header: 8 to 100 letters, digits, `-` or `_`.
fn idempotency_key(headers: &HeaderMap) -> Result<String, FieldError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let valid = (8..=100).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(key.to_owned())
    } else {
        Err(FieldError::new(
            "Idempotency-Key",
            "En-tête Idempotency-Key requis : 8 à 100 caractères parmi lettres, chiffres, - et _.",
        ))
    }
}

/// What an application is sent to, as the e-mails name it.
pub(super) struct Destination {
    target: Target,
    entity_name: String,
    offer_title: Option<String>,
}

impl Destination {
    /// A published offer (`id` as in the path).
    pub(super) async fn offer(state: &AppState, id: &str) -> ApiResult<Self> {
        let offer = offers::find_public_offer(&state.db, parse_offer_id(id)?).await?;
        let entity = entities::find_entity(&state.db, &offer.summary.entity.slug).await?;
        Ok(Self {
            target: Target {
                entity: entity.summary.id,
                offer: Some(offer.summary.id),
            },
            entity_name: entity.summary.name,
            offer_title: Some(offer.summary.title),
        })
    }

    /// The entity and the offer, as a key's part.
    pub(super) fn describe(&self) -> String {
        format!(
            "{}/{:?}",
            self.target.entity.0,
            self.target.offer.map(|offer| offer.0)
        )
    }

    /// An entity, for a spontaneous application.
    pub(super) async fn entity(state: &AppState, slug: &str) -> ApiResult<Self> {
        let entity = entities::find_entity(&state.db, slug).await?;
        Ok(Self {
            target: Target {
                entity: entity.summary.id,
                offer: None,
            },
            entity_name: entity.summary.name,
            offer_title: None,
        })
    }
}

/// What is wrong with the form and its CV (its size, and its bytes: a PDF).
pub(super) fn refusals(form: &ApplicationForm, cv: &[u8]) -> Vec<FieldError> {
    let mut errors = form.errors();
    errors.extend(cv_error(cv.len(), infer::archive::is_pdf(cv)));
    errors
}

async fn submit(
    state: AppState,
    candidate: MaybeCandidate,
    ip: ClientIp,
    headers: HeaderMap,
    AppMultipart(multipart): AppMultipart,
    destination: Destination,
) -> ApiResult<(StatusCode, Json<ApplicationReceipt>)> {
    state
        .rate_limits
        .check(&state.db, Action::Application, ip.0, None)
        .await?;
    let key = idempotency_key(&headers);
    let (form, cv) = read_upload(multipart).await?;
    let mut errors = refusals(&form, &cv);
    errors.extend(key.as_ref().err().cloned());
    let Ok(key) = key else {
        return Err(AppError::invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }

    let submitted = store(&state, candidate, ip, &key, &form, cv, &destination).await?;
    let status = if submitted.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(submitted.receipt)))
}

/// Stores the CV and the application with its mails, within the day's allowances (see
/// `auth::daily_caps`): the application, or why not.
pub(super) async fn store(
    state: &AppState,
    candidate: MaybeCandidate,
    ip: ClientIp,
    key: &str,
    form: &ApplicationForm,
    cv: Vec<u8>,
    destination: &Destination,
) -> ApiResult<applications::Submitted> {
    let caps = &state.rate_limits.daily;
    let allowances = caps.application(ip.0, destination.target.entity.0, cv.len());
    let about =
        mail::application_subject(destination.offer_title.as_deref(), &destination.entity_name);
    let email = shared::account::normalize_email(&form.email);
    let candidate_name = format!("{} {}", form.first_name.trim(), form.last_name.trim());
    let recruiters = applications::recruiter_emails(&state.db, destination.target.entity).await?;
    let cv_key = state.cvs.put(cv.into()).await.map_err(|error| {
        tracing::error!(%error, "storing a CV failed");
        AppError::from(
            Problem::new(
                503,
                ErrorCode::Unavailable,
                "Service momentanément indisponible",
            )
            .with_detail("Le CV n'a pas pu être enregistré ; réessayez dans quelques instants."),
        )
    })?;
    let acknowledgement = mail::application_received(&email, form.first_name.trim(), &about);
    let mails = recruiters
        .iter()
        .map(|to| {
            mail::application_notification(&state.config.public_url, to, &candidate_name, &about)
        })
        .collect();
    let new = NewApplication {
        target: destination.target,
        candidate: candidate.0.map(|u| u.id),
        idempotency_key: key,
        form,
        cv_key: &cv_key,
        allowances,
        acknowledgement: Some((caps.acknowledgement(&email), acknowledgement)),
    };
    let outcome = applications::submit(&state.db, new, mails).await;
    let stored = matches!(&outcome, Ok(Submission::Stored(s)) if !s.replayed);
    if !stored {
        // A replay or a failure: this request's copy of the CV is not referenced.
        if let Err(error) = state.cvs.delete(&cv_key).await {
            tracing::warn!(%error, cv_key, "removing an unused CV failed");
        }
    }
    match outcome {
        Ok(Submission::Stored(submitted)) => Ok(submitted),
        Ok(Submission::CapReached(n)) => Err(caps.refusal(n)),
        Ok(Submission::AlreadyApplied(at)) => Err(AppError::from(Problem::conflict(format!(
            "Vous avez déjà postulé à cette offre le {} avec cette adresse ; votre candidature est en cours. \
             Suivez-la, ou retirez-la, depuis votre espace candidat (/espace-candidat).",
            shared::format::french_date(at)
        )))),
        Err(crate::db::DbError::Conflict) => Err(AppError::from(Problem::conflict(
            "Cette clé d'idempotence a déjà servi pour une autre candidature.",
        ))),
        Err(other) => Err(other.into()),
    }
}

/// Apply to a published offer.
#[utoipa::path(post, path = "/api/v1/offers/{id}/applications", tag = "candidatures",
    security(()),
    params(
        ("id" = i64, Path, description = "Identifiant de l'offre"),
        ("Idempotency-Key" = String, Header, description = "Clé choisie par le client ; renvoyer la même requête avec la même clé ne crée pas de seconde candidature."),
    ),
    request_body(content = ApplicationUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Candidature enregistrée, accusé de réception envoyé", body = ApplicationReceipt),
        (status = 200, description = "Même clé, même candidature : la candidature déjà enregistrée", body = ApplicationReceipt),
        (status = 400, description = "Champs invalides, nommés dans `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Offre inconnue, expirée ou non publiée", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Clé déjà utilisée pour une autre candidature, ou candidature de la même adresse à cette offre déjà en cours", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Envoi de plus de 6 Mo", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop d'envois depuis cette adresse (par minute), ou limite quotidienne atteinte pour cette adresse ou cette entité, dite dans `detail`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn apply_to_offer(
    State(state): State<AppState>,
    _: SameSite,
    candidate: MaybeCandidate,
    ip: ClientIp,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: AppMultipart,
) -> ApiResult<(StatusCode, Json<ApplicationReceipt>)> {
    let destination = Destination::offer(&state, &id).await?;
    submit(state, candidate, ip, headers, multipart, destination).await
}

/// Send a spontaneous application to an entity.
#[utoipa::path(post, path = "/api/v1/entities/{slug}/applications", tag = "candidatures",
    security(()),
    params(
        ("slug" = String, Path, description = "Slug de l'entité"),
        ("Idempotency-Key" = String, Header, description = "Clé choisie par le client ; renvoyer la même requête avec la même clé ne crée pas de seconde candidature."),
    ),
    request_body(content = ApplicationUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Candidature enregistrée, accusé de réception envoyé", body = ApplicationReceipt),
        (status = 200, description = "Même clé, même candidature : la candidature déjà enregistrée", body = ApplicationReceipt),
        (status = 400, description = "Champs invalides, nommés dans `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Entité inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Clé déjà utilisée pour une autre candidature", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Envoi de plus de 6 Mo", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop d'envois depuis cette adresse (par minute), ou limite quotidienne atteinte pour cette adresse ou cette entité, dite dans `detail`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn apply_to_entity(
    State(state): State<AppState>,
    _: SameSite,
    candidate: MaybeCandidate,
    ip: ClientIp,
    Path(slug): Path<String>,
    headers: HeaderMap,
    multipart: AppMultipart,
) -> ApiResult<(StatusCode, Json<ApplicationReceipt>)> {
    let destination = Destination::entity(&state, &slug).await?;
    submit(state, candidate, ip, headers, multipart, destination).await
}
