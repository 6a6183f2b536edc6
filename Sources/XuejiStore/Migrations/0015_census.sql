-- Census snapshots (教育事业统计, DOMAIN.md §5): the registry's head count of a county as of its stock
-- date (1 September), school × grade × sex, signed off by the county and frozen; corrections made
-- after the sign-off are recorded beside it, never into it.
CREATE TABLE census_snapshots (
    id          {{id}},
    county      TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    signed_by   BIGINT NOT NULL REFERENCES users(id),
    signed_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX census_snapshots_key ON census_snapshots(county, as_of);

CREATE TABLE census_counts (
    snapshot_id BIGINT NOT NULL REFERENCES census_snapshots(id),
    school      TEXT NOT NULL,
    grade       INTEGER NOT NULL,
    sex         TEXT NOT NULL,
    pupils      INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, school, grade, sex)
);

CREATE TABLE census_corrections (
    id          {{id}},
    snapshot_id BIGINT NOT NULL REFERENCES census_snapshots(id),
    school      TEXT NOT NULL,
    grade       INTEGER NOT NULL,
    sex         TEXT NOT NULL,
    delta       INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    written_by  BIGINT NOT NULL REFERENCES users(id),
    written_at  BIGINT NOT NULL
);
