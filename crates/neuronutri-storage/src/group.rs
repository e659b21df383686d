//! Group commit of the small writes every request makes on SQLite (a CDS client's `jti`,
//! the cards and audit entry of a CDS call, an audit entry, a stored assessment with its
//! audit entry): one task takes the writes waiting at that moment, runs them in one
//! transaction on the writer connection, commits once, and only then answers each caller. A
//! request is thus still answered only after its rows are committed, but the commit (its WAL
//! pages) and the transaction's round trips to the connection's thread are shared by every
//! request that arrived meanwhile, instead of each request taking its turn on SQLite's one
//! writer connection. (PostgreSQL does not use it: see `Store::write`.)
//!
//! When a write of a batch fails, the batch is rolled back and each of its writes runs again
//! in a transaction of its own, so that one bad write never fails or half-applies another's.

use crate::{to_ms, Result, StorageError};
use sqlx::{Any, AnyConnection, AnyPool, Row, Transaction};
use tokio::sync::{mpsc, oneshot};

/// Most writes committed together.
const MAX_BATCH: usize = 128;

/// Most cards stored by one INSERT (each text of the statement is prepared once per
/// connection, so their number is bounded).
const CARDS_PER_INSERT: usize = 32;

/// An audit entry to append, owned (it crosses to the writer task).
#[derive(Clone, Debug)]
pub(crate) struct Audit {
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor: String,
    pub interface: String,
    pub action: String,
    pub patient_id: Option<i64>,
    pub target: String,
    pub outcome: String,
}

impl From<&crate::NewAuditEntry<'_>> for Audit {
    fn from(e: &crate::NewAuditEntry<'_>) -> Audit {
        Audit {
            at: to_ms(e.at),
            actor_user_id: e.actor_user_id,
            actor: e.actor.to_string(),
            interface: e.interface.to_string(),
            action: e.action.to_string(),
            patient_id: e.patient_id,
            target: e.target.to_string(),
            outcome: e.outcome.to_string(),
        }
    }
}

/// A stored assessment's row, owned.
#[derive(Debug)]
pub(crate) struct Assessment {
    pub patient_id: i64,
    pub at: i64,
    pub created_at: i64,
    pub engine_version: String,
    pub knowledge_version: String,
    pub lang: String,
    pub codes: String,
    pub data_as_of: Option<i64>,
    pub result: String,
    pub actor: String,
}

/// One write.
#[derive(Debug)]
pub(crate) enum Write {
    /// Remember a client JWT id (see `Store::remember_jti`): `true` when it is new.
    Jti(Jti),
    /// The cards (uuid, code) answered to one CDS call and its audit entry, and the call's
    /// JWT id when it is remembered in the same write (`Store::record_cds_call`): then,
    /// should the id have been seen meanwhile, only an audit entry of the refusal is written
    /// and the write answers `Accepted(false)`.
    CdsCall {
        service: String,
        issuer: String,
        at: i64,
        cards: Vec<(String, String)>,
        audit: Audit,
        jti: Option<Jti>,
    },
    /// An audit entry; answers its id.
    Audit(Audit),
    /// A stored assessment and the audit entry of the call; answers the assessment's id.
    Assessment(Assessment, Audit),
}

/// A client JWT id to remember until `expires_at` (ms), taken over when the row found has
/// expired before `now`.
#[derive(Debug)]
pub(crate) struct Jti {
    pub iss: String,
    pub jti: String,
    pub expires_at: i64,
    pub now: i64,
}

/// What a write answers.
#[derive(Debug)]
pub(crate) enum Done {
    Accepted(bool),
    Id(i64),
}

type Reply = oneshot::Sender<Result<Done>>;

/// The sending side, kept in the `Store`.
#[derive(Clone, Debug)]
pub(crate) struct GroupWriter {
    sender: mpsc::UnboundedSender<(Write, Reply)>,
}

impl GroupWriter {
    /// Starts the writer task on the current Tokio runtime.
    pub(crate) fn start(pool: AnyPool) -> GroupWriter {
        let (sender, receiver) = mpsc::unbounded_channel();
        tokio::spawn(run(pool, receiver));
        GroupWriter { sender }
    }

    /// Queues `write` and waits for its commit. `Err(write)` when the task is gone (its
    /// runtime ended): the caller then writes alone.
    pub(crate) async fn submit(&self, write: Write) -> std::result::Result<Result<Done>, Write> {
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError((write, _))) = self.sender.send((write, reply)) {
            return Err(write);
        }
        match answer.await {
            Ok(result) => Ok(result),
            // The task ended with the write queued: it was never run.
            Err(_) => Ok(Err(StorageError::Database(sqlx::Error::PoolClosed))),
        }
    }
}

