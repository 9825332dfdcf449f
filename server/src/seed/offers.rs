//! Deterministic demo offers: offer number `k` is always the same (its random generator
//! is seeded with `k`), so tests can rely on the catalogue and `--offers N` only tops up.

use chrono::{Duration, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use shared::entity::EntityKind;
use shared::offer::{Category, ContractType, Experience, OfferStatus, Remote};
use shared::{EntityId, MetierId};
use std::collections::HashMap;

use super::SeedReport;
use crate::db::schema::{departements, entities, metier_families, metiers, offers};
use crate::db::Db;
use crate::{in_transaction, with_conn};

/// Big cities of the State's regional services, with their département.
const CITIES: &[(&str, &str)] = &[
    ("75", "Paris"),
    ("92", "Nanterre"),
    ("93", "Saint-Denis"),
    ("94", "Créteil"),
    ("78", "Versailles"),
    ("91", "Évry-Courcouronnes"),
    ("69", "Lyon"),
    ("13", "Marseille"),
    ("31", "Toulouse"),
    ("33", "Bordeaux"),
    ("59", "Lille"),
    ("44", "Nantes"),
    ("35", "Rennes"),
    ("67", "Strasbourg"),
    ("34", "Montpellier"),
    ("06", "Nice"),
    ("38", "Grenoble"),
    ("21", "Dijon"),
    ("45", "Orléans"),
    ("57", "Metz"),
    ("54", "Nancy"),
    ("76", "Rouen"),
    ("14", "Caen"),
    ("87", "Limoges"),
    ("63", "Clermont-Ferrand"),
    ("86", "Poitiers"),
    ("37", "Tours"),
    ("51", "Reims"),
    ("80", "Amiens"),
    ("25", "Besançon"),
    ("29", "Brest"),
    ("49", "Angers"),
    ("64", "Pau"),
    ("30", "Nîmes"),
    ("2A", "Ajaccio"),
    ("08", "Charleville-Mézières"),
    ("17", "La Rochelle"),
    ("971", "Pointe-à-Pitre"),
    ("972", "Fort-de-France"),
    ("974", "Saint-Denis"),
];

#[derive(Deserialize)]
struct FamilyTemplates {
    title_suffixes: Vec<String>,
    missions: Vec<String>,
    profiles: Vec<String>,
    teams: Vec<String>,
}

#[derive(Deserialize)]
struct CommonTemplates {
    perks: Vec<String>,
    processes: Vec<String>,
}

struct Context {
    metiers: Vec<(MetierId, String, String)>,
    entities: Vec<(EntityId, String, Option<String>, Option<String>)>,
    regions: HashMap<String, String>,
    families: HashMap<String, FamilyTemplates>,
    common: CommonTemplates,
    now: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = offers)]
