//! Candidates' profiles, and the visible ones as an entity's recruiters find them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::offer::ContractType;
use shared::profile::{CandidateProfile, TalentProfile};
use shared::{EntityId, FieldError, UserId};
use std::collections::HashMap;

use super::applications::optional;
use super::schema::{
    candidate_profiles, entities, metiers, profile_hidden_entities, regions, users,
};
use super::{Db, DbResult};
use crate::{in_transaction, with_conn};

#[derive(Queryable)]
struct ProfileRow {
    first_name: String,
    last_name: String,
    phone: Option<String>,
    metiers_json: String,
    regions_json: String,
    contracts_json: String,
    linkedin_url: Option<String>,
    github_url: Option<String>,
    portfolio_url: Option<String>,
    visible: bool,
}

macro_rules! profile_columns {
    () => {
        (
            candidate_profiles::first_name,
            candidate_profiles::last_name,
            candidate_profiles::phone,
            candidate_profiles::metiers_json,
            candidate_profiles::regions_json,
            candidate_profiles::contracts_json,
            candidate_profiles::linkedin_url,
            candidate_profiles::github_url,
            candidate_profiles::portfolio_url,
            candidate_profiles::visible,
        )
    };
}

/// The candidate's profile, `None` before the first save.
pub async fn load(db: &Db, user: UserId) -> DbResult<Option<CandidateProfile>> {
    let (row, hidden): (Option<ProfileRow>, Vec<String>) = with_conn!(db, |conn: DB| {
        let row = candidate_profiles::table
            .filter(candidate_profiles::user_id.eq(user.0))
            .select(profile_columns!())
            .first(conn)
            .await
            .optional()?;
        let hidden = profile_hidden_entities::table
            .inner_join(entities::table)
            .filter(profile_hidden_entities::user_id.eq(user.0))
            .order(entities::name.asc())
            .select(entities::slug)
            .load(conn)
            .await?;
        (row, hidden)
    });
    let Some(row) = row else { return Ok(None) };
    Ok(Some(CandidateProfile {
        first_name: row.first_name,
        last_name: row.last_name,
        phone: row.phone.unwrap_or_default(),
        metiers: serde_json::from_str(&row.metiers_json)?,
        regions: serde_json::from_str(&row.regions_json)?,
        contract_types: serde_json::from_str(&row.contracts_json)?,
        linkedin_url: row.linkedin_url.unwrap_or_default(),
        github_url: row.github_url.unwrap_or_default(),
        portfolio_url: row.portfolio_url.unwrap_or_default(),
        visible_to_recruiters: row.visible,
        hidden_entities: hidden,
    }))
}

/// Field errors for métiers, regions and entities that do not exist; else the entities' ids.
async fn resolve(
    db: &Db,
    profile: &CandidateProfile,
) -> DbResult<Result<Vec<i64>, Vec<FieldError>>> {
    let (known_metiers, known_regions, hidden): (Vec<String>, Vec<String>, Vec<(i64, String)>) =
        with_conn!(db, |conn: DB| {
            let m = metiers::table
                .filter(metiers::slug.eq_any(&profile.metiers))
                .select(metiers::slug)
                .load(conn)
                .await?;
            let r = regions::table
                .filter(regions::code.eq_any(&profile.regions))
                .select(regions::code)
                .load(conn)
                .await?;
            let e = entities::table
                .filter(entities::slug.eq_any(&profile.hidden_entities))
                .select((entities::id, entities::slug))
                .load(conn)
                .await?;
            (m, r, e)
        });
    let mut errors = Vec::new();
    let unknown =
        |asked: &[String], known: &[&String]| asked.iter().find(|a| !known.contains(a)).cloned();
    let hidden_slugs: Vec<&String> = hidden.iter().map(|(_, s)| s).collect();
    for (field, asked, known, what) in [
        (
            "metiers",
            &profile.metiers,
            known_metiers.iter().collect::<Vec<_>>(),
            "Métier inconnu",
        ),
        (
            "regions",
            &profile.regions,
            known_regions.iter().collect(),
            "Région inconnue",
        ),
        (
            "hidden_entities",
            &profile.hidden_entities,
            hidden_slugs,
            "Entité inconnue",
        ),
    ] {
        if let Some(value) = unknown(asked, &known) {
            errors.push(FieldError::new(field, format!("{what} : « {value} ».")));
        }
    }
    Ok(if errors.is_empty() {
        Ok(hidden.into_iter().map(|(id, _)| id).collect())
    } else {
        Err(errors)
    })
}

