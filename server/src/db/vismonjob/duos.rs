//! Duos: what the matcher reads, the proposal it writes, the team's corrections (pin, undo),
//! publication with its e-mails, each side's page and feedback, and the run's progress.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::vismonjob::{
    Duo, DuoMember, DuoMode, DuoSide, EditionStatus, FeedbackForm, MatchingProgress, ReportDuo,
};
use shared::{AmbassadorId, DuoId, EntityId, StudentId, VmjEditionId};
use std::collections::HashMap;

use super::editions::parse;
use crate::auth::token::digest;
use crate::db::audit::record;
use crate::db::outbox::enqueue_mail;
use crate::db::schema::{
    departements, entities, metiers, regions, users, vmj_ambassadors, vmj_duos, vmj_editions,
    vmj_feedback, vmj_forbidden_pairs, vmj_match_runs, vmj_students,
};
use crate::db::users::unique_violation;
use crate::db::{Db, DbError, DbResult};
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// A run that has not reported for this long is taken to have died with its process.
const STALE_RUN: chrono::Duration = chrono::Duration::minutes(15);

#[derive(Debug, Clone, Queryable)]
pub struct StudentInput {
    pub id: StudentId,
    pub study_level: String,
    pub departement_code: String,
    pub remote_ok: bool,
    pub wishes_json: String,
    pub administrations_json: String,
}

#[derive(Debug, Clone, Queryable)]
pub struct AmbassadorInput {
    pub id: AmbassadorId,
    pub entity_id: EntityId,
    pub metier_slug: String,
    pub departement_code: String,
    pub on_site: bool,
    pub remote: bool,
    pub capacity: i32,
}

/// Everything the matcher reads about an edition, ordered by id (the matcher is
/// deterministic, so the same data always gives the same duos).
pub struct MatchInput {
    /// The students whose account has confirmed its address.
    pub students: Vec<StudentInput>,
    /// The others: left out (nothing is mailed to them, and the account goes after
    /// `shared::account::CONFIRMATION_DAYS`, its duo with it).
    pub unconfirmed: Vec<StudentId>,
    pub ambassadors: Vec<AmbassadorInput>,
    /// (duo id, student id, ambassador id) of the pinned duos.
    pub pinned: Vec<(DuoId, StudentId, AmbassadorId)>,
    /// (student id, ambassador id) the team undid.
    pub forbidden: Vec<(StudentId, AmbassadorId)>,
    /// Region code of each département code.
    pub regions: HashMap<String, String>,
}

pub async fn match_input(db: &Db, edition: VmjEditionId) -> DbResult<MatchInput> {
    Ok(with_conn!(db, |conn: DB| {
        let students = vmj_students::table
            .inner_join(users::table)
            .filter(vmj_students::edition_id.eq(edition))
            .filter(users::email_verified_at.is_not_null())
            .order(vmj_students::id.asc())
            .select((
                vmj_students::id,
                vmj_students::study_level,
                vmj_students::departement_code,
                vmj_students::remote_ok,
                vmj_students::wishes_json,
                vmj_students::administrations_json,
            ))
            .load(conn)
            .await?;
        let unconfirmed = vmj_students::table
            .inner_join(users::table)
            .filter(vmj_students::edition_id.eq(edition))
            .filter(users::email_verified_at.is_null())
            .order(vmj_students::id.asc())
            .select(vmj_students::id)
            .load(conn)
            .await?;
        let ambassadors = vmj_ambassadors::table
            .inner_join(metiers::table)
            .filter(vmj_ambassadors::edition_id.eq(edition))
            .order(vmj_ambassadors::id.asc())
            .select((
                vmj_ambassadors::id,
                vmj_ambassadors::entity_id,
                metiers::slug,
                vmj_ambassadors::departement_code,
                vmj_ambassadors::on_site,
                vmj_ambassadors::remote,
                vmj_ambassadors::capacity,
            ))
            .load(conn)
            .await?;
        let pinned = vmj_duos::table
            .filter(vmj_duos::edition_id.eq(edition))
            .filter(vmj_duos::pinned.eq(true))
            .order(vmj_duos::id.asc())
            .select((vmj_duos::id, vmj_duos::student_id, vmj_duos::ambassador_id))
            .load(conn)
            .await?;
        let forbidden = vmj_forbidden_pairs::table
            .inner_join(vmj_students::table)
            .filter(vmj_students::edition_id.eq(edition))
            .select((
                vmj_forbidden_pairs::student_id,
                vmj_forbidden_pairs::ambassador_id,
            ))
            .load(conn)
            .await?;
        let regions: Vec<(String, String)> = departements::table
            .select((departements::code, departements::region_code))
            .load(conn)
            .await?;
        MatchInput {
            students,
            unconfirmed,
            ambassadors,
            pinned,
            forbidden,
            regions: regions.into_iter().collect(),
        }
    }))
}

