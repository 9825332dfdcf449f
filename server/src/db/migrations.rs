//! Embedded migrations, one set per backend with the same version names.

use diesel_async::{AsyncConnection, AsyncMigrationHarness, AsyncPgConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{DatabaseUrl, SqliteConn, SQLITE_PRAGMAS};

const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");

/// Applies pending migrations; returns how many ran. Needs the multi-threaded runtime.
pub async fn run_pending(url: &DatabaseUrl) -> anyhow::Result<usize> {
    let applied = match url {
        DatabaseUrl::Postgres(url) => {
            let mut conn = AsyncPgConnection::establish(url).await?;
            // Processes started together: one migrates, the others wait for it, then find
            // nothing left to do. The lock belongs to this connection, closed at the end.
            diesel_async::SimpleAsyncConnection::batch_execute(
                &mut conn,
                "SELECT pg_advisory_lock(727001)",
            )
            .await?;
            let mut harness = AsyncMigrationHarness::new(conn);
            harness
                .run_pending_migrations(POSTGRES)
                .map_err(|e| anyhow::anyhow!("migrations PostgreSQL : {e}"))?
                .len()
        }
        DatabaseUrl::Sqlite(path) => {
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)?;
                }
            }
            let mut conn = SqliteConn::establish(path).await?;
            diesel_async::SimpleAsyncConnection::batch_execute(&mut conn, SQLITE_PRAGMAS).await?;
            let mut harness = AsyncMigrationHarness::new(conn);
            harness
                .run_pending_migrations(SQLITE)
                .map_err(|e| anyhow::anyhow!("migrations SQLite : {e}"))?
                .len()
        }
    };
    Ok(applied)
}

/// Reverts every migration (the migration test then applies them again).
pub async fn revert_all(url: &DatabaseUrl) -> anyhow::Result<()> {
    let reverted = match url {
        DatabaseUrl::Postgres(url) => {
            let conn = AsyncPgConnection::establish(url).await?;
            AsyncMigrationHarness::new(conn)
                .revert_all_migrations(POSTGRES)
                .map(|versions| versions.len())
        }
        DatabaseUrl::Sqlite(path) => {
            let conn = SqliteConn::establish(path).await?;
            AsyncMigrationHarness::new(conn)
                .revert_all_migrations(SQLITE)
                .map(|versions| versions.len())
        }
    };
    reverted.map_err(|e| anyhow::anyhow!("revert: {e}"))?;
    Ok(())
}
