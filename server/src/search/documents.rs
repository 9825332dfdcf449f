//! What the engine reads from the database: the reference tables (entities, métiers,
//! places) and the published offers, as the texts to index and the facts to filter on.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::offer::{ContractType, Experience, OfferStatus, Remote};
use shared::search::Facet;
use std::collections::HashMap;
use std::str::FromStr;

use super::suggest::NameWords;
use crate::db::schema::{departements, entities, metier_families, metiers, offers, regions};
use crate::db::{Db, DbResult};
use crate::with_conn;

pub struct EntityRef {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub parent: Option<i64>,
    /// The name's and acronym's words, for suggestions.
    pub words: NameWords,
}

pub struct MetierRef {
    pub slug: String,
    pub name: String,
    /// The name's words, for suggestions.
    pub words: NameWords,
    pub family_slug: String,
    pub family_name: String,
    pub family_id: i64,
}

/// Id, slug, name, acronym, parent of an entity.
type EntityRow = (i64, String, String, Option<String>, Option<i64>);

/// The small tables an offer's document names.
#[derive(Default)]
pub struct Reference {
    pub entities: HashMap<i64, EntityRef>,
    pub metiers: HashMap<i64, MetierRef>,
    /// Code → (name, region code).
    pub departements: HashMap<String, (String, String)>,
    pub regions: HashMap<String, String>,
}

impl Reference {
    pub async fn load(db: &Db) -> DbResult<Self> {
        let (e, m, d, r) = with_conn!(db, |conn: DB| {
            let e: Vec<EntityRow> = entities::table
                .select((
                    entities::id,
                    entities::slug,
                    entities::name,
                    entities::acronym,
                    entities::parent_id,
                ))
                .load(conn)
                .await?;
            let m: Vec<(i64, String, String, i64, String, String)> = metiers::table
                .inner_join(metier_families::table)
                .select((
                    metiers::id,
                    metiers::slug,
                    metiers::name,
                    metier_families::id,
                    metier_families::slug,
                    metier_families::name,
                ))
                .load(conn)
                .await?;
            let d: Vec<(String, String, String)> = departements::table
                .select((
                    departements::code,
                    departements::name,
                    departements::region_code,
                ))
                .load(conn)
                .await?;
            let r: Vec<(String, String)> = regions::table
                .select((regions::code, regions::name))
                .load(conn)
                .await?;
            (e, m, d, r)
        });
        Ok(Self {
            entities: e
                .into_iter()
                .map(|(id, slug, name, acronym, parent)| {
                    (
                        id,
                        EntityRef {
                            words: NameWords::of(&format!(
                                "{name} {}",
                                acronym.as_deref().unwrap_or("")
                            )),
                            slug,
                            name,
                            acronym,
                            parent,
                        },
                    )
                })
                .collect(),
            metiers: m
                .into_iter()
                .map(|(id, slug, name, family_id, family_slug, family_name)| {
                    (
                        id,
                        MetierRef {
                            words: NameWords::of(&name),
                            slug,
                            name,
                            family_slug,
                            family_name,
                            family_id,
                        },
                    )
                })
                .collect(),
            departements: d
                .into_iter()
                .map(|(code, name, region)| (code, (name, region)))
                .collect(),
            regions: r.into_iter().collect(),
        })
    }

    /// The entity and its ancestors, nearest first (a cycle cannot loop).
    pub fn lineage(&self, entity: i64) -> Vec<&EntityRef> {
        let mut chain = Vec::new();
        let mut next = Some(entity);
        while let Some(id) = next {
            match self.entities.get(&id) {
                Some(e) if chain.len() < 16 => {
                    chain.push(e);
                    next = e.parent;
                }
                _ => break,
            }
        }
        chain
    }

    /// Ids of `entity` and of every entity below it.
    pub fn subtree(&self, entity: i64) -> Vec<i64> {
        let Some(target) = self.entities.get(&entity) else {
            return vec![entity];
        };
        self.entities
            .keys()
            .copied()
            .filter(|id| self.lineage(*id).iter().any(|e| e.slug == target.slug))
            .collect()
    }
}

/// An offer's row, as read for indexing.
#[derive(Queryable, Selectable)]
#[diesel(table_name = offers)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OfferSource {
    pub id: i64,
    pub entity_id: i64,
    pub metier_id: i64,
    pub status: String,
    pub title: String,
    pub mission: String,
    pub profile: String,
    pub team: String,
    pub perks: String,
    pub process: String,
    pub contract_type: String,
    pub category: Option<String>,
    pub region_code: String,
    pub departement_code: String,
    pub city: String,
    pub remote: String,
    pub experience: String,
    pub salary_max: Option<i32>,
    pub published_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Published offers with `id` above `after`, by id, at most `limit`.