/// A duo the matcher proposes.
pub struct NewDuo {
    pub student_id: StudentId,
    pub ambassador_id: AmbassadorId,
    pub mode: DuoMode,
    pub score: i32,
    pub explanation: String,
    /// Until the duos are announced, the hashes of secrets nobody holds (`DuoLinks`).
    pub student_token_hash: String,
    pub ambassador_token_hash: String,
}

/// Replaces the edition's proposal: keeps the pinned duos listed in `kept`, writes `duos`,
/// records why each student of `unmatched` has none, and marks the edition matched — all or
/// nothing, and only if the edition may still be matched.
pub async fn save_outcome(
    db: &Db,
    edition: VmjEditionId,
    kept: &[DuoId],
    duos: &[NewDuo],
    unmatched: &[(StudentId, String)],
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let status: String = vmj_editions::table
            .find(edition)
            .select(vmj_editions::status)
            .first(conn)
            .await?;
        if !parse::<EditionStatus>("edition status", &status)?.may_match() {
            return Err(DbError::Conflict);
        }
        diesel::delete(
            vmj_duos::table
                .filter(vmj_duos::edition_id.eq(edition))
                .filter(vmj_duos::id.ne_all(kept)),
        )
        .execute(conn)
        .await?;
        for duo in duos {
            diesel::insert_into(vmj_duos::table)
                .values((
                    vmj_duos::edition_id.eq(edition),
                    vmj_duos::student_id.eq(duo.student_id),
                    vmj_duos::ambassador_id.eq(duo.ambassador_id),
                    vmj_duos::mode.eq(duo.mode.as_ref()),
                    vmj_duos::score.eq(duo.score),
                    vmj_duos::explanation.eq(&duo.explanation),
                    vmj_duos::pinned.eq(false),
                    vmj_duos::student_token_hash.eq(&duo.student_token_hash),
                    vmj_duos::ambassador_token_hash.eq(&duo.ambassador_token_hash),
                    vmj_duos::created_at.eq(now),
                ))
                .execute(conn)
                .await?;
        }
        diesel::update(vmj_students::table.filter(vmj_students::edition_id.eq(edition)))
            .set(vmj_students::unmatched_reason.eq(None::<String>))
            .execute(conn)
            .await?;
        for (student, reason) in unmatched {
            diesel::update(vmj_students::table.find(student))
                .set(vmj_students::unmatched_reason.eq(reason))
                .execute(conn)
                .await?;
        }
        diesel::update(vmj_editions::table.find(edition))
            .set((
                vmj_editions::status.eq(EditionStatus::Matched.as_ref()),
                vmj_editions::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        Ok(())
    })
}

#[derive(Queryable)]
struct DuoRow {
    id: DuoId,
    student_id: StudentId,
    ambassador_id: AmbassadorId,
    mode: String,
    score: i32,
    explanation: String,
    pinned: bool,
    student_first_name: String,
    student_last_name: String,
    student_email: String,
    school: String,
    field: String,
    ambassador_first_name: String,
    ambassador_last_name: String,
    ambassador_email: String,
    job_title: String,
    entity_name: String,
    metier_name: String,
    address: String,
    visio_url: String,
    student_token_hash: String,
    published_at: Option<NaiveDateTime>,
    edition_id: VmjEditionId,
}

/// A duo with what its pages and e-mails need.
pub struct DuoDetail {
    pub duo: Duo,
    pub entity_name: String,
    /// Address on site, visio link remote.
    pub place: String,
    pub published_at: Option<NaiveDateTime>,
    pub edition_id: VmjEditionId,
}

macro_rules! duo_query {
    () => {
        vmj_duos::table
            .inner_join(vmj_students::table.inner_join(users::table))
            .inner_join(
                vmj_ambassadors::table
                    .inner_join(entities::table)
                    .inner_join(metiers::table),
            )
            .select((
                vmj_duos::id,
                vmj_duos::student_id,
                vmj_duos::ambassador_id,
                vmj_duos::mode,
                vmj_duos::score,
                vmj_duos::explanation,
                vmj_duos::pinned,
                vmj_students::first_name,
                vmj_students::last_name,
                users::email,
                vmj_students::school,
                vmj_students::field,
                vmj_ambassadors::first_name,
                vmj_ambassadors::last_name,
                vmj_ambassadors::email,
                vmj_ambassadors::job_title,
                entities::name,
                metiers::name,
                vmj_ambassadors::address,
                vmj_ambassadors::visio_url,
                vmj_duos::student_token_hash,
                vmj_duos::published_at,
                vmj_duos::edition_id,
            ))
    };
}