/// Saves the profile (created or replaced), or returns the fields that name unknown values.
pub async fn save(
    db: &Db,
    user: UserId,
    profile: &CandidateProfile,
) -> DbResult<Result<(), Vec<FieldError>>> {
    let hidden = match resolve(db, profile).await? {
        Ok(ids) => ids,
        Err(errors) => return Ok(Err(errors)),
    };
    let now: NaiveDateTime = chrono::Utc::now().naive_utc();
    let metiers_json = serde_json::to_string(&profile.metiers)?;
    let regions_json = serde_json::to_string(&profile.regions)?;
    let contracts_json = serde_json::to_string(&profile.contract_types)?;
    let values = (
        candidate_profiles::first_name.eq(profile.first_name.trim()),
        candidate_profiles::last_name.eq(profile.last_name.trim()),
        candidate_profiles::phone.eq(optional(&profile.phone)),
        candidate_profiles::metiers_json.eq(&metiers_json),
        candidate_profiles::regions_json.eq(&regions_json),
        candidate_profiles::contracts_json.eq(&contracts_json),
        candidate_profiles::linkedin_url.eq(optional(&profile.linkedin_url)),
        candidate_profiles::github_url.eq(optional(&profile.github_url)),
        candidate_profiles::portfolio_url.eq(optional(&profile.portfolio_url)),
        candidate_profiles::visible.eq(profile.visible_to_recruiters),
        candidate_profiles::updated_at.eq(now),
    );
    in_transaction!(db, |conn: DB| {
        diesel::insert_into(candidate_profiles::table)
            .values((candidate_profiles::user_id.eq(user.0), values))
            .on_conflict(candidate_profiles::user_id)
            .do_update()
            .set(values)
            .execute(conn)
            .await?;
        diesel::delete(
            profile_hidden_entities::table.filter(profile_hidden_entities::user_id.eq(user.0)),
        )
        .execute(conn)
        .await?;
        for entity in &hidden {
            diesel::insert_into(profile_hidden_entities::table)
                .values((
                    profile_hidden_entities::user_id.eq(user.0),
                    profile_hidden_entities::entity_id.eq(entity),
                ))
                .execute(conn)
                .await?;
        }
        Ok(())
    })?;
    Ok(Ok(()))
}

/// Visible profiles of active candidates who confirmed their address, except those hidden from `entity` or from an
/// entity above it (hiding a ministry hides from its whole subtree); optionally only those
/// seeking `metier` (slug) or `region` (code).
pub async fn visible_to(
    db: &Db,
    entity: EntityId,
    metier: Option<&str>,
    region: Option<&str>,
) -> DbResult<Vec<TalentProfile>> {
    type Names = Vec<(String, String)>;
    let lineage: Vec<i64> = super::entities::EntityTree::load(db)
        .await?
        .lineage(entity)
        .iter()
        .map(|e| e.0)
        .collect();
    let (rows, metier_names, region_names): (Vec<(ProfileRow, String)>, Names, Names) =
        with_conn!(db, |conn: DB| {
            let hidden_here = profile_hidden_entities::table
                .filter(profile_hidden_entities::entity_id.eq_any(&lineage))
                .select(profile_hidden_entities::user_id);
            let rows = candidate_profiles::table
                .inner_join(users::table)
                .filter(candidate_profiles::visible.eq(true))
                .filter(users::disabled_at.is_null())
                // Contactable only at an address its owner confirmed.
                .filter(users::email_verified_at.is_not_null())
                .filter(candidate_profiles::user_id.ne_all(hidden_here))
                .order(candidate_profiles::updated_at.desc())
                .select((profile_columns!(), users::email))
                .load(conn)
                .await?;
            let m = metiers::table
                .select((metiers::slug, metiers::name))
                .load(conn)
                .await?;
            let r = regions::table
                .select((regions::code, regions::name))
                .load(conn)
                .await?;
            (rows, m, r)
        });
    let metier_names: HashMap<String, String> = metier_names.into_iter().collect();
    let region_names: HashMap<String, String> = region_names.into_iter().collect();
    let mut out = Vec::new();
    for (row, email) in rows {
        let metiers: Vec<String> = serde_json::from_str(&row.metiers_json)?;
        let regions: Vec<String> = serde_json::from_str(&row.regions_json)?;
        let contract_types: Vec<ContractType> = serde_json::from_str(&row.contracts_json)?;
        if metier.is_some_and(|m| !metiers.iter().any(|x| x == m))
            || region.is_some_and(|r| !regions.iter().any(|x| x == r))
        {
            continue;
        }
        let names = |keys: Vec<String>, names: &HashMap<String, String>| -> Vec<String> {
            keys.iter().filter_map(|k| names.get(k).cloned()).collect()
        };
        out.push(TalentProfile {
            first_name: row.first_name,
            last_name: row.last_name,
            email,
            phone: row.phone,
            metiers: names(metiers, &metier_names),
            regions: names(regions, &region_names),
            contract_types,
            linkedin_url: row.linkedin_url,
            github_url: row.github_url,
            portfolio_url: row.portfolio_url,
        });
    }
    Ok(out)
}
