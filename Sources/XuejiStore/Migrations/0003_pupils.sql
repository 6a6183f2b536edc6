-- The pupil registry: one record per person for life (DOMAIN.md §2–§4), its numbers, guardians,
-- school memberships, problem records, field edits, and the hash-chained audit log.
-- Every pupil-scoped table carries `province` so it can be partitioned by province later.

CREATE TABLE pupils (
    id              {{id}},
    number          TEXT NOT NULL UNIQUE,      -- the current national student number (G, J or L)
    province        TEXT NOT NULL,
    county          TEXT NOT NULL,             -- the current school's county, kept with the pupil so
                                               -- scoped lists are one index range (county, grade, number)
    school_id       BIGINT NOT NULL REFERENCES schools(id),
    class_id        BIGINT REFERENCES classes(id),
    grade           INTEGER NOT NULL,
    status          TEXT NOT NULL,
    approval        TEXT NOT NULL,             -- pending | approved (核准)
    name            TEXT NOT NULL,
    sex             TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    birthplace      TEXT NOT NULL,
    native_place    TEXT NOT NULL,
    ethnicity       TEXT NOT NULL,
    nationality     TEXT NOT NULL,
    id_type         TEXT NOT NULL,
    id_number       TEXT,                      -- NULL only for id_type Z
    overseas        TEXT NOT NULL,
    health          TEXT NOT NULL,
    hukou_place     TEXT NOT NULL,
    hukou_nature    TEXT NOT NULL,
    entry_date      TEXT NOT NULL,
    entry_mode      TEXT NOT NULL,
    study_mode      TEXT NOT NULL,
    address         TEXT NOT NULL,
    phone           TEXT NOT NULL,
    only_child      INTEGER NOT NULL,
    preschool       INTEGER NOT NULL,
    left_behind     TEXT NOT NULL,
    migrant         INTEGER NOT NULL,
    orphan          INTEGER NOT NULL,
    martyr_family   INTEGER NOT NULL,
    disability      TEXT,
    registration_due TEXT NOT NULL,            -- entry date + the province's registration window
    registered_late INTEGER NOT NULL,
    registered_at   BIGINT NOT NULL,
    approved_at     BIGINT,
    approved_by     BIGINT,
    version         INTEGER NOT NULL,          -- the ETag; bumped by every write
    updated_at      BIGINT NOT NULL
);
-- One person, one record, nation-wide (DOMAIN.md §2): the database, not the code, makes two
-- concurrent registrations of the same ID impossible.
CREATE UNIQUE INDEX pupils_identity ON pupils(id_type, id_number);
CREATE INDEX pupils_school_grade ON pupils(school_id, grade, number);
CREATE INDEX pupils_county_grade ON pupils(county, grade, number);
CREATE INDEX pupils_candidates ON pupils(name, sex, birth_date);
CREATE INDEX pupils_approval ON pupils(approval, school_id);

-- Every number a pupil has had; old L numbers keep resolving to the same person.
CREATE TABLE pupil_numbers (
    number      TEXT PRIMARY KEY,
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    province    TEXT NOT NULL,
    assigned_at BIGINT NOT NULL
);
CREATE INDEX pupil_numbers_pupil ON pupil_numbers(pupil_id);

CREATE TABLE guardians (
    id          {{id}},
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    province    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    relation    TEXT NOT NULL,
    is_guardian INTEGER NOT NULL,
    phone       TEXT NOT NULL,
    id_type     TEXT,
    id_number   TEXT,
    workplace   TEXT
);
CREATE INDEX guardians_pupil ON guardians(pupil_id, position);

-- School memberships: "who was at school X on date D" is one range query.
CREATE TABLE memberships (
    id          {{id}},
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    province    TEXT NOT NULL,
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    grade       INTEGER NOT NULL,
    class_id    BIGINT REFERENCES classes(id),
    entry_date  TEXT NOT NULL,
    entry_code  TEXT NOT NULL,
    exit_date   TEXT,
    exit_code   TEXT
);
CREATE INDEX memberships_pupil ON memberships(pupil_id, entry_date);
CREATE INDEX memberships_school ON memberships(school_id, entry_date, exit_date);

-- Problem records (问题学籍); open ones block changes.
CREATE TABLE problems (
    id          {{id}},
    public_id   TEXT NOT NULL UNIQUE,
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    province    TEXT NOT NULL,
    kind        TEXT NOT NULL,                 -- duplicate_id | invalid_id | identity_mismatch | duplicate_candidate
    detail      TEXT NOT NULL,
    other_pupil_id BIGINT REFERENCES pupils(id),
    state       TEXT NOT NULL,                 -- open | resolved
    opened_at   BIGINT NOT NULL,
    resolved_at BIGINT,
    resolution  TEXT,
    resolved_by BIGINT
);
CREATE INDEX problems_pupil ON problems(pupil_id, state);
CREATE INDEX problems_state ON problems(state, kind);

CREATE TABLE field_edits (
    id        {{id}},
    pupil_id  BIGINT NOT NULL REFERENCES pupils(id),
    province  TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    edited_by BIGINT NOT NULL,
    edited_at BIGINT NOT NULL
);
CREATE INDEX field_edits_pupil ON field_edits(pupil_id, edited_at);

-- Append-only and hash-chained: hash = BLAKE2b(prev_hash || canonical event). `xueji audit verify`
-- recomputes the chain and names the first row that does not fit.
CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
