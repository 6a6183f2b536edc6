-- Batches (issue 6): an import, a promotion, a graduation or a cohort move is one batch with an id,
-- and every pupil it touched is listed with what it was before, so the batch can be reverted exactly
-- while none of those pupils has changed since (their version is still the one the batch left).
CREATE TABLE batches (
    id           {{id}},
    public_id    TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,                -- import | promotion | graduation | cohort
    school_year  INTEGER,                      -- promotion and graduation: the school year starting that September
    scope        TEXT NOT NULL,                -- the school or division it ran for
    state        TEXT NOT NULL,                -- done | reverted
    summary      TEXT NOT NULL,                -- counts as JSON
    created_by   BIGINT REFERENCES users(id),   -- NULL: the command line (the operator of the machine)
    created_at   BIGINT NOT NULL,
    reverted_at  BIGINT
);
CREATE INDEX batches_kind ON batches(kind, school_year, scope, state);

CREATE TABLE batch_pupils (
    batch_id      BIGINT NOT NULL REFERENCES batches(id),
    pupil_id      BIGINT NOT NULL REFERENCES pupils(id),
    before_grade  INTEGER,                     -- NULL for an imported pupil (the batch created it)
    before_school BIGINT,                      -- a cohort move: the school the pupil left
    before_class  BIGINT,
    before_status TEXT,
    before_updated BIGINT,
    after_version INTEGER NOT NULL,
    PRIMARY KEY (batch_id, pupil_id)
);
CREATE INDEX batch_pupils_pupil ON batch_pupils(pupil_id);
CREATE INDEX batch_pupils_class ON batch_pupils(batch_id, before_class);

-- Classes a promotion created (the next grade's class of a cohort), removed again by a revert.
CREATE TABLE batch_classes (
    batch_id BIGINT NOT NULL REFERENCES batches(id),
    class_id BIGINT NOT NULL REFERENCES classes(id),
    PRIMARY KEY (batch_id, class_id)
);
