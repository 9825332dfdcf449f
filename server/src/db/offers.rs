//! Public offer queries: search with filters and cursor pagination, and one offer.

use chrono::{DateTime, NaiveDateTime};
use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Float, Text};
use diesel_async::RunQueryDsl;
use shared::offer::{
    Category, ContractType, Experience, Offer, OfferEntity, OfferLocation, OfferMetier,
    OfferStatus, OfferSummary, Remote, SalaryRange,
};
use shared::search::{Cursor, OfferPage, OfferSearch, Sort};
use shared::{EntityId, OfferId};
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use super::entities::{EntityTree, OpenOffers};
use super::fulltext::{self, FullTextSql, RankedId, Ranking};
use super::schema::{departements, entities, metier_families, metiers, offers};
use super::{Db, DbError, DbResult};
use crate::with_conn;

/// Published and not yet expired: what the public may see.
pub fn is_public(
    now: NaiveDateTime,
) -> diesel::dsl::And<
    diesel::dsl::Eq<offers::status, &'static str>,
    diesel::dsl::Gt<offers::expires_at, NaiveDateTime>,
> {
    offers::status
        .eq(OfferStatus::Published.as_ref())
        .and(offers::expires_at.gt(now))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = offers)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
struct OfferRow {
    id: i64,
    entity_id: i64,
    metier_id: i64,
    title: String,
    contract_type: String,
    category: Option<String>,
    region_code: String,
    departement_code: String,
    city: String,
    remote: String,
    experience: String,
    salary_min: Option<i32>,
    salary_max: Option<i32>,
    published_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = offers)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
struct OfferTexts {
    status: String,
    mission: String,
    profile: String,
    team: String,
    perks: String,
    process: String,
}

/// Names of what offer rows point to, loaded in one query per table for a page of rows.
struct Labels {
    entities: HashMap<i64, OfferEntity>,
    metiers: HashMap<i64, OfferMetier>,
    departements: HashMap<String, String>,
}

fn parse<T: FromStr>(value: &str, what: &str) -> DbResult<T> {
    T::from_str(value).map_err(|_| DbError::Corrupt(format!("{what} « {value} »")))
}

impl Labels {
    async fn load(db: &Db, rows: &[OfferRow]) -> DbResult<Self> {
        let entity_ids: Vec<i64> = rows.iter().map(|r| r.entity_id).collect();
        let metier_ids: Vec<i64> = rows.iter().map(|r| r.metier_id).collect();
        let codes: Vec<String> = rows.iter().map(|r| r.departement_code.clone()).collect();
        let (e, m, d) = with_conn!(db, |conn: DB| {
            let e: Vec<(i64, String, String, Option<String>)> = entities::table
                .filter(entities::id.eq_any(&entity_ids))
                .select((
                    entities::id,
                    entities::slug,
                    entities::name,
                    entities::acronym,
                ))
                .load(conn)
                .await?;
            let m: Vec<(i64, String, String, String)> = metiers::table
                .inner_join(metier_families::table)
                .filter(metiers::id.eq_any(&metier_ids))
                .select((
                    metiers::id,
                    metiers::slug,
                    metiers::name,
                    metier_families::slug,
                ))
                .load(conn)
                .await?;
            let d: Vec<(String, String)> = departements::table
                .filter(departements::code.eq_any(&codes))
                .select((departements::code, departements::name))
                .load(conn)
                .await?;
            (e, m, d)
        });
        Ok(Self {
            entities: e
                .into_iter()
                .map(|(id, slug, name, acronym)| {
                    (
                        id,
                        OfferEntity {
                            slug,
                            name,
                            acronym,
                        },
                    )
                })
                .collect(),
            metiers: m
                .into_iter()
                .map(|(id, slug, name, family_slug)| {
                    (
                        id,
                        OfferMetier {
                            slug,
                            name,
                            family_slug,
                        },
                    )
                })
                .collect(),
            departements: d.into_iter().collect(),
        })
    }

