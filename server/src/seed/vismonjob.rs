//! Demo Vis mon job data: a past edition (matched by the real matcher, published, rated) and
//! an open one with its first sign-ups and ambassadors. Sign-ups, ambassadors, matching and
//! feedback go through the application's own storage functions; only the demo students'
//! accounts are inserted directly (they have no password and receive no e-mail).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shared::account::Role;
use shared::vismonjob::coaching::CoachingSessionForm;
use shared::vismonjob::{
    AmbassadorForm, DuoSide, EditionForm, EditionFormat, EditionStatus, FeedbackForm,
    StudentSignupForm, StudyLevel,
};
use shared::{UserId, VmjEditionId};

use crate::db::entities::EntityTree;
use crate::db::schema::users;
use crate::db::vismonjob::editions::EditionRow;
use crate::db::vismonjob::signups::{self, Signer};
use crate::db::vismonjob::{ambassadors, coaching, duos, editions, references};
use crate::db::Db;
use crate::with_conn;

const FIRST_NAMES: &[&str] = &[
    "Inès", "Lucas", "Chloé", "Hugo", "Léa", "Nathan", "Manon", "Yanis", "Camille", "Mathis",
    "Sarah", "Théo", "Emma", "Rayan", "Jade", "Adam", "Louise", "Enzo", "Lina", "Noah", "Zoé",
    "Maël", "Anaïs", "Sacha",
];
const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "Benali",
    "Nguyen",
    "Haddad",
    "Fontaine",
    "Chevalier",
    "Lambert",
];
/// Schools and the département they are in.
const SCHOOLS: &[(&str, &str, &str)] = &[
    ("Université de Rennes", "35", "univ-rennes.fr"),
    ("IUT de Lannion", "22", "univ-rennes.fr"),
    (
        "Université Claude Bernard Lyon 1",
        "69",
        "etu.univ-lyon1.fr",
    ),
    ("Université de Bordeaux", "33", "etu.u-bordeaux.fr"),
    ("INSA Toulouse", "31", "insa-toulouse.fr"),
    ("Université de Lille", "59", "univ-lille.fr"),
    ("IMT Atlantique", "29", "imt-atlantique.net"),
    ("Université Paris Cité", "75", "etu.u-paris.fr"),
    (
        "Université Sorbonne Paris Nord",
        "93",
        "edu.univ-paris13.fr",
    ),
    ("Université Paris-Est Créteil", "94", "etu.u-pec.fr"),
    (
        "Université Grenoble Alpes",
        "38",
        "etu.univ-grenoble-alpes.fr",
    ),
    ("Université de Strasbourg", "67", "etu.unistra.fr"),
    ("Aix-Marseille Université", "13", "etu.univ-amu.fr"),
    ("Université de Montpellier", "34", "etu.umontpellier.fr"),
    ("Université de La Réunion", "974", "univ-reunion.fr"),
];
const FIELDS: &[&str] = &[
    "BUT informatique",
    "Licence informatique",
    "Master MIAGE",
    "Master cybersécurité",
    "BTS SIO",
    "Diplôme d'ingénieur en informatique",
    "Master science des données",
    "Licence pro développement web",
];
/// Métiers students ask for most, with the ambassador's job title.
const METIERS: &[(&str, &str)] = &[
    ("developpeuse-developpeur", "Développeuse ou développeur"),
    ("data-scientist", "Data scientist"),
    ("data-engineer", "Data engineer"),
    ("designer-ux", "Designer UX"),
    ("product-owner", "Product owner"),
    ("responsable-de-la-securite-des-si-rssi", "Adjointe au RSSI"),
    ("analyste-en-detection-d-intrusions", "Analyste SOC"),
    ("tech-lead", "Tech lead"),
    ("architecte-technique", "Architecte technique"),
    (
        "administratrice-administrateur-d-outils-systemes-reseaux-et-ou-telecoms",
        "Administrateur systèmes et réseaux",
    ),
];
/// Entities that send ambassadors, and where their agents work.
const HOSTS: &[(&str, &str)] = &[
    ("dinum", "75"),
    ("beta-gouv", "75"),
    ("etalab", "75"),
    ("anssi", "75"),
    ("dgfip", "93"),
    ("si-dgfip", "35"),
    ("insee", "92"),
    ("dnum-interieur", "75"),
    ("ants", "08"),
    ("dgnum-armees", "35"),
    ("comcyber", "35"),
    ("dne", "75"),
    ("fabrique-numerique", "69"),
    ("dnum-ministeres-sociaux", "75"),
    ("snum-justice", "31"),
];
const ADMINISTRATIONS: &[&str] = &[
    "dinum",
    "anssi",
    "ministere-armees",
    "ministere-economie",
    "ministere-interieur",
    "beta-gouv",
];

