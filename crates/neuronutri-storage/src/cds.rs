//! What the CDS Hooks service must share between instances: the client JWT ids already
//! seen (replay protection for as long as a token lives), the cards issued (feedback names
//! only a card's uuid) and the feedback received, with acceptance and override counts per
//! rule code.

use crate::{to_ms, NewAuditEntry, Result, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;
use std::sync::atomic::{AtomicI64, Ordering};

/// Shortest time between two deletions of expired JWT ids by one process, in milliseconds.
pub const JTI_PURGE_INTERVAL_MS: i64 = 10_000;

/// When this process last deleted expired JWT ids (ms since the epoch).
static LAST_JTI_PURGE: AtomicI64 = AtomicI64::new(i64::MIN / 2);

/// A card as issued, to be found again by its uuid.
#[derive(Clone, Debug)]
pub struct IssuedCard<'a> {
    /// The card's uuid.
    pub uuid: &'a str,
    /// The rule code the card shows.
    pub code: &'a str,
}

/// One feedback entry as received.
#[derive(Clone, Debug, Default)]
pub struct NewCdsFeedback<'a> {
    /// The card's uuid.
    pub card_uuid: &'a str,
    /// The CDS service id called.
    pub service: &'a str,
    /// `accepted` or `overridden`.
    pub outcome: &'a str,
    /// The uuids of accepted suggestions, comma-separated.
    pub accepted: Option<&'a str>,
    /// The override reason's coding system.
    pub reason_system: Option<&'a str>,
    /// The override reason's code.
    pub reason_code: Option<&'a str>,
    /// The override reason's display.
    pub reason_display: Option<&'a str>,
    /// The clinician's comment.
    pub user_comment: Option<&'a str>,
    /// When the clinician acted.
    pub outcome_at: DateTime<Utc>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The client (JWT `iss`) that sent it.
    pub issuer: &'a str,
}

/// Feedback counts of one rule code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CdsFeedbackRate {
    /// The rule code.
    pub code: String,
    /// Cards issued with that code in the period.
    pub issued: i64,
    /// Feedback entries with outcome `accepted`.
    pub accepted: i64,
    /// Feedback entries with outcome `overridden`.
    pub overridden: i64,
}

/// A client JWT id to be remembered in the same write as the call's cards
/// ([`Store::record_cds_call`]).
#[derive(Clone, Copy, Debug)]
pub struct JtiClaim<'a> {
    /// The JWT `iss`.
    pub iss: &'a str,
    /// The JWT `jti`.
    pub jti: &'a str,
    /// Until when it is remembered.
    pub expires_at: DateTime<Utc>,
}

impl JtiClaim<'_> {
    fn row(&self, now: DateTime<Utc>) -> crate::group::Jti {
        crate::group::Jti {
            iss: self.iss.to_string(),
            jti: self.jti.to_string(),
            expires_at: to_ms(self.expires_at),
            now: to_ms(now),
        }
    }
}

impl Store {
    /// Deletes expired JWT ids, at most every [`JTI_PURGE_INTERVAL_MS`] per process, so that
    /// a call costs one write, not two.
    async fn purge_expired_jtis(&self, now: DateTime<Utc>) -> Result<()> {
        let now_ms = to_ms(now);
        let last = LAST_JTI_PURGE.load(Ordering::Relaxed);
        if now_ms - last >= JTI_PURGE_INTERVAL_MS
            && LAST_JTI_PURGE
                .compare_exchange(last, now_ms, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            sqlx::query("DELETE FROM cds_jti WHERE expires_at < $1")
                .bind(now_ms)
                .execute(&self.writer)
                .await?;
        }
        Ok(())
    }

    /// Remembers a client JWT id until `expires_at`. Returns `false` when `(iss, jti)` was
    /// seen before and has not expired: a replay. A row whose time has passed counts as
    /// forgotten (it is taken over).
    pub async fn remember_jti(
        &self,
        iss: &str,
        jti: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        self.purge_expired_jtis(now).await?;
        let claim = JtiClaim {
            iss,
            jti,
            expires_at,
        };
        let done = self.write(crate::group::Write::Jti(claim.row(now))).await?;
        Ok(matches!(done, crate::group::Done::Accepted(true)))
    }

