//! Regions and départements (reference data).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::geo::{Departement, Region};

use super::schema::{departements, regions};
use super::{Db, DbResult};
use crate::with_conn;

/// Every region with its départements, by name: read on every page that offers a choice of
/// place, so kept a few seconds with the search engine's state.
pub async fn list_regions(db: &Db) -> DbResult<Vec<Region>> {
    let engine = db.search.core(db).await?;
    let regions = engine
        .regions
        .get_or_load(engine.generation(), load_regions(db));
    Ok(regions.await?.to_vec())
}

async fn load_regions(db: &Db) -> DbResult<Vec<Region>> {
    let (region_rows, departement_rows) = with_conn!(db, |conn: DB| {
        let r: Vec<(String, String)> = regions::table
            .select((regions::code, regions::name))
            .order(regions::name)
            .load(conn)
            .await?;
        let d: Vec<(String, String, String)> = departements::table
            .select((
                departements::code,
                departements::name,
                departements::region_code,
            ))
            .order(departements::code)
            .load(conn)
            .await?;
        (r, d)
    });
    Ok(region_rows
        .into_iter()
        .map(|(code, name)| Region {
            departements: departement_rows
                .iter()
                .filter(|(_, _, region)| *region == code)
                .map(|(code, name, region_code)| Departement {
                    code: code.clone(),
                    name: name.clone(),
                    region_code: region_code.clone(),
                })
                .collect(),
            code,
            name,
        })
        .collect())
}
