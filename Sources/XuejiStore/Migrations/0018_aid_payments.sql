-- The aid disbursement ledger (资助发放台账, DOMAIN.md §5): what the county actually paid each school,
-- per programme, term and month, against a voucher. Append-only: a mistake is put right by a
-- reversal (a negative amount with a note), never by editing a row. One voucher per school is
-- recorded once (the unique index), so the same bank list imported twice adds nothing.
CREATE TABLE aid_payments (
    id          {{id}},
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    province    TEXT NOT NULL,
    programme   TEXT NOT NULL,             -- living_subsidy | senior_grant
    school_year INTEGER NOT NULL,
    term        INTEGER NOT NULL,
    month       TEXT NOT NULL,             -- YYYY-MM, a month of the term
    amount_fen  BIGINT NOT NULL,           -- negative: a reversal
    paid_on     TEXT NOT NULL,
    reference   TEXT NOT NULL,             -- the voucher or bank batch number
    note        TEXT,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX aid_payments_voucher ON aid_payments(school_id, reference);
CREATE INDEX aid_payments_term ON aid_payments(school_year, term, school_id);
