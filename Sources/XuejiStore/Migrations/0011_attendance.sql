-- Attendance and dropout control (issue 8, DOMAIN.md §5).

-- School terms per province; province '00' holds the national default a province may override.
CREATE TABLE terms (
    id          {{id}},
    province    TEXT NOT NULL,
    school_year INTEGER NOT NULL,      -- the calendar year the school year starts in (2026 = 2026–27)
    term        INTEGER NOT NULL,      -- 1 autumn, 2 spring
    starts      TEXT NOT NULL,
    ends        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX terms_key ON terms(province, school_year, term);
INSERT INTO terms (province, school_year, term, starts, ends, updated_at) VALUES
    ('00', 2025, 1, '2025-09-01', '2026-01-16', 0),
    ('00', 2025, 2, '2026-02-24', '2026-07-10', 0),
    ('00', 2026, 1, '2026-09-01', '2027-01-22', 0),
    ('00', 2026, 2, '2027-02-22', '2027-07-09', 0),
    ('00', 2027, 1, '2027-09-01', '2028-01-21', 0),
    ('00', 2027, 2, '2028-02-21', '2028-07-07', 0);

-- A school open or closed against the working-day calendar (a snow day, a sports day on a Saturday).
CREATE TABLE school_day_changes (
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    day         TEXT NOT NULL,
    open        INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (school_id, day)
) {{compact}};

-- One row per pupil and term: the term's days two to a byte (AttendanceMark, 4 bits), by calendar
-- day from the term's first day. The row belongs to the pupil, so it follows a transfer.
CREATE TABLE attendance (
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    term_id     BIGINT NOT NULL REFERENCES terms(id),
    days        {{bytes}} NOT NULL,
    PRIMARY KEY (pupil_id, term_id)
) {{compact}};

-- A register lists a class's pupils: found by class, not by walking the school.
CREATE INDEX pupils_class ON pupils(class_id);

-- Which class took its register on which day, and who: a second register for the day replaces the
-- first (the audit log keeps both).
CREATE TABLE class_registers (
    class_id    BIGINT NOT NULL REFERENCES classes(id),
    day         TEXT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at BIGINT NOT NULL,
    absences    INTEGER NOT NULL,
    PRIMARY KEY (class_id, day)
) {{compact}};

-- Thresholds and other rules a province sets (DropoutRules); absent names take the defaults.
CREATE TABLE province_settings (
    province    TEXT NOT NULL,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_by  BIGINT NOT NULL REFERENCES users(id),
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (province, name)
) {{compact}};

-- Dropout-control alerts: one open alert per pupil and kind; the owner (school, then county) is
-- worked out from its age when read.
CREATE TABLE dropout_alerts (
    id          {{id}},
    public_id   TEXT NOT NULL UNIQUE,
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    province    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL,             -- open | contacted | returned | confirmed_dropout | resolved
    detail      TEXT NOT NULL,
    opened_at   BIGINT NOT NULL,
    opened_on   TEXT NOT NULL,             -- the school day it was raised for
    updated_at  BIGINT NOT NULL,
    closed_at   BIGINT,
    resolution  TEXT
);
CREATE UNIQUE INDEX dropout_alerts_open ON dropout_alerts(pupil_id, kind) WHERE state IN ('open', 'contacted');
CREATE INDEX dropout_alerts_state ON dropout_alerts(state, province);

CREATE TABLE alert_notes (
    id          {{id}},
    alert_id    BIGINT NOT NULL REFERENCES dropout_alerts(id),
    day         TEXT NOT NULL,
    note        TEXT NOT NULL,
    state       TEXT NOT NULL,             -- the state the note moved the alert to
    written_by  BIGINT NOT NULL REFERENCES users(id),
    written_at  BIGINT NOT NULL
);
CREATE INDEX alert_notes_alert ON alert_notes(alert_id, id);
