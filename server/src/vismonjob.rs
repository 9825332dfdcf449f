//! Vis mon job beyond storage: running the matcher on an edition, the e-mails of publication,
//! and the calendar file of a duo.

use icalendar::{Calendar, Component, Event, EventLike};
use shared::vismonjob::{DuoMode, DuoSide, EditionFormat, StudyLevel};
use shared::{AmbassadorId, DuoId, EntityId, StudentId};
use std::collections::BTreeMap;
use std::str::FromStr;

use crate::db::entities::EntityTree;
use crate::db::vismonjob::coaching;
use crate::db::vismonjob::duos::{self, DuoDetail, MatchInput, NewDuo};
use crate::db::vismonjob::editions::EditionRow;
use crate::db::Db;
use crate::mail::{self, Email};
use crate::paris_time::paris_to_utc;

/// Said to a student whose duo the team undid.
pub const UNDONE_BY_TEAM: &str =
    "Duo défait par l’équipe talents ; un autre vous sera proposé si possible";

/// Said of a student left out of the matching.
pub const UNCONFIRMED: &str =
    "Adresse électronique pas encore confirmée (lien de l’inscription non ouvert)";

/// What a matching run produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchSummary {
    pub duos: usize,
    pub unmatched: usize,
    pub total_score: u64,
}

/// Numbers the matcher works with, for métier slugs.
#[derive(Default)]
struct Numbering(BTreeMap<String, u32>);

impl Numbering {
    fn of(&mut self, key: &str) -> u32 {
        let next = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
        *self.0.entry(key.to_owned()).or_insert(next)
    }
}

fn duo_mode(mode: matching::Mode) -> DuoMode {
    match mode {
        matching::Mode::OnSite => DuoMode::OnSite,
        matching::Mode::Remote => DuoMode::Remote,
    }
}

fn entity_number(id: EntityId) -> u32 {
    u32::try_from(id.0).unwrap_or(u32::MAX)
}

/// The matcher's instance for the edition's data, and the ids behind its indexes.
fn instance(
    input: &MatchInput,
    format: EditionFormat,
    levels: &[StudyLevel],
    tree: &EntityTree,
) -> anyhow::Result<matching::Instance> {
    let mut metiers = Numbering::default();
    let place = |departement: &str| matching::Place {
        departement: departement.to_owned(),
        region: input.regions.get(departement).cloned().unwrap_or_default(),
    };
    let mut students = Vec::with_capacity(input.students.len());
    for s in &input.students {
        let wishes: Vec<String> = serde_json::from_str(&s.wishes_json)?;
        let administrations: Vec<String> = serde_json::from_str(&s.administrations_json)?;
        let level = StudyLevel::from_str(&s.study_level).ok();
        students.push(matching::Student {
            metier_wishes: wishes.iter().map(|w| metiers.of(w)).collect(),
            administrations: administrations
                .iter()
                .filter_map(|slug| tree.find_slug(slug))
                .map(entity_number)
                .collect(),
            place: place(&s.departement_code),
            remote_ok: s.remote_ok,
            eligible: level.is_some_and(|l| levels.contains(&l)),
        });
    }
    let ambassadors = input
        .ambassadors
        .iter()
        .map(|a| matching::Ambassador {
            metier: metiers.of(&a.metier_slug),
            administrations: tree
                .lineage(a.entity_id)
                .into_iter()
                .map(entity_number)
                .collect(),
            place: place(&a.departement_code),
            on_site: a.on_site,
            remote: a.remote,
            capacity: u32::try_from(a.capacity).unwrap_or(0),
        })
        .collect();
    let student_index = |id: StudentId| input.students.iter().position(|s| s.id == id);
    let ambassador_index = |id: AmbassadorId| input.ambassadors.iter().position(|a| a.id == id);
    let pair = |(s, a): (StudentId, AmbassadorId)| Some((student_index(s)?, ambassador_index(a)?));
    Ok(matching::Instance {
        format: match format {
            EditionFormat::OnSite => matching::Format::OnSite,
            EditionFormat::Remote => matching::Format::Remote,
            EditionFormat::Both => matching::Format::Both,
        },
        students,
        ambassadors,
        pinned: input
            .pinned
            .iter()
            .filter_map(|&(_, s, a)| pair((s, a)))
            .collect(),
        forbidden: input.forbidden.iter().copied().filter_map(pair).collect(),
    })
}

