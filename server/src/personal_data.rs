//! The candidate's rights (export, erasure) and the retention of CVs, across the database
//! and the CV storage.

use std::io::Write;

use shared::application::PersonalData;
use shared::UserId;
use zip::write::SimpleFileOptions;

use crate::cv_store::CvStore;
use crate::db::{personal_data, profiles, vismonjob, Db, DbResult};

/// Everything stored about the candidate, and the CVs to put beside it (name in the
/// archive, storage key).
async fn export(db: &Db, user: UserId) -> DbResult<(PersonalData, Vec<(String, String)>)> {
    let stored = personal_data::export(db, user).await?;
    let data = PersonalData {
        email: stored.email,
        account_created_at: stored.account_created_at,
        profile: profiles::load(db, user).await?,
        applications: stored.applications,
        vis_mon_job: vismonjob::signups::list(db, None, Some(user)).await?,
        forum: crate::forum::agenda(db, user).await?,
    };
    Ok((data, stored.cv_files))
}

/// A zip archive: `donnees.json` (every stored field) and the CVs still kept.
pub async fn export_zip(db: &Db, cvs: &CvStore, user: UserId) -> anyhow::Result<Vec<u8>> {
    let (data, files) = export(db, user).await?;
    let mut pdfs = Vec::new();
    for (name, key) in files {
        pdfs.push((name, cvs.get(&key).await?));
    }
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    archive.start_file("donnees.json", options)?;
    archive.write_all(&serde_json::to_vec_pretty(&data)?)?;
    for (name, pdf) in pdfs {
        archive.start_file(name, options)?;
        archive.write_all(&pdf)?;
    }
    Ok(archive.finish()?.into_inner())
}

/// Erases the account, after giving its forum seats to those waiting; then deletes its CV
/// files. A file that cannot be deleted now is logged (its key is no longer referenced
/// anywhere, so nothing can serve it).
pub async fn erase(
    db: &Db,
    cvs: &CvStore,
    public_url: &str,
    user: UserId,
) -> anyhow::Result<usize> {
    crate::forum::release_seats(db, public_url, user).await?;
    let keys = personal_data::erase(db, user).await?;
    for key in &keys {
        if let Err(error) = cvs.delete(key).await {
            tracing::error!(%error, key, "deleting an erased candidate's CV failed");
        }
    }
    Ok(keys.len())
}

/// Deletes the candidate accounts that have not confirmed their address within
/// [`shared::account::CONFIRMATION_DAYS`] of their creation, after giving their forum seats
/// to those waiting. Their applications stay, as anonymous ones: recruiters received them.
pub async fn purge_unconfirmed_accounts(
    db: &Db,
    public_url: &str,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<usize> {
    let created_before = now - chrono::Duration::days(shared::account::CONFIRMATION_DAYS);
    let mut deleted = 0;
    for user in crate::db::users::unconfirmed_candidates(db, created_before).await? {
        // A confirmation in the moment between the two steps would keep the account
        // without its forum seats; the person can register again.
        crate::forum::release_seats(db, public_url, user).await?;
        if crate::db::users::delete_unconfirmed(db, user).await? {
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Deletes the CVs of applications closed more than `months` months before `now`.
pub async fn purge_expired_cvs(
    db: &Db,
    cvs: &CvStore,
    now: chrono::NaiveDateTime,
    months: u32,
) -> anyhow::Result<usize> {
    let cutoff = now
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(now);
    let expired = personal_data::expired_cvs(db, cutoff).await?;
    for (application, key) in &expired {
        cvs.delete(key).await?;
        personal_data::forget_cv(db, *application).await?;
    }
    Ok(expired.len())
}

/// How long a CV file may wait for its application's commit before it counts as orphaned.
const ORPHAN_GRACE: chrono::Duration = chrono::Duration::hours(1);

/// Deletes the CV files no application refers to, stored more than an hour before `now`:
/// the file is stored before the application's transaction, so a crash in between (or a
/// failed commit) leaves one behind — personal data nobody could reach, kept for nothing.
pub async fn purge_orphan_cvs(
    db: &Db,
    cvs: &CvStore,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<usize> {
    let stored = cvs.stored_before(now - ORPHAN_GRACE).await?;
    let mut deleted = 0;
    // In chunks: SQLite takes at most 32,766 bound values in a statement.
    for keys in stored.chunks(500) {
        let referenced = personal_data::referenced_cvs(db, keys).await?;
        for key in keys.iter().filter(|key| !referenced.contains(*key)) {
            cvs.delete(key).await?;
            deleted += 1;
        }
    }
    Ok(deleted)
}
