//! Entities and their showcases. The tree is small (hundreds of rows at most), so it is
//! loaded whole and walked in memory rather than with recursive SQL.

use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::entity::{
    EntityDetail, EntityKind, EntitySummary, Showcase, ShowcaseUpdate, Testimonial,
};
use shared::{EntityId, UserId};
use std::collections::HashMap;
use std::str::FromStr;

use super::audit::record;
use super::offers::is_public;
use super::schema::{entities, offers, testimonials};
use super::{Db, DbError, DbResult};
use crate::{in_transaction, with_conn};

#[derive(Queryable, Selectable)]
#[diesel(table_name = entities)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
struct EntityNode {
    id: EntityId,
    parent_id: Option<EntityId>,
    slug: String,
    name: String,
    acronym: Option<String>,
    kind: String,
    departement_code: Option<String>,
    city: Option<String>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = entities)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
struct ShowcaseRow {
    website: Option<String>,
    presentation: String,
    missions: String,
    values_json: String,
    strengths_json: String,
    projects_json: String,
    organisation: String,
    key_figures_json: String,
    recruitment_process: String,
}

/// The whole entity tree.
pub struct EntityTree {
    nodes: Vec<EntityNode>,
}

/// How long a process keeps the open-offer counts. Counting walks every open offer (13 ms
/// at 100,000 offers on SQLite even from the covering index; counted on every request before
/// it, the entity API answered 11 requests a second), and every entity page and list shows
/// them; a count that lags other processes' publications by a few seconds is harmless.
/// This process's own publications show at once ([`forget_open_offers`]).
pub const OPEN_OFFERS_TTL: std::time::Duration = std::time::Duration::from_secs(10);

/// Open offers of each entity itself (not of its sub-entities).
pub struct OpenOffers(std::sync::Arc<HashMap<i64, i64>>);

impl OpenOffers {
    pub async fn load(db: &Db) -> DbResult<Self> {
        let counts = db
            .open_offers
            .get_or_load(|| async {
                let now = chrono::Utc::now().naive_utc();
                let counts: Vec<(i64, i64)> = with_conn!(db, |conn: DB| {
                    offers::table
                        .filter(is_public(now))
                        .group_by(offers::entity_id)
                        .select((offers::entity_id, count_star()))
                        .load(conn)
                        .await?
                });
                Ok::<_, DbError>(counts.into_iter().collect())
            })
            .await?;
        Ok(Self(counts))
    }

    /// Open offers of all entities.
    pub fn total(&self) -> i64 {
        self.0.values().sum()
    }

    fn of(&self, id: EntityId) -> i64 {
        self.0.get(&id.0).copied().unwrap_or(0)
    }
}

/// Called after this process changed offers: its next reads count them again.
pub async fn forget_open_offers(db: &Db) {
    db.open_offers.invalidate().await;
}

impl EntityTree {
    pub async fn load(db: &Db) -> DbResult<Self> {
        let nodes = with_conn!(db, |conn: DB| {
            entities::table
                .select(EntityNode::as_select())
                .order(entities::id)
                .load(conn)
                .await?
        });
        Ok(Self { nodes })
    }

    /// The kind of an entity.
    pub fn kind_of(&self, id: EntityId) -> Option<EntityKind> {
        self.node(id)
            .and_then(|n| EntityKind::from_str(&n.kind).ok())
    }

    /// The kinds of the entities directly below `id`.
    pub fn child_kinds(&self, id: EntityId) -> Vec<EntityKind> {
        self.children(Some(id))
            .into_iter()
            .filter_map(|n| EntityKind::from_str(&n.kind).ok())
            .collect()
    }

    fn node(&self, id: EntityId) -> Option<&EntityNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn find_slug(&self, slug: &str) -> Option<EntityId> {
        self.nodes.iter().find(|n| n.slug == slug).map(|n| n.id)
    }

    /// `id` and its ancestors, up to the ministry.
    pub fn lineage(&self, id: EntityId) -> Vec<EntityId> {
        let mut out = Vec::new();
        let mut current = self.node(id);
        while let Some(node) = current {
            out.push(node.id);
            current = node.parent_id.and_then(|p| self.node(p));
        }
        out
    }

    /// `id` and every entity below it.
    pub fn subtree(&self, id: EntityId) -> Vec<EntityId> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() {
            let parent = out[i];
            out.extend(
                self.nodes
                    .iter()
                    .filter(|n| n.parent_id == Some(parent))
                    .map(|n| n.id),
            );
            i += 1;
        }
        out
    }

    fn summary(&self, node: &EntityNode, counts: &OpenOffers) -> DbResult<EntitySummary> {
        Ok(EntitySummary {
            id: node.id,
            slug: node.slug.clone(),
            name: node.name.clone(),
            acronym: node.acronym.clone(),
            kind: EntityKind::from_str(&node.kind)
                .map_err(|_| DbError::Corrupt(format!("entity kind {}", node.kind)))?,
            parent_slug: node
                .parent_id
                .and_then(|p| self.node(p))
                .map(|p| p.slug.clone()),
            city: node.city.clone(),
            departement_code: node.departement_code.clone(),
            open_offers: self
                .subtree(node.id)
                .into_iter()
                .map(|id| counts.of(id))
                .sum(),
        })
    }

    /// Every entity, each followed by its sub-entities (depth first), siblings by name.
    pub fn summaries(&self, counts: &OpenOffers) -> DbResult<Vec<EntitySummary>> {
        let mut out = Vec::with_capacity(self.nodes.len());
        self.push_children(None, counts, &mut out)?;
        Ok(out)
    }

    fn children(&self, parent: Option<EntityId>) -> Vec<&EntityNode> {
        let mut children: Vec<&EntityNode> = self
            .nodes
            .iter()
            .filter(|n| n.parent_id == parent)
            .collect();
        children.sort_by(|a, b| a.name.cmp(&b.name));
        children
    }

    fn push_children(
        &self,
        parent: Option<EntityId>,
        counts: &OpenOffers,
        out: &mut Vec<EntitySummary>,
    ) -> DbResult<()> {
        for child in self.children(parent) {
            out.push(self.summary(child, counts)?);
            self.push_children(Some(child.id), counts, out)?;
        }
        Ok(())
    }

    fn ancestors(&self, node: &EntityNode, counts: &OpenOffers) -> DbResult<Vec<EntitySummary>> {
        let mut chain = Vec::new();
        let mut current = node.parent_id.and_then(|p| self.node(p));
        while let Some(parent) = current {
            chain.push(self.summary(parent, counts)?);
            current = parent.parent_id.and_then(|p| self.node(p));
        }
        chain.reverse();
        Ok(chain)
    }
}