impl DuoRow {
    fn detail(self) -> DbResult<DuoDetail> {
        let mode = parse::<DuoMode>("duo mode", &self.mode)?;
        Ok(DuoDetail {
            place: match mode {
                DuoMode::OnSite => self.address,
                DuoMode::Remote => self.visio_url,
            },
            entity_name: self.entity_name.clone(),
            published_at: self.published_at,
            edition_id: self.edition_id,
            duo: Duo {
                id: self.id,
                student_id: self.student_id,
                ambassador_id: self.ambassador_id,
                student: DuoMember {
                    first_name: self.student_first_name,
                    last_name: self.student_last_name,
                    email: self.student_email,
                    description: format!("{}, {}", self.field, self.school),
                },
                ambassador: DuoMember {
                    first_name: self.ambassador_first_name,
                    last_name: self.ambassador_last_name,
                    email: self.ambassador_email,
                    description: format!("{}, {}", self.job_title, self.entity_name),
                },
                metier_name: self.metier_name,
                mode,
                score: self.score,
                explanation: self.explanation,
                pinned: self.pinned,
            },
        })
    }
}

/// The edition's duos, by student.
pub async fn list(db: &Db, edition: VmjEditionId) -> DbResult<Vec<DuoDetail>> {
    let rows: Vec<DuoRow> = with_conn!(db, |conn: DB| {
        duo_query!()
            .filter(vmj_duos::edition_id.eq(edition))
            .order(vmj_duos::student_id.asc())
            .load(conn)
            .await?
    });
    rows.into_iter().map(DuoRow::detail).collect()
}

/// The duo whose page `token` opens, and which side it is for.
pub async fn by_token(db: &Db, token: &str) -> DbResult<(DuoDetail, DuoSide)> {
    let hash = digest(token);
    let row: DuoRow = with_conn!(db, |conn: DB| {
        duo_query!()
            .filter(
                vmj_duos::student_token_hash
                    .eq(&hash)
                    .or(vmj_duos::ambassador_token_hash.eq(&hash)),
            )
            .first(conn)
            .await?
    });
    let side = if row.student_token_hash == hash {
        DuoSide::Student
    } else {
        DuoSide::Ambassador
    };
    Ok((row.detail()?, side))
}

/// The student's duo (sign-up `student`), once announced.
pub async fn published_for_student(db: &Db, student: StudentId) -> DbResult<Option<DuoDetail>> {
    let row: Option<DuoRow> = with_conn!(db, |conn: DB| {
        duo_query!()
            .filter(vmj_duos::student_id.eq(student))
            .filter(vmj_duos::published_at.is_not_null())
            .first(conn)
            .await
            .optional()?
    });
    row.map(DuoRow::detail).transpose()
}

/// Pins or unpins a duo of the edition.
pub async fn set_pinned(db: &Db, edition: VmjEditionId, duo: DuoId, pinned: bool) -> DbResult<()> {
    let updated = with_conn!(db, |conn: DB| {
        diesel::update(
            vmj_duos::table
                .find(duo)
                .filter(vmj_duos::edition_id.eq(edition)),
        )
        .set(vmj_duos::pinned.eq(pinned))
        .execute(conn)
        .await?
    });
    match updated {
        0 => Err(DbError::NotFound),
        _ => Ok(()),
    }
}

/// A duo's new ambassador and how they meet, after a swap by hand.
pub struct Rematch {
    pub duo: DuoId,
    pub ambassador_id: AmbassadorId,
    pub mode: DuoMode,
    pub score: i32,
    pub explanation: String,
}

/// Writes two rematched duos at once; both are pinned, since the team chose them.
pub async fn swap(db: &Db, edition: VmjEditionId, pair: [Rematch; 2]) -> DbResult<()> {
    in_transaction!(db, |conn: DB| {
        for duo in &pair {
            let updated = diesel::update(
                vmj_duos::table
                    .find(duo.duo)
                    .filter(vmj_duos::edition_id.eq(edition)),
            )
            .set((
                vmj_duos::ambassador_id.eq(duo.ambassador_id),
                vmj_duos::mode.eq(duo.mode.as_ref()),
                vmj_duos::score.eq(duo.score),
                vmj_duos::explanation.eq(&duo.explanation),
                vmj_duos::pinned.eq(true),
            ))
            .execute(conn)
            .await?;
            if updated == 0 {
                return Err(DbError::NotFound);
            }
        }
        Ok(())
    })
}

