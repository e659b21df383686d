//! What the CDS Hooks service must share between instances: the client JWT ids already
//! seen (replay protection for as long as a token lives), the cards issued (feedback names
//! only a card's uuid) and the feedback received, with acceptance and override counts per
//! rule code.

use crate::{is_unique_violation, to_ms, Result, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;

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

impl Store {
    /// Remembers a client JWT id until `expires_at`. Returns `false` when `(iss, jti)` was
    /// seen before and has not expired: a replay. Expired ids are forgotten on the way.
    pub async fn remember_jti(
        &self,
        iss: &str,
        jti: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        sqlx::query("DELETE FROM cds_jti WHERE expires_at < $1")
            .bind(to_ms(now))
            .execute(&self.pool)
            .await?;
        let inserted =
            sqlx::query("INSERT INTO cds_jti (iss, jti, expires_at) VALUES ($1, $2, $3)")
                .bind(iss)
                .bind(jti)
                .bind(to_ms(expires_at))
                .execute(&self.pool)
                .await;
        match inserted {
            Ok(_) => Ok(true),
            Err(e) if is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Records the cards answered to one call.
    pub async fn record_cds_cards(
        &self,
        service: &str,
        issuer: &str,
        at: DateTime<Utc>,
        cards: &[IssuedCard<'_>],
    ) -> Result<()> {
        if cards.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        for card in cards {
            sqlx::query(
                "INSERT INTO cds_card (uuid, service, code, issuer, issued_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(card.uuid)
            .bind(service)
            .bind(card.code)
            .bind(issuer)
            .bind(to_ms(at))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
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