/// Every entity, as a depth-first list.
pub async fn list_entities(db: &Db) -> DbResult<Vec<EntitySummary>> {
    let counts = OpenOffers::load(db).await?;
    EntityTree::load(db).await?.summaries(&counts)
}

/// The showcase of one entity, by slug.
pub async fn find_entity(db: &Db, slug: &str) -> DbResult<EntityDetail> {
    let tree = EntityTree::load(db).await?;
    let id = tree.find_slug(slug).ok_or(DbError::NotFound)?;
    entity_detail(db, &tree, id).await
}

/// The showcase of one entity, by id.
pub async fn find_entity_by_id(db: &Db, id: EntityId) -> DbResult<EntityDetail> {
    let tree = EntityTree::load(db).await?;
    entity_detail(db, &tree, id).await
}

/// Replaces an entity's showcase and testimonials, with its audit entry, in one transaction.
pub async fn update_showcase(
    db: &Db,
    actor: UserId,
    entity: EntityId,
    update: &ShowcaseUpdate,
) -> DbResult<()> {
    let s = &update.showcase;
    let (values, strengths, projects, figures) = (
        serde_json::to_string(&s.values)?,
        serde_json::to_string(&s.strengths)?,
        serde_json::to_string(&s.projects)?,
        serde_json::to_string(&s.key_figures)?,
    );
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        diesel::update(entities::table.find(entity.0))
            .set((
                entities::presentation.eq(&s.presentation),
                entities::missions.eq(&s.missions),
                entities::values_json.eq(&values),
                entities::strengths_json.eq(&strengths),
                entities::projects_json.eq(&projects),
                entities::organisation.eq(&s.organisation),
                entities::key_figures_json.eq(&figures),
                entities::recruitment_process.eq(&s.recruitment_process),
                entities::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        diesel::delete(testimonials::table.filter(testimonials::entity_id.eq(entity.0)))
            .execute(conn)
            .await?;
        for (position, t) in update.testimonials.iter().enumerate() {
            diesel::insert_into(testimonials::table)
                .values((
                    testimonials::entity_id.eq(entity.0),
                    testimonials::author_name.eq(t.author_name.trim()),
                    testimonials::job_title.eq(t.job_title.trim()),
                    testimonials::quote.eq(t.quote.trim()),
                    testimonials::position.eq(position as i32),
                ))
                .execute(conn)
                .await?;
        }
        record!(conn, actor: Some(actor.0), entity: Some(entity.0), "showcase.update", format!("entité {}", entity.0), now)?;
        Ok(())
    })
}

async fn entity_detail(db: &Db, tree: &EntityTree, id: EntityId) -> DbResult<EntityDetail> {
    let node = tree.node(id).ok_or(DbError::NotFound)?;
    let counts = OpenOffers::load(db).await?;
    let (row, testimonial_rows) = with_conn!(db, |conn: DB| {
        let row: ShowcaseRow = entities::table
            .find(node.id)
            .select(ShowcaseRow::as_select())
            .first(conn)
            .await?;
        let quotes: Vec<(String, String, String)> = testimonials::table
            .filter(testimonials::entity_id.eq(node.id))
            .order(testimonials::position)
            .select((
                testimonials::author_name,
                testimonials::job_title,
                testimonials::quote,
            ))
            .load(conn)
            .await?;
        (row, quotes)
    });
    Ok(EntityDetail {
        summary: tree.summary(node, &counts)?,
        website: row.website,
        showcase: Showcase {
            presentation: row.presentation,
            missions: row.missions,
            values: serde_json::from_str(&row.values_json)?,
            strengths: serde_json::from_str(&row.strengths_json)?,
            projects: serde_json::from_str(&row.projects_json)?,
            organisation: row.organisation,
            key_figures: serde_json::from_str(&row.key_figures_json)?,
            recruitment_process: row.recruitment_process,
        },
        testimonials: testimonial_rows
            .into_iter()
            .map(|(author_name, job_title, quote)| Testimonial {
                author_name,
                job_title,
                quote,
            })
            .collect(),
        ancestors: tree.ancestors(node, &counts)?,
        children: tree
            .children(Some(node.id))
            .into_iter()
            .map(|c| tree.summary(c, &counts))
            .collect::<DbResult<_>>()?,
    })
}

/// The name of an entity.
pub async fn entity_name(db: &Db, id: EntityId) -> DbResult<String> {
    Ok(with_conn!(db, |conn: DB| {
        entities::table
            .find(id.0)
            .select(entities::name)
            .first(conn)
            .await?
    }))
}
