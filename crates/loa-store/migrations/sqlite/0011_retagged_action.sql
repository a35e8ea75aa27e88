-- Editors change a story's section, places and topics in the newsroom, and
-- the audit log records it as 'retagged'. SQLite cannot alter a CHECK
-- constraint, so the table is rebuilt with the wider one, rows and ids kept.
CREATE TABLE newsroom_actions_new (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor        TEXT,
    action       TEXT NOT NULL CHECK (action IN ('published', 'withdrawn', 'corrected', 'approved', 'rejected', 'retagged')),
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang         TEXT NOT NULL,
    comment_id   INTEGER,
    count        INTEGER,
    created_at   TEXT NOT NULL,
    before_value TEXT,
    after_value  TEXT
);
INSERT INTO newsroom_actions_new (id, user_id, actor, action, article_id, lang, comment_id, count, created_at, before_value, after_value)
    SELECT id, user_id, actor, action, article_id, lang, comment_id, count, created_at, before_value, after_value FROM newsroom_actions;
DROP TABLE newsroom_actions;
ALTER TABLE newsroom_actions_new RENAME TO newsroom_actions;
CREATE INDEX newsroom_actions_edition ON newsroom_actions(article_id, lang, created_at);