struct NewOffer {
    entity_id: EntityId,
    metier_id: MetierId,
    title: String,
    mission: String,
    profile: String,
    team: String,
    perks: String,
    process: String,
    contract_type: String,
    category: Option<String>,
    region_code: String,
    departement_code: String,
    city: String,
    remote: String,
    experience: String,
    salary_min: Option<i32>,
    salary_max: Option<i32>,
    status: String,
    published_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Picks by weight (percentages summing to 100).
fn weighted<T: Copy>(rng: &mut ChaCha8Rng, choices: &[(T, u32)]) -> T {
    let mut roll = rng.random_range(0..100);
    for (value, weight) in choices {
        if roll < *weight {
            return *value;
        }
        roll -= weight;
    }
    choices[0].0
}

impl Context {
    fn offer(&self, k: u64) -> Option<NewOffer> {
        let mut rng = ChaCha8Rng::seed_from_u64(k);
        let (metier_id, metier_name, family) = pick(&mut rng, &self.metiers).clone();
        let (entity_id, _, entity_dep, entity_city) = pick(&mut rng, &self.entities).clone();
        let templates = self.families.get(&family)?;
        let (departement, city) = match (entity_dep, entity_city, rng.random_bool(0.55)) {
            (Some(dep), Some(city), true) => (dep, city),
            _ => {
                let (dep, city) = pick(&mut rng, CITIES);
                ((*dep).to_owned(), (*city).to_owned())
            }
        };
        let region_code = self.regions.get(&departement)?.clone();
        let contract = weighted(
            &mut rng,
            &[
                (ContractType::TitulaireOuContractuel, 40),
                (ContractType::Contractuel, 25),
                (ContractType::Stage, 10),
                (ContractType::Eig, 10),
                (ContractType::Alternance, 8),
                (ContractType::Apprentissage, 7),
            ],
        );
        let trainee = matches!(
            contract,
            ContractType::Stage | ContractType::Alternance | ContractType::Apprentissage
        );
        let experience = if trainee {
            Experience::Junior
        } else {
            weighted(
                &mut rng,
                &[
                    (Experience::Confirmed, 45),
                    (Experience::Junior, 30),
                    (Experience::Senior, 25),
                ],
            )
        };
        let category = match contract {
            ContractType::TitulaireOuContractuel | ContractType::Contractuel => {
                Some(weighted(&mut rng, &[(Category::A, 85), (Category::B, 15)]))
            }
            _ => None,
        };
        let salary = (!trainee && rng.random_bool(0.7)).then(|| {
            let base = match experience {
                Experience::Junior => 36_000,
                Experience::Confirmed => 45_000,
                Experience::Senior => 58_000,
            } + rng.random_range(0..8) * 1_000;
            (base, base + rng.random_range(6..16) * 1_000)
        });
        let remote = weighted(
            &mut rng,
            &[
                (Remote::Partial, 65),
                (Remote::None, 20),
                (Remote::Full, 15),
            ],
        );
        let status = weighted(
            &mut rng,
            &[
                (OfferStatus::Published, 92),
                (OfferStatus::Draft, 3),
                (OfferStatus::Filled, 3),
                (OfferStatus::Archived, 2),
            ],
        );
        let age_days = rng.random_range(0..75);
        let published_at =
            self.now - Duration::days(age_days) - Duration::minutes(rng.random_range(0..600));
        // About 4 % of published offers are already expired: they must not be listed.
        let expires_at = if rng.random_range(0..100) < 4 {
            self.now - Duration::days(1)
        } else {
            self.now + Duration::days(rng.random_range(15..90))
        };
        let title = format!(
            "{metier_name} {}",
            pick(&mut rng, &templates.title_suffixes)
        );
        let mission = pick(&mut rng, &templates.missions).clone();
        let profile = pick(&mut rng, &templates.profiles).clone();
        Some(NewOffer {
            entity_id,
            metier_id,
            title,
            mission,
            profile,
            team: pick(&mut rng, &templates.teams).clone(),
            perks: pick(&mut rng, &self.common.perks).clone(),
            process: pick(&mut rng, &self.common.processes).clone(),
            contract_type: contract.as_ref().to_owned(),
            category: category.map(|c| c.as_ref().to_owned()),
            region_code,
            departement_code: departement,
            city,
            remote: remote.as_ref().to_owned(),
            experience: experience.as_ref().to_owned(),
            salary_min: salary.map(|s| s.0),
            salary_max: salary.map(|s| s.1),
            status: status.as_ref().to_owned(),
            published_at,
            expires_at,
            created_at: published_at,
            updated_at: published_at,
        })
    }
}

const BATCH: u64 = 1_000;

pub(super) async fn seed_offers(
    db: &Db,
    wanted: usize,
    report: &mut SeedReport,
) -> anyhow::Result<()> {
    let mut templates: HashMap<String, serde_json::Value> =
        serde_json::from_str(include_str!("data/offer_templates.json"))?;
    let common: CommonTemplates = serde_json::from_value(
        templates
            .remove("common")
            .ok_or_else(|| anyhow::anyhow!("offer_templates.json sans « common »"))?,
    )?;
    let families = templates
        .into_iter()
        .map(|(k, v)| Ok((k, serde_json::from_value(v)?)))
        .collect::<anyhow::Result<HashMap<String, FamilyTemplates>>>()?;
    let (existing, metier_rows, entity_rows, region_rows) = with_conn!(db, |conn: DB| {
        let existing: i64 = offers::table.select(count_star()).first(conn).await?;
        let m: Vec<(MetierId, String, String)> = metiers::table
            .inner_join(metier_families::table)
            .select((metiers::id, metiers::name, metier_families::slug))
            .order(metiers::id)
            .load(conn)
            .await?;
        let e: Vec<(EntityId, String, Option<String>, Option<String>)> = entities::table
            .filter(entities::kind.ne(EntityKind::Ministere.as_ref()))
            .select((
                entities::name,
                entities::id,
                entities::departement_code,
                entities::city,
            ))
            .order(entities::id)
            .load::<(String, EntityId, Option<String>, Option<String>)>(conn)
            .await?
            .into_iter()
            .map(|(name, id, dep, city)| (id, name, dep, city))
            .collect();
        let r: Vec<(String, String)> = departements::table
            .select((departements::code, departements::region_code))
            .load(conn)
            .await?;
        (existing, m, e, r)
    });
    anyhow::ensure!(
        !metier_rows.is_empty() && !entity_rows.is_empty(),
        "métiers et entités doivent être chargés avant les offres"
    );
    let context = Context {
        metiers: metier_rows,
        entities: entity_rows,
        regions: region_rows.into_iter().collect(),
        families,
        common,
        now: chrono::Utc::now().naive_utc(),
    };
    let mut next = u64::try_from(existing)?;
    let wanted = wanted as u64;
    while next < wanted {
        let end = (next + BATCH).min(wanted);
        let batch: Vec<NewOffer> = (next..end).filter_map(|k| context.offer(k)).collect();
        report.offers += batch.len();
        // One transaction per batch; rows one by one (diesel-async cannot batch-insert on SQLite).
        in_transaction!(db, |conn: DB| {
            for offer in &batch {
                diesel::insert_into(offers::table)
                    .values(offer)
                    .execute(conn)
                    .await?;
            }
            Ok(())
        })?;
        next = end;
    }
    if report.offers > 0 {
        crate::db::entities::forget_open_offers(db).await;
        db.refresh_statistics().await?;
    }
    Ok(())
}
