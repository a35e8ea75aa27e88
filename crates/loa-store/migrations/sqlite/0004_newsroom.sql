-- Newsroom members with roles, their sign-in sessions, and moderation of
-- readers' comments.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL,
    -- The form usernames are compared in (ASCII lower case), kept unique.
    username_key  TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('editor', 'translator', 'moderator')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- Only a hash of each session token is kept: a copy of the database does
-- not sign anyone in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

ALTER TABLE comments ADD COLUMN moderated_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE comments ADD COLUMN moderated_at TEXT;
CREATE INDEX comments_status ON comments(status, created_at);