/// Undoes a duo: the pair is never proposed again and the student is told why by the team.
pub async fn unpair(db: &Db, edition: VmjEditionId, duo: DuoId, reason: &str) -> DbResult<()> {
    in_transaction!(db, |conn: DB| {
        let (student, ambassador): (StudentId, AmbassadorId) = vmj_duos::table
            .find(duo)
            .filter(vmj_duos::edition_id.eq(edition))
            .select((vmj_duos::student_id, vmj_duos::ambassador_id))
            .first(conn)
            .await?;
        diesel::insert_into(vmj_forbidden_pairs::table)
            .values((
                vmj_forbidden_pairs::student_id.eq(student),
                vmj_forbidden_pairs::ambassador_id.eq(ambassador),
            ))
            .execute(conn)
            .await?;
        diesel::delete(vmj_duos::table.find(duo))
            .execute(conn)
            .await?;
        diesel::update(vmj_students::table.find(student))
            .set(vmj_students::unmatched_reason.eq(reason))
            .execute(conn)
            .await?;
        Ok(())
    })
}

/// The secrets of one duo's two pages, made as the duos are announced: mailed, and stored
/// only as their hashes.
pub struct DuoLinks {
    pub duo: DuoId,
    pub student: String,
    pub ambassador: String,
}

/// Publishes the duos: stamps them, stores the hashes of their pages' secrets, moves the
/// edition from matched to published and queues every e-mail, in one transaction (`Conflict`
/// if the edition is not matched any more).
pub async fn publish(
    db: &Db,
    edition: VmjEditionId,
    links: &[DuoLinks],
    mails: &[Email],
    actor: Option<shared::UserId>,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let moved = diesel::update(
            vmj_editions::table
                .find(edition)
                .filter(vmj_editions::status.eq(EditionStatus::Matched.as_ref())),
        )
        .set((
            vmj_editions::status.eq(EditionStatus::Published.as_ref()),
            vmj_editions::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
        if moved == 0 {
            return Err(DbError::Conflict);
        }
        diesel::update(vmj_duos::table.filter(vmj_duos::edition_id.eq(edition)))
            .set(vmj_duos::published_at.eq(now))
            .execute(conn)
            .await?;
        for link in links {
            diesel::update(
                vmj_duos::table
                    .find(link.duo)
                    .filter(vmj_duos::edition_id.eq(edition)),
            )
            .set((
                vmj_duos::student_token_hash.eq(digest(&link.student)),
                vmj_duos::ambassador_token_hash.eq(digest(&link.ambassador)),
            ))
            .execute(conn)
            .await?;
        }
        for mail in mails {
            enqueue_mail!(conn, mail, now)?;
        }
        record!(conn, actor: actor.map(|a| a.0), entity: None::<i64>, "vmj_edition.published", edition.to_string(), now)?;
        Ok(())
    })
}

/// The feedback each side gave on a duo.
pub async fn feedback(db: &Db, duo: DuoId, side: DuoSide) -> DbResult<Option<FeedbackForm>> {
    let row: Option<(i32, String)> = with_conn!(db, |conn: DB| {
        vmj_feedback::table
            .find((duo, side.as_ref()))
            .select((vmj_feedback::rating, vmj_feedback::comment))
            .first(conn)
            .await
            .optional()?
    });
    Ok(row.map(|(rating, comment)| FeedbackForm { rating, comment }))
}

/// Records one side's feedback; `Conflict` when it was already given.
pub async fn give_feedback(
    db: &Db,
    duo: DuoId,
    side: DuoSide,
    form: &FeedbackForm,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let inserted = with_conn!(db, |conn: DB| {
        diesel::insert_into(vmj_feedback::table)
            .values((
                vmj_feedback::duo_id.eq(duo),
                vmj_feedback::side.eq(side.as_ref()),
                vmj_feedback::rating.eq(form.rating),
                vmj_feedback::comment.eq(form.comment.trim()),
                vmj_feedback::created_at.eq(now),
            ))
            .execute(conn)
            .await
    });
    inserted
        .map(|_| ())
        .map_err(|e| unique_violation(DbError::from(e)))
}

