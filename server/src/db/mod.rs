//! Storage: one pool per backend behind [`Db`], and the query modules.
//!
//! Queries are written once; [`with_conn!`] instantiates the body for each backend
//! (diesel's types differ per backend, the source does not). Search is not SQL at all: it is
//! the search engine's ([`crate::search`]), the same over both backends.

pub mod access_requests;
pub mod alerts;
pub mod api_keys;
pub mod applications;
pub mod audit;
pub mod cache;
pub mod clear_tokens;
pub mod daily_quotas;
pub mod entities;
pub mod entity_admin;
pub mod forum;
pub mod geo;
pub mod metiers;
pub mod migrations;
pub mod offer_changes;
pub mod offer_edits;
pub mod offers;
pub mod outbox;
pub mod personal_data;
pub mod profiles;
pub mod rate_limits;
pub mod schema;
pub mod stats;
pub mod users;
pub mod vismonjob;
pub mod webhooks;

use diesel::sqlite::SqliteConnection;
use diesel::ConnectionError;
use diesel_async::pooled_connection::deadpool::{Pool, PoolError};
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig, SetupCallback};
use diesel_async::sync_connection_wrapper::SyncConnectionWrapper;
use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
use std::collections::HashMap;
use std::sync::Arc;

pub type SqliteConn = SyncConnectionWrapper<SqliteConnection>;

/// Where the data lives, parsed from `DATABASE_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    /// Path of the SQLite file.
    Sqlite(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            Ok(Self::Sqlite(path.to_owned()))
        } else {
            anyhow::bail!(
                "DATABASE_URL doit commencer par postgres:// ou sqlite:// (reçu « {url} »)"
            )
        }
    }
}

/// A pool of connections to one of the two supported backends, and what this process keeps
/// of the data between requests.
#[derive(Clone)]
pub struct Db {
    pub pools: Pools,
    /// Open offers per entity (see [`entities::OpenOffers`]).
    pub(crate) open_offers: Arc<cache::Cached<HashMap<i64, i64>>>,
    /// The offer search engine, built from this database (see [`crate::search`]).
    pub search: Arc<crate::search::SearchEngine>,
}

/// The pool of one backend.
#[derive(Clone)]
pub enum Pools {
    Pg(Pool<AsyncPgConnection>),
    Sqlite(Pool<SqliteConn>),
}

/// Failures of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    /// A unique value (e-mail address…) is already taken.
    #[error("conflict")]
    Conflict,
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Query(diesel::result::Error),
    #[error("corrupt data: {0}")]
    Corrupt(String),
    /// A daily allowance ran out (`daily_quotas`): the transaction is rolled back.
    #[error("daily allowance {0} ran out")]
    CapReached(usize),
}

impl From<diesel::result::Error> for DbError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::NotFound => DbError::NotFound,
            // A pooled connection the database closed (it restarted): unavailable for now,
            // the pool replaces the connection at its next checkout.
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                DbError::Unavailable(info.message().to_owned())
            }
            other => DbError::Query(other),
        }
    }
}

impl From<PoolError> for DbError {
    fn from(err: PoolError) -> Self {
        DbError::Unavailable(err.to_string())
    }
}

impl From<serde_json::Error> for DbError {
    fn from(err: serde_json::Error) -> Self {
        DbError::Corrupt(err.to_string())
    }
}

pub type DbResult<T> = Result<T, DbError>;

/// Runs `$body` with `$conn` bound to a pooled connection and `$db_ty` to its diesel
/// backend type, once per backend.
#[macro_export]
macro_rules! with_conn {
    ($db:expr, |$conn:ident : $db_ty:ident| $body:block) => {
        match &$db.pools {
            $crate::db::Pools::Pg(pool) => {
                #[allow(dead_code)]
                type $db_ty = diesel::pg::Pg;
                let mut pooled = pool.get().await?;
                let $conn = &mut *pooled;
                $body
            }
            $crate::db::Pools::Sqlite(pool) => {
                #[allow(dead_code)]
                type $db_ty = diesel::sqlite::Sqlite;
                let mut pooled = pool.get().await?;
                let $conn = &mut *pooled;
                $body
            }
        }
    };
}

/// Runs `$body` inside one transaction, once per backend (see [`with_conn!`]); the body
/// returns `Result<_, DbError>` and any error rolls everything back.
#[macro_export]
macro_rules! in_transaction {
    ($db:expr, |$conn:ident : $db_ty:ident| $body:block) => {{
        use diesel_async::AsyncConnection as _;
        match &$db.pools {
            $crate::db::Pools::Pg(pool) => {
                #[allow(dead_code)]
                type $db_ty = diesel::pg::Pg;
                let mut pooled = pool.get().await.map_err($crate::db::DbError::from)?;
                let conn: &mut diesel_async::AsyncPgConnection = &mut pooled;
                conn.transaction(async move |$conn: &mut diesel_async::AsyncPgConnection| -> Result<_, $crate::db::DbError> { $body })
                    .await
            }
            $crate::db::Pools::Sqlite(pool) => {
                #[allow(dead_code)]
                type $db_ty = diesel::sqlite::Sqlite;
                let mut pooled = pool.get().await.map_err($crate::db::DbError::from)?;
                let conn: &mut $crate::db::SqliteConn = &mut pooled;
                conn.transaction(async move |$conn: &mut $crate::db::SqliteConn| -> Result<_, $crate::db::DbError> {
                    // Take the write lock first. A transaction that reads, then writes after
                    // another connection committed, fails at once with "database is locked"
                    // (its snapshot is stale), whatever busy_timeout says; a write as first
                    // statement waits for the lock instead.
                    diesel_async::RunQueryDsl::execute(diesel::sql_query($crate::db::SQLITE_TAKE_WRITE_LOCK), &mut *$conn).await?;
                    $body
                })
                    .await
            }
        }
    }};
}

