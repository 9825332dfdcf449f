//! `/api/v1/vis-mon-job/…`: the editions (public) and a student's sign-up (anonymous with a
//! new account, or a signed-in candidate). The duo pages are in `vmj_duos`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::account::{normalize_email, Role};
use shared::vismonjob::{Edition, MySignup, StudentSignupForm};
use shared::{FieldError, Problem, UserId};

use crate::accounts;
use crate::auth::rate_limit::{Action, ClientIp};
use crate::auth::{CurrentCandidate, MaybeUser};
use crate::db::users::SessionUser;
use crate::db::vismonjob::editions::{self, EditionRow};
use crate::db::vismonjob::signups::{self, Signer};
use crate::db::vismonjob::{duos, references};
use crate::db::DbError;
use crate::error::{ApiResult, AppError};
use crate::json::AppJson;
use crate::mail;
use crate::paris_time::paris_now;
use crate::routes::auth::internal;
use crate::routes::vmj_duos::DuoAddresses;
use crate::state::AppState;

/// A public edition (drafts are not found).
pub(crate) async fn public_edition(state: &AppState, slug: &str) -> ApiResult<EditionRow> {
    let row = editions::find(&state.db, slug).await?;
    if row.status()?.is_public() {
        Ok(row)
    } else {
        Err(AppError::not_found(
            "Aucune édition ne porte cet identifiant.",
        ))
    }
}

/// The Vis mon job editions, latest first.
#[utoipa::path(get, path = "/api/v1/vis-mon-job/editions", operation_id = "list_vmj_editions", tag = "vis mon job", security(()),
    responses((status = 200, description = "Éditions", body = Vec<Edition>)))]
pub async fn list_editions(State(state): State<AppState>) -> ApiResult<Json<Vec<Edition>>> {
    Ok(Json(editions::list(&state.db, false).await?))
}

/// One edition: dates, format, sign-up window, eligible levels, counts.
#[utoipa::path(get, path = "/api/v1/vis-mon-job/editions/{slug}", operation_id = "show_vmj_edition", tag = "vis mon job", security(()),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "L'édition", body = Edition),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_edition(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Edition>> {
    let row = public_edition(&state, &slug).await?;
    Ok(Json(editions::edition(&state.db, &row).await?))
}

/// The form's errors, those of the reference data, and the edition's levels.
async fn check_signup(
    state: &AppState,
    edition: &Edition,
    form: &StudentSignupForm,
    with_account: bool,
) -> ApiResult<()> {
    let mut errors = form.errors(with_account);
    if let Some(level) = form.study_level {
        if !edition.levels.contains(&level) {
            let levels: Vec<&str> = edition.levels.iter().map(|l| l.label()).collect();
            errors.push(FieldError::new(
                "study_level",
                format!("Cette édition accueille : {}.", levels.join(", ")),
            ));
        }
    }
    let refs = references(
        &state.db,
        &form.wishes,
        &form.administrations,
        &form.departement_code,
    )
    .await?;
    errors.extend(refs.errors("wishes", &form.wishes, &form.administrations));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::invalid(errors))
    }
}

fn signups_closed() -> AppError {
    Problem::conflict("Les inscriptions à cette édition ne sont pas ouvertes.").into()
}

