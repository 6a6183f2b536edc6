-- API tokens for scripts and provincial systems (API.md "Auth"): only a hash is stored; the token
-- itself is shown once, at creation.
CREATE TABLE api_tokens (
    id           {{id}},
    public_id    TEXT NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