pub async fn load_published(db: &Db, after: i64, limit: i64) -> DbResult<Vec<OfferSource>> {
    Ok(with_conn!(db, |conn: DB| {
        offers::table
            .filter(offers::status.eq(OfferStatus::Published.as_ref()))
            .filter(offers::id.gt(after))
            .order(offers::id)
            .limit(limit)
            .select(OfferSource::as_select())
            .load(conn)
            .await?
    }))
}

/// The offers of `ids`, whatever their status.
pub async fn load_offers(db: &Db, ids: &[i64]) -> DbResult<Vec<OfferSource>> {
    let ids = ids.to_vec();
    Ok(with_conn!(db, |conn: DB| {
        offers::table
            .filter(offers::id.eq_any(&ids))
            .select(OfferSource::as_select())
            .load(conn)
            .await?
    }))
}

/// Ids of the offers of these entities or métiers.
pub async fn offers_of(db: &Db, entity_ids: &[i64], metier_ids: &[i64]) -> DbResult<Vec<i64>> {
    let (entity_ids, metier_ids) = (entity_ids.to_vec(), metier_ids.to_vec());
    Ok(with_conn!(db, |conn: DB| {
        offers::table
            .filter(
                offers::entity_id
                    .eq_any(&entity_ids)
                    .or(offers::metier_id.eq_any(&metier_ids)),
            )
            .select(offers::id)
            .load(conn)
            .await?
    }))
}

/// The texts of one offer, field by field, and its filter values.
pub struct OfferDocument {
    pub id: i64,
    pub title: String,
    /// Métier and family names.
    pub metier: String,
    /// The entity's and its ancestors' names and acronyms.
    pub entity: String,
    /// City, département, région.
    pub place: String,
    /// Contract, remote work, experience, category, in words.
    pub facts: String,
    pub body: String,
    /// Value and label of each facet, in [`Facet::all`]'s order.
    pub facets: Vec<(Facet, String, String)>,
    /// Slugs and names of the entity and its ancestors (the entity filter takes
    /// sub-entities in).
    pub entity_path: Vec<(String, String)>,
    /// The top of the salary range (the salary order).
    pub salary_max: Option<i32>,
    pub published_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

fn label<T: FromStr + Copy>(value: &str, label: fn(T) -> &'static str) -> String {
    T::from_str(value).map(label).unwrap_or(value).to_owned()
}

impl OfferDocument {
    /// `None` when the offer is not public or points at a missing row.
    pub fn new(offer: OfferSource, reference: &Reference) -> Option<Self> {
        if offer.status != OfferStatus::Published.as_ref() {
            return None;
        }
        let metier = reference.metiers.get(&offer.metier_id)?;
        let lineage = reference.lineage(offer.entity_id);
        let entity = <[_]>::first(&lineage)?;
        let (departement, region_code) = reference.departements.get(&offer.departement_code)?;
        let region = reference
            .regions
            .get(region_code)
            .cloned()
            .unwrap_or_default();
        let contract = label::<ContractType>(&offer.contract_type, ContractType::label);
        let remote = label::<Remote>(&offer.remote, Remote::label);
        let experience = label::<Experience>(&offer.experience, Experience::label);
        let category = offer
            .category
            .as_deref()
            .and_then(|c| shared::offer::Category::from_str(c).ok())
            .map(|c| c.label())
            .unwrap_or("");
        let entity_text = lineage
            .iter()
            .map(|e| format!("{} {}", e.name, e.acronym.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(" . ");
        Some(Self {
            id: offer.id,
            metier: format!("{} . {}", metier.name, metier.family_name),
            entity: entity_text,
            place: format!("{} . {departement} . {region}", offer.city),
            facts: format!("{contract} . {remote} . {experience} . {category}"),
            body: [
                &offer.mission,
                &offer.profile,
                &offer.team,
                &offer.perks,
                &offer.process,
            ]
            .map(|s| s.as_str())
            .join("\n"),
            facets: vec![
                (Facet::Region, region_code.clone(), region),
                (
                    Facet::Departement,
                    offer.departement_code.clone(),
                    departement.clone(),
                ),
                (Facet::Contract, offer.contract_type.clone(), contract),
                (Facet::Remote, offer.remote.clone(), remote),
                (Facet::Experience, offer.experience.clone(), experience),
                (
                    Facet::Family,
                    metier.family_slug.clone(),
                    metier.family_name.clone(),
                ),
                (Facet::Metier, metier.slug.clone(), metier.name.clone()),
                (Facet::Entity, entity.slug.clone(), entity.name.clone()),
            ],
            entity_path: lineage
                .iter()
                .map(|e| (e.slug.clone(), e.name.clone()))
                .collect(),
            salary_max: offer.salary_max,
            published_at: offer.published_at,
            expires_at: offer.expires_at,
            title: offer.title,
        })
    }
}