/// The duos a run proposes, ready to be saved.
pub struct Proposal {
    /// Pinned duos kept as they are.
    kept: Vec<DuoId>,
    duos: Vec<NewDuo>,
    unmatched: Vec<(StudentId, String)>,
    pub summary: MatchSummary,
}

/// Runs the matcher on the edition's data (pinned duos kept). The solver runs on a blocking
/// thread; `on_progress` hears from it after each phase and is dropped when it is done.
pub async fn propose(
    db: &Db,
    edition: &EditionRow,
    on_progress: impl FnMut(matching::Progress) + Send + 'static,
) -> anyhow::Result<Proposal> {
    let input = duos::match_input(db, edition.id).await?;
    let tree = EntityTree::load(db).await?;
    let instance = instance(&input, edition.format()?, &edition.levels()?, &tree)?;
    let outcome =
        tokio::task::spawn_blocking(move || matching::solve(&instance, on_progress)).await?;

    let mut kept = Vec::new();
    let mut new_duos = Vec::new();
    for duo in &outcome.duos {
        let student = input.students[duo.student].id;
        let ambassador = input.ambassadors[duo.ambassador].id;
        if duo.pinned {
            kept.extend(
                input
                    .pinned
                    .iter()
                    .filter(|&&(_, s, a)| (s, a) == (student, ambassador))
                    .map(|&(id, _, _)| id),
            );
            continue;
        }
        new_duos.push(NewDuo {
            student_id: student,
            ambassador_id: ambassador,
            mode: duo_mode(duo.pairing.mode),
            score: i32::try_from(duo.pairing.score).unwrap_or(i32::MAX),
            explanation: matching::explain(&duo.pairing.reasons),
            student_token_hash: unissued_link()?,
            ambassador_token_hash: unissued_link()?,
        });
    }
    let unmatched: Vec<(StudentId, String)> = outcome
        .unmatched
        .iter()
        .map(|&(s, reason)| (input.students[s].id, reason.explain().to_owned()))
        .chain(
            input
                .unconfirmed
                .iter()
                .map(|&id| (id, UNCONFIRMED.to_owned())),
        )
        .collect();
    let summary = MatchSummary {
        duos: outcome.duos.len(),
        unmatched: unmatched.len(),
        total_score: outcome.total_score,
    };
    Ok(Proposal {
        kept,
        duos: new_duos,
        unmatched,
        summary,
    })
}

/// Saves a proposal in place of the edition's previous one.
pub async fn save(db: &Db, edition: &EditionRow, proposal: &Proposal) -> anyhow::Result<()> {
    duos::save_outcome(
        db,
        edition.id,
        &proposal.kept,
        &proposal.duos,
        &proposal.unmatched,
    )
    .await?;
    Ok(())
}

/// Why a matching run does not start.
#[derive(Debug, thiserror::Error)]
pub enum NotStarted {
    #[error(
        "L'appariement se lance une fois les inscriptions closes, et avant l'annonce des duos."
    )]
    NotMatchable,
    #[error("Un appariement est déjà en cours pour cette édition.")]
    Running,
    #[error(transparent)]
    Storage(#[from] crate::db::DbError),
}

/// Claims the edition's matching run — one at a time, whichever process asks: the number of
/// students it will place.
pub async fn claim_run(db: &Db, edition: &EditionRow) -> Result<usize, NotStarted> {
    if !edition.status()?.may_match() {
        return Err(NotStarted::NotMatchable);
    }
    let students = crate::db::vismonjob::signups::list(db, Some(edition.id), None)
        .await?
        .len();
    if duos::claim_run(db, edition.id, i64::try_from(students).unwrap_or(i64::MAX)).await? {
        Ok(students)
    } else {
        Err(NotStarted::Running)
    }
}

