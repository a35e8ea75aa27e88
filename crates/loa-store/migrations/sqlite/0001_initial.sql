-- loa's initial schema. Portable SQL: the types and constraints used here
-- mean the same in SQLite and PostgreSQL (timestamps as RFC 3339 text in UTC).

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    outlet          TEXT NOT NULL,
    home_url        TEXT NOT NULL,
    feed_url        TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    last_success_at TEXT,
    last_error      TEXT,
    last_error_at   TEXT
);

CREATE TABLE authors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    canonical_url TEXT NOT NULL UNIQUE,
    original_lang TEXT NOT NULL,
    author_id     INTEGER REFERENCES authors(id),
    category      TEXT NOT NULL,
    places        TEXT NOT NULL DEFAULT '[]',
    topics        TEXT NOT NULL DEFAULT '[]',
    content_hash  TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    updated_at    TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_at);
CREATE INDEX articles_category ON articles(category, published_at);
CREATE INDEX articles_author ON articles(author_id, published_at);
CREATE INDEX articles_hash ON articles(content_hash);

-- Every place an article was seen. Two outlets carrying one story give one
-- article with two rows here.
CREATE TABLE provenance (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_id  INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    outlet     TEXT NOT NULL,
    url        TEXT NOT NULL UNIQUE,
    fetched_at TEXT NOT NULL
);
CREATE INDEX provenance_article ON provenance(article_id);

CREATE TABLE editions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang       TEXT NOT NULL,
    title      TEXT NOT NULL,
    lead       TEXT NOT NULL,
    blocks     TEXT NOT NULL,
    status     TEXT NOT NULL,
    engine     TEXT NOT NULL,
    failure    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (article_id, lang)
);
CREATE INDEX editions_lang_status ON editions(lang, status);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'visible',
    created_at  TEXT NOT NULL
);
CREATE INDEX comments_article ON comments(article_id, created_at);

-- The job queue. (kind, key) is unique so enqueueing is idempotent: the
-- same fetch or translation asked for twice is one job.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    payload      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    attempts     INTEGER NOT NULL DEFAULT 0,
    run_after    TEXT NOT NULL,
    locked_until TEXT,
    last_error   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (kind, key)
);
CREATE INDEX jobs_due ON jobs(status, run_after);
