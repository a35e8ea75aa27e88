-- Politeness every node shares: when each host may next be asked, and
-- what its robots.txt said (kind 'body', 'disallow' or 'allow') until when.
CREATE TABLE host_turns (
    host         TEXT PRIMARY KEY,
    next_turn_at TEXT NOT NULL
);

CREATE TABLE robots_verdicts (
    origin     TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('body', 'disallow', 'allow')),
    body       BYTEA,
    expires_at TEXT NOT NULL
);