/// `BEGIN IMMEDIATE`: the write lock at once (another process writing the same file makes
/// it wait on the busy timeout instead of failing to upgrade a read lock).
async fn begin(pool: &AnyPool) -> Result<Transaction<'static, Any>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// The task: batches until every `Store` is gone.
async fn run(pool: AnyPool, mut receiver: mpsc::UnboundedReceiver<(Write, Reply)>) {
    let mut batch: Vec<(Write, Reply)> = Vec::with_capacity(MAX_BATCH);
    while receiver.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit_batch(&pool, &mut batch).await;
        batch.clear();
    }
}

async fn commit_batch(pool: &AnyPool, batch: &mut Vec<(Write, Reply)>) {
    if batch.len() > 1 {
        let together = async {
            let mut tx = begin(pool).await?;
            let mut results = Vec::with_capacity(batch.len());
            for (write, _) in batch.iter() {
                results.push(apply(&mut tx, write).await?);
            }
            tx.commit().await?;
            Ok::<_, StorageError>(results)
        }
        .await;
        if let Ok(results) = together {
            for ((_, reply), result) in batch.drain(..).zip(results) {
                let _ = reply.send(Ok(result));
            }
            return;
        }
        // Something failed: nothing of the batch is committed; each write alone.
    }
    for (write, reply) in batch.drain(..) {
        let result = async {
            let mut tx = begin(pool).await?;
            let done = apply(&mut tx, &write).await?;
            tx.commit().await?;
            Ok(done)
        }
        .await;
        let _ = reply.send(result);
    }
}

