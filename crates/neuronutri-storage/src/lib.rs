//! Storage of neuronutri on SQLite or PostgreSQL, behind one set of repository code.
//!
//! The service keeps every piece of shared state here (patients and their FHIR resources,
//! assessments with the engine and knowledge versions that produced them, users, roles, API
//! tokens, browser sessions, lockouts, studies, and the append-only audit log), so that any
//! number of stateless `serve` instances can share one PostgreSQL database.
//!
//! Queries are written once, in the SQL both engines accept (`$1` parameters, `ON CONFLICT`,
//! `RETURNING`), and run through sqlx's `Any` driver at run time; only the schema differs, in
//! one migrations folder per engine, applied at connect time. Instants are stored as
//! milliseconds since the Unix epoch, JSON as text. Only this crate knows SQL.
#![deny(missing_docs)]

mod accounts;
mod assessments;
mod audit;
pub mod bundle;
mod cds;
mod checkpoint;
mod clinical;
mod group;
mod studies;
pub mod testing;

pub use accounts::{ApiToken, NewUser, Principal, Role, Session, User};
pub use assessments::{AssessmentContext, AssessmentSummary, NewAssessment, StoredAssessment};
pub use audit::{AuditEntry, AuditQuery, NewAuditEntry};
pub use bundle::{prepare_bundle, PreparedBundle, PreparedResource};
pub use cds::{CdsFeedbackRate, IssuedCard, JtiClaim, NewCdsFeedback};
pub use clinical::{
    ConditionRow, ImportOutcome, MedicationRow, ObservationPoint, Page, PatientQuery, PatientRow,
    ResourceQuery, StoredResource,
};
pub use studies::{StoredStudy, StudyFile, StudySummary};

use chrono::{DateTime, TimeZone, Utc};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, Row};
use std::borrow::Cow;
use std::time::Duration;

/// Which database engine a [`Store`] runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// An embedded SQLite file (one machine).
    Sqlite,
    /// A PostgreSQL server (shared by several instances).
    Postgres,
}

impl Engine {
    /// The engine's name as shown in logs and `/health`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgresql",
        }
    }
}

/// A storage failure. Input problems are [`StorageError::Invalid`] or
/// [`StorageError::Conflict`]; everything else is the database's.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database URL names no engine we support.
    #[error("unsupported database URL '{0}': use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    /// The request is not valid for the stored data (e.g. an unknown role).
    #[error("{0}")]
    Invalid(String),
    /// A unique value is already taken (e.g. a user name).
    #[error("{0}")]
    Conflict(String),
    /// Applying the schema migrations failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database reported an error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored JSON document could not be decoded (the database was changed outside us).
    #[error("stored JSON is unreadable: {0}")]
    Json(#[from] serde_json::Error),
}

impl StorageError {
    /// Whether the database could not be reached (pool timeout, closed pool, I/O), as
    /// opposed to an error in a query or in the data: the caller may answer "try again".
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StorageError::Database(
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
            )
        )
    }
}

/// Result of a storage operation.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;

const SQLITE_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
    ),
    (2, "cds", include_str!("../migrations/sqlite/0002_cds.sql")),
];
const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "cds",
        include_str!("../migrations/postgres/0002_cds.sql"),
    ),
];

/// The connection pools and the engine they talk to. Cheap to clone.
///
/// On SQLite, writes go through a pool of exactly one connection (`writer`) and reads through
/// `pool`: SQLite admits one writer at a time, and writers that race for its lock wait in
/// SQLite's busy handler, which sleeps in steps of up to 100 ms; queueing them in the pool
/// instead hands the lock on at once. On PostgreSQL both are the same pool.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    writer: AnyPool,
    engine: Engine,
    /// On SQLite, the group-commit task of the small per-request writes (`group`), on
    /// `writer`.
    group: Option<group::GroupWriter>,
    /// On an SQLite file, the connection of the checkpoint task (`checkpoint`).
    checkpointer: Option<AnyPool>,
    /// Held by every clone; the checkpoint task ends when the last is gone.
    _alive: std::sync::Arc<()>,
}