/// Runs a claimed matching: proposes, awaits `solved` (what heard `on_progress` is done with
/// it, before anything is saved: SQLite has one writer), saves the proposal, and records the
/// run's end with its error if it failed.
pub async fn run_claimed(
    db: &Db,
    edition: &EditionRow,
    on_progress: impl FnMut(matching::Progress) + Send + 'static,
    solved: impl std::future::Future<Output = ()>,
) -> anyhow::Result<MatchSummary> {
    let proposal = propose(db, edition, on_progress).await;
    solved.await;
    let result = match proposal {
        Ok(proposal) => save(db, edition, &proposal)
            .await
            .map(|()| proposal.summary),
        Err(err) => Err(err),
    };
    duos::finish_run(db, edition.id, result.as_ref().err().map(|e| e.to_string())).await?;
    result
}

/// `server match --edition …`: runs the matching with a progress bar on the terminal.
pub async fn match_from_cli(db: &Db, slug: &str) -> anyhow::Result<()> {
    let edition = crate::db::vismonjob::editions::find(db, slug)
        .await
        .map_err(|err| anyhow::anyhow!("édition « {slug} » : {err}"))?;
    let students = claim_run(db, &edition)
        .await
        .map_err(|err| anyhow::anyhow!("édition « {slug} » : {err}"))?;
    let bar = indicatif::ProgressBar::new(u64::try_from(students)?);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} étudiants associés ({elapsed})",
        )?
        .progress_chars("=> "),
    );
    bar.set_message(format!("Appariement de « {} »", edition.title));
    let ticker = bar.clone();
    let summary = run_claimed(
        db,
        &edition,
        move |p| ticker.set_position(u64::try_from(p.matched).unwrap_or(0)),
        async { bar.finish() },
    )
    .await?;
    println!(
        "{} duos, {} étudiants sans duo, satisfaction totale {}",
        summary.duos, summary.unmatched, summary.total_score
    );
    Ok(())
}