    fn summary(&self, row: OfferRow) -> DbResult<OfferSummary> {
        let missing = |what: &str| DbError::Corrupt(format!("offer {} without {what}", row.id));
        Ok(OfferSummary {
            id: OfferId(row.id),
            entity: self
                .entities
                .get(&row.entity_id)
                .cloned()
                .ok_or_else(|| missing("entity"))?,
            metier: self
                .metiers
                .get(&row.metier_id)
                .cloned()
                .ok_or_else(|| missing("metier"))?,
            contract_type: parse::<ContractType>(&row.contract_type, "contract")?,
            category: row
                .category
                .as_deref()
                .map(|c| parse::<Category>(c, "category"))
                .transpose()?,
            location: OfferLocation {
                departement_name: self
                    .departements
                    .get(&row.departement_code)
                    .cloned()
                    .ok_or_else(|| missing("departement"))?,
                region_code: row.region_code,
                departement_code: row.departement_code,
                city: row.city,
            },
            remote: parse::<Remote>(&row.remote, "remote")?,
            experience: parse::<Experience>(&row.experience, "experience")?,
            salary: match (row.salary_min, row.salary_max) {
                (Some(min), Some(max)) => Some(SalaryRange { min, max }),
                _ => None,
            },
            published_at: row.published_at,
            expires_at: row.expires_at,
            title: row.title,
        })
    }
}

/// Slugs of the search resolved to ids. `None` inside means "matches nothing".
struct ResolvedFilters {
    entity_ids: Option<Vec<i64>>,
    metier_ids: Option<Vec<i64>>,
    stems: Vec<String>,
}

async fn resolve(db: &Db, search: &OfferSearch) -> DbResult<ResolvedFilters> {
    let entity_ids = match &search.entity {
        None => None,
        Some(slug) => {
            let tree = EntityTree::load(db).await?;
            Some(match tree.find_slug(slug) {
                Some(id) => tree.subtree(id).into_iter().map(|id| id.0).collect(),
                None => Vec::new(),
            })
        }
    };
    let metier_ids = if search.metier.is_some() || search.family.is_some() {
        let metier = search.metier.clone();
        let family = search.family.clone();
        Some(with_conn!(db, |conn: DB| {
            let mut query = metiers::table
                .inner_join(metier_families::table)
                .select(metiers::id)
                .into_boxed::<DB>();
            if let Some(slug) = metier {
                query = query.filter(metiers::slug.eq(slug));
            }
            if let Some(slug) = family {
                query = query.filter(metier_families::slug.eq(slug));
            }
            query.load::<i64>(conn).await?
        }))
    } else {
        None
    };
    Ok(ResolvedFilters {
        entity_ids,
        metier_ids,
        stems: search.q.as_deref().map(fulltext::stems).unwrap_or_default(),
    })
}

