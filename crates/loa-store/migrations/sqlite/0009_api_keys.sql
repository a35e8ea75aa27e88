-- API keys: a member's programs call the JSON API's writes with one of
-- these instead of a browser session. Like session tokens, only a SHA-256
-- of each key is kept; `prefix` is the key's first characters, shown so a
-- member can tell their keys apart. A revoked key is kept (with when) so
-- the account page can say what happened to it.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_keys_user ON api_keys(user_id, created_at);
