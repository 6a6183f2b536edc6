-- The pupils behind a signed-off census snapshot, frozen with it (DOMAIN.md §5 "A signed-off
-- snapshot is frozen and used for funding"): per-pupil funding by the census-date rule pays from
-- these rows, so a record edited after the sign-off (a boarder no longer, a pupil moved) does not
-- change the term's money. Counts in census_counts stay the statistics' view of the same rows.
CREATE TABLE census_pupils (
    snapshot_id BIGINT NOT NULL REFERENCES census_snapshots(id),
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id),
    school      TEXT NOT NULL,
    grade       INTEGER NOT NULL,
    boarder     INTEGER NOT NULL,          -- 1: study mode 住校 on the day
    special     INTEGER NOT NULL,          -- 1: a special school or a recorded disability
    PRIMARY KEY (snapshot_id, pupil_id, school)
) {{compact}};