/// Demo students of the past and of the open edition (each has a candidate account).
const PAST_STUDENTS: usize = 48;
const OPEN_STUDENTS: usize = 14;
pub const DEMO_STUDENTS: usize = PAST_STUDENTS + OPEN_STUDENTS;

fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, minute, 0).unwrap_or_default()
}

fn edition_form(
    slug: &str,
    title: &str,
    day: NaiveDate,
    opens: NaiveDate,
    closes: NaiveDate,
) -> EditionForm {
    EditionForm {
        slug: slug.to_owned(),
        title: title.to_owned(),
        description: "Une journée en duo avec une ou un agent de l'État : découvrir un métier du numérique \
            de l'intérieur, une équipe, ses outils et ses usagers. Pour les étudiantes et étudiants de Bac+2 à \
            Bac+5 en numérique, sur site ou à distance."
            .to_owned(),
        starts_at: at(day, 9, 30),
        ends_at: at(day, 17, 0),
        format: EditionFormat::Both,
        signup_opens_at: at(opens, 9, 0),
        signup_closes_at: at(closes, 23, 59),
        levels: vec![StudyLevel::Bac2, StudyLevel::Bac3, StudyLevel::Bac4, StudyLevel::Bac5],
    }
}

fn email_of(first: &str, last: &str, n: usize, domain: &str) -> String {
    let ascii = |s: &str| deunicode::deunicode(s).to_lowercase().replace(' ', "-");
    format!("{}.{}{n}@{domain}", ascii(first), ascii(last))
}

/// A demo student account (no password: nobody signs in with it).
async fn demo_account(db: &Db, email: &str) -> anyhow::Result<UserId> {
    let now = chrono::Utc::now().naive_utc();
    Ok(with_conn!(db, |conn: DB| {
        diesel::insert_into(users::table)
            .values((
                users::email.eq(email),
                users::role.eq(Role::Candidate.as_ref()),
                users::email_verified_at.eq(now),
                users::created_at.eq(now),
                users::updated_at.eq(now),
            ))
            .returning(users::id)
            .get_result(conn)
            .await?
    }))
}

async fn add_students(
    db: &Db,
    edition: VmjEditionId,
    count: usize,
    rng: &mut ChaCha8Rng,
    tag: &str,
) -> anyhow::Result<()> {
    for n in 0..count {
        let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
        let (school, departement, domain) = SCHOOLS[rng.random_range(0..SCHOOLS.len())];
        let mut wishes: Vec<String> = Vec::new();
        for _ in 0..rng.random_range(1..=3) {
            let (metier, _) = METIERS[rng.random_range(0..METIERS.len())];
            if !wishes.iter().any(|w| w == metier) {
                wishes.push(metier.to_owned());
            }
        }
        let administrations = if rng.random_bool(0.4) {
            vec![ADMINISTRATIONS[rng.random_range(0..ADMINISTRATIONS.len())].to_owned()]
        } else {
            Vec::new()
        };
        let form = StudentSignupForm {
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            school: school.to_owned(),
            study_level: Some([StudyLevel::Bac2, StudyLevel::Bac3, StudyLevel::Bac4, StudyLevel::Bac5][rng.random_range(0..4)]),
            field: FIELDS[rng.random_range(0..FIELDS.len())].to_owned(),
            departement_code: departement.to_owned(),
            remote_ok: rng.random_bool(0.7),
            wishes,
            administrations,
            motivation: "Je veux découvrir le quotidien d'une équipe numérique de l'État avant de choisir mon stage.".to_owned(),
            consent: true,
            ..StudentSignupForm::default()
        };
        let user = demo_account(db, &email_of(first, last, n, &format!("{tag}.{domain}"))).await?;
        signups::sign_up(db, edition, Signer::Existing(user), &form, None).await?;
    }
    Ok(())
}

async fn add_ambassadors(
    db: &Db,
    edition: VmjEditionId,
    count: usize,
    rng: &mut ChaCha8Rng,
    tree: &EntityTree,
) -> anyhow::Result<()> {
    for n in 0..count {
        let (entity_slug, departement) = HOSTS[n % HOSTS.len()];
        let Some(entity) = tree.find_slug(entity_slug) else {
            continue;
        };
        let (metier, job_title) = METIERS[rng.random_range(0..METIERS.len())];
        let refs = references(db, &[metier.to_owned()], &[], departement).await?;
        let Some(&metier_id) = refs.metiers.get(metier) else {
            continue;
        };
        let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
        let remote = rng.random_bool(0.5);
        let form = AmbassadorForm {
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: email_of(first, last, n, &format!("{entity_slug}.gouv.fr")),
            job_title: job_title.to_owned(),
            metier: metier.to_owned(),
            departement_code: departement.to_owned(),
            on_site: true,
            remote,
            capacity: if rng.random_bool(0.2) { 2 } else { 1 },
            address: format!("Site de {} ({departement})", entity_slug.to_uppercase()),
            visio_url: if remote {
                "https://webinaire.numerique.gouv.fr/vis-mon-job".to_owned()
            } else {
                String::new()
            },
        };
        // Once the registration's « coached »: still drawn, so that the demo's people (drawn
        // after) stay those of earlier seeds and of the browser tests.
        let _ = rng.random_bool(0.85);
        ambassadors::create(db, edition, entity, metier_id, &form).await?;
    }
    Ok(())
}

