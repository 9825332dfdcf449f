//! The métiers referential with open-offer counts.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::metier::{Metier, MetierFamily};
use shared::search::Facet;
use shared::{MetierFamilyId, MetierId};
use std::collections::HashMap;

use super::schema::{metier_families, metiers};
use super::{Db, DbError, DbResult};
use crate::search::Core;
use crate::with_conn;

type MetierRow = (i64, i64, String, String, String);

/// Every family with its métiers, in referential order, with their open offers: read on
/// every page that offers a choice of métier, so kept with the search engine's state (a
/// renamed métier or a published offer changes its generation).
pub async fn list_families(db: &Db) -> DbResult<Vec<MetierFamily>> {
    let engine = db.search.current(db).await?;
    let families = engine
        .families
        .get_or_load(engine.generation(), load_families(db, engine));
    Ok(families.await?.to_vec())
}

async fn load_families(db: &Db, engine: &Core) -> DbResult<Vec<MetierFamily>> {
    let now = chrono::Utc::now().naive_utc();
    let (family_rows, metier_rows) = with_conn!(db, |conn: DB| {
        let families: Vec<(i64, String, String)> = metier_families::table
            .select((
                metier_families::id,
                metier_families::slug,
                metier_families::name,
            ))
            .order(metier_families::position)
            .load(conn)
            .await?;
        let metier_rows: Vec<MetierRow> = metiers::table
            .select((
                metiers::id,
                metiers::family_id,
                metiers::slug,
                metiers::name,
                metiers::description,
            ))
            .order(metiers::position)
            .load(conn)
            .await?;
        (families, metier_rows)
    });
    // From the search engine's view of the open offers (kept up to date with every write).
    let counts: HashMap<String, i64> =
        engine.with_live(|live| live.open_counts(Facet::Metier, now));
    Ok(family_rows
        .into_iter()
        .map(|(id, slug, name)| MetierFamily {
            metiers: metier_rows
                .iter()
                .filter(|m| m.1 == id)
                .map(|(mid, _, mslug, mname, description)| Metier {
                    id: MetierId(*mid),
                    slug: mslug.clone(),
                    name: mname.clone(),
                    description: description.clone(),
                    family_slug: slug.clone(),
                    family_name: name.clone(),
                    open_offers: counts.get(mslug).copied().unwrap_or(0),
                })
                .collect(),
            id: MetierFamilyId(id),
            slug,
            name,
        })
        .collect())
}

/// One métier by slug.
pub async fn find_metier(db: &Db, slug: &str) -> DbResult<Metier> {
    list_families(db)
        .await?
        .into_iter()
        .flat_map(|f| f.metiers)
        .find(|m| m.slug == slug)
        .ok_or(DbError::NotFound)
}
