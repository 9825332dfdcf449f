//! Public offer queries: search with filters and cursor pagination (through the search
//! engine), and one offer.

use chrono::{DateTime, NaiveDateTime};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::offer::{
    Category, ContractType, Experience, Offer, OfferEntity, OfferLocation, OfferMetier,
    OfferStatus, OfferSummary, Remote, SalaryRange,
};
use shared::search::{Cursor, OfferPage, OfferSearch, Sort};
use shared::{EntityId, OfferId};
use std::collections::HashMap;
use std::str::FromStr;

use super::schema::{departements, entities, metier_families, metiers, offers};
use super::{Db, DbError, DbResult};
use crate::search::documents::Reference;
use crate::search::{cache, highlight, Position};
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
    updated_at: NaiveDateTime,
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

    /// The same from the search engine's copy of the reference tables (no query); `None`
    /// when a row points to something it does not hold (changed since it was indexed).
    fn from_reference(reference: &Reference, rows: &[OfferRow]) -> Option<Self> {
        let mut labels = Self {
            entities: HashMap::new(),
            metiers: HashMap::new(),
            departements: HashMap::new(),
        };
        for row in rows {
            let entity = reference.entities.get(&row.entity_id)?;
            let metier = reference.metiers.get(&row.metier_id)?;
            let (departement, _) = reference.departements.get(&row.departement_code)?;
            labels.entities.insert(
                row.entity_id,
                OfferEntity {
                    slug: entity.slug.clone(),
                    name: entity.name.clone(),
                    acronym: entity.acronym.clone(),
                },
            );
            labels.metiers.insert(
                row.metier_id,
                OfferMetier {
                    slug: metier.slug.clone(),
                    name: metier.name.clone(),
                    family_slug: metier.family_slug.clone(),
                },
            );
            labels
                .departements
                .insert(row.departement_code.clone(), departement.clone());
        }
        Some(labels)
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
            updated_at: row.updated_at,
            title: row.title,
        })
    }
}

