-- Births (or the age cohort) per county and year, imported by the bureau from the health or
-- public-security statistics, for the entrants of enrolment projections (DOMAIN.md §5 "Planning").
-- A later list replaces a county-year's figure; the audit log keeps what it was.
CREATE TABLE birth_cohorts (
    county      TEXT NOT NULL,
    birth_year  INTEGER NOT NULL,
    children    INTEGER NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (county, birth_year)
) {{compact}};
