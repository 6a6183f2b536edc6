-- Indexes for the programme reports at a million pupils (issue 8/9, docs/benchmarks.md):
--  * class sizes count each class's pupils in school from the index alone;
--  * migrant flows read the county's household places from the index alone;
--  * left-behind children are found by their flag, not by walking every pupil;
--  * the monthly dropout report reads the alerts of the kinds it counts.
DROP INDEX pupils_class;
CREATE INDEX pupils_class ON pupils(class_id, status);
CREATE INDEX pupils_hukou ON pupils(county, status, hukou_place);
CREATE INDEX pupils_left_behind ON pupils(left_behind, county, status, province, school_id);
CREATE INDEX dropout_alerts_kind ON dropout_alerts(kind, pupil_id);
