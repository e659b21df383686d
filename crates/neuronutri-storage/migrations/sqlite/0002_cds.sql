-- CDS Hooks (issue 16): replay protection of client JWTs, the cards issued and the
-- feedback received on them. Shared by every instance that uses this database.

-- One row per accepted client JWT, kept until it expires: a second use of the same
-- (iss, jti) within the token's lifetime is a replay.
CREATE TABLE cds_jti (
    iss        TEXT    NOT NULL,
    jti        TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (iss, jti)
);
CREATE INDEX cds_jti_expires ON cds_jti (expires_at);

-- Every card answered, so that feedback (which names only the card's uuid) can be counted
-- per rule code.
CREATE TABLE cds_card (
    uuid       TEXT    PRIMARY KEY,
    service    TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    issuer     TEXT    NOT NULL,
    issued_at  INTEGER NOT NULL
);

CREATE TABLE cds_feedback (
    id              INTEGER PRIMARY KEY,
    card_uuid       TEXT    NOT NULL,
    service         TEXT    NOT NULL,
    code            TEXT,
    outcome         TEXT    NOT NULL,
    accepted        TEXT,
    reason_system   TEXT,
    reason_code     TEXT,
    reason_display  TEXT,
    user_comment    TEXT,
    outcome_at      INTEGER NOT NULL,
    received_at     INTEGER NOT NULL,
    issuer          TEXT    NOT NULL
);
CREATE INDEX cds_feedback_code ON cds_feedback (code, outcome_at);
