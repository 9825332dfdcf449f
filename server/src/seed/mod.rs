//! Reference data and deterministic demo content, inserted through the same row types
//! the application reads. Idempotent: what exists (by code or slug) is left as is, and
//! demo offers are only added up to the requested count.

mod catalogue;
mod forum;
mod offers;
mod reference;
mod vismonjob;

pub use vismonjob::DEMO_STUDENTS;

use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::config::SeedArgs;
use crate::db::schema::offers as offers_table;
use crate::db::{Db, DbResult};
use crate::with_conn;

/// Demo offers created by default (`make run`).
pub const DEFAULT_OFFERS: usize = 240;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub regions: usize,
    pub departements: usize,
    pub families: usize,
    pub metiers: usize,
    pub entities: usize,
    pub offers: usize,
    pub vis_mon_job_editions: usize,
    pub forum_editions: usize,
}

/// Whether no offer exists yet.
pub async fn is_empty(db: &Db) -> DbResult<bool> {
    let count: i64 = with_conn!(db, |conn: DB| {
        offers_table::table.select(count_star()).first(conn).await?
    });
    Ok(count == 0)
}

/// Loads everything; returns what was added.
pub async fn run(db: &Db, args: &SeedArgs) -> anyhow::Result<SeedReport> {
    let mut report = SeedReport::default();
    reference::seed_geography(db, &mut report).await?;
    reference::seed_metiers(db, &mut report).await?;
    catalogue::seed_entities(db, &mut report).await?;
    offers::seed_offers(db, args.offers.unwrap_or(DEFAULT_OFFERS), &mut report).await?;
    report.vis_mon_job_editions = vismonjob::seed_editions(db).await?;
    report.forum_editions = forum::seed_forum(db).await?;
    Ok(report)
}