/// Sign up for an edition. Signed in as a candidate, the sign-up joins the account (201);
/// otherwise `email` and `password` create the candidate account in the same step, and a link
/// confirming the address is e-mailed, which signs it in (202). An address that already has
/// an account gets the same answer, nothing is stored, and its owner is told by e-mail to
/// sign in: signing up never tells who has an account.
#[utoipa::path(post, path = "/api/v1/vis-mon-job/editions/{slug}/signup", tag = "vis mon job", security((), ("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = StudentSignupForm,
    responses(
        (status = 201, description = "Inscription enregistrée (compte connecté)", body = MySignup),
        (status = 202, description = "Inscription reçue d'un visiteur : un lien de confirmation est envoyé à l'adresse (ou, si elle a déjà un compte, un message invitant à se connecter)"),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte recruteur ou administrateur", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Édition inconnue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Inscriptions fermées, ou déjà inscrit(e)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Trop de tentatives", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_up(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
    AppJson(form): AppJson<StudentSignupForm>,
) -> ApiResult<Response> {
    Ok(match sign_up_as(&state, ip, user, &slug, &form).await? {
        SignedUp::Mine(body) => (StatusCode::CREATED, Json(body)).into_response(),
        SignedUp::ToConfirm => StatusCode::ACCEPTED.into_response(),
    })
}

/// What a sign-up made.
pub(super) enum SignedUp {
    /// The signed-in candidate's sign-up.
    Mine(Box<MySignup>),
    /// A visitor's: its account's address is to confirm (or, the address having an account,
    /// its owner was told to sign in — the same for whoever asked).
    ToConfirm,
}

/// Signs `user` (or, nobody being signed in, a new account made of the form's e-mail and
/// password, its address to confirm) up for the edition `slug`.
pub(super) async fn sign_up_as(
    state: &AppState,
    ip: Option<std::net::IpAddr>,
    user: Option<SessionUser>,
    slug: &str,
    form: &StudentSignupForm,
) -> ApiResult<SignedUp> {
    let row = public_edition(state, slug).await?;
    let edition = editions::edition(&state.db, &row).await?;
    if !edition.accepts_signups(paris_now()) {
        return Err(signups_closed());
    }
    let public_url = &state.config.public_url;
    let page = format!("/vis-mon-job/{slug}#inscription");
    let closes = edition
        .signup_closes_at
        .format("%d/%m/%Y à %H:%M")
        .to_string();
    let (signer, email) = match &user {
        Some(u) if u.role != Role::Candidate => {
            return Err(Problem::forbidden()
                .with_detail("Les inscriptions sont réservées aux comptes étudiants.")
                .into())
        }
        Some(u) => {
            check_signup(state, &edition, form, false).await?;
            (Signer::Existing(u.id), u.email.clone())
        }
        None => {
            let email = normalize_email(&form.email);
            state
                .rate_limits
                .check_mailing(&state.db, Action::Signup, ip, &email)
                .await?;
            check_signup(state, &edition, form, true).await?;
            let new = accounts::new_candidate(
                &state.config.password_hasher,
                public_url,
                &email,
                &form.password,
                Some(&page),
            )
            .await
            .map_err(internal)?;
            (Signer::New(new), email)
        }
    };
    let confirmation = mail::vmj_signed_up(
        public_url,
        &email,
        form.first_name.trim(),
        &edition.title,
        &closes,
    );
    let signed_up = signups::sign_up(&state.db, row.id, signer, form, Some(&confirmation)).await;
    match (signed_up, user) {
        (Ok(user_id), Some(_)) => Ok(SignedUp::Mine(Box::new(
            my_signup(state, row, user_id).await?,
        ))),
        (Ok(_), None) => Ok(SignedUp::ToConfirm),
        (Err(DbError::Conflict), Some(_)) => Err(Problem::conflict(
            "Vous êtes déjà inscrit(e) à cette édition : modifiez votre inscription.",
        )
        .into()),
        // The address has an account (the sign-up's transaction stored nothing).
        (Err(DbError::Conflict), None) => {
            let about = format!("une inscription à « {} »", edition.title);
            accounts::tell_taken(&state.db, public_url, &email, &about, &page).await?;
            Ok(SignedUp::ToConfirm)
        }
        (Err(other), _) => Err(other.into()),
    }
}

async fn my_signup(state: &AppState, row: EditionRow, user: UserId) -> ApiResult<MySignup> {
    let signup = signups::mine(&state.db, row.id, user).await?;
    let duo_url = duos::published_for_student(&state.db, signup.id)
        .await?
        .map(|_| DuoAddresses::of_signup(&row.slug).page);
    Ok(MySignup {
        edition: editions::edition(&state.db, &row).await?,
        signup,
        duo_url,
    })
}

/// The candidate's sign-up for an edition.
#[utoipa::path(get, path = "/api/v1/vis-mon-job/editions/{slug}/signup", tag = "vis mon job", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    responses(
        (status = 200, description = "Mon inscription", body = MySignup),
        (status = 404, description = "Pas inscrit(e)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_signup(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    Path(slug): Path<String>,
) -> ApiResult<Json<MySignup>> {
    let row = public_edition(&state, &slug).await?;
    Ok(Json(my_signup(&state, row, user.id).await?))
}

/// Change the sign-up, until the sign-ups close.
#[utoipa::path(put, path = "/api/v1/vis-mon-job/editions/{slug}/signup", tag = "vis mon job", security(("session" = [])),
    params(("slug" = String, Path, description = "Identifiant de l'édition")),
    request_body = StudentSignupForm,
    responses(
        (status = 200, description = "Inscription modifiée", body = MySignup),
        (status = 400, description = "Champs invalides", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Pas inscrit(e)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Inscriptions closes", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_signup(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
    Path(slug): Path<String>,
    AppJson(form): AppJson<StudentSignupForm>,
) -> ApiResult<Json<MySignup>> {
    let row = public_edition(&state, &slug).await?;
    let edition = editions::edition(&state.db, &row).await?;
    if !edition.accepts_signups(paris_now()) {
        return Err(signups_closed());
    }
    check_signup(&state, &edition, &form, false).await?;
    signups::update(&state.db, row.id, user.id, &form).await?;
    Ok(Json(my_signup(&state, row, user.id).await?))
}

/// The candidate's Vis mon job sign-ups, with the duo page once published.
#[utoipa::path(get, path = "/api/v1/me/vis-mon-job", tag = "vis mon job", security(("session" = [])),
    responses(
        (status = 200, description = "Mes inscriptions", body = Vec<MySignup>),
        (status = 403, description = "Pas un compte candidat", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_signups(
    State(state): State<AppState>,
    CurrentCandidate(user): CurrentCandidate,
) -> ApiResult<Json<Vec<MySignup>>> {
    let mut out = Vec::new();
    for signup in signups::list(&state.db, None, Some(user.id)).await? {
        let row = editions::find(&state.db, &signup.edition_slug).await?;
        out.push(my_signup(&state, row, user.id).await?);
    }
    Ok(Json(out))
}