/// Public offers matching `search`, one page at a time.
pub async fn search_offers(db: &Db, search: &OfferSearch) -> DbResult<OfferPage> {
    let now = chrono::Utc::now().naive_utc();
    let filters = resolve(db, search).await?;
    let sort = search.effective_sort();
    let limit = i64::from(search.effective_limit());
    // A ranked walk sees the offers published by its first page, whatever is published since.
    let (start, as_of) = match search.cursor {
        Some(Cursor::Ranked {
            offset,
            as_of_micros,
        }) => (
            offset,
            DateTime::from_timestamp_micros(as_of_micros)
                .map(|d| d.naive_utc())
                .unwrap_or(now),
        ),
        _ => (0, now),
    };
    // Counting every open offer is a scan (12 ms at 100,000 on SQLite), for the most
    // frequent request of all, the offers page without criteria: that total is the sum of
    // the per-entity counts this process keeps a few seconds anyway.
    let open_offers = if search.is_unfiltered() && as_of == now {
        Some(OpenOffers::load(db).await?.total())
    } else {
        None
    };
    let (total, rows) = with_conn!(db, |conn: DB| {
        let ft_query =
            (!filters.stems.is_empty()).then(|| <DB as FullTextSql>::query(&filters.stems));
        let filtered = || {
            let mut query = offers::table
                .filter(is_public(now))
                .filter(offers::published_at.le(as_of))
                .into_boxed::<DB>();
            if let Some(ids) = &filters.entity_ids {
                query = query.filter(offers::entity_id.eq_any(ids.clone()));
            }
            if let Some(ids) = &filters.metier_ids {
                query = query.filter(offers::metier_id.eq_any(ids.clone()));
            }
            if let Some(code) = &search.region {
                query = query.filter(offers::region_code.eq(code.clone()));
            }
            if let Some(code) = &search.departement {
                query = query.filter(offers::departement_code.eq(code.clone()));
            }
            if let Some(contract) = search.contract {
                query = query.filter(offers::contract_type.eq(contract.as_ref().to_owned()));
            }
            if let Some(remote) = search.remote {
                query = query.filter(offers::remote.eq(remote.as_ref().to_owned()));
            }
            if let Some(experience) = search.experience {
                query = query.filter(offers::experience.eq(experience.as_ref().to_owned()));
            }
            if let Some(q) = &ft_query {
                query = query.filter(
                    sql::<Bool>(<DB as FullTextSql>::MATCH_OPEN)
                        .bind::<Text, _>(q.clone())
                        .sql(<DB as FullTextSql>::MATCH_CLOSE),
                );
            }
            query
        };
        match (sort, &ft_query, <DB as FullTextSql>::RANKING) {
            (Sort::Relevance, Some(q), Ranking::Score { open, close }) => {
                // One statement: the index finds the matches, only those passing the filters
                // are scored, and the window count is the total before paging.
                let scored: Vec<(OfferRow, i64)> = filtered()
                    .select((OfferRow::as_select(), sql::<BigInt>("count(*) OVER ()")))
                    .order(
                        sql::<Float>(open)
                            .bind::<Text, _>(q.clone())
                            .sql(close)
                            .desc(),
                    )
                    .then_order_by(offers::id.desc())
                    .offset(i64::from(start))
                    .limit(limit + 1)
                    .load(conn)
                    .await?;
                let total = match scored.as_slice() {
                    [(_, total), ..] => *total,
                    // A page past the end has no row to carry the count.
                    [] if start > 0 => filtered().select(count_star()).first(conn).await?,
                    [] => 0,
                };
                (total, scored.into_iter().map(|(row, _)| row).collect())
            }
            (Sort::Relevance, Some(q), Ranking::RankedIds(ranked_ids)) => {
                // Rank with the index's own scoring, keep the ids that pass the filters, then
                // load just the page: no per-row scoring subquery.
                let ranked: Vec<RankedId> = diesel::sql_query(ranked_ids)
                    .bind::<Text, _>(q.clone())
                    .load(conn)
                    .await?;
                let matching: HashSet<i64> = filtered()
                    .select(offers::id)
                    .load::<i64>(conn)
                    .await?
                    .into_iter()
                    .collect();
                let ordered: Vec<i64> = ranked
                    .into_iter()
                    .map(|r| r.id)
                    .filter(|id| matching.contains(id))
                    .collect();
                let page_ids: Vec<i64> = ordered
                    .iter()
                    .skip(start as usize)
                    .take(limit as usize + 1)
                    .copied()
                    .collect();
                let mut rows: Vec<OfferRow> = offers::table
                    .filter(offers::id.eq_any(&page_ids))
                    .select(OfferRow::as_select())
                    .load(conn)
                    .await?;
                rows.sort_by_key(|row| page_ids.iter().position(|id| *id == row.id));
                (ordered.len() as i64, rows)
            }
            _ => {
                let total: i64 = match open_offers {
                    Some(total) => total,
                    None => filtered().select(count_star()).first(conn).await?,
                };
                let mut page = filtered().order((offers::published_at.desc(), offers::id.desc()));
                match search.cursor {
                    Some(Cursor::After {
                        published_at_micros,
                        id,
                    }) => {
                        let at = DateTime::from_timestamp_micros(published_at_micros)
                            .map(|d| d.naive_utc())
                            .unwrap_or_default();
                        page = page.filter(
                            offers::published_at
                                .lt(at)
                                .or(offers::published_at.eq(at).and(offers::id.lt(id))),
                        );
                    }
                    Some(Cursor::Ranked { offset, .. }) => page = page.offset(i64::from(offset)),
                    None => {}
                }
                // One extra row tells whether a next page exists.
                let rows: Vec<OfferRow> = page
                    .select(OfferRow::as_select())
                    .limit(limit + 1)
                    .load(conn)
                    .await?;
                (total, rows)
            }
        }
    });
    let mut rows = rows;
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = rows.last().filter(|_| has_more).map(|last| match sort {
        // Relevance order has no stable key: continue by offset.
        Sort::Relevance => Cursor::Ranked {
            offset: start + rows.len() as u32,
            as_of_micros: as_of.and_utc().timestamp_micros(),
        },
        Sort::Recent => Cursor::After {
            published_at_micros: last.published_at.and_utc().timestamp_micros(),
            id: last.id,
        },
    });
    let labels = Labels::load(db, &rows).await?;
    Ok(OfferPage {
        items: rows
            .into_iter()
            .map(|row| labels.summary(row))
            .collect::<DbResult<_>>()?,
        next_cursor: next_cursor.map(|c| c.encode()),
        total,
    })
}

