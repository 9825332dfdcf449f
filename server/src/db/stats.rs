//! Figures for the dashboards. Sums are cast to BIGINT so both backends return `i64`
//! (PostgreSQL's SUM of a bigint is a numeric).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;
use shared::account::Role;
use shared::offer::OfferStatus;
use shared::stats::{
    dense_series, ApplicationFact, ApplicationFigures, EntityFigures, OfferAudience, OfferFigures,
    PlatformFigures, Point, StatusCount, STATS_DAYS, STATS_WEEKS,
};
use shared::{EntityId, OfferId};
use std::str::FromStr;

use super::applications::parse_status;
use super::offers::is_public;
use super::schema::{applications, entities, offer_views, offers, users};
use super::{access_requests, Db, DbError, DbResult};
use crate::{in_transaction, with_conn};

/// Adds a batch of `(offer, day, views)` to the daily counts.
pub async fn add_views(db: &Db, rows: &[(OfferId, NaiveDate, i64)]) -> DbResult<()> {
    in_transaction!(db, |conn: DB| {
        for &(offer, day, views) in rows {
            diesel::insert_into(offer_views::table)
                .values((
                    offer_views::offer_id.eq(offer.0),
                    offer_views::day.eq(day),
                    offer_views::views.eq(views),
                ))
                .on_conflict((offer_views::offer_id, offer_views::day))
                .do_update()
                .set(offer_views::views.eq(offer_views::views + excluded(offer_views::views)))
                .execute(conn)
                .await?;
        }
        Ok(())
    })
}

fn views_sum() -> diesel::expression::SqlLiteral<BigInt> {
    sql::<BigInt>("CAST(SUM(offer_views.views) AS BIGINT)")
}

fn first_day(days: u32) -> NaiveDate {
    chrono::Utc::now().date_naive() - chrono::Duration::days(i64::from(days) - 1)
}

fn points(rows: Vec<(NaiveDate, i64)>) -> Vec<Point> {
    rows.into_iter()
        .map(|(day, count)| Point { day, count })
        .collect()
}

fn status(raw: &str) -> DbResult<OfferStatus> {
    OfferStatus::from_str(raw).map_err(|_| DbError::Corrupt(format!("offer status {raw}")))
}

