//! Students' sign-ups. A sign-up by someone without an account creates the candidate account,
//! its confirmation link, both e-mails and the sign-up in one transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::vismonjob::{StudentSignup, StudentSignupForm, StudyLevel};
use shared::{StudentId, UserId, VmjEditionId};

use super::editions::parse;
use crate::db::outbox::enqueue_mail;
use crate::db::schema::{users, vmj_editions, vmj_students};
use crate::db::users::{insert_account, unique_violation, NewCandidate};
use crate::db::{Db, DbError, DbResult};
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// Who signs up: a signed-in candidate, or a new account created with the sign-up.
pub enum Signer {
    Existing(UserId),
    New(NewCandidate),
}

/// The columns of the form, for both the insert and the update.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = vmj_students)]
struct Fields<'a> {
    first_name: &'a str,
    last_name: &'a str,
    school: &'a str,
    study_level: String,
    field: &'a str,
    departement_code: &'a str,
    remote_ok: bool,
    wishes_json: String,
    administrations_json: String,
    motivation: &'a str,
    updated_at: NaiveDateTime,
}

impl<'a> Fields<'a> {
    fn new(form: &'a StudentSignupForm) -> DbResult<Self> {
        let level = form
            .study_level
            .ok_or_else(|| DbError::Corrupt("study level".into()))?;
        Ok(Self {
            first_name: form.first_name.trim(),
            last_name: form.last_name.trim(),
            school: form.school.trim(),
            study_level: level.as_ref().to_owned(),
            field: form.field.trim(),
            departement_code: &form.departement_code,
            remote_ok: form.remote_ok,
            wishes_json: serde_json::to_string(&form.wishes)?,
            administrations_json: serde_json::to_string(&form.administrations)?,
            motivation: form.motivation.trim(),
            updated_at: chrono::Utc::now().naive_utc(),
        })
    }
}

#[derive(Queryable)]
struct SignupRow {
    id: StudentId,
    edition_slug: String,
    email: String,
    first_name: String,
    last_name: String,
    school: String,
    study_level: String,
    field: String,
    departement_code: String,
    remote_ok: bool,
    wishes_json: String,
    administrations_json: String,
    motivation: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    unmatched_reason: Option<String>,
}

macro_rules! signup_columns {
    () => {
        (
            vmj_students::id,
            vmj_editions::slug,
            users::email,
            vmj_students::first_name,
            vmj_students::last_name,
            vmj_students::school,
            vmj_students::study_level,
            vmj_students::field,
            vmj_students::departement_code,
            vmj_students::remote_ok,
            vmj_students::wishes_json,
            vmj_students::administrations_json,
            vmj_students::motivation,
            vmj_students::created_at,
            vmj_students::updated_at,
            vmj_students::unmatched_reason,
        )
    };
}

impl SignupRow {
    fn signup(self) -> DbResult<StudentSignup> {
        Ok(StudentSignup {
            id: self.id,
            edition_slug: self.edition_slug,
            email: self.email,
            first_name: self.first_name,
            last_name: self.last_name,
            school: self.school,
            study_level: parse::<StudyLevel>("study level", &self.study_level)?,
            field: self.field,
            departement_code: self.departement_code,
            remote_ok: self.remote_ok,
            wishes: serde_json::from_str(&self.wishes_json)?,
            administrations: serde_json::from_str(&self.administrations_json)?,
            motivation: self.motivation,
            created_at: self.created_at,
            updated_at: self.updated_at,
            unmatched_reason: self.unmatched_reason,
        })
    }
}

/// Stores a sign-up (and the account, for a new one) with its confirmation e-mail (none for
/// the demo data). `Conflict` when the address has an account, or the candidate has
/// already signed up for the edition.
pub async fn sign_up(
    db: &Db,
    edition: VmjEditionId,
    signer: Signer,
    form: &StudentSignupForm,
    confirmation: Option<&Email>,
) -> DbResult<UserId> {
    let fields = Fields::new(form)?;
    let now = fields.updated_at;
    in_transaction!(db, |conn: DB| {
        let user = match &signer {
            Signer::Existing(user) => *user,
            Signer::New(NewCandidate {
                account,
                link,
                verify_email,
            }) => insert_account!(conn, account, link, verify_email, now)?,
        };
        diesel::insert_into(vmj_students::table)
            .values((
                &fields,
                vmj_students::edition_id.eq(edition),
                vmj_students::user_id.eq(user),
                vmj_students::consented_at.eq(now),
                vmj_students::created_at.eq(now),
            ))
            .execute(conn)
            .await?;
        if let Some(mail) = confirmation {
            enqueue_mail!(conn, mail, now)?;
        }
        Ok(user)
    })
    .map_err(unique_violation)
}

/// Replaces the candidate's sign-up for the edition (not the account fields).
pub async fn update(
    db: &Db,
    edition: VmjEditionId,
    user: UserId,
    form: &StudentSignupForm,
) -> DbResult<()> {
    let fields = Fields::new(form)?;
    let updated = with_conn!(db, |conn: DB| {
        diesel::update(
            vmj_students::table
                .filter(vmj_students::edition_id.eq(edition))
                .filter(vmj_students::user_id.eq(user)),
        )
        .set(&fields)
        .execute(conn)
        .await?
    });
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Sign-ups of an edition (`Some(user)`: only that candidate's), oldest first.
pub async fn list(
    db: &Db,
    edition: Option<VmjEditionId>,
    user: Option<UserId>,
) -> DbResult<Vec<StudentSignup>> {
    let rows: Vec<SignupRow> = with_conn!(db, |conn: DB| {
        let mut query = vmj_students::table
            .inner_join(vmj_editions::table)
            .inner_join(users::table)
            .select(signup_columns!())
            .order(vmj_students::id.asc())
            .into_boxed();
        if let Some(edition) = edition {
            query = query.filter(vmj_students::edition_id.eq(edition));
        }
        if let Some(user) = user {
            query = query.filter(vmj_students::user_id.eq(user));
        }
        query.load(conn).await?
    });
    rows.into_iter().map(SignupRow::signup).collect()
}

/// The candidate's sign-up for an edition.
pub async fn mine(db: &Db, edition: VmjEditionId, user: UserId) -> DbResult<StudentSignup> {
    list(db, Some(edition), Some(user))
        .await?
        .into_iter()
        .next()
        .ok_or(DbError::NotFound)
}
