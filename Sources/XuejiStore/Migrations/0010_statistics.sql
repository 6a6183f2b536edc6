-- The dashboard's and reports' enrolment figures (pupils in school by grade and sex, issue 7/8):
-- a covering index, so counting a whole province reads the index alone, never the table rows.
CREATE INDEX pupils_enrolment ON pupils(county, status, grade, sex);
