-- Translation memory: one row per (engine, language pair, normalised source
-- segment). Re-translating an unchanged sentence is a lookup, not a call.
CREATE TABLE translation_memory (
    engine     TEXT NOT NULL,
    src_lang   TEXT NOT NULL,
    tgt_lang   TEXT NOT NULL,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (engine, src_lang, tgt_lang, source)
);
