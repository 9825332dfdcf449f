//! Applications and their history. An application, its first event and the e-mails it
//! triggers are written in one transaction: acknowledged means stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::account::Role;
use shared::api::recruiter::ApplicationFilter;
use shared::application::{
    ApplicationDetail, ApplicationEvent, ApplicationForm, ApplicationReceipt, ApplicationStatus,
    ApplicationSummary, MyApplication, StatusStep,
};
use shared::{ApplicationId, EntityId, OfferId, UserId};
use std::str::FromStr;

use super::audit::record;
use super::daily_quotas::{day_of, take_allowance, Allowance};
use super::outbox::enqueue_mail;
use super::schema::{application_events, applications, entities, offers, users};
use super::users::unique_violation;
use super::{Db, DbError, DbResult};
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// What an application is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub entity: EntityId,
    /// None for a spontaneous application.
    pub offer: Option<OfferId>,
}

/// A validated application, its CV already stored under `cv_key`.
pub struct NewApplication<'a> {
    pub target: Target,
    pub candidate: Option<UserId>,
    pub idempotency_key: &'a str,
    pub form: &'a ApplicationForm,
    pub cv_key: &'a str,
    /// The daily allowances it takes (`auth::daily_caps`): none may run out.
    pub allowances: Vec<Allowance>,
    /// The candidate's acknowledgement, mailed while its allowance lasts.
    pub acknowledgement: Option<(Allowance, Email)>,
}

/// The stored application, and whether it was stored by an earlier identical request.
pub struct Submitted {
    pub receipt: ApplicationReceipt,
    pub replayed: bool,
}

/// What became of a submission.
pub enum Submission {
    Stored(Submitted),
    /// The same address has an application to this offer still open (sent at that time),
    /// under another idempotency key: a second one is refused, not stored twice.
    AlreadyApplied(NaiveDateTime),
    /// Allowance `n` of [`NewApplication::allowances`] ran out today: nothing is stored.
    CapReached(usize),
}

/// The statuses of an open application, which a second one to the same offer collides with.
fn open_statuses() -> Vec<String> {
    use strum::IntoEnumIterator;
    ApplicationStatus::iter()
        .filter(|status| !status.is_closed())
        .map(|status| status.as_ref().to_owned())
        .collect()
}

pub(crate) fn parse_status(raw: &str) -> DbResult<ApplicationStatus> {
    ApplicationStatus::from_str(raw)
        .map_err(|_| DbError::Corrupt(format!("application status {raw}")))
}

/// A trimmed optional text field: `None` when blank.
pub(crate) fn optional(value: &str) -> Option<&str> {
    let value = value.trim();
    (!value.is_empty()).then_some(value)
}