/// A write that changes nothing but takes SQLite's write lock (see [`in_transaction!`]).
#[doc(hidden)]
pub const SQLITE_TAKE_WRITE_LOCK: &str =
    "UPDATE __diesel_schema_migrations SET version = version WHERE 0";

/// busy_timeout must come before journal_mode=WAL, which may need a lock.
/// Memory-mapped reads let every pooled connection share the OS page cache instead of
/// each re-reading pages into its own small cache (19x faster filtered counts at 10k offers).
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 268435456;";

/// PostgreSQL's default page costs assume spinning disks: with them it reads the whole
/// offers table for a text search rather than use the GIN index (16 ms instead of 4 ms at
/// 10,000 offers). 1.1 is the usual value for SSDs and for data held in memory.
const POSTGRES_SESSION: &str = "SET random_page_cost = 1.1;";

/// Opens each pooled connection, then runs `session` on it.
fn connect_then<C>(session: &'static str) -> SetupCallback<C>
where
    C: AsyncConnection + SimpleAsyncConnection + Send + 'static,
{
    Box::new(move |url| {
        Box::pin(async move {
            let mut conn = C::establish(url).await?;
            conn.batch_execute(session)
                .await
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            Ok(conn)
        })
    })
}

impl Db {
    /// Opens a pool (the SQLite file and its folder are created if needed).
    pub fn connect(url: &DatabaseUrl, max_size: usize) -> anyhow::Result<Self> {
        let pools = match url {
            DatabaseUrl::Postgres(url) => {
                let mut config = ManagerConfig::<AsyncPgConnection>::default();
                config.custom_setup = connect_then(POSTGRES_SESSION);
                let manager =
                    AsyncDieselConnectionManager::<AsyncPgConnection>::new_with_config(url, config);
                Pools::Pg(Pool::builder(manager).max_size(max_size).build()?)
            }
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = std::path::Path::new(path).parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir)?;
                    }
                }
                let mut config = ManagerConfig::<SqliteConn>::default();
                config.custom_setup = connect_then(SQLITE_PRAGMAS);
                let manager =
                    AsyncDieselConnectionManager::<SqliteConn>::new_with_config(path, config);
                Pools::Sqlite(Pool::builder(manager).max_size(max_size).build()?)
            }
        };
        Ok(Db {
            pools,
            open_offers: Arc::new(cache::Cached::new(entities::OPEN_OFFERS_TTL)),
            search: Arc::new(crate::search::SearchEngine::new(Default::default())),
        })
    }

    /// The same database with its search index kept in `storage` (in memory by default).
    pub fn with_search_storage(self, storage: crate::search::Storage) -> Self {
        Self {
            search: Arc::new(crate::search::SearchEngine::new(storage)),
            ..self
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.pools, Pools::Pg(_))
    }

    /// The pool's connections: (most allowed, open, idle, requests waiting for one).
    pub fn pool_status(&self) -> (usize, usize, usize, usize) {
        let status = match &self.pools {
            Pools::Pg(pool) => pool.status(),
            Pools::Sqlite(pool) => pool.status(),
        };
        (
            status.max_size,
            status.size,
            status.available,
            status.waiting,
        )
    }

    /// Brings the query planner's statistics up to date after the data changed a lot (a
    /// seed, a day of publications). Without them SQLite answers a text search by walking
    /// every open offer instead of the few the search index returns (37 ms instead of 6 ms
    /// at 100,000 offers). A full `ANALYZE` takes about 40 ms at 100,000 offers on SQLite.
    /// PostgreSQL's autovacuum keeps its own, in time; after a bulk load (the seed) a
    /// `VACUUM` also marks the pages visible, without which counting from an index still
    /// reads every row (DINUM's open offers at 100,000: 110 ms, 9 ms after; about 1 s).
    pub async fn refresh_statistics(&self) -> DbResult<()> {
        let statement = if self.is_postgres() {
            "VACUUM (ANALYZE) offers"
        } else {
            "ANALYZE"
        };
        with_conn!(self, |conn: DB| {
            conn.batch_execute(statement).await?;
        });
        Ok(())
    }

    /// Whether a trivial query succeeds (readiness probe).
    pub async fn ping(&self) -> DbResult<()> {
        with_conn!(self, |conn: DB| {
            conn.batch_execute("SELECT 1").await?;
            Ok(())
        })
    }
}
