//! GDPR: a candidate's export and erasure, and the retention of CVs. Erasure keeps each
//! application's entity, offer, status and dates (the recruiters' statistics) and blanks
//! everything that identifies the person; the CV files are deleted by the caller from the
//! keys returned, once the transaction is committed.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::application::{ApplicationRecord, ApplicationStatus};
use shared::{ApplicationId, UserId};
use std::collections::HashMap;
use strum::IntoEnumIterator;

use super::schema::{application_events, applications, entities, offers, outbox, users};
use super::{Db, DbResult};
use crate::{in_transaction, with_conn};

#[derive(Queryable)]
struct RecordRow {
    id: ApplicationId,
    entity_name: String,
    offer_title: Option<String>,
    first_name: String,
    last_name: String,
    email: String,
    phone: Option<String>,
    message: String,
    linkedin_url: Option<String>,
    github_url: Option<String>,
    portfolio_url: Option<String>,
    status: String,
    consent_at: NaiveDateTime,
    created_at: NaiveDateTime,
    cv_key: Option<String>,
}

/// What the export takes from the candidate's account and applications (the profile, the
/// Vis mon job sign-ups and the forum agenda are added by `crate::personal_data`).
pub struct Stored {
    pub email: String,
    pub account_created_at: NaiveDateTime,
    pub applications: Vec<ApplicationRecord>,
    /// The CVs to put beside the data: (name in the archive, storage key).
    pub cv_files: Vec<(String, String)>,
}

/// The account's and the applications' part of the export.
pub async fn export(db: &Db, user: UserId) -> DbResult<Stored> {
    let ((email, account_created_at), rows): ((String, NaiveDateTime), Vec<RecordRow>) =
        with_conn!(db, |conn: DB| {
            let account = users::table
                .filter(users::id.eq(user.0))
                .select((users::email, users::created_at))
                .first(conn)
                .await?;
            let rows = applications::table
                .inner_join(entities::table)
                .left_join(offers::table)
                .filter(applications::candidate_id.eq(user.0))
                .order(applications::id.asc())
                .select((
                    applications::id,
                    entities::name,
                    offers::title.nullable(),
                    applications::first_name,
                    applications::last_name,
                    applications::email,
                    applications::phone,
                    applications::message,
                    applications::linkedin_url,
                    applications::github_url,
                    applications::portfolio_url,
                    applications::status,
                    applications::consent_at,
                    applications::created_at,
                    applications::cv_key,
                ))
                .load(conn)
                .await?;
            (account, rows)
        });
    let mut steps: HashMap<ApplicationId, Vec<_>> = super::applications::for_candidate(db, user)
        .await?
        .into_iter()
        .map(|a| (a.id, a.steps))
        .collect();
    let mut files = Vec::new();
    let mut records = Vec::new();
    for row in rows {
        let cv_file = row.cv_key.map(|key| {
            let name = format!("cv/candidature-{}.pdf", row.id);
            files.push((name.clone(), key));
            name
        });
        records.push(ApplicationRecord {
            status: super::applications::parse_status(&row.status)?,
            steps: steps.remove(&row.id).unwrap_or_default(),
            id: row.id,
            entity_name: row.entity_name,
            offer_title: row.offer_title,
            first_name: row.first_name,
            last_name: row.last_name,
            email: row.email,
            phone: row.phone,
            message: row.message,
            linkedin_url: row.linkedin_url,
            github_url: row.github_url,
            portfolio_url: row.portfolio_url,
            consent_at: row.consent_at,
            created_at: row.created_at,
            cv_file,
        });
    }
    Ok(Stored {
        email,
        account_created_at,
        applications: records,
        cv_files: files,
    })
}

/// Deletes a candidate's account and anonymises their applications (with the notes
/// written about them), atomically; returns the CV keys to delete from storage.
pub async fn erase(db: &Db, user: UserId) -> DbResult<Vec<String>> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let rows: Vec<(i64, Option<String>, String)> = applications::table
            .filter(applications::candidate_id.eq(user.0))
            .select((applications::id, applications::cv_key, applications::email))
            .load(conn)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|(id, _, _)| *id).collect();
        // The e-mails to this person go too: the account's address and those typed in
        // its applications.
        let mut addresses: Vec<String> = users::table
            .find(user.0)
            .select(users::email)
            .load(conn)
            .await?;
        addresses.extend(rows.iter().map(|(_, _, email)| email.clone()));
        diesel::delete(outbox::table.filter(outbox::recipient.eq_any(&addresses)))
            .execute(conn)
            .await?;
        diesel::update(applications::table.filter(applications::id.eq_any(&ids)))
            .set((
                applications::candidate_id.eq(None::<i64>),
                applications::first_name.eq(""),
                applications::last_name.eq(""),
                applications::email.eq(""),
                applications::phone.eq(None::<String>),
                applications::message.eq(""),
                applications::linkedin_url.eq(None::<String>),
                applications::github_url.eq(None::<String>),
                applications::portfolio_url.eq(None::<String>),
                applications::cv_key.eq(None::<String>),
                applications::anonymised_at.eq(now),
            ))
            .execute(conn)
            .await?;
        diesel::update(
            application_events::table.filter(application_events::application_id.eq_any(&ids)),
        )
        .set(application_events::body.eq(""))
        .execute(conn)
        .await?;
        // Sessions and links go with the account (ON DELETE CASCADE).
        super::users::delete_account!(conn, user.0)?;
        Ok(rows.into_iter().filter_map(|(_, key, _)| key).collect())
    })
}

/// CVs of applications closed before `closed_before`: (application, storage key).
pub async fn expired_cvs(db: &Db, closed_before: NaiveDateTime) -> DbResult<Vec<(i64, String)>> {
    let closed: Vec<String> = ApplicationStatus::iter()
        .filter(|status| status.is_closed())
        .map(|status| status.as_ref().to_owned())
        .collect();
    let rows: Vec<(i64, Option<String>)> = with_conn!(db, |conn: DB| {
        applications::table
            .filter(applications::status.eq_any(closed))
            .filter(applications::updated_at.lt(closed_before))
            .filter(applications::cv_key.is_not_null())
            .select((applications::id, applications::cv_key))
            .load(conn)
            .await?
    });
    Ok(rows
        .into_iter()
        .filter_map(|(id, key)| key.map(|k| (id, k)))
        .collect())
}

/// Those of `keys` that an application refers to.
pub async fn referenced_cvs(
    db: &Db,
    keys: &[String],
) -> DbResult<std::collections::HashSet<String>> {
    let rows: Vec<Option<String>> = with_conn!(db, |conn: DB| {
        applications::table
            .filter(applications::cv_key.eq_any(keys))
            .select(applications::cv_key)
            .load(conn)
            .await?
    });
    Ok(rows.into_iter().flatten().collect())
}

/// Forgets an application's CV once its file is deleted.
pub async fn forget_cv(db: &Db, application: i64) -> DbResult<()> {
    with_conn!(db, |conn: DB| {
        diesel::update(applications::table.filter(applications::id.eq(application)))
            .set(applications::cv_key.eq(None::<String>))
            .execute(conn)
            .await?;
    });
    Ok(())
}
