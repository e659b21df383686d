-- neuronutri schema, SQLite. Instants are milliseconds since the Unix epoch (UTC); JSON is
-- stored as text. Keep in step with ../postgres/0001_init.sql: the repository code is shared.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('clinician', 'researcher', 'admin')),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    token_hash TEXT    NOT NULL UNIQUE,
    role       TEXT    NOT NULL CHECK (role IN ('clinician', 'researcher', 'admin')),
    label      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    session_hash TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);

CREATE TABLE patients (
    id            INTEGER PRIMARY KEY,
    source_system TEXT    NOT NULL,
    source_id     TEXT    NOT NULL,
    family        TEXT,
    given         TEXT,
    birth_date    TEXT,
    gender        TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (source_system, source_id)
);

CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    source_system TEXT    NOT NULL,
    bundle_sha256 TEXT    NOT NULL,
    patient_id    INTEGER NOT NULL REFERENCES patients (id),
    created       INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    actor         TEXT    NOT NULL,
    received_at   INTEGER NOT NULL
);

CREATE TABLE resources (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patients (id),
    resource_type TEXT    NOT NULL,
    source_system TEXT    NOT NULL,
    source_id     TEXT    NOT NULL,
    full_url      TEXT,
    body          TEXT    NOT NULL,
    body_sha256   TEXT    NOT NULL,
    import_id     INTEGER NOT NULL REFERENCES imports (id),
    received_at   INTEGER NOT NULL,
    UNIQUE (source_system, resource_type, source_id)
);
CREATE INDEX resources_patient ON resources (patient_id, resource_type);

CREATE TABLE resource_codes (
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    system      TEXT    NOT NULL,
    code        TEXT    NOT NULL
);
CREATE INDEX resource_codes_resource ON resource_codes (resource_id);
CREATE INDEX resource_codes_code ON resource_codes (code, system);

CREATE TABLE observations (
    resource_id     INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    patient_id      INTEGER NOT NULL REFERENCES patients (id),
    code            TEXT,
    analyte         TEXT,
    value           REAL,
    unit            TEXT,
    canonical_value REAL,
    canonical_unit  TEXT,
    effective       TEXT,
    effective_at    INTEGER
);
CREATE INDEX observations_series ON observations (patient_id, analyte, effective_at);

CREATE TABLE conditions (
    resource_id     INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    patient_id      INTEGER NOT NULL REFERENCES patients (id),
    code            TEXT,
    display         TEXT,
    clinical_status TEXT,
    onset           TEXT
);
CREATE INDEX conditions_patient ON conditions (patient_id);

CREATE TABLE medications (
    resource_id INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('statement', 'request', 'administration')),
    code        TEXT,
    display     TEXT,
    status      TEXT,
    effective   TEXT
);
CREATE INDEX medications_patient ON medications (patient_id, kind);

CREATE TABLE assessments (
    id                INTEGER PRIMARY KEY,
    patient_id        INTEGER NOT NULL REFERENCES patients (id),
    at                INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    engine_version    TEXT    NOT NULL,
    knowledge_version TEXT    NOT NULL,
    lang              TEXT    NOT NULL,
    codes             TEXT    NOT NULL,
    data_as_of        INTEGER,
    result            TEXT    NOT NULL,
    actor             TEXT    NOT NULL
);
CREATE INDEX assessments_patient ON assessments (patient_id, id);

CREATE TABLE studies (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    protocol   TEXT    NOT NULL,
    data_name  TEXT    NOT NULL,
    data       BLOB    NOT NULL,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE study_files (
    study_id   INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    content    BLOB    NOT NULL,
    PRIMARY KEY (study_id, name)
);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor_user_id INTEGER,
    actor         TEXT    NOT NULL,
    interface     TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    patient_id    INTEGER,
    target        TEXT    NOT NULL,
    outcome       TEXT    NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, id);

-- The audit log is append-only: the database itself refuses to change or remove a row.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
