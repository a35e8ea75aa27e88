-- A story's workflow above its editions: draft, in review, scheduled,
-- published, withdrawn, with the time the scheduler publishes it and an
-- embargo. Every story stored so far was public, so it stays published.
ALTER TABLE articles ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
    CHECK (state IN ('draft', 'in_review', 'scheduled', 'published', 'withdrawn'));
ALTER TABLE articles ADD COLUMN publish_at TEXT;
ALTER TABLE articles ADD COLUMN embargo_until TEXT;
CREATE INDEX articles_scheduled ON articles(state, publish_at);

-- Whether the story's original carries a video: the video section lists
-- every such story, and reads this instead of every body. Set when the
-- original is written; here from the bodies stored so far (compact JSON,
-- a video block as "type":"video").
ALTER TABLE articles ADD COLUMN has_video INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET has_video = 1 WHERE EXISTS (
    SELECT 1 FROM editions e WHERE e.article_id = articles.id AND e.status = 'original'
      AND e.blocks LIKE '%"type":"video"%');

-- The audit log records workflow moves ('workflow') and what editors do
-- to sources, whose lines name a source instead of a story: article_id
-- and lang may be NULL and source_id is new. SQLite cannot alter a
-- CHECK constraint or a NOT NULL, so the table is rebuilt, rows and ids
-- kept. source_id has no foreign key: a removed source keeps its lines.
CREATE TABLE newsroom_actions_new (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor        TEXT,
    action       TEXT NOT NULL CHECK (action IN ('published', 'withdrawn', 'corrected', 'approved', 'rejected', 'retagged',
                                                 'workflow', 'source_followed', 'source_paused', 'source_resumed',
                                                 'source_removed')),
    article_id   INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    lang         TEXT,
    comment_id   INTEGER,
    count        INTEGER,
    created_at   TEXT NOT NULL,
    before_value TEXT,
    after_value  TEXT,
    source_id    INTEGER,
    CHECK (article_id IS NOT NULL OR source_id IS NOT NULL)
);
INSERT INTO newsroom_actions_new (id, user_id, actor, action, article_id, lang, comment_id, count, created_at, before_value, after_value)
    SELECT id, user_id, actor, action, article_id, lang, comment_id, count, created_at, before_value, after_value FROM newsroom_actions;
DROP TABLE newsroom_actions;
ALTER TABLE newsroom_actions_new RENAME TO newsroom_actions;
CREATE INDEX newsroom_actions_edition ON newsroom_actions(article_id, lang, created_at);
