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
ALTER TABLE articles ADD COLUMN has_video BIGINT NOT NULL DEFAULT 0;
UPDATE articles SET has_video = 1 WHERE EXISTS (
    SELECT 1 FROM editions e WHERE e.article_id = articles.id AND e.status = 'original'
      AND e.blocks LIKE '%"type":"video"%');

-- The audit log records workflow moves ('workflow') and what editors do
-- to sources, whose lines name a source instead of a story. source_id has
-- no foreign key: a removed source keeps its lines.
ALTER TABLE newsroom_actions DROP CONSTRAINT newsroom_actions_action_check;
ALTER TABLE newsroom_actions ADD CONSTRAINT newsroom_actions_action_check
    CHECK (action IN ('published', 'withdrawn', 'corrected', 'approved', 'rejected', 'retagged',
                      'workflow', 'source_followed', 'source_paused', 'source_resumed', 'source_removed'));
ALTER TABLE newsroom_actions ALTER COLUMN article_id DROP NOT NULL;
ALTER TABLE newsroom_actions ALTER COLUMN lang DROP NOT NULL;
ALTER TABLE newsroom_actions ADD COLUMN source_id BIGINT;
ALTER TABLE newsroom_actions ADD CONSTRAINT newsroom_actions_subject CHECK (article_id IS NOT NULL OR source_id IS NOT NULL);
