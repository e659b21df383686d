//! SQLite checkpoints kept off the request path.
//!
//! In WAL mode every commit appends pages to the write-ahead log, and a *checkpoint* copies
//! them back into the database file and syncs it. SQLite's default runs that checkpoint inside
//! the commit that pushes the log past 1 000 pages, on the one writer connection: under load
//! (an assessment with its audit entry is about five pages) that is a copy and two fsyncs
//! every fraction of a second, during which every queued write, and so every request waiting
//! for its commit, stalls. That stall was the tail of the `assess` latency.
//!
//! Here the writer never checkpoints on its own (`wal_autocheckpoint = 0` on its
//! connection). A task on a connection of its own runs a PASSIVE checkpoint every
//! [`Settings::interval`]: it copies what no reader still needs while the writer goes on
//! appending (SQLite lets a checkpointer and a writer run at the same time), so its fsyncs
//! are on its own thread. A PASSIVE checkpoint alone never lets the log start again under
//! constant writes (the writer has always appended since), so when the log passes
//! [`Settings::restart_frames`] the task takes the writer connection itself from its pool —
//! no write can then be running or begin — and runs a RESTART checkpoint there: only the
//! frames appended since the last PASSIVE are left to copy, and it waits (at most
//! 20 ms) for readers of older frames to finish, after which the next commit
//! writes the log from its start again. (An earlier attempt ran the RESTART on the
//! checkpointer's own connection, where it seldom won the write lock from a writer that took
//! it back at once, and the log reached 165 MB.) If readers keep it waiting, it gives up and
//! tries at the next tick: the log then grows a little more, never the writes' latency.

use sqlx::{AnyPool, Executor, Row};
use std::sync::Weak;
use std::time::Duration;

/// The busy timeout of a RESTART checkpoint: its longest wait, in milliseconds, for readers
/// of older frames (the writer connection is held meanwhile).
const RESTART_WAIT: &str = "PRAGMA busy_timeout = 20";
/// The writer connection's busy timeout otherwise (as every connection's, see `Store`).
const WRITER_WAIT: &str = "PRAGMA busy_timeout = 10000";

/// When the checkpoint task runs and when it restarts the log.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    /// Time between two PASSIVE checkpoints.
    pub interval: Duration,
    /// Log size, in pages, past which the log is restarted on the writer connection.
    pub restart_frames: i64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            interval: Duration::from_millis(100),
            // 64 MiB of 4 KiB pages: a restart every few seconds at full load.
            restart_frames: 16384,
        }
    }
}

/// Starts the checkpoint task on the current Tokio runtime; it ends when `alive` can no longer
/// be upgraded (every `Store` is gone) or when a pool is closed.
pub(crate) fn start(
    checkpointer: AnyPool,
    writer: AnyPool,
    settings: Settings,
    alive: Weak<()>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(settings.interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if alive.strong_count() == 0 || checkpointer.is_closed() || writer.is_closed() {
                return;
            }
            // Columns: busy flag, pages in the log, pages copied. An error (e.g. the file
            // was removed under us) is not the request path's business: try again later.
            let Ok(row) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .fetch_one(&checkpointer)
                .await
            else {
                continue;
            };
            let log: i64 = row.try_get(1).unwrap_or(0);
            if log > settings.restart_frames {
                let _ = restart(&writer).await;
            }
        }
    })
}

/// A RESTART checkpoint on the writer connection, waiting at most 20 ms for
/// readers. Answers whether it completed (the next commit starts the log again).
pub(crate) async fn restart(writer: &AnyPool) -> sqlx::Result<bool> {
    let mut conn = writer.acquire().await?;
    conn.execute(RESTART_WAIT).await?;
    let done = sqlx::query("PRAGMA wal_checkpoint(RESTART)")
        .fetch_one(&mut *conn)
        .await;
    conn.execute(WRITER_WAIT).await?;
    let busy: i64 = done?.try_get(0)?;
    Ok(busy == 0)
}

#[cfg(test)]
mod tests {
    use super::Settings;
    use crate::{NewAuditEntry, Store};
    use chrono::Utc;
    use std::time::Duration;

    /// Under constant writes and reads the log is restarted, so it stays near the bound
    /// instead of holding everything written (with the writer's own checkpoints switched off
    /// and only PASSIVE checkpoints beside it, it would grow past 20 MB here).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_log_stays_bounded_under_constant_writes_and_reads() {
        let dir = std::env::temp_dir().join(format!("nn-checkpoint-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("load.db");
        let url = format!("sqlite://{}", file.display());
        let settings = Settings {
            interval: Duration::from_millis(10),
            restart_frames: 256, // 1 MiB
        };
        let store = Store::connect_with(&url, settings).await.unwrap();
        let wal = dir.join("load.db-wal");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut readers = Vec::new();
        for _ in 0..3 {
            let (store, stop) = (store.clone(), stop.clone());
            readers.push(tokio::spawn(async move {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let query = crate::AuditQuery {
                        limit: 50,
                        ..Default::default()
                    };
                    store.audit_entries(&query).await.unwrap();
                }
            }));
        }
        // 5 000 entries of 4 KiB each: 20 MB through the log, from 16 writers at once.
        let target = "x".repeat(4096);
        let mut largest = 0;
        let mut writers = Vec::new();
        for w in 0..16 {
            let (store, target) = (store.clone(), target.clone());
            writers.push(tokio::spawn(async move {
                for i in 0..5000 / 16 {
                    let entry = NewAuditEntry {
                        at: Utc::now(),
                        actor_user_id: None,
                        actor: "load",
                        interface: "test",
                        action: "write",
                        patient_id: None,
                        target: &format!("{w}-{i}-{target}"),
                        outcome: "ok",
                    };
                    store.audit(&entry).await.unwrap();
                }
            }));
        }
        while writers.iter().any(|w| !w.is_finished()) {
            largest = largest.max(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        for w in writers {
            w.await.unwrap();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for r in readers {
            r.await.unwrap();
        }
        largest = largest.max(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
        store.close().await;
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            largest < 8 << 20,
            "the write-ahead log reached {largest} bytes (20 MB written, restart past 1 MiB)"
        );
    }
}
