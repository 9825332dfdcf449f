//! Demo data of the Forum de l'emploi tech: the 2027 edition (published, registrations
//! open) with sessions of every kind, job-dating slots, and the demo students registered —
//! one workshop full with a waiting list, some slots booked. Written through the same
//! storage functions as the API.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::forum::{ForumEditionForm, SessionForm, SessionKind, SlotsForm};
use shared::UserId;

use crate::db::forum::{editions, registrations, sessions, slots};
use crate::db::schema::vmj_students;
use crate::db::Db;
use crate::with_conn;

const ONLINE: &str = "https://webinaire.numerique.gouv.fr/forum-emploi-tech-2027";

/// (day 1 or 2, start, end, kind, title, description, speakers, entity, métier, capacity)
type Programme = (
    u32,
    (u32, u32),
    (u32, u32),
    SessionKind,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
    Option<&'static str>,
    i32,
);

const PROGRAMME: &[Programme] = &[
    (1, (9, 30), (10, 15), SessionKind::Conference, "Ouverture : pourquoi le numérique de l'État a besoin de vous",
     "Les grands chantiers numériques de l'État, les métiers qui recrutent et ce que l'on y apprend.",
     &["Directrice interministérielle du numérique", "Responsable de la mission talents de la DINUM"], Some("dinum"), None, 1_500),
    (1, (10, 30), (11, 15), SessionKind::Conference, "Albert : l'IA générative au service des agents publics",
     "Comment une équipe produit de l'État conçoit, évalue et déploie un assistant d'IA pour les agents d'accueil.",
     &["Cheffe de produit Albert, DINUM", "Data scientist, Etalab"], Some("etalab"), Some("data-scientist"), 800),
    (1, (11, 30), (12, 15), SessionKind::RecruiterPresentation, "Travailler à la DGFiP : 5 000 informaticiens au service des finances publiques",
     "Les équipes, les projets (impots.gouv.fr, PAS, FIP), les concours et les contrats.",
     &["Chef du bureau du recrutement, DGFiP"], Some("dgfip"), Some("developpeuse-developpeur"), 500),
    (1, (14, 0), (14, 45), SessionKind::RecruiterPresentation, "L'ANSSI recrute : défendre les systèmes d'information de la Nation",
     "Analyste SOC, auditeur, expert en cryptographie : les métiers de l'agence et son parcours d'intégration.",
     &["Responsable du recrutement, ANSSI"], Some("anssi"), Some("analyste-en-detection-d-intrusions"), 500),
    (1, (14, 0), (17, 0), SessionKind::JobDating, "Job dating beta.gouv : développeuses, développeurs et designers",
     "Quinze minutes en visio avec une ou un coach de beta.gouv pour parler de vous et des startups d'État qui recrutent.",
     &["Coachs beta.gouv"], Some("beta-gouv"), Some("developpeuse-developpeur"), 12),
    (1, (15, 0), (16, 0), SessionKind::Workshop, "Atelier : un CV tech qui parle aux recruteurs publics",
     "Relecture en direct de CV volontaires, les mots-clés des fiches de poste, les erreurs qui coûtent un entretien.",
     &["Conseillère en évolution professionnelle, DINUM"], None, None, 8),
    (2, (9, 30), (10, 15), SessionKind::Conference, "Cybersécurité : les métiers qui protègent l'État",
     "Du SOC au RSSI : missions, parcours et formations, avec des agents du ministère des Armées et de l'Intérieur.",
     &["Analyste SOC, COMCYBER", "RSSI adjoint, DNUM Intérieur"], Some("comcyber"), Some("responsable-de-la-securite-des-si-rssi"), 800),
    (2, (10, 30), (11, 15), SessionKind::RecruiterPresentation, "L'Insee : la donnée publique de référence",
     "Data engineers et statisticiens : les chantiers de l'Insee et comment le rejoindre sans concours.",
     &["Responsable du recrutement numérique, Insee"], Some("insee"), Some("data-engineer"), 400),
    (2, (11, 0), (12, 0), SessionKind::Workshop, "Atelier : concours, contrats, détachement — les portes d'entrée",
     "Catégories A, B, C, contractuels : lire une offre et choisir la voie qui vous correspond.",
     &["Chargée de mission RH, DINUM"], None, None, 60),
    (2, (14, 0), (17, 0), SessionKind::JobDating, "Job dating DGFiP : développement et exploitation",
     "Quinze minutes avec un recruteur de la DGFiP : postes à Paris, Rennes, Nantes et Lille.",
     &["Recruteurs de la DGFiP"], Some("dgfip"), Some("developpeuse-developpeur"), 12),
    (2, (14, 0), (17, 0), SessionKind::JobDating, "Job dating ANSSI : cybersécurité",
     "Vingt minutes avec l'équipe de recrutement de l'ANSSI.",
     &["Équipe recrutement, ANSSI"], Some("anssi"), Some("analyste-en-detection-d-intrusions"), 9),
    (2, (16, 0), (17, 0), SessionKind::Workshop, "Atelier : préparer un entretien technique",
     "Mise en situation et conseils de recruteurs publics : ce que l'on attend de vous, ce que vous pouvez demander.",
     &["Tech lead, DNUM Intérieur", "Conseillère en évolution professionnelle, DINUM"], Some("dnum-interieur"), Some("tech-lead"), 40),
];

