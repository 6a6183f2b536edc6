-- Programme rates as effective-dated data (issue 9, DOMAIN.md §5), money in fen. Province '00' holds
-- the national values; a province's own row for the same day wins. `effective_to` is the last day a
-- rate applies (NULL: still in force).
CREATE TABLE programme_rates (
    id              {{id}},
    programme       TEXT NOT NULL,
    province        TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    effective_to    TEXT,
    amount_fen      BIGINT NOT NULL,
    source          TEXT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX programme_rates_key ON programme_rates(programme, province, effective_from);
INSERT INTO programme_rates (programme, province, effective_from, effective_to, amount_fen, source, updated_at) VALUES
    -- 营养改善计划: per pupil per school day.
    ('meal', '00', '2011-09-01', '2014-10-31', 300, 'DOMAIN.md §5: 3 yuan from 2011 autumn', 0),
    ('meal', '00', '2014-11-01', '2021-08-31', 400, 'DOMAIN.md §5: 4 yuan from 2014-11', 0),
    ('meal', '00', '2021-09-01', NULL, 500, 'DOMAIN.md §5: 5 yuan from 2021 autumn', 0),
    -- The central award for local pilots, per pupil per school day.
    ('meal_central_award', '00', '2011-09-01', '2021-08-31', 300, 'DOMAIN.md §5: 3 yuan before 2021', 0),
    ('meal_central_award', '00', '2021-09-01', NULL, 400, 'DOMAIN.md §5: 4 yuan', 0),
    -- 两免一补 living subsidy for poor boarders, per year (non-boarders half).
    ('living_primary', '00', '2011-09-01', '2024-02-29', 100000, 'DOMAIN.md §5: primary 1,000 yuan', 0),
    ('living_primary', '00', '2024-03-01', NULL, 125000, 'DOMAIN.md §5: primary 1,250 yuan from spring 2024', 0),
    ('living_junior', '00', '2011-09-01', '2024-02-29', 125000, 'DOMAIN.md §5: junior 1,250 yuan', 0),
    ('living_junior', '00', '2024-03-01', NULL, 150000, 'DOMAIN.md §5: junior 1,500 yuan from spring 2024', 0),
    -- 生均公用经费 benchmark per pupil per year.
    ('funding_primary', '00', '2016-01-01', NULL, 65000, 'DOMAIN.md §5: primary 650 yuan', 0),
    ('funding_junior', '00', '2016-01-01', NULL, 85000, 'DOMAIN.md §5: junior 850 yuan', 0),
    ('funding_boarder', '00', '2016-01-01', NULL, 20000, 'DOMAIN.md §5: +200 yuan per boarder', 0),
    ('funding_special', '00', '2016-01-01', NULL, 600000, 'DOMAIN.md §5: 6,000 yuan per special-education pupil', 0);

-- The nutrition plan's pilot counties: national pilots are paid by the centre, local pilots get the
-- central award and pay the rest.
CREATE TABLE meal_pilot_counties (
    county      TEXT PRIMARY KEY,
    province    TEXT NOT NULL,
    pilot       TEXT NOT NULL,             -- national | local
    since       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
