//! Demo entities with their showcases and testimonials (`data/entities.json`).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::Deserialize;
use shared::entity::{is_valid_slug, KeyFigure, Project, Testimonial};
use shared::EntityId;

use super::SeedReport;
use crate::db::schema::{entities, testimonials};
use crate::db::{Db, DbError};
use crate::in_transaction;

#[derive(Deserialize)]
struct EntityJson {
    slug: String,
    name: String,
    acronym: Option<String>,
    kind: shared::entity::EntityKind,
    parent: Option<String>,
    departement: Option<String>,
    city: Option<String>,
    website: Option<String>,
    presentation: String,
    missions: String,
    values: Vec<String>,
    strengths: Vec<String>,
    projects: Vec<Project>,
    organisation: String,
    key_figures: Vec<KeyFigure>,
    recruitment_process: String,
    testimonials: Vec<Testimonial>,
}

pub(super) async fn seed_entities(db: &Db, report: &mut SeedReport) -> anyhow::Result<()> {
    let list: Vec<EntityJson> = serde_json::from_str(include_str!("data/entities.json"))?;
    for e in &list {
        anyhow::ensure!(is_valid_slug(&e.slug), "slug invalide : {}", e.slug);
    }
    let now = chrono::Utc::now().naive_utc();
    report.entities = in_transaction!(db, |conn: DB| {
        let mut added = 0;
        for e in &list {
            let exists: Option<i64> = entities::table
                .filter(entities::slug.eq(&e.slug))
                .select(entities::id)
                .first(conn)
                .await
                .optional()?;
            if exists.is_some() {
                continue;
            }
            let parent_id: Option<i64> = match &e.parent {
                None => None,
                Some(slug) => Some(
                    entities::table
                        .filter(entities::slug.eq(slug))
                        .select(entities::id)
                        .first(conn)
                        .await
                        .optional()?
                        .ok_or_else(|| DbError::Corrupt(format!("parent inconnu : {slug}")))?,
                ),
            };
            let id: EntityId = diesel::insert_into(entities::table)
                .values((
                    entities::parent_id.eq(parent_id),
                    entities::slug.eq(&e.slug),
                    entities::name.eq(&e.name),
                    entities::acronym.eq(&e.acronym),
                    entities::kind.eq(e.kind.as_ref()),
                    entities::departement_code.eq(&e.departement),
                    entities::city.eq(&e.city),
                    entities::website.eq(&e.website),
                    entities::presentation.eq(&e.presentation),
                    entities::missions.eq(&e.missions),
                    entities::values_json.eq(serde_json::to_string(&e.values)?),
                    entities::strengths_json.eq(serde_json::to_string(&e.strengths)?),
                    entities::projects_json.eq(serde_json::to_string(&e.projects)?),
                    entities::organisation.eq(&e.organisation),
                    entities::key_figures_json.eq(serde_json::to_string(&e.key_figures)?),
                    entities::recruitment_process.eq(&e.recruitment_process),
                    entities::created_at.eq(now),
                    entities::updated_at.eq(now),
                ))
                .returning(entities::id)
                .get_result(conn)
                .await?;
            for (position, t) in e.testimonials.iter().enumerate() {
                diesel::insert_into(testimonials::table)
                    .values((
                        testimonials::entity_id.eq(id),
                        testimonials::author_name.eq(&t.author_name),
                        testimonials::job_title.eq(&t.job_title),
                        testimonials::quote.eq(&t.quote),
                        testimonials::position.eq(position as i32),
                    ))
                    .execute(conn)
                    .await?;
            }
            added += 1;
        }
        Ok(added)
    })?;
    Ok(())
}
