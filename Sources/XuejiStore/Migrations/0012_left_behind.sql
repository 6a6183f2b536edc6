-- The living record of a left-behind child (留守儿童, DOMAIN.md §5) beside the registry's flag:
-- which parents are away and where, since when, the actual carer, the care measures; and the log of
-- contacts and home visits, whose gaps raise an alert.
CREATE TABLE left_behind_records (
    pupil_id        BIGINT PRIMARY KEY REFERENCES pupils(id),
    province        TEXT NOT NULL,
    parents_away    TEXT NOT NULL,         -- father | mother | both
    father_place    TEXT NOT NULL,         -- where a parent works (free text: 广东省东莞市)
    mother_place    TEXT NOT NULL,
    away_since      TEXT NOT NULL,         -- the day the parents left (the 3- and 6-month definitions count from it)
    carer_name      TEXT NOT NULL,
    carer_relation  TEXT NOT NULL,
    carer_phone     TEXT NOT NULL,
    care_measures   TEXT NOT NULL,
    updated_by      BIGINT NOT NULL REFERENCES users(id),
    updated_at      BIGINT NOT NULL
);

CREATE TABLE left_behind_contacts (
    id          {{id}},
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,             -- call | visit | meeting
    note        TEXT NOT NULL,
    written_by  BIGINT NOT NULL REFERENCES users(id),
    written_at  BIGINT NOT NULL
);
CREATE INDEX left_behind_contacts_pupil ON left_behind_contacts(pupil_id, day);