/// Stores an application with its e-mails (`mails` is built by the caller once the
/// recipients are known: the candidate, then the entity's recruiters from
/// [`recruiter_emails`]). A key already used for the same candidate and target returns the
/// first application (`replayed`); used for anything else, `Conflict`.
///
/// An address has one open application per offer: under another key, the first one's date
/// comes back ([`Submission::AlreadyApplied`]) and nothing is stored. (Two submissions with
/// different keys in the same instant could both pass the check; a double click or a retry
/// keeps its key and replays.)
pub async fn submit(db: &Db, new: NewApplication<'_>, mails: Vec<Email>) -> DbResult<Submission> {
    let now = chrono::Utc::now().naive_utc();
    let form = new.form;
    let email = shared::account::normalize_email(&form.email);
    let target = new.target;
    let stored_email: &str = &email;
    let open = open_statuses();
    let today = day_of(now);
    let inserted = in_transaction!(db, |conn: DB| {
        if let Some(offer) = target.offer {
            let earlier: Option<(String, NaiveDateTime)> = applications::table
                .filter(applications::offer_id.eq(offer.0))
                .filter(applications::email.eq(stored_email))
                .filter(applications::status.eq_any(&open))
                .select((applications::idempotency_key, applications::created_at))
                .first(conn)
                .await
                .optional()?;
            if let Some((key, at)) = earlier {
                if key != new.idempotency_key {
                    return Ok(Err(at));
                }
            }
        }
        let id: ApplicationId = diesel::insert_into(applications::table)
            .values((
                applications::entity_id.eq(target.entity.0),
                applications::offer_id.eq(target.offer.map(|o| o.0)),
                applications::candidate_id.eq(new.candidate.map(|u| u.0)),
                applications::idempotency_key.eq(new.idempotency_key),
                applications::first_name.eq(form.first_name.trim()),
                applications::last_name.eq(form.last_name.trim()),
                applications::email.eq(stored_email),
                applications::phone.eq(optional(&form.phone)),
                applications::message.eq(form.message.trim()),
                applications::linkedin_url.eq(optional(&form.linkedin_url)),
                applications::github_url.eq(optional(&form.github_url)),
                applications::portfolio_url.eq(optional(&form.portfolio_url)),
                applications::cv_key.eq(new.cv_key),
                applications::consent_at.eq(now),
                applications::status.eq(ApplicationStatus::New.as_ref()),
                applications::created_at.eq(now),
                applications::updated_at.eq(now),
            ))
            .returning(applications::id)
            .get_result(conn)
            .await?;
        diesel::insert_into(application_events::table)
            .values((
                application_events::application_id.eq(id),
                application_events::status.eq(ApplicationStatus::New.as_ref()),
                application_events::body.eq(""),
                application_events::created_at.eq(now),
            ))
            .execute(conn)
            .await?;
        // After the insert: a replay (the key's unique violation) never gets here.
        for (n, allowance) in new.allowances.iter().enumerate() {
            let used = take_allowance!(conn, &allowance.key, today, allowance.amount)?;
            if used > allowance.cap {
                return Err(DbError::CapReached(n));
            }
        }
        if let Some((allowance, mail)) = &new.acknowledgement {
            let used = take_allowance!(conn, &allowance.key, today, allowance.amount)?;
            if used <= allowance.cap {
                enqueue_mail!(conn, mail, now)?;
            } else {
                tracing::info!("acknowledgements of this address spent today: none mailed");
            }
        }
        for mail in &mails {
            enqueue_mail!(conn, mail, now)?;
        }
        Ok(Ok(id))
    })
    .map_err(unique_violation);
    match inserted {
        Ok(Ok(id)) => Ok(Submission::Stored(Submitted {
            receipt: ApplicationReceipt {
                id,
                status: ApplicationStatus::New,
                created_at: now,
            },
            replayed: false,
        })),
        Ok(Err(earlier)) => Ok(Submission::AlreadyApplied(earlier)),
        Err(DbError::CapReached(n)) => Ok(Submission::CapReached(n)),
        Err(DbError::Conflict) => replay(db, new.idempotency_key, &email, target)
            .await
            .map(Submission::Stored),
        Err(other) => Err(other),
    }
}

/// A withdrawn application, as its recruiters' e-mails name it.
pub struct Withdrawal {
    pub candidate_name: String,
    pub offer_title: Option<String>,
    pub entity_name: String,
    /// The entity's active recruiters.
    pub recruiters: Vec<String>,
}

