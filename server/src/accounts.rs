//! Account operations shared by several entry points: candidates' accounts made by a
//! sign-up (the site's own form or API, and Vis mon job's), admins created from the command
//! line (there is no public way to become admin) and recruiter invitations (by an admin, by a
//! colleague, or by approving an access request).

use shared::account::{email_error, normalize_email, Role};
use shared::{EntityId, FieldError, UserId};

use crate::auth::password::Hasher;
use crate::auth::token::Purpose;
use crate::db::users::{self, Link, NewAccount, NewCandidate};
use crate::db::{outbox, Db, DbError, DbResult};
use crate::mail;

/// A candidate's account for `email` (already normalised and checked) and `password`
/// (hashed here), with the link that confirms the address and leads on to `retour`.
pub async fn new_candidate(
    hasher: &Hasher,
    public_url: &str,
    email: &str,
    password: &str,
    retour: Option<&str>,
) -> anyhow::Result<NewCandidate> {
    let link = Link::new(Purpose::VerifyEmail)?;
    let verify_email = mail::verify_email(public_url, email, &link.secret, retour);
    Ok(NewCandidate {
        account: NewAccount {
            email: email.to_owned(),
            password_hash: Some(hasher.hash(password).await?),
            role: Role::Candidate,
            entity_id: None,
            answers_request: None,
        },
        link,
        verify_email,
    })
}

/// Makes a candidate's account alone (the site's sign-up). When the address has an account,
/// nothing is stored and its owner is told instead ([`tell_taken`]): the caller answers the
/// same either way, so a sign-up never tells who has an account.
pub async fn create_candidate(
    db: &Db,
    public_url: &str,
    new: NewCandidate,
    retour: Option<&str>,
) -> DbResult<()> {
    let NewCandidate {
        account,
        link,
        verify_email,
    } = new;
    let email = account.email.clone();
    match users::create_account(db, account, link, move |_| verify_email, None).await {
        Ok(_) => Ok(()),
        Err(DbError::Conflict) => {
            let page = retour.unwrap_or("/espace-candidat");
            tell_taken(db, public_url, &email, "à créer un compte", page).await
        }
        Err(other) => Err(other),
    }
}

/// A sign-up gave an address that has an account: its owner is e-mailed an invitation to
/// sign in — for `about` (« à créer un compte », « une inscription à … »), then to `page`.
pub async fn tell_taken(
    db: &Db,
    public_url: &str,
    email: &str,
    about: &str,
    page: &str,
) -> DbResult<()> {
    let told = mail::signup_existing(public_url, email, about, page);
    outbox::queue_account_mail(db, &told).await
}

/// Creates an admin account and queues the e-mail with its link to choose a password.
pub async fn create_admin(db: &Db, email: &str, public_url: &str) -> anyhow::Result<String> {
    let email = normalize_email(email);
    if let Some(error) = email_error(&email) {
        anyhow::bail!("{}", error.message);
    }
    let link = Link::new(Purpose::Invitation)?;
    let url = mail::password_link(public_url, &link.secret);
    let to = email.clone();
    let public_url = public_url.to_owned();
    users::create_account(
        db,
        NewAccount {
            email,
            password_hash: None,
            role: Role::Admin,
            entity_id: None,
            answers_request: None,
        },
        link,
        move |secret| mail::invitation(&public_url, &to, "l'équipe talents de la DINUM", secret),
        None,
    )
    .await?;
    Ok(url)
}

/// Who invites whom to which entity.
pub struct Invitation<'a> {
    pub actor: UserId,
    pub entity: EntityId,
    pub email: &'a str,
    /// The access request this invitation approves, if any.
    pub answers_request: Option<shared::AccessRequestId>,
}

/// Why an invitation was not made.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("invalid address")]
    Invalid(Vec<FieldError>),
    /// The address has an account already, or the access request was answered.
    #[error("address taken, or request answered")]
    Taken,
    #[error(transparent)]
    Storage(#[from] DbError),
}

/// Invites a recruiter: account, link, e-mail, audit entry (and the approval of the access
/// request it answers) in one transaction.
pub async fn invite_recruiter(
    db: &Db,
    public_url: &str,
    invitation: Invitation<'_>,
) -> Result<UserId, InviteError> {
    let email = normalize_email(invitation.email);
    if let Some(error) = email_error(&email) {
        return Err(InviteError::Invalid(vec![error]));
    }
    let entity_name = crate::db::entities::entity_name(db, invitation.entity).await?;
    let link = Link::new(Purpose::Invitation).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let public_url = public_url.to_owned();
    let to = email.clone();
    users::create_account(
        db,
        NewAccount {
            email,
            password_hash: None,
            role: Role::Recruiter,
            entity_id: Some(invitation.entity),
            answers_request: invitation.answers_request,
        },
        link,
        move |secret| mail::invitation(&public_url, &to, &entity_name, secret),
        Some(invitation.actor),
    )
    .await
    .map_err(|e| match e {
        DbError::Conflict => InviteError::Taken,
        other => other.into(),
    })
}
