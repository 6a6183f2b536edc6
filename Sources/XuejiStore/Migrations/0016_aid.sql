-- Financial aid (资助, DOMAIN.md §5): applications by the school, decided by the county; at most one
-- award per programme, term and pupil (the partial unique index, not the code, makes it so).
CREATE TABLE aid_applications (
    id          {{id}},
    public_id   TEXT NOT NULL UNIQUE,
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    province    TEXT NOT NULL,
    programme   TEXT NOT NULL,             -- living_subsidy | senior_grant
    school_year INTEGER NOT NULL,
    term        INTEGER NOT NULL,
    hardship    TEXT NOT NULL,             -- the pupil's hardship category, as the school records it
    tier        INTEGER NOT NULL,          -- senior grant tier 1–3 (1,000 / 2,000 / 3,000 yuan a year); 0 otherwise
    amount_fen  BIGINT NOT NULL,           -- the term's award, fixed when applied
    state       TEXT NOT NULL,             -- pending | approved | rejected
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    applied_by  BIGINT NOT NULL REFERENCES users(id),
    applied_at  BIGINT NOT NULL,
    decided_by  BIGINT,
    decided_at  BIGINT,
    reason      TEXT
);
CREATE UNIQUE INDEX aid_one_award ON aid_applications(pupil_id, programme, school_year, term) WHERE state <> 'rejected';
CREATE INDEX aid_applications_state ON aid_applications(state, province);
