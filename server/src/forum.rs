//! The forum's assembled views and side effects: the public programme, a candidate's agenda
//! and its calendar file, seats released by an erased account, the day-before reminders.

use chrono::NaiveDateTime;
use icalendar::{Calendar, Component, Event, EventLike};
use shared::forum::{
    current_edition, flag_overlaps, Agenda, AgendaItem, ForumSession, RegistrationStatus,
    SessionFilters, SessionKind,
};
use shared::search::{OfferPage, OfferSearch};
use shared::{ForumSessionId, UserId};
use std::collections::HashMap;

use crate::db::forum::editions::EditionRow;
use crate::db::forum::sessions::{self, Scope, SessionRecord};
use crate::db::forum::{editions, registrations, reminders, slots};
use crate::db::{Db, DbError, DbResult};
use crate::mail::Email;
use crate::paris_time::{paris_now, paris_to_utc};

/// A session of a published edition, and its edition (others are not found).
pub async fn public_session(db: &Db, id: ForumSessionId) -> DbResult<(SessionRecord, EditionRow)> {
    let record = sessions::find(db, id).await?;
    let edition = editions::find_by_id(db, record.edition_id).await?;
    if edition.published {
        Ok((record, edition))
    } else {
        Err(DbError::NotFound)
    }
}

/// The programme: the sessions of the asked edition (by default the next one, else the
/// latest), filtered. Unpublished editions are not found.
pub async fn programme(db: &Db, filters: &SessionFilters) -> DbResult<Vec<ForumSession>> {
    let edition = match &filters.edition {
        Some(slug) => Some(editions::find(db, slug).await?)
            .filter(|e| e.published)
            .ok_or(DbError::NotFound)?,
        None => match current_edition(&editions::list(db, false).await?, paris_now()) {
            Some(current) => editions::find(db, &current.slug).await?,
            None => return Ok(vec![]),
        },
    };
    let all = sessions::list(db, Scope::Edition(edition.id)).await?;
    Ok(all
        .into_iter()
        .map(|r| r.session)
        .filter(|s| filters.keeps(s))
        .collect())
}

/// The open offers of the session's entity (and its sub-entities); none without entity.
pub async fn entity_offers(db: &Db, session: &ForumSession) -> DbResult<OfferPage> {
    let Some(entity) = &session.entity else {
        return Ok(OfferPage::empty());
    };
    let search = OfferSearch {
        entity: Some(entity.slug.clone()),
        limit: Some(12),
        ..OfferSearch::default()
    };
    crate::db::offers::search_offers(db, &search).await
}

/// Whether the candidate sees the session's link: a confirmed seat, or a booked slot.
pub fn sees_link(status: Option<RegistrationStatus>, has_slot: bool) -> bool {
    status == Some(RegistrationStatus::Confirmed) || has_slot
}

/// The candidate's editions and sessions (registered or with a booked slot), by time, with
/// overlaps flagged.
pub async fn agenda(db: &Db, user: UserId) -> DbResult<Agenda> {
    let registered = registrations::of_user(db, user).await?;
    let booked = slots::of_user(db, user).await?;
    let mut ids: Vec<ForumSessionId> = registered
        .iter()
        .map(|r| r.0)
        .chain(booked.iter().map(|b| b.0))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let status: HashMap<ForumSessionId, (RegistrationStatus, Option<i64>)> = registered
        .into_iter()
        .map(|(s, st, rank)| (s, (st, rank)))
        .collect();
    let booked: HashMap<ForumSessionId, shared::forum::Slot> = booked.into_iter().collect();
    let records = sessions::list(db, Scope::Ids(&ids)).await?;
    let mut items: Vec<AgendaItem> = records
        .into_iter()
        .map(
            |SessionRecord {
                 session,
                 online_url,
                 ..
             }| {
                let id = session.id;
                let (status, waiting_position) = match status.get(&id) {
                    Some((s, rank)) => (Some(*s), *rank),
                    None => (None, None),
                };
                let slot = booked.get(&id).cloned();
                AgendaItem {
                    online_url: sees_link(status, slot.is_some()).then_some(online_url),
                    session,
                    status,
                    waiting_position,
                    slot,
                    overlaps: vec![],
                }
            },
        )
        .collect();
    items.sort_by_key(|i| i.span());
    flag_overlaps(&mut items);
    let editions = editions::list(db, false)
        .await?
        .into_iter()
        .filter(|e| items.iter().any(|i| i.session.edition == e.slug))
        .collect();
    let mut agenda = Agenda { editions, items };
    agenda
        .editions
        .extend(participations_without_sessions(db, user, &agenda).await?);
    Ok(agenda)
}