/// Why two duos cannot exchange their ambassadors.
#[derive(Debug, thiserror::Error)]
pub enum SwapError {
    #[error("{0}")]
    Impossible(String),
    #[error(transparent)]
    Storage(#[from] crate::db::DbError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Exchanges the ambassadors of two duos when both new pairs keep the hard constraints.
pub async fn swap(
    db: &Db,
    edition: &EditionRow,
    first: DuoId,
    second: DuoId,
) -> Result<(), SwapError> {
    let duos_now = duos::list(db, edition.id).await?;
    let find = |id: DuoId| {
        duos_now
            .iter()
            .find(|d| d.duo.id == id)
            .ok_or(crate::db::DbError::NotFound)
    };
    let (a, b) = (find(first)?, find(second)?);
    let input = duos::match_input(db, edition.id).await?;
    let tree = EntityTree::load(db).await?;
    let instance = instance(&input, edition.format()?, &edition.levels()?, &tree)?;
    let student = |id: StudentId| input.students.iter().position(|s| s.id == id);
    let ambassador = |id: AmbassadorId| input.ambassadors.iter().position(|s| s.id == id);
    let rematch = |duo: &DuoDetail, other: &DuoDetail| -> Result<duos::Rematch, SwapError> {
        let pairing = student(duo.duo.student_id)
            .zip(ambassador(other.duo.ambassador_id))
            .and_then(|(s, a)| matching::evaluate(instance.format, &instance.students[s], &instance.ambassadors[a]))
            .ok_or_else(|| {
                SwapError::Impossible(format!(
                    "{} {} ne peut pas rencontrer {} {} : métier hors de ses vœux, trop loin, ou visio impossible.",
                    duo.duo.student.first_name, duo.duo.student.last_name, other.duo.ambassador.first_name, other.duo.ambassador.last_name
                ))
            })?;
        Ok(duos::Rematch {
            duo: duo.duo.id,
            ambassador_id: other.duo.ambassador_id,
            mode: duo_mode(pairing.mode),
            score: i32::try_from(pairing.score).unwrap_or(i32::MAX),
            explanation: matching::explain(&pairing.reasons),
        })
    };
    duos::swap(db, edition.id, [rematch(a, b)?, rematch(b, a)?]).await?;
    Ok(())
}

/// The address of one side's duo page.
pub fn duo_url(public_url: &str, token: &str) -> String {
    format!("{public_url}/vis-mon-job/duo/{token}")
}

/// What a proposed duo's pages store before the announcement: the hash of a secret nobody
/// holds, so no link opens them yet.
fn unissued_link() -> anyhow::Result<String> {
    Ok(crate::auth::token::digest(&crate::auth::token::generate()?))
}

/// The secrets of each duo's two pages, made as the duos are announced.
pub fn new_links(duos: &[DuoDetail]) -> anyhow::Result<Vec<duos::DuoLinks>> {
    duos.iter()
        .map(|d| {
            Ok(duos::DuoLinks {
                duo: d.duo.id,
                student: crate::auth::token::generate()?,
                ambassador: crate::auth::token::generate()?,
            })
        })
        .collect()
}

/// The e-mails of publication: each student and each ambassador gets their duo page
/// (`links`, in the order of `duos`).
pub fn publication_mails(
    public_url: &str,
    edition: &EditionRow,
    duos: &[DuoDetail],
    links: &[duos::DuoLinks],
) -> Vec<Email> {
    let day = edition.starts_at.format("%d/%m/%Y").to_string();
    duos.iter()
        .zip(links)
        .flat_map(|(d, link)| {
            let (student, ambassador) = (&d.duo.student, &d.duo.ambassador);
            [
                mail::vmj_duo(
                    &student.email,
                    &student.first_name,
                    &edition.title,
                    &day,
                    &format!(
                        "{} {}, {}",
                        ambassador.first_name, ambassador.last_name, ambassador.description
                    ),
                    &duo_url(public_url, &link.student),
                ),
                mail::vmj_duo(
                    &ambassador.email,
                    &ambassador.first_name,
                    &edition.title,
                    &day,
                    &format!(
                        "{} {}, {}",
                        student.first_name, student.last_name, student.description
                    ),
                    &duo_url(public_url, &link.ambassador),
                ),
            ]
        })
        .collect()
}

/// The calendar file of one side of a duo, naming its page (`page_url`).
pub fn ics(edition: &EditionRow, detail: &DuoDetail, side: DuoSide, page_url: &str) -> String {
    let partner = match side {
        DuoSide::Student => &detail.duo.ambassador,
        DuoSide::Ambassador => &detail.duo.student,
    };
    let place = match detail.duo.mode {
        DuoMode::OnSite => detail.place.clone(),
        DuoMode::Remote => format!("Visio : {}", detail.place),
    };
    let event = Event::new()
        .uid(&format!(
            "vis-mon-job-duo-{}-{}@talents.numerique.gouv.fr",
            detail.duo.id,
            side.as_ref()
        ))
        .summary(&format!(
            "Vis mon job : {} avec {} {}",
            detail.duo.metier_name, partner.first_name, partner.last_name
        ))
        .description(&format!(
            "{} — {}\n{} {} ({}), {}\nPage du duo : {}",
            edition.title,
            detail.duo.metier_name,
            partner.first_name,
            partner.last_name,
            partner.description,
            partner.email,
            page_url
        ))
        .location(&place)
        .starts(paris_to_utc(edition.starts_at))
        .ends(paris_to_utc(edition.ends_at))
        .done();
    Calendar::new()
        .name("Vis mon job")
        .push(event)
        .done()
        .to_string()
}

/// The e-mail telling an ambassador placed in a coaching session its time and link.
pub fn coaching_mail(
    edition_title: &str,
) -> impl FnOnce(&coaching::Placement) -> Email + Send + '_ {
    move |p| {
        let when = p.starts_at.format("%d/%m/%Y à %H:%M").to_string();
        mail::vmj_coaching(&p.email, &p.first_name, edition_title, &when, &p.visio_url)
    }
}