/// Runs one write in the transaction open on `conn`.
pub(crate) async fn apply(conn: &mut AnyConnection, write: &Write) -> Result<Done> {
    match write {
        Write::Jti(jti) => Ok(Done::Accepted(insert_jti(conn, jti).await?)),
        Write::CdsCall {
            service,
            issuer,
            at,
            cards,
            audit,
            jti,
        } => {
            if let Some(jti) = jti {
                if !insert_jti(conn, jti).await? {
                    let refused = Audit {
                        action: "cds-auth".into(),
                        outcome: "denied".into(),
                        ..audit.clone()
                    };
                    insert_audit(conn, &refused).await?;
                    return Ok(Done::Accepted(false));
                }
            }
            // One statement per call (up to CARDS_PER_INSERT cards), not one per card.
            for chunk in cards.chunks(CARDS_PER_INSERT) {
                let mut sql = String::from(
                    "INSERT INTO cds_card (uuid, service, code, issuer, issued_at) VALUES ",
                );
                push_card_rows(&mut sql, chunk.len());
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for (uuid, code) in chunk {
                    query = query
                        .bind(uuid.as_str())
                        .bind(service.as_str())
                        .bind(code.as_str())
                        .bind(issuer.as_str())
                        .bind(*at);
                }
                query.execute(&mut *conn).await?;
            }
            insert_audit(conn, audit).await?;
            Ok(Done::Accepted(true))
        }
        Write::Audit(audit) => Ok(Done::Id(insert_audit(conn, audit).await?)),
        Write::Assessment(new, audit) => {
            let id: i64 = sqlx::query(
                "INSERT INTO assessments (patient_id, at, created_at, engine_version, \
                 knowledge_version, lang, codes, data_as_of, result, actor) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(new.patient_id)
            .bind(new.at)
            .bind(new.created_at)
            .bind(new.engine_version.as_str())
            .bind(new.knowledge_version.as_str())
            .bind(new.lang.as_str())
            .bind(new.codes.as_str())
            .bind(new.data_as_of)
            .bind(new.result.as_str())
            .bind(new.actor.as_str())
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
            insert_audit(conn, audit).await?;
            Ok(Done::Id(id))
        }
    }
}

/// Runs `write` on PostgreSQL as one statement in its own implicit transaction, when it can
/// be one: an assessment or a CDS call's cards go beside their audit entry through
/// data-modifying `WITH` clauses, which PostgreSQL runs atomically as one statement. One round
/// trip instead of four (`BEGIN`, two statements, `COMMIT`). `None`: the write needs a
/// transaction (more cards than one INSERT takes).
pub(crate) async fn apply_one_statement(
    conn: &mut AnyConnection,
    write: &Write,
) -> Option<Result<Done>> {
    Some(match write {
        Write::Jti(_) | Write::Audit(_) => apply(conn, write).await,
        // The JWT id decides whether the cards are written: a transaction.
        Write::CdsCall { jti: Some(_), .. } => return None,
        Write::Assessment(new, audit) => {
            async {
                let id: i64 = sqlx::query(
                    "WITH a AS (INSERT INTO assessments (patient_id, at, created_at, \
                 engine_version, knowledge_version, lang, codes, data_as_of, result, actor) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id), \
                 l AS (INSERT INTO audit_log (at, actor_user_id, actor, interface, action, \
                 patient_id, target, outcome) VALUES ($11, $12, $13, $14, $15, $16, $17, $18)) \
                 SELECT id FROM a",
                )
                .bind(new.patient_id)
                .bind(new.at)
                .bind(new.created_at)
                .bind(new.engine_version.as_str())
                .bind(new.knowledge_version.as_str())
                .bind(new.lang.as_str())
                .bind(new.codes.as_str())
                .bind(new.data_as_of)
                .bind(new.result.as_str())
                .bind(new.actor.as_str())
                .bind(audit.at)
                .bind(audit.actor_user_id)
                .bind(audit.actor.as_str())
                .bind(audit.interface.as_str())
                .bind(audit.action.as_str())
                .bind(audit.patient_id)
                .bind(audit.target.as_str())
                .bind(audit.outcome.as_str())
                .fetch_one(&mut *conn)
                .await?
                .try_get(0)?;
                Ok(Done::Id(id))
            }
            .await
        }
        Write::CdsCall { cards, .. } if cards.is_empty() => apply(conn, write).await,
        Write::CdsCall {
            service,
            issuer,
            at,
            cards,
            audit,
            jti: None,
        } => {
            if cards.len() > CARDS_PER_INSERT {
                return None;
            }
            let mut sql = String::from(
                "WITH c AS (INSERT INTO cds_card (uuid, service, code, issuer, issued_at) VALUES ",
            );
            push_card_rows(&mut sql, cards.len());
            let p = 5 * cards.len();
            sql.push_str(&format!(
                ") INSERT INTO audit_log (at, actor_user_id, actor, interface, action, \
                 patient_id, target, outcome) VALUES (${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                p + 1,
                p + 2,
                p + 3,
                p + 4,
                p + 5,
                p + 6,
                p + 7,
                p + 8
            ));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (uuid, code) in cards {
                query = query
                    .bind(uuid.as_str())
                    .bind(service.as_str())
                    .bind(code.as_str())
                    .bind(issuer.as_str())
                    .bind(*at);
            }
            let done = query
                .bind(audit.at)
                .bind(audit.actor_user_id)
                .bind(audit.actor.as_str())
                .bind(audit.interface.as_str())
                .bind(audit.action.as_str())
                .bind(audit.patient_id)
                .bind(audit.target.as_str())
                .bind(audit.outcome.as_str())
                .execute(&mut *conn)
                .await;
            done.map(|_| Done::Accepted(true)).map_err(Into::into)
        }
    })
}

/// Appends the VALUES rows of `count` cards to `sql`: `($1, …, $5), ($6, …, $10), …`.
fn push_card_rows(sql: &mut String, count: usize) {
    for n in 0..count {
        let p = 5 * n;
        if n > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "(${}, ${}, ${}, ${}, ${})",
            p + 1,
            p + 2,
            p + 3,
            p + 4,
            p + 5
        ));
    }
}

/// Remembers `jti`: `false` when it was seen before and has not expired.
async fn insert_jti(conn: &mut AnyConnection, jti: &Jti) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO cds_jti (iss, jti, expires_at) VALUES ($1, $2, $3) \
         ON CONFLICT (iss, jti) DO UPDATE SET expires_at = excluded.expires_at \
         WHERE cds_jti.expires_at < $4",
    )
    .bind(jti.iss.as_str())
    .bind(jti.jti.as_str())
    .bind(jti.expires_at)
    .bind(jti.now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn insert_audit(conn: &mut AnyConnection, audit: &Audit) -> Result<i64> {
    Ok(sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, actor, interface, action, patient_id, \
         target, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(audit.at)
    .bind(audit.actor_user_id)
    .bind(audit.actor.as_str())
    .bind(audit.interface.as_str())
    .bind(audit.action.as_str())
    .bind(audit.patient_id)
    .bind(audit.target.as_str())
    .bind(audit.outcome.as_str())
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?)
}