impl Store {
    /// Connects to `url` (`sqlite://PATH` — created when absent — or
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`) and applies the migrations not yet
    /// applied. Several processes may do this at once on one PostgreSQL: the migrator takes an
    /// advisory lock.
    pub async fn connect(url: &str) -> Result<Store> {
        Store::connect_with(url, checkpoint::Settings::default()).await
    }

    /// [`Store::connect`] with the SQLite checkpoint task's settings (tests use small ones).
    pub(crate) async fn connect_with(url: &str, settings: checkpoint::Settings) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else {
            return Err(StorageError::UnsupportedUrl(url.to_string()));
        };
        let alive = std::sync::Arc::new(());
        let mut checkpointer = None;
        let (pool, writer) = match engine {
            Engine::Sqlite => {
                let memory = url.contains(":memory:");
                let url = if url.contains('?') || memory {
                    url.to_string()
                } else {
                    format!("{url}?mode=rwc")
                };
                // WAL lets readers run beside the one writer; it persists in the file, so it
                // is set once, on a connection of its own, before the pools open.
                {
                    let setup = AnyPoolOptions::new()
                        .max_connections(1)
                        .connect(&url)
                        .await?;
                    setup.execute("PRAGMA journal_mode = WAL").await?;
                    setup.close().await;
                }
                // `autocheckpoint: false` on the writer: its checkpoints are the checkpoint
                // task's (see `checkpoint`), not a stall inside a commit.
                let options = |connections: u32, autocheckpoint: bool| {
                    AnyPoolOptions::new()
                        .max_connections(connections)
                        .acquire_timeout(Duration::from_secs(10))
                        // A connection to a local file does not go stale: no ping before
                        // each use (a round trip to the connection's thread).
                        .test_before_acquire(false)
                        .after_connect(move |conn, _| {
                            Box::pin(async move {
                                // NORMAL in WAL mode: a commit survives a crash of the process
                                // (what the crash test checks); only a power loss may lose the
                                // last commits.
                                conn.execute("PRAGMA synchronous = NORMAL").await?;
                                conn.execute("PRAGMA foreign_keys = ON").await?;
                                conn.execute("PRAGMA busy_timeout = 10000").await?;
                                if !autocheckpoint {
                                    conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
                                }
                                Ok(())
                            })
                        })
                };
                let pool = options(8, true).connect(&url).await?;
                // An in-memory database lives in one connection's pool: it cannot be shared
                // by a second pool, so there the one pool also writes (and has no log).
                let writer = if memory {
                    pool.clone()
                } else {
                    let writer = options(1, false).connect(&url).await?;
                    let own = options(1, true).connect(&url).await?;
                    checkpointer = Some(own.clone());
                    checkpoint::start(
                        own,
                        writer.clone(),
                        settings,
                        std::sync::Arc::downgrade(&alive),
                    );
                    writer
                };
                (pool, writer)
            }
            Engine::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    // No ping (a round trip) before each use: a connection that broke is
                    // found by its next query, which fails that one request.
                    .test_before_acquire(false)
                    .connect(url)
                    .await?;
                (pool.clone(), pool)
            }
        };
        let group = (engine == Engine::Sqlite).then(|| group::GroupWriter::start(writer.clone()));
        let store = Store {
            pool,
            writer,
            engine,
            group,
            checkpointer,
            _alive: alive,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        let source = match self.engine {
            Engine::Sqlite => SQLITE_MIGRATIONS,
            Engine::Postgres => POSTGRES_MIGRATIONS,
        };
        let migrations = source
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sqlx::SqlStr::from_static(sql),
                    false,
                )
            })
            .collect();
        let migrator = Migrator::with_migrations(migrations);
        migrator.run(&self.writer).await?;
        Ok(())
    }

    /// The engine behind this store.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Whether the database answers (for readiness probes).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (at shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.close().await;
        }
    }

    /// Begins a write transaction on the writer pool. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`), so that another process writing the same file makes it wait
    /// on the busy timeout instead of failing when a read lock cannot be upgraded.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.engine {
            Engine::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => self.writer.begin().await?,
        })
    }
}

impl Store {
    /// Commits `write` through the group-commit task (with the writes of other requests
    /// waiting at the same moment), or alone when that task is gone (its runtime ended).
    async fn write(&self, write: group::Write) -> Result<group::Done> {
        // PostgreSQL already shares one WAL flush among the commits of concurrent
        // connections; funnelling them through one connection would only serialize their
        // round trips. So there each write is a transaction of its own on the pool.
        let queued = match &self.group {
            Some(group) => group.submit(write).await,
            None => Err(write),
        };
        match queued {
            Ok(result) => result,
            Err(write) if self.engine == Engine::Postgres => {
                // One statement when it can be (`apply_one_statement`): one round trip.
                {
                    let mut conn = self.writer.acquire().await?;
                    if let Some(done) = group::apply_one_statement(&mut conn, &write).await {
                        return done;
                    }
                }
                let mut tx = self.begin_write().await?;
                let done = group::apply(&mut tx, &write).await?;
                tx.commit().await?;
                Ok(done)
            }
            Err(write) => {
                let mut tx = self.begin_write().await?;
                let done = group::apply(&mut tx, &write).await?;
                tx.commit().await?;
                Ok(done)
            }
        }
    }
}

/// Milliseconds since the epoch, as stored.
pub(crate) fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The instant a stored millisecond count stands for.
pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

pub(crate) fn get_ms(row: &AnyRow, column: &str) -> Result<DateTime<Utc>> {
    Ok(from_ms(row.try_get::<i64, _>(column)?))
}

pub(crate) fn get_opt_ms(row: &AnyRow, column: &str) -> Result<Option<DateTime<Utc>>> {
    Ok(row.try_get::<Option<i64>, _>(column)?.map(from_ms))
}

/// Lower-case hexadecimal SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// Whether a database error is a unique-constraint violation (both engines).
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.kind() == sqlx::error::ErrorKind::UniqueViolation
                || db.message().contains("UNIQUE constraint failed")
                || db.code().as_deref() == Some("23505")
        }
        _ => false,
    }
}
