-- Sources at newsroom depth: settings editors change, validators for
-- conditional GET, polling schedule and health counters; a fingerprint per
-- article for near-duplicate merging; the raw pages kept for re-extraction.

ALTER TABLE sources ADD COLUMN kind TEXT NOT NULL DEFAULT 'feed';
ALTER TABLE sources ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sources ADD COLUMN etag TEXT;
ALTER TABLE sources ADD COLUMN last_modified TEXT;
ALTER TABLE sources ADD COLUMN next_poll_at TEXT;
ALTER TABLE sources ADD COLUMN consecutive_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN failure_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN duplicate_count BIGINT NOT NULL DEFAULT 0;

ALTER TABLE articles ADD COLUMN simhash BIGINT;

CREATE TABLE raw_pages (
    url          TEXT PRIMARY KEY,
    article_id   BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_id    BIGINT REFERENCES sources(id) ON DELETE SET NULL,
    content_type TEXT,
    html         TEXT NOT NULL,
    fetched_at   TEXT NOT NULL
);
CREATE INDEX raw_pages_source ON raw_pages(source_id);
