-- What readers can see changed, in commit order. Every node's search
-- index and page cache follow this log by sequence number, so a node
-- started empty builds its index from the store and then keeps up.
-- AUTOINCREMENT: a number is never given out twice, even after pruning.
CREATE TABLE changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Pictures copied from outlets, by content address (SHA-256 name), so
-- every node serves the same bytes without a shared disk.
CREATE TABLE media (
    name         TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    created_at   TEXT NOT NULL
);

-- Search indexing follows the change log now; index jobs are gone.
DELETE FROM jobs WHERE kind = 'index_edition';
