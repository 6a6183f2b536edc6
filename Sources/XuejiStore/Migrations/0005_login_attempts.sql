-- Failed-login counting for brute-force defence, per account name and per client address. Kept in
-- the database so every server process sees the same counts.
CREATE TABLE login_attempts (
    key          TEXT PRIMARY KEY,     -- "user:<name>" or "addr:<ip>"
    failures     INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);