/// Public offers matching `search`, one page at a time: the search engine picks and
/// orders them (see [`crate::search`]), the database gives their current rows.
pub async fn search_offers(db: &Db, search: &OfferSearch) -> DbResult<OfferPage> {
    let now = chrono::Utc::now().naive_utc();
    let sort = search.effective_sort();
    let limit = search.effective_limit() as usize;
    // A ranked walk sees the offers published by its first page, whatever is published since.
    let (position, as_of) = match search.cursor {
        Some(Cursor::Ranked {
            offset,
            as_of_micros,
        }) => (
            Some(Position::Offset(offset)),
            DateTime::from_timestamp_micros(as_of_micros)
                .map(|d| d.naive_utc())
                .unwrap_or(now),
        ),
        Some(Cursor::After {
            published_at_micros,
            id,
        }) => (
            Some(Position::After(
                DateTime::from_timestamp_micros(published_at_micros)
                    .map(|d| d.naive_utc())
                    .unwrap_or_default(),
                id,
            )),
            now,
        ),
        // A numbered page: an offset among the offers published now.
        None => (
            search
                .page
                .map(|page| Position::Offset((page - 1) * limit as u32)),
            now,
        ),
    };
    let start = match position {
        Some(Position::Offset(n)) => n,
        _ => 0,
    };
    let engine = db.search.current(db).await?;
    let generation = engine.generation();
    let page_key = cache::page_key(search);
    if let Some(page) = engine.pages.get(&page_key, generation) {
        return Ok(OfferPage::clone(&page));
    }
    let found = engine.find(search, now, as_of, position, limit)?;
    let page_ids = found.ids.clone();
    let loaded: Vec<OfferRow> = with_conn!(db, |conn: DB| {
        offers::table
            .filter(offers::id.eq_any(&page_ids))
            .select(OfferRow::as_select())
            .load(conn)
            .await?
    });
    let mut by_id: HashMap<i64, OfferRow> = loaded.into_iter().map(|row| (row.id, row)).collect();
    let mut rows: Vec<OfferRow> = page_ids.iter().filter_map(|id| by_id.remove(id)).collect();
    let has_more = found.ids.len() > limit;
    rows.truncate(limit);
    let next_cursor = rows.last().filter(|_| has_more).map(|last| match sort {
        // Relevance and salary orders have no stable key: continue by offset.
        Sort::Relevance | Sort::Salary => Cursor::Ranked {
            offset: start + rows.len() as u32,
            as_of_micros: as_of.and_utc().timestamp_micros(),
        },
        Sort::Recent => Cursor::After {
            published_at_micros: last.published_at.and_utc().timestamp_micros(),
            id: last.id,
        },
    });
    // The descriptions are read only to highlight the words searched.
    let highlights = match &found.patterns {
        Some(patterns) => {
            let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
            let texts: HashMap<i64, (String, String, String)> = with_conn!(db, |conn: DB| {
                offers::table
                    .filter(offers::id.eq_any(&ids))
                    .select((offers::id, (offers::mission, offers::profile, offers::team)))
                    .load::<(i64, (String, String, String))>(conn)
                    .await?
            })
            .into_iter()
            .collect();
            rows.iter()
                .map(|row| {
                    let (mission, profile, team) = texts.get(&row.id).cloned().unwrap_or_default();
                    highlight::highlight(
                        OfferId(row.id),
                        &row.title,
                        &[&mission, &profile, &team],
                        patterns,
                    )
                })
                .collect()
        }
        None => Vec::new(),
    };
    let labels = match engine.with_live(|live| Labels::from_reference(&live.reference, &rows)) {
        Some(labels) => labels,
        None => Labels::load(db, &rows).await?,
    };
    let page = OfferPage {
        items: rows
            .into_iter()
            .map(|row| labels.summary(row))
            .collect::<DbResult<_>>()?,
        next_cursor: next_cursor.map(|c| c.encode()),
        total: found.total,
        facets: found.facets,
        highlights,
        did_you_mean: found.did_you_mean,
    };
    engine
        .pages
        .put(page_key, generation, std::sync::Arc::new(page.clone()));
    Ok(page)
}

/// Which offers a lookup may see.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Published and unexpired offers, of any entity.
    Public,
    /// Every offer of one entity, whatever its status (its recruiters' view).
    Entity(EntityId),
}

/// Which of the offers in scope a load returns.
#[derive(Debug, Clone, Copy)]
enum Window<'a> {
    /// Every one, most recently updated first.
    All,
    /// This one.
    One(OfferId),
    /// Up to `limit` by id, after the id `after` (keyset pages: the same cost at any depth).
    After { after: Option<OfferId>, limit: i64 },
    /// These (a page of the changes feed: a few hundred at most).
    Ids(&'a [OfferId]),
}

