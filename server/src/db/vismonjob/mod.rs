//! Vis mon job storage: editions, sign-ups, ambassadors and duos.

pub mod ambassadors;
pub mod coaching;
pub mod duos;
pub mod editions;
pub mod signups;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::{FieldError, MetierId};
use std::collections::HashMap;

use super::schema::{departements, entities, metiers};
use super::{Db, DbResult};
use crate::with_conn;

/// The métiers, entities and département a form names, checked against the reference data.
pub struct References {
    /// Id of each known métier slug.
    pub metiers: HashMap<String, MetierId>,
    pub entities: Vec<String>,
    pub departement: bool,
}

impl References {
    /// Field errors for what does not exist (`metier_field` names the métier field).
    pub fn errors(
        &self,
        metier_field: &str,
        asked_metiers: &[String],
        asked_entities: &[String],
    ) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(unknown) = asked_metiers
            .iter()
            .find(|m| !self.metiers.contains_key(*m))
        {
            errors.push(FieldError::new(
                metier_field,
                format!("Métier inconnu : {unknown}."),
            ));
        }
        if let Some(unknown) = asked_entities.iter().find(|e| !self.entities.contains(e)) {
            errors.push(FieldError::new(
                "administrations",
                format!("Administration inconnue : {unknown}."),
            ));
        }
        if !self.departement {
            errors.push(FieldError::new("departement_code", "Département inconnu."));
        }
        errors
    }
}

pub async fn references(
    db: &Db,
    metier_slugs: &[String],
    entity_slugs: &[String],
    departement: &str,
) -> DbResult<References> {
    Ok(with_conn!(db, |conn: DB| {
        let known_metiers: Vec<(String, MetierId)> = metiers::table
            .filter(metiers::slug.eq_any(metier_slugs))
            .select((metiers::slug, metiers::id))
            .load(conn)
            .await?;
        let known_entities: Vec<String> = entities::table
            .filter(entities::slug.eq_any(entity_slugs))
            .select(entities::slug)
            .load(conn)
            .await?;
        let departements: i64 = departements::table
            .filter(departements::code.eq(departement))
            .count()
            .get_result(conn)
            .await?;
        References {
            metiers: known_metiers.into_iter().collect(),
            entities: known_entities,
            departement: departements > 0,
        }
    }))
}