    /// Records the cards answered to one call and its audit entry, in one transaction
    /// (committed with the writes of other calls waiting at the same moment; see
    /// `group`). With `jti`, the call's JWT id is remembered in the same transaction, and
    /// only if it was not seen before are the cards and the audit entry written: otherwise
    /// an audit entry of the refusal (`cds-auth`, `denied`) is, and the answer is `false`.
    pub async fn record_cds_call(
        &self,
        service: &str,
        issuer: &str,
        at: DateTime<Utc>,
        cards: &[IssuedCard<'_>],
        audit: &NewAuditEntry<'_>,
        jti: Option<JtiClaim<'_>>,
    ) -> Result<bool> {
        if jti.is_some() {
            self.purge_expired_jtis(at).await?;
        }
        let done = self
            .write(crate::group::Write::CdsCall {
                service: service.to_string(),
                issuer: issuer.to_string(),
                at: to_ms(at),
                cards: cards
                    .iter()
                    .map(|c| (c.uuid.to_string(), c.code.to_string()))
                    .collect(),
                audit: audit.into(),
                jti: jti.map(|j| j.row(at)),
            })
            .await?;
        Ok(matches!(done, crate::group::Done::Accepted(true)))
    }

    /// The rule code of an issued card, if the card was issued by `service`.
    pub async fn cds_card_code(&self, service: &str, uuid: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT code FROM cds_card WHERE uuid = $1 AND service = $2")
            .bind(uuid)
            .bind(service)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => Some(row.try_get(0)?),
            None => None,
        })
    }

    /// Stores feedback entries, all or none.
    pub async fn insert_cds_feedback(
        &self,
        entries: &[(NewCdsFeedback<'_>, Option<String>)],
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (f, code) in entries {
            sqlx::query(
                "INSERT INTO cds_feedback (card_uuid, service, code, outcome, accepted, \
                 reason_system, reason_code, reason_display, user_comment, outcome_at, \
                 received_at, issuer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(f.card_uuid)
            .bind(f.service)
            .bind(code.as_deref())
            .bind(f.outcome)
            .bind(f.accepted)
            .bind(f.reason_system)
            .bind(f.reason_code)
            .bind(f.reason_display)
            .bind(f.user_comment)
            .bind(to_ms(f.outcome_at))
            .bind(to_ms(f.received_at))
            .bind(f.issuer)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Per rule code: cards issued in `[from, to)` and the feedback on them whose outcome
    /// time falls in the same period, ordered by code.
    pub async fn cds_feedback_rates(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<CdsFeedbackRate>> {
        let issued = sqlx::query(
            "SELECT code, COUNT(*) AS n FROM cds_card WHERE issued_at >= $1 AND issued_at < $2 \
             GROUP BY code",
        )
        .bind(to_ms(from))
        .bind(to_ms(to))
        .fetch_all(&self.pool)
        .await?;
        let outcomes = sqlx::query(
            "SELECT code, outcome, COUNT(*) AS n FROM cds_feedback WHERE code IS NOT NULL \
             AND outcome_at >= $1 AND outcome_at < $2 GROUP BY code, outcome",
        )
        .bind(to_ms(from))
        .bind(to_ms(to))
        .fetch_all(&self.pool)
        .await?;
        let mut rates: std::collections::BTreeMap<String, CdsFeedbackRate> = Default::default();
        fn slot(
            rates: &mut std::collections::BTreeMap<String, CdsFeedbackRate>,
            code: String,
        ) -> &mut CdsFeedbackRate {
            rates.entry(code.clone()).or_insert(CdsFeedbackRate {
                code,
                issued: 0,
                accepted: 0,
                overridden: 0,
            })
        }
        for row in &issued {
            slot(&mut rates, row.try_get("code")?).issued = row.try_get("n")?;
        }
        for row in &outcomes {
            let outcome: String = row.try_get("outcome")?;
            let n: i64 = row.try_get("n")?;
            let rate = slot(&mut rates, row.try_get("code")?);
            match outcome.as_str() {
                "accepted" => rate.accepted += n,
                _ => rate.overridden += n,
            }
        }
        Ok(rates.into_values().collect())
    }
}