/// Full offers matching `scope`, in `window`.
async fn load_offers(db: &Db, scope: Scope, window: Window<'_>) -> DbResult<Vec<Offer>> {
    let now = chrono::Utc::now().naive_utc();
    let rows: Vec<(OfferRow, OfferTexts)> = with_conn!(db, |conn: DB| {
        let mut query = offers::table.into_boxed::<DB>();
        query = match scope {
            Scope::Public => query.filter(is_public(now)),
            Scope::Entity(entity) => query.filter(offers::entity_id.eq(entity.0)),
        };
        query = match window {
            Window::All => query.order((offers::updated_at.desc(), offers::id.desc())),
            Window::One(id) => query.filter(offers::id.eq(id.0)),
            Window::After { after, limit } => query
                .filter(offers::id.gt(after.map_or(0, |id| id.0)))
                .order(offers::id.asc())
                .limit(limit),
            Window::Ids(ids) => query
                .filter(offers::id.eq_any(ids.iter().map(|id| id.0).collect::<Vec<_>>()))
                .order(offers::id.asc()),
        };
        query
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
    load_offers(db, scope, Window::One(id))
        .await?
        .into_iter()
        .next()
        .ok_or(DbError::NotFound)
}

/// One public offer.
pub async fn find_public_offer(db: &Db, id: OfferId) -> DbResult<Offer> {
    find_offer(db, Scope::Public, id).await
}

/// Every public offer (published and not expired), most recently updated first.
pub async fn list_public_offers(db: &Db) -> DbResult<Vec<Offer>> {
    load_offers(db, Scope::Public, Window::All).await
}

/// Up to `limit` public offers (published and not expired) by id, after `after`: the
/// open-data exports read them page after page, in constant memory.
pub async fn public_offers_after(
    db: &Db,
    after: Option<OfferId>,
    limit: i64,
) -> DbResult<Vec<Offer>> {
    load_offers(db, Scope::Public, Window::After { after, limit }).await
}

/// The public offers among `ids` (a page of the changes feed).
pub async fn public_offers_among(db: &Db, ids: &[OfferId]) -> DbResult<Vec<Offer>> {
    load_offers(db, Scope::Public, Window::Ids(ids)).await
}

/// The `index`-th run of `limit` public offers by id (from 0): each one's id and when it
/// last changed, for a sitemap file.
pub async fn public_offer_dates(
    db: &Db,
    index: i64,
    limit: i64,
) -> DbResult<Vec<(i64, NaiveDateTime)>> {
    let now = chrono::Utc::now().naive_utc();
    Ok(with_conn!(db, |conn: DB| {
        offers::table
            .filter(is_public(now))
            .order(offers::id.asc())
            .offset(index * limit)
            .limit(limit)
            .select((offers::id, offers::updated_at))
            .load(conn)
            .await?
    }))
}

/// What the public offers' exports are made of, to tell whether they changed without reading
/// them: how many offers are public, the last id, and the last change of an offer or an
/// entity (whose names the rows carry) — that change's time is the exports' `Last-Modified`.
#[derive(Debug)]
pub struct PublicVersion {
    pub offers: i64,
    pub last_id: Option<i64>,
    pub last_offer_change: Option<NaiveDateTime>,
    pub last_entity_change: Option<NaiveDateTime>,
}

impl PublicVersion {
    /// When the exports last changed, as far as the database says.
    pub fn last_change(&self) -> Option<NaiveDateTime> {
        self.last_offer_change.max(self.last_entity_change)
    }
}

/// The public offers' [`PublicVersion`] now.
pub async fn public_version(db: &Db) -> DbResult<PublicVersion> {
    use diesel::dsl::{count_star, max};
    let now = chrono::Utc::now().naive_utc();
    Ok(with_conn!(db, |conn: DB| {
        let (offers, last_id, last_offer_change) = offers::table
            .filter(is_public(now))
            .select((count_star(), max(offers::id), max(offers::updated_at)))
            .first::<(i64, Option<i64>, Option<NaiveDateTime>)>(conn)
            .await?;
        let last_entity_change = entities::table
            .select(max(entities::updated_at))
            .first::<Option<NaiveDateTime>>(conn)
            .await?;
        PublicVersion {
            offers,
            last_id,
            last_offer_change,
            last_entity_change,
        }
    }))
}

/// How many offers are public.
pub async fn count_public_offers(db: &Db) -> DbResult<i64> {
    let now = chrono::Utc::now().naive_utc();
    Ok(with_conn!(db, |conn: DB| {
        offers::table
            .filter(is_public(now))
            .count()
            .get_result(conn)
            .await?
    }))
}

/// Every offer of an entity, drafts included, most recently updated first.
pub async fn list_entity_offers(db: &Db, entity: EntityId) -> DbResult<Vec<Offer>> {
    load_offers(db, Scope::Entity(entity), Window::All).await
}