/// Which offers a lookup may see.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Published and unexpired offers, of any entity.
    Public,
    /// Every offer of one entity, whatever its status (its recruiters' view).
    Entity(EntityId),
}

/// Full offers matching `scope` (and `id` when given), most recently updated first.
async fn load_offers(db: &Db, scope: Scope, id: Option<OfferId>) -> DbResult<Vec<Offer>> {
    let now = chrono::Utc::now().naive_utc();
    let rows: Vec<(OfferRow, OfferTexts)> = with_conn!(db, |conn: DB| {
        let mut query = offers::table.into_boxed::<DB>();
        query = match scope {
            Scope::Public => query.filter(is_public(now)),
            Scope::Entity(entity) => query.filter(offers::entity_id.eq(entity.0)),
        };
        if let Some(id) = id {
            query = query.filter(offers::id.eq(id.0));
        }
        query
            .order((offers::updated_at.desc(), offers::id.desc()))
            .select((OfferRow::as_select(), OfferTexts::as_select()))
            .load(conn)
            .await?
    });
    let (rows, texts): (Vec<OfferRow>, Vec<OfferTexts>) = rows.into_iter().unzip();
    let labels = Labels::load(db, &rows).await?;
    rows.into_iter()
        .zip(texts)
        .map(|(row, texts)| {
            Ok(Offer {
                summary: labels.summary(row)?,
                status: parse::<OfferStatus>(&texts.status, "status")?,
                mission: texts.mission,
                profile: texts.profile,
                team: texts.team,
                perks: texts.perks,
                process: texts.process,
            })
        })
        .collect()
}

/// One offer visible in `scope`; `NotFound` otherwise (another entity's offer included).
pub async fn find_offer(db: &Db, scope: Scope, id: OfferId) -> DbResult<Offer> {
    load_offers(db, scope, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(DbError::NotFound)
}

/// One public offer.
pub async fn find_public_offer(db: &Db, id: OfferId) -> DbResult<Offer> {
    find_offer(db, Scope::Public, id).await
}

/// Every offer of an entity, drafts included.
/// Every public offer (published and not expired), for the open-data exports.
pub async fn list_public_offers(db: &Db) -> DbResult<Vec<Offer>> {
    load_offers(db, Scope::Public, None).await
}

pub async fn list_entity_offers(db: &Db, entity: EntityId) -> DbResult<Vec<Offer>> {
    load_offers(db, Scope::Entity(entity), None).await
}
