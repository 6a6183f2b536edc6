-- Platform tables: divisions, schools, classes, accounts and sessions.
-- {{id}} becomes the engine's auto-numbered key (see Migration.swift). Instants are BIGINT Unix ms.

-- GB/T 2260 divisions down to county level, loaded by migration 2 from Data/adcodes.csv.
CREATE TABLE regions (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    parent    TEXT REFERENCES regions(code),
    province  TEXT NOT NULL,
    longitude REAL,
    latitude  REAL
);
CREATE INDEX regions_parent ON regions(parent, code);

CREATE TABLE schools (
    id             {{id}},
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    region         TEXT NOT NULL REFERENCES regions(code),
    province       TEXT NOT NULL,
    type           TEXT NOT NULL,
    ownership      TEXT NOT NULL,
    locality       TEXT NOT NULL,
    grades         TEXT NOT NULL,            -- ascending, comma-separated: "1,2,3,4,5,6"
    class_sequence INTEGER NOT NULL DEFAULT 0, -- last number used in classes.public_id
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX schools_region ON schools(region, code);
CREATE INDEX schools_province ON schools(province, code);

CREATE TABLE classes (
    id         {{id}},
    public_id  TEXT NOT NULL UNIQUE,
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    province   TEXT NOT NULL,
    grade      INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 12),
    name       TEXT NOT NULL,
    entry_year INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (school_id, grade, name)
);

CREATE TABLE users (
    id            {{id}},
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    scope         TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    created_by    BIGINT,
    last_login_at BIGINT
);
CREATE INDEX users_scope ON users(scope, username);

-- Only a hash of the session token is stored, so a copy of the database cannot log anybody in.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