/// Offers of `entity` (or just `only`) with their lifetime views, most viewed first.
async fn audiences(
    db: &Db,
    entity: EntityId,
    only: Option<OfferId>,
) -> DbResult<Vec<OfferAudience>> {
    type Listed = Vec<(i64, String, String)>;
    type Counts = Vec<(Option<i64>, i64)>;
    let (list, totals, received): (Listed, Vec<(i64, i64)>, Counts) = with_conn!(db, |conn: DB| {
        let mut list = offers::table
            .filter(offers::entity_id.eq(entity.0))
            .select((offers::id, offers::title, offers::status))
            .into_boxed::<DB>();
        let mut totals = offer_views::table
            .inner_join(offers::table)
            .filter(offers::entity_id.eq(entity.0))
            .group_by(offer_views::offer_id)
            .select((offer_views::offer_id, views_sum()))
            .into_boxed::<DB>();
        let mut received = applications::table
            .filter(applications::entity_id.eq(entity.0))
            .filter(applications::offer_id.is_not_null())
            .group_by(applications::offer_id)
            .select((applications::offer_id, count_star()))
            .into_boxed::<DB>();
        if let Some(id) = only {
            list = list.filter(offers::id.eq(id.0));
            totals = totals.filter(offer_views::offer_id.eq(id.0));
            received = received.filter(applications::offer_id.eq(id.0));
        }
        (
            list.load(conn).await?,
            totals.load(conn).await?,
            received.load(conn).await?,
        )
    });
    let totals: std::collections::HashMap<i64, i64> = totals.into_iter().collect();
    let received: std::collections::HashMap<i64, i64> = received
        .into_iter()
        .filter_map(|(offer, n)| offer.map(|o| (o, n)))
        .collect();
    let mut out = list
        .into_iter()
        .map(|(id, title, raw)| {
            Ok(OfferAudience {
                id: OfferId(id),
                title,
                status: status(&raw)?,
                views: totals.get(&id).copied().unwrap_or(0),
                applications: received.get(&id).copied().unwrap_or(0),
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    out.sort_by(|a, b| b.views.cmp(&a.views).then(b.id.0.cmp(&a.id.0)));
    Ok(out)
}

/// Daily views of the entity's offers (or of one of them) over the last `STATS_DAYS` days.
async fn daily_views(
    db: &Db,
    entity: Option<EntityId>,
    only: Option<OfferId>,
) -> DbResult<Vec<Point>> {
    let from = first_day(STATS_DAYS);
    let rows: Vec<(NaiveDate, i64)> = with_conn!(db, |conn: DB| {
        let mut query = offer_views::table
            .inner_join(offers::table)
            .filter(offer_views::day.ge(from))
            .group_by(offer_views::day)
            .select((offer_views::day, views_sum()))
            .into_boxed::<DB>();
        if let Some(entity) = entity {
            query = query.filter(offers::entity_id.eq(entity.0));
        }
        if let Some(id) = only {
            query = query.filter(offer_views::offer_id.eq(id.0));
        }
        query.load(conn).await?
    });
    Ok(dense_series(from, STATS_DAYS, 1, &points(rows)))
}

pub async fn entity_figures(db: &Db, entity: EntityId) -> DbResult<EntityFigures> {
    let offers = audiences(db, entity, None).await?;
    let by_status = [
        OfferStatus::Draft,
        OfferStatus::Published,
        OfferStatus::Filled,
        OfferStatus::Archived,
    ]
    .into_iter()
    .map(|status| StatusCount {
        status,
        count: offers.iter().filter(|o| o.status == status).count() as i64,
    })
    .collect();
    Ok(EntityFigures {
        daily_views: daily_views(db, Some(entity), None).await?,
        by_status,
        offers,
        applications: application_figures(db, Some(entity), None).await?,
    })
}

/// `NotFound` when the offer is not the entity's.
pub async fn offer_figures(db: &Db, entity: EntityId, id: OfferId) -> DbResult<OfferFigures> {
    let offer = audiences(db, entity, Some(id))
        .await?
        .pop()
        .ok_or(DbError::NotFound)?;
    Ok(OfferFigures {
        offer,
        daily_views: daily_views(db, Some(entity), Some(id)).await?,
        applications: application_figures(db, Some(entity), Some(id)).await?,
    })
}

/// Counts per week of the timestamps in `rows` (one row per event, the week's first day).
fn weekly(from: NaiveDate, rows: Vec<NaiveDateTime>) -> Vec<Point> {
    let days: Vec<Point> = rows
        .into_iter()
        .map(|at| Point {
            day: at.date(),
            count: 1,
        })
        .collect();
    dense_series(from, STATS_WEEKS, 7, &days)
}

pub async fn platform_figures(db: &Db) -> DbResult<PlatformFigures> {
    let now = chrono::Utc::now().naive_utc();
    let from = first_day(STATS_WEEKS * 7);
    let since = from.and_time(chrono::NaiveTime::MIN);
    let (entities, open_offers, roles, signups, publications) = with_conn!(db, |conn: DB| {
        let entities: i64 = entities::table.count().get_result(conn).await?;
        let open_offers: i64 = offers::table
            .filter(is_public(now))
            .count()
            .get_result(conn)
            .await?;
        let roles: Vec<(String, i64)> = users::table
            .filter(users::disabled_at.is_null())
            .group_by(users::role)
            .select((users::role, count_star()))
            .load(conn)
            .await?;
        let signups: Vec<NaiveDateTime> = users::table
            .filter(users::created_at.ge(since))
            .select(users::created_at)
            .load(conn)
            .await?;
        let publications: Vec<NaiveDateTime> = offers::table
            .filter(offers::status.ne(OfferStatus::Draft.as_ref()))
            .filter(offers::published_at.ge(since))
            .select(offers::published_at)
            .load(conn)
            .await?;
        (entities, open_offers, roles, signups, publications)
    });
    let role_count = |role: Role| {
        roles
            .iter()
            .find(|(r, _)| r == role.as_ref())
            .map_or(0, |(_, n)| *n)
    };
    Ok(PlatformFigures {
        entities,
        open_offers,
        recruiters: role_count(Role::Recruiter),
        candidates: role_count(Role::Candidate),
        pending_access_requests: access_requests::count_pending(db).await?,
        weekly_signups: weekly(from, signups),
        weekly_publications: weekly(from, publications),
        daily_views: daily_views(db, None, None).await?,
        applications: application_figures(db, None, None).await?,
    })
}

/// Applications of an entity, of one of its offers, or of the platform (both `None`).
async fn application_figures(
    db: &Db,
    entity: Option<EntityId>,
    offer: Option<OfferId>,
) -> DbResult<ApplicationFigures> {
    type Row = (String, NaiveDateTime, Option<NaiveDateTime>);
    let rows: Vec<Row> = with_conn!(db, |conn: DB| {
        let mut query = applications::table
            .select((
                applications::status,
                applications::created_at,
                applications::first_answer_at,
            ))
            .into_boxed::<DB>();
        if let Some(entity) = entity {
            query = query.filter(applications::entity_id.eq(entity.0));
        }
        if let Some(offer) = offer {
            query = query.filter(applications::offer_id.eq(offer.0));
        }
        query.load(conn).await?
    });
    let facts = rows
        .into_iter()
        .map(|(raw, received, answered)| Ok((parse_status(&raw)?, received, answered)))
        .collect::<DbResult<Vec<ApplicationFact>>>()?;
    Ok(ApplicationFigures::compute(
        first_day(STATS_WEEKS * 7),
        &facts,
    ))
}
