-- Status changes (学籍异动, DOMAIN.md §4) run on one workflow engine: a change, its ordered steps
-- (each decided by one party), every transition as an event, and the tasks a completed change opens.

CREATE TABLE changes (
    id              {{id}},
    public_id       TEXT NOT NULL UNIQUE,
    type            TEXT NOT NULL,             -- transfer | progression | suspension | … (ChangeType)
    variant         TEXT NOT NULL,             -- inter_county | same_county | … ('' when only one)
    pupil_id        BIGINT NOT NULL REFERENCES pupils(id),
    province        TEXT NOT NULL,             -- the pupil's province when the change was filed
    state           TEXT NOT NULL,             -- pending | completed | rejected | cancelled
    from_school_id  BIGINT NOT NULL REFERENCES schools(id),
    from_county     TEXT NOT NULL,             -- the parties' counties, so "changes I may see" is
    to_school_id    BIGINT REFERENCES schools(id),
    to_county       TEXT,                      -- two index ranges, like pupils.county
    from_grade      INTEGER NOT NULL,          -- the pupil's grade when filed (repetition quota)
    to_grade        INTEGER,
    to_class_id     BIGINT REFERENCES classes(id),
    details         TEXT NOT NULL,             -- type fields as JSON (until, target grade, …)
    reason          TEXT NOT NULL,
    initiator_id    BIGINT NOT NULL REFERENCES users(id),
    initiator_scope TEXT NOT NULL,             -- the initiating school: only it may cancel
    idempotency_key TEXT,
    snapshot        TEXT,                      -- on a completed transfer: what the old school held
    created_at      BIGINT NOT NULL,
    completed_at    BIGINT,
    version         INTEGER NOT NULL
);
-- One open change per pupil (在办业务), enforced by the database so two concurrent filings can
-- never both succeed.
CREATE UNIQUE INDEX changes_one_open ON changes(pupil_id) WHERE state = 'pending';
-- A retried POST with the same Idempotency-Key finds the change the first one made.
CREATE UNIQUE INDEX changes_idempotency ON changes(initiator_id, idempotency_key);
CREATE INDEX changes_pupil ON changes(pupil_id, created_at);
CREATE INDEX changes_state ON changes(state, type);
CREATE INDEX changes_from_county ON changes(from_county, created_at);
CREATE INDEX changes_to_county ON changes(to_county, created_at);

CREATE TABLE change_steps (
    change_id   BIGINT NOT NULL REFERENCES changes(id),
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,                 -- fixed step code (in_school, out_bureau, …)
    party_kind  TEXT NOT NULL,                 -- school | bureau
    party_code  TEXT NOT NULL,                 -- the school code or the bureau's division code
    state       TEXT NOT NULL,                 -- waiting | pending | approved | rejected | skipped
    opened_at   BIGINT,
    due_date    TEXT,
    decided_by  BIGINT REFERENCES users(id),
    decided_at  BIGINT,
    comment     TEXT,
    intervened  INTEGER NOT NULL,              -- 1 when the level above decided it (强制干预)
    PRIMARY KEY (change_id, position)
);
-- The inbox: pending steps of one party, oldest due first.
CREATE INDEX change_steps_inbox ON change_steps(state, party_kind, party_code, due_date);

CREATE TABLE change_events (
    id          {{id}},
    change_id   BIGINT NOT NULL REFERENCES changes(id),
    at          BIGINT NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    action      TEXT NOT NULL,                 -- filed | approved | rejected | cancelled | intervened
    from_step   TEXT,
    to_step     TEXT,
    comment     TEXT
);
CREATE INDEX change_events_change ON change_events(change_id, id);

CREATE TABLE change_attachments (
    change_id     BIGINT NOT NULL REFERENCES changes(id),
    attachment_id TEXT NOT NULL REFERENCES attachments(id),
    step_code     TEXT NOT NULL,
    PRIMARY KEY (change_id, attachment_id)
);
CREATE INDEX change_attachments_attachment ON change_attachments(attachment_id);

-- Work a completed change leaves behind, e.g. "send the paper file within one month" (DOMAIN.md §4).
CREATE TABLE tasks (
    id          {{id}},
    kind        TEXT NOT NULL,                 -- send_paper_file
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    change_id   BIGINT REFERENCES changes(id),
    due_date    TEXT NOT NULL,
    state       TEXT NOT NULL,                 -- open | done
    created_at  BIGINT NOT NULL
);
CREATE INDEX tasks_school ON tasks(school_id, state, due_date);

-- Suspension and going abroad last until a date; the dropout monitor reads status and this.
ALTER TABLE pupils ADD COLUMN status_until TEXT;

-- Working-day calendar (工作日): holidays and make-up working days (调休) per date. Loaded from the
-- shipped national calendar by migration 8; `xueji calendar import FILE` adds later years.
CREATE TABLE calendar_days (
    day     TEXT PRIMARY KEY,                  -- YYYY-MM-DD
    kind    TEXT NOT NULL,                     -- holiday | workday
    name    TEXT NOT NULL
);