/// Claims the edition's matching run for this process: `false` when another run is going on.
pub async fn claim_run(db: &Db, edition: VmjEditionId, students: i64) -> DbResult<bool> {
    let now = chrono::Utc::now().naive_utc();
    let students = i32::try_from(students).unwrap_or(i32::MAX);
    in_transaction!(db, |conn: DB| {
        let current: Option<(Option<NaiveDateTime>, NaiveDateTime)> = vmj_match_runs::table
            .find(edition)
            .select((vmj_match_runs::finished_at, vmj_match_runs::started_at))
            .first(conn)
            .await
            .optional()?;
        if let Some((None, started)) = current {
            if now - started < STALE_RUN {
                return Ok(false);
            }
        }
        diesel::delete(vmj_match_runs::table.find(edition))
            .execute(conn)
            .await?;
        diesel::insert_into(vmj_match_runs::table)
            .values((
                vmj_match_runs::edition_id.eq(edition),
                vmj_match_runs::matched.eq(0),
                vmj_match_runs::students.eq(students),
                vmj_match_runs::started_at.eq(now),
            ))
            .execute(conn)
            .await
            .map_err(|e| unique_violation(DbError::from(e)))?;
        Ok(true)
    })
    .or_else(|err| match err {
        // Another process inserted its claim between our read and our insert.
        DbError::Conflict => Ok(false),
        other => Err(other),
    })
}

pub async fn report_progress(db: &Db, edition: VmjEditionId, matched: i64) -> DbResult<()> {
    let matched = i32::try_from(matched).unwrap_or(i32::MAX);
    with_conn!(db, |conn: DB| {
        diesel::update(vmj_match_runs::table.find(edition))
            .set(vmj_match_runs::matched.eq(matched))
            .execute(conn)
            .await?;
    });
    Ok(())
}

pub async fn finish_run(db: &Db, edition: VmjEditionId, error: Option<String>) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    with_conn!(db, |conn: DB| {
        diesel::update(vmj_match_runs::table.find(edition))
            .set((
                vmj_match_runs::finished_at.eq(now),
                vmj_match_runs::error.eq(error),
            ))
            .execute(conn)
            .await?;
    });
    Ok(())
}

/// The run in progress, if any (a stale one counts as over), and the last run's error.
pub async fn run_state(
    db: &Db,
    edition: VmjEditionId,
) -> DbResult<(Option<MatchingProgress>, Option<String>)> {
    let now = chrono::Utc::now().naive_utc();
    type RunRow = (
        i32,
        i32,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<String>,
    );
    let row: Option<RunRow> = with_conn!(db, |conn: DB| {
        vmj_match_runs::table
            .find(edition)
            .select((
                vmj_match_runs::matched,
                vmj_match_runs::students,
                vmj_match_runs::started_at,
                vmj_match_runs::finished_at,
                vmj_match_runs::error,
            ))
            .first(conn)
            .await
            .optional()?
    });
    let Some((matched, students, started, finished, error)) = row else {
        return Ok((None, None));
    };
    let running = (finished.is_none() && now - started < STALE_RUN).then_some(MatchingProgress {
        matched: i64::from(matched),
        students: i64::from(students),
    });
    Ok((running, error))
}

/// What the edition's report counts: each duo, and each feedback's side and rating.
pub async fn report_rows(
    db: &Db,
    edition: VmjEditionId,
) -> DbResult<(Vec<ReportDuo>, Vec<(DuoSide, i32)>)> {
    type Row = (String, String, String, String, String);
    type Loaded = (Vec<Row>, Vec<(String, String)>, Vec<(String, i32)>);
    let (rows, regions, feedback): Loaded = with_conn!(db, |conn: DB| {
        let rows = vmj_duos::table
            .inner_join(vmj_students::table)
            .inner_join(vmj_ambassadors::table.inner_join(metiers::table))
            .filter(vmj_duos::edition_id.eq(edition))
            .select((
                metiers::slug,
                metiers::name,
                vmj_students::departement_code,
                vmj_students::wishes_json,
                vmj_duos::mode,
            ))
            .load(conn)
            .await?;
        let regions = departements::table
            .inner_join(regions::table)
            .select((departements::code, regions::name))
            .load(conn)
            .await?;
        let feedback = vmj_feedback::table
            .inner_join(vmj_duos::table)
            .filter(vmj_duos::edition_id.eq(edition))
            .select((vmj_feedback::side, vmj_feedback::rating))
            .load(conn)
            .await?;
        (rows, regions, feedback)
    });
    let regions: HashMap<String, String> = regions.into_iter().collect();
    let duos = rows
        .into_iter()
        .map(|(metier_slug, metier_name, departement, wishes, mode)| {
            Ok(ReportDuo {
                metier_slug,
                metier_name,
                region: regions.get(&departement).cloned().unwrap_or(departement),
                wishes: serde_json::from_str(&wishes)?,
                mode: parse("duo mode", &mode)?,
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    let feedback = feedback
        .into_iter()
        .map(|(side, rating)| Ok((parse("feedback side", &side)?, rating)))
        .collect::<DbResult<Vec<_>>>()?;
    Ok((duos, feedback))
}