/// Two coaching sessions before the open edition's day, none held yet: nobody is coached
/// (only the team's attendance record says so). Their recruiters place most ambassadors in
/// one; the first is left out, to show the flag.
async fn add_coaching(db: &Db, edition: &EditionRow, tree: &EntityTree) -> anyhow::Result<()> {
    let day = edition.starts_at.date();
    let mut sessions = Vec::new();
    for (days_before, hour, minute) in [(14, 12, 30), (9, 17, 30)] {
        let form = CoachingSessionForm {
            starts_at: at(day - chrono::Duration::days(days_before), hour, minute),
            visio_url: format!(
                "https://webinaire.numerique.gouv.fr/preparation-ambassadeurs-{days_before}"
            ),
            capacity: 16,
        };
        sessions.push(coaching::create(db, edition.id, &form).await?);
    }
    let waiting = ambassadors::list(db, edition.id, None).await?;
    let waiting = waiting.iter().filter(|a| !a.coached);
    for (n, a) in waiting.enumerate().skip(1) {
        if let Some(entity) = tree.find_slug(&a.entity_slug) {
            let session = sessions.get(n % sessions.len()).copied();
            let mail = crate::vismonjob::coaching_mail(&edition.title);
            coaching::place(db, edition.id, entity, a.id, session, mail).await?;
        }
    }
    Ok(())
}

/// Adds the two demo editions when there is none; returns how many were added.
pub async fn seed_editions(db: &Db) -> anyhow::Result<usize> {
    if !editions::list(db, true).await?.is_empty() {
        return Ok(0);
    }
    let tree = EntityTree::load(db).await?;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let mut rng = ChaCha8Rng::seed_from_u64(2026);

    let past = edition_form(
        "automne-2026",
        "Vis mon job — automne 2026",
        date(2026, 10, 15),
        date(2026, 9, 1),
        date(2026, 9, 30),
    );
    let past_id = editions::create(db, &past, None).await?;
    editions::set_status(
        db,
        past_id,
        EditionStatus::Draft,
        EditionStatus::Closed,
        None,
    )
    .await?;
    add_students(db, past_id, PAST_STUDENTS, &mut rng, "a26").await?;
    add_ambassadors(db, past_id, 30, &mut rng, &tree).await?;
    let row = editions::find_by_id(db, past_id).await?;
    let proposal = crate::vismonjob::propose(db, &row, |_| {}).await?;
    crate::vismonjob::save(db, &row, &proposal).await?;
    duos::publish(db, past_id, &[], &[], None).await?;
    for (i, duo) in duos::list(db, past_id).await?.iter().enumerate() {
        for side in [DuoSide::Student, DuoSide::Ambassador] {
            if i % 5 != 4 {
                let rating = [5, 4, 5, 3, 4, 5][(i + side as usize) % 6];
                let comment = match rating {
                    5 => "Une journée passionnante, une équipe très accueillante.",
                    4 => "Très instructif, j'aurais aimé voir davantage de code.",
                    _ => "Intéressant, mais la journée était chargée en réunions.",
                };
                duos::give_feedback(
                    db,
                    duo.duo.id,
                    side,
                    &FeedbackForm {
                        rating,
                        comment: comment.to_owned(),
                    },
                )
                .await?;
            }
        }
    }
    editions::set_status(
        db,
        past_id,
        EditionStatus::Published,
        EditionStatus::Done,
        None,
    )
    .await?;

    let open = edition_form(
        "printemps-2027",
        "Vis mon job — printemps 2027",
        date(2027, 3, 18),
        date(2026, 11, 2),
        date(2027, 2, 26),
    );
    let open_id = editions::create(db, &open, None).await?;
    editions::set_status(db, open_id, EditionStatus::Draft, EditionStatus::Open, None).await?;
    add_students(db, open_id, OPEN_STUDENTS, &mut rng, "p27").await?;
    add_ambassadors(db, open_id, 22, &mut rng, &tree).await?;
    add_coaching(db, &editions::find_by_id(db, open_id).await?, &tree).await?;
    Ok(2)
}
