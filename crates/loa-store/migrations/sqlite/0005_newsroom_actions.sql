-- Who decided what in the newsroom: every publish, withdrawal and
-- correction of an edition and every moderation of a comment, written in
-- the same transaction as the change itself.

CREATE TABLE newsroom_actions (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- The member's display name when they acted; NULL for the command line.
    actor       TEXT,
    action      TEXT NOT NULL CHECK (action IN ('published', 'withdrawn', 'corrected', 'approved', 'rejected')),
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    comment_id  INTEGER,
    count       INTEGER,
    created_at  TEXT NOT NULL
);
CREATE INDEX newsroom_actions_edition ON newsroom_actions(article_id, lang, created_at);