/// Editions the candidate registered for but holds no session of yet.
async fn participations_without_sessions(
    db: &Db,
    user: UserId,
    agenda: &Agenda,
) -> DbResult<Vec<shared::forum::ForumEdition>> {
    let mut out = Vec::new();
    for edition in editions::list(db, false).await? {
        if agenda.editions.iter().any(|e| e.slug == edition.slug) {
            continue;
        }
        let row = editions::find(db, &edition.slug).await?;
        if registrations::is_participant(db, row.id, user).await? {
            out.push(edition);
        }
    }
    Ok(out)
}

/// The agenda as an iCalendar file: confirmed sessions and booked slots (not the waiting list).
pub fn ics(public_url: &str, agenda: &Agenda) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Forum de l'emploi tech de l'État");
    for item in &agenda.items {
        if item.status == Some(RegistrationStatus::Waiting) && item.slot.is_none() {
            continue;
        }
        let (starts, ends) = item.span();
        let s = &item.session;
        let summary = match (s.kind, &s.entity) {
            (SessionKind::JobDating, Some(e)) => format!("Job dating avec {}", e.name),
            _ => format!("{} : {}", s.kind.label(), s.title),
        };
        let page = format!("{public_url}/forum/sessions/{}", s.id);
        let event = Event::new()
            .uid(&format!("forum-session-{}@talents.numerique.gouv.fr", s.id))
            .summary(&summary)
            .description(&format!(
                "{}\n\n{}\nPage de la session : {page}",
                s.title, s.description
            ))
            .location(item.online_url.as_deref().unwrap_or(&page))
            .url(&page)
            .starts(paris_to_utc(starts))
            .ends(paris_to_utc(ends))
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}

/// Queues the reminder of every confirmed seat and booked slot starting on the day after
/// `now` (Europe/Paris) not yet reminded; each is claimed in its own transaction, so several
/// processes never send one twice. Returns how many were queued.
pub async fn send_reminders(
    db: &Db,
    public_url: &str,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let tomorrow = now.date() + chrono::Duration::days(1);
    let mut sent = 0;
    for due in reminders::due(db, tomorrow).await? {
        let when = due.starts_at.format("%d/%m/%Y à %H:%M").to_string();
        let page = format!("{public_url}/forum/sessions/{}", due.session);
        let mail = crate::mail::forum_reminder(&due.email, &due.title, &when, &page);
        if reminders::claim(db, &due, mail).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// The e-mail telling the first waiting of `session` that the seat is theirs.
pub fn promotion_mail<'a>(
    public_url: &'a str,
    session: &'a ForumSession,
) -> impl Fn(&str) -> Email + Send + 'a {
    move |to| {
        let when = session.starts_at.format("%d/%m/%Y à %H:%M").to_string();
        let page = format!("{public_url}/forum/sessions/{}", session.id);
        crate::mail::forum_promoted(to, &session.title, &when, &page)
    }
}

/// Cancels every session registration of the candidate (an erased account): each freed
/// seat goes to the first waiting, as for a cancellation.
pub async fn release_seats(db: &Db, public_url: &str, user: UserId) -> DbResult<()> {
    let held: Vec<ForumSessionId> = registrations::of_user(db, user)
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect();
    for record in sessions::list(db, Scope::Ids(&held)).await? {
        registrations::cancel(
            db,
            record.session.id,
            user,
            promotion_mail(public_url, &record.session),
        )
        .await?;
    }
    Ok(())
}
