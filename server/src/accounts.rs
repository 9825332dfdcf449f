//! Account operations run from the command line (there is no public way to become admin).

use shared::account::{email_error, normalize_email, Role};

use crate::auth::token::Purpose;
use crate::db::users::{self, Link, NewAccount};
use crate::db::Db;
use crate::mail;

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
        },
        link,
        move |secret| mail::invitation(&public_url, &to, "l'équipe talents de la DINUM", secret),
        None,
    )
    .await?;
    Ok(url)
}
