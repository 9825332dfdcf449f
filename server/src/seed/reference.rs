//! Regions, départements and the métiers referential.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

use super::SeedReport;
use crate::db::schema::{departements, metier_families, metiers, regions};
use crate::db::{Db, DbError};
use crate::in_transaction;

#[derive(Deserialize)]
struct GeoRow {
    code: String,
    nom: String,
    region: Option<String>,
    zone: String,
}

/// Régions and départements proper: the overseas collectivités (zone "com") are neither.
fn is_region_or_departement(row: &GeoRow) -> bool {
    row.zone != "com"
}

#[derive(Deserialize)]
struct Referential {
    families: Vec<FamilyJson>,
}

#[derive(Deserialize)]
struct FamilyJson {
    slug: String,
    name: String,
    metiers: Vec<String>,
}

#[derive(Deserialize)]
struct MetierText {
    slug: String,
    description: String,
}

pub(super) async fn seed_geography(db: &Db, report: &mut SeedReport) -> anyhow::Result<()> {
    let mut region_rows: Vec<GeoRow> = serde_json::from_str(include_str!("data/regions.json"))?;
    let mut departement_rows: Vec<GeoRow> =
        serde_json::from_str(include_str!("data/departements.json"))?;
    region_rows.retain(is_region_or_departement);
    departement_rows.retain(is_region_or_departement);
    let (r, d) = in_transaction!(db, |conn: DB| {
        let known: HashSet<String> = regions::table
            .select(regions::code)
            .load(conn)
            .await?
            .into_iter()
            .collect();
        let mut added = (0, 0);
        for row in region_rows.iter().filter(|r| !known.contains(&r.code)) {
            diesel::insert_into(regions::table)
                .values((regions::code.eq(&row.code), regions::name.eq(&row.nom)))
                .execute(conn)
                .await?;
            added.0 += 1;
        }
        let known: HashSet<String> = departements::table
            .select(departements::code)
            .load(conn)
            .await?
            .into_iter()
            .collect();
        for row in departement_rows.iter().filter(|d| !known.contains(&d.code)) {
            let region = row
                .region
                .clone()
                .ok_or_else(|| DbError::Corrupt(format!("département {} sans région", row.code)))?;
            diesel::insert_into(departements::table)
                .values((
                    departements::code.eq(&row.code),
                    departements::name.eq(&row.nom),
                    departements::region_code.eq(region),
                ))
                .execute(conn)
                .await?;
            added.1 += 1;
        }
        Ok(added)
    })?;
    report.regions = r;
    report.departements = d;
    Ok(())
}

pub(super) async fn seed_metiers(db: &Db, report: &mut SeedReport) -> anyhow::Result<()> {
    let referential: Referential = serde_json::from_str(include_str!("data/metiers.json"))?;
    let texts: HashMap<String, MetierText> =
        serde_json::from_str(include_str!("data/metier_descriptions.json"))?;
    for family in &referential.families {
        for name in &family.metiers {
            anyhow::ensure!(texts.contains_key(name), "métier sans description : {name}");
        }
    }
    let (f, m) = in_transaction!(db, |conn: DB| {
        let mut added = (0, 0);
        for (position, family) in referential.families.iter().enumerate() {
            let existing: Option<i64> = metier_families::table
                .filter(metier_families::slug.eq(&family.slug))
                .select(metier_families::id)
                .first(conn)
                .await
                .optional()?;
            let family_id = match existing {
                Some(id) => id,
                None => {
                    added.0 += 1;
                    diesel::insert_into(metier_families::table)
                        .values((
                            metier_families::slug.eq(&family.slug),
                            metier_families::name.eq(&family.name),
                            metier_families::position.eq(position as i32),
                        ))
                        .returning(metier_families::id)
                        .get_result(conn)
                        .await?
                }
            };
            for (index, name) in family.metiers.iter().enumerate() {
                let Some(text) = texts.get(name) else {
                    continue;
                };
                let exists: Option<i64> = metiers::table
                    .filter(metiers::slug.eq(&text.slug))
                    .select(metiers::id)
                    .first(conn)
                    .await
                    .optional()?;
                if exists.is_none() {
                    diesel::insert_into(metiers::table)
                        .values((
                            metiers::family_id.eq(family_id),
                            metiers::slug.eq(&text.slug),
                            metiers::name.eq(name),
                            metiers::description.eq(&text.description),
                            metiers::position.eq((position * 100 + index) as i32),
                        ))
                        .execute(conn)
                        .await?;
                    added.1 += 1;
                }
            }
        }
        Ok(added)
    })?;
    report.families = f;
    report.metiers = m;
    Ok(())
}
