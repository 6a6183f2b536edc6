-- Attachments (证明材料): the bytes live under the data directory, content-addressed by SHA-256;
-- this table says who uploaded what for which school. The same file uploaded twice is stored once.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,            -- public id, random
    sha256       TEXT NOT NULL,
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    filename     TEXT NOT NULL,
    owner_scope  TEXT NOT NULL,               -- the uploader's school or division
    province     TEXT NOT NULL,
    uploaded_by  BIGINT NOT NULL REFERENCES users(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX attachments_sha256 ON attachments(sha256);