fn at(day: NaiveDate, (hour, minute): (u32, u32)) -> NaiveDateTime {
    day.and_hms_opt(hour, minute, 0).unwrap_or_default()
}

/// The demo students (accounts of the Vis mon job demo): (user, first name, last name).
async fn demo_people(db: &Db) -> anyhow::Result<Vec<(i64, String, String)>> {
    Ok(with_conn!(db, |conn: DB| {
        vmj_students::table
            .select((
                vmj_students::user_id,
                vmj_students::first_name,
                vmj_students::last_name,
            ))
            .order(vmj_students::id.asc())
            .limit(40)
            .load(conn)
            .await?
    }))
}

/// Adds the demo edition when there is none; returns how many were added.
pub async fn seed_forum(db: &Db) -> anyhow::Result<usize> {
    if !editions::list(db, true).await?.is_empty() {
        return Ok(0);
    }
    let first = NaiveDate::from_ymd_opt(2027, 2, 9).unwrap_or_default();
    let second = first.succ_opt().unwrap_or(first);
    let form = ForumEditionForm {
        slug: "forum-2027".to_owned(),
        title: "Forum de l'emploi tech de l'État 2027".to_owned(),
        description: "Deux jours en ligne pour rencontrer les services numériques de l'État qui recrutent : \
                      conférences, présentations de recruteurs, job dating et ateliers de coaching.\n\n\
                      Chaque employeur présent y montre ses équipes et ses postes ouverts."
            .to_owned(),
        starts_at: at(first, (9, 0)),
        ends_at: at(second, (18, 0)),
        registration_closes_at: at(second, (12, 0)),
        published: true,
    };
    let edition = editions::create(db, &form).await?;
    let mut ids = Vec::new();
    for &(day, start, end, kind, title, description, speakers, entity, metier, capacity) in
        PROGRAMME
    {
        let day = if day == 1 { first } else { second };
        let session = SessionForm {
            kind,
            title: title.to_owned(),
            description: description.to_owned(),
            speakers: speakers.iter().map(|s| (*s).to_owned()).collect(),
            entity: entity.map(str::to_owned),
            metier: metier.map(str::to_owned),
            starts_at: at(day, start),
            ends_at: at(day, end),
            capacity,
            online_url: ONLINE.to_owned(),
        };
        let Ok(refs) = sessions::references(db, &session).await? else {
            continue;
        };
        let id = sessions::create(db, edition, &session, refs).await?;
        if kind == SessionKind::JobDating {
            let minutes = if capacity == 9 { 20 } else { 15 };
            let range = SlotsForm {
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                minutes,
            };
            if let Ok(cut) = range.slots(session.starts_at, session.ends_at) {
                slots::add(db, id, &cut).await?;
            }
        }
        ids.push((id, kind, capacity));
    }
    // The demo students register; the small CV workshop fills up and has a waiting list.
    let people = demo_people(db).await?;
    let all_slots =
        slots::of_sessions(db, &ids.iter().map(|i| i.0).collect::<Vec<_>>(), None).await?;
    for (n, (user, first_name, last_name)) in people.iter().enumerate() {
        let user = UserId(*user);
        registrations::join_edition(db, edition, user, first_name, last_name).await?;
        for (i, (session, kind, capacity)) in ids.iter().enumerate() {
            match kind {
                // A third of the first fifteen students book a slot with each recruiter:
                // slots stay free for the visitors of the demo.
                SessionKind::JobDating if n < 15 && n % 3 == i % 3 => {
                    if let Some(slot) = all_slots.get(session).and_then(|s| s.get(n / 3)) {
                        slots::book(db, slot.id, *session, user).await?;
                    }
                }
                SessionKind::JobDating => {}
                _ if (*capacity <= 8 && n < 12) || (*capacity > 8 && (n + i) % 4 == 0) => {
                    registrations::register(db, *session, user).await?;
                }
                _ => {}
            }
        }
    }
    Ok(1)
}