/// The candidate withdraws their open application `id`, with the e-mails `notify` writes
/// (to its recruiters), atomically. `NotFound` for another person's, `Conflict` once closed.
pub async fn withdraw(
    db: &Db,
    candidate: UserId,
    id: ApplicationId,
    notify: impl Fn(&Withdrawal) -> Vec<Email> + Send + Sync,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let open = open_statuses();
    let target = format!("application:{id}");
    in_transaction!(db, |conn: DB| {
        let (entity, raw, first_name, last_name, entity_name, offer_title): (
            i64,
            String,
            String,
            String,
            String,
            Option<String>,
        ) = applications::table
            .inner_join(entities::table)
            .left_join(offers::table)
            .filter(applications::id.eq(id))
            .filter(applications::candidate_id.eq(candidate.0))
            .select((
                applications::entity_id,
                applications::status,
                applications::first_name,
                applications::last_name,
                entities::name,
                offers::title.nullable(),
            ))
            .first(conn)
            .await?;
        if !open.contains(&raw) {
            return Err(DbError::Conflict);
        }
        diesel::update(applications::table.filter(applications::id.eq(id)))
            .set((
                applications::status.eq(ApplicationStatus::Withdrawn.as_ref()),
                applications::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        diesel::insert_into(application_events::table)
            .values((
                application_events::application_id.eq(id),
                application_events::actor_id.eq(candidate.0),
                application_events::status.eq(ApplicationStatus::Withdrawn.as_ref()),
                application_events::body.eq(""),
                application_events::created_at.eq(now),
            ))
            .execute(conn)
            .await?;
        let recruiters: Vec<String> = users::table
            .filter(users::role.eq(Role::Recruiter.as_ref()))
            .filter(users::entity_id.eq(entity))
            .filter(users::password_hash.is_not_null())
            .filter(users::disabled_at.is_null())
            .order(users::id.asc())
            .select(users::email)
            .load(conn)
            .await?;
        let withdrawal = Withdrawal {
            candidate_name: format!("{first_name} {last_name}"),
            offer_title,
            entity_name,
            recruiters,
        };
        for mail in notify(&withdrawal) {
            enqueue_mail!(conn, &mail, now)?;
        }
        let action = "application.withdrawn".to_owned();
        record!(conn, actor: Some(candidate.0), entity: Some(entity), action, target, now)?;
        Ok(())
    })
}

/// The application stored under `key`, if it is the same candidate's, to the same target.
async fn replay(db: &Db, key: &str, email: &str, target: Target) -> DbResult<Submitted> {
    let (id, entity, offer, stored_email, raw, created_at): (
        ApplicationId,
        EntityId,
        Option<OfferId>,
        String,
        String,
        NaiveDateTime,
    ) = with_conn!(db, |conn: DB| {
        applications::table
            .filter(applications::idempotency_key.eq(key))
            .select((
                applications::id,
                applications::entity_id,
                applications::offer_id,
                applications::email,
                applications::status,
                applications::created_at,
            ))
            .first(conn)
            .await?
    });
    if stored_email != email || entity != target.entity || offer != target.offer {
        return Err(DbError::Conflict);
    }
    Ok(Submitted {
        receipt: ApplicationReceipt {
            id,
            status: parse_status(&raw)?,
            created_at,
        },
        replayed: true,
    })
}

/// Addresses of the entity's active recruiters (who are notified of new applications).
pub async fn recruiter_emails(db: &Db, entity: EntityId) -> DbResult<Vec<String>> {
    Ok(with_conn!(db, |conn: DB| {
        users::table
            .filter(users::role.eq(Role::Recruiter.as_ref()))
            .filter(users::entity_id.eq(entity.0))
            .filter(users::password_hash.is_not_null())
            .filter(users::disabled_at.is_null())
            .order(users::id.asc())
            .select(users::email)
            .load(conn)
            .await?
    }))
}

#[derive(Queryable)]
struct SummaryRow {
    id: ApplicationId,
    offer_id: Option<OfferId>,
    offer_title: Option<String>,
    first_name: String,
    last_name: String,
    email: String,
    status: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl SummaryRow {
    fn summary(self) -> DbResult<ApplicationSummary> {
        Ok(ApplicationSummary {
            status: parse_status(&self.status)?,
            id: self.id,
            offer_id: self.offer_id,
            offer_title: self.offer_title,
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

macro_rules! summary_query {
    ($entity:expr) => {
        applications::table
            .left_join(offers::table)
            .filter(applications::entity_id.eq($entity.0))
            .select((
                applications::id,
                applications::offer_id,
                offers::title.nullable(),
                applications::first_name,
                applications::last_name,
                applications::email,
                applications::status,
                applications::created_at,
                applications::updated_at,
            ))
    };
}

/// The entity's applications, newest first.
pub async fn list(
    db: &Db,
    entity: EntityId,
    filter: ApplicationFilter,
) -> DbResult<Vec<ApplicationSummary>> {
    let status = filter.status.map(|s| s.as_ref().to_owned());
    let rows: Vec<SummaryRow> = with_conn!(db, |conn: DB| {
        let mut query = summary_query!(entity).into_boxed::<DB>();
        match filter.offer {
            Some(Some(offer)) => query = query.filter(applications::offer_id.eq(offer.0)),
            Some(None) => query = query.filter(applications::offer_id.is_null()),
            None => {}
        }
        if let Some(status) = &status {
            query = query.filter(applications::status.eq(status));
        }
        query.order(applications::id.desc()).load(conn).await?
    });
    rows.into_iter().map(SummaryRow::summary).collect()
}

#[derive(Queryable)]
struct DetailRow {
    phone: Option<String>,
    message: String,
    linkedin_url: Option<String>,
    github_url: Option<String>,
    portfolio_url: Option<String>,
    cv_key: Option<String>,
}

type EventRow = (NaiveDateTime, Option<String>, Option<String>, String);

fn event((created_at, actor_email, raw, body): EventRow) -> DbResult<ApplicationEvent> {
    Ok(ApplicationEvent {
        created_at,
        actor_email,
        status: raw.as_deref().map(parse_status).transpose()?,
        body,
    })
}

/// One application of the entity, with its history; `NotFound` for another entity's.
pub async fn find(db: &Db, entity: EntityId, id: ApplicationId) -> DbResult<ApplicationDetail> {
    let (row, detail, events): (SummaryRow, DetailRow, Vec<EventRow>) =
        with_conn!(db, |conn: DB| {
            let row: SummaryRow = summary_query!(entity)
                .filter(applications::id.eq(id))
                .first(conn)
                .await?;
            let detail: DetailRow = applications::table
                .filter(applications::id.eq(id))
                .select((
                    applications::phone,
                    applications::message,
                    applications::linkedin_url,
                    applications::github_url,
                    applications::portfolio_url,
                    applications::cv_key,
                ))
                .first(conn)
                .await?;
            let events: Vec<EventRow> = application_events::table
                .left_join(users::table)
                .filter(application_events::application_id.eq(id))
                .order(application_events::id.asc())
                .select((
                    application_events::created_at,
                    users::email.nullable(),
                    application_events::status,
                    application_events::body,
                ))
                .load(conn)
                .await?;
            (row, detail, events)
        });
    Ok(ApplicationDetail {
        summary: row.summary()?,
        phone: detail.phone,
        message: detail.message,
        linkedin_url: detail.linkedin_url,
        github_url: detail.github_url,
        portfolio_url: detail.portfolio_url,
        has_cv: detail.cv_key.is_some(),
        history: events.into_iter().map(event).collect::<DbResult<_>>()?,
    })
}

/// The storage key of an application's CV, for the entity's recruiters only.
pub async fn cv_key(db: &Db, entity: EntityId, id: ApplicationId) -> DbResult<Option<String>> {
    Ok(with_conn!(db, |conn: DB| {
        applications::table
            .filter(applications::id.eq(id))
            .filter(applications::entity_id.eq(entity.0))
            .select(applications::cv_key)
            .first(conn)
            .await?
    }))
}

/// A recruiter's move of an application from `from` to `to`.
pub struct Move<'a> {
    pub actor: UserId,
    pub entity: EntityId,
    pub id: ApplicationId,
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
    pub reason: &'a str,
    /// The e-mail telling the candidate, if any.
    pub mail: Option<Email>,
}

/// Moves an application, records it in its history and the audit log, and queues the
/// candidate's e-mail, atomically; `Conflict` when another recruiter moved it meanwhile.
pub async fn change_status(db: &Db, change: Move<'_>) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let target = format!("application:{}", change.id);
    in_transaction!(db, |conn: DB| {
        let changed = diesel::update(
            applications::table
                .filter(applications::id.eq(change.id))
                .filter(applications::entity_id.eq(change.entity.0))
                .filter(applications::status.eq(change.from.as_ref())),
        )
        .set((
            applications::status.eq(change.to.as_ref()),
            applications::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
        if changed == 0 {
            return Err(DbError::Conflict);
        }
        // Statuses only move forward, so leaving "new" is the first answer.
        if change.from == ApplicationStatus::New {
            diesel::update(applications::table.filter(applications::id.eq(change.id)))
                .set(applications::first_answer_at.eq(now))
                .execute(conn)
                .await?;
        }
        diesel::insert_into(application_events::table)
            .values((
                application_events::application_id.eq(change.id),
                application_events::actor_id.eq(change.actor.0),
                application_events::status.eq(change.to.as_ref()),
                application_events::body.eq(change.reason.trim()),
                application_events::created_at.eq(now),
            ))
            .execute(conn)
            .await?;
        if let Some(mail) = &change.mail {
            enqueue_mail!(conn, mail, now)?;
        }
        let action = format!("application.{}", change.to.as_ref());
        record!(conn, actor: Some(change.actor.0), entity: Some(change.entity.0), action, target, now)?;
        Ok(())
    })
}

/// Adds a private note of the entity's recruiters; `NotFound` for another entity's.
pub async fn add_note(
    db: &Db,
    actor: UserId,
    entity: EntityId,
    id: ApplicationId,
    body: &str,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let _: ApplicationId = applications::table
            .filter(applications::id.eq(id))
            .filter(applications::entity_id.eq(entity.0))
            .select(applications::id)
            .first(conn)
            .await?;
        diesel::insert_into(application_events::table)
            .values((
                application_events::application_id.eq(id),
                application_events::actor_id.eq(actor.0),
                application_events::body.eq(body.trim()),
                application_events::created_at.eq(now),
            ))
            .execute(conn)
            .await?;
        Ok(())
    })
}

type MineRow = (
    ApplicationId,
    Option<OfferId>,
    Option<String>,
    String,
    String,
    String,
    NaiveDateTime,
);

/// Application, status, reason, date.
type StepRow = (ApplicationId, String, String, NaiveDateTime);

/// The candidate's applications, newest first, with their status changes (never the
/// recruiters' notes or names).
pub async fn for_candidate(db: &Db, candidate: UserId) -> DbResult<Vec<MyApplication>> {
    let (rows, steps): (Vec<MineRow>, Vec<StepRow>) = with_conn!(db, |conn: DB| {
        let rows: Vec<MineRow> = applications::table
            .inner_join(entities::table)
            .left_join(offers::table)
            .filter(applications::candidate_id.eq(candidate.0))
            .order(applications::id.desc())
            .select((
                applications::id,
                applications::offer_id,
                offers::title.nullable(),
                entities::slug,
                entities::name,
                applications::status,
                applications::created_at,
            ))
            .load(conn)
            .await?;
        let steps = application_events::table
            .inner_join(applications::table)
            .filter(applications::candidate_id.eq(candidate.0))
            .filter(application_events::status.is_not_null())
            .order(application_events::id.asc())
            .select((
                application_events::application_id,
                application_events::status.assume_not_null(),
                application_events::body,
                application_events::created_at,
            ))
            .load(conn)
            .await?;
        (rows, steps)
    });
    rows.into_iter()
        .map(|(id, offer, title, slug, name, raw, created_at)| {
            let steps = steps
                .iter()
                .filter(|(application, ..)| *application == id)
                .map(|(_, raw, body, at)| {
                    let status = parse_status(raw)?;
                    Ok(StatusStep {
                        reason: (status == ApplicationStatus::Rejected && !body.is_empty())
                            .then(|| body.clone()),
                        status,
                        at: *at,
                    })
                })
                .collect::<DbResult<_>>()?;
            Ok(MyApplication {
                id,
                offer_id: offer,
                offer_title: title,
                entity_slug: slug,
                entity_name: name,
                status: parse_status(&raw)?,
                created_at,
                steps,
            })
        })
        .collect()
}
