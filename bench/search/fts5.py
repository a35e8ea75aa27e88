#!/usr/bin/env python3
"""The search benchmark's SQLite half: FTS5 with bm25 on the corpus and
queries `bench_search` wrote, timed the same way as loa (single thread, one
untimed warm-up pass, then every query once).

    fts5.py index --corpus corpus.jsonl --db fts5.db
    fts5.py query --db fts5.db --queries queries.tsv [--lang en|ru|vi|all]

Each prints one JSON object on its last stdout line.

Layout, chosen to give FTS5 its best showing on loa's semantics:

* one FTS5 table per language (loa keeps separate fields per language, so
  a language filter costs neither engine a scan of the others);
* columns title, tags, lead, body, weighted 3, 2, 1.5, 1 like loa's boosts
  (tags are author, category, places and topics, as loa indexes them);
* tokenizer `unicode61 remove_diacritics 2` everywhere (so `ha tinh` finds
  `Hà Tĩnh`, as in loa), with the Porter stemmer on top for English; FTS5
  has no Russian stemmer, so Russian is unstemmed;
* the ranking function is set once as the table's `rank`, so queries use
  FTS5's `ORDER BY rank` fast path;
* after the bulk load, `optimize` merges each table's b-trees into one.

A query returns what loa's search returns per hit: id, title and a body
snippet with `<mark>` highlights. It does not count all matches (loa
does), which only spares FTS5 work.
"""

import argparse
import json
import math
import os
import re
import sqlite3
import sys
import time

LANGS = ("en", "ru", "vi")
WEIGHTS = "bm25(3.0, 2.0, 1.5, 1.0)"  # title, tags, lead, body


def table(lang):
    if lang not in LANGS:
        raise SystemExit(f"fts5.py: unsupported language {lang!r} (expected one of {LANGS})")
    return f"docs_{lang}"


def tokenizer(lang):
    base = "unicode61 remove_diacritics 2"
    return f"porter {base}" if lang == "en" else base


def index(args):
    if os.path.exists(args.db):
        os.remove(args.db)
    started = time.perf_counter()
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    for lang in LANGS:
        db.execute(
            f"CREATE VIRTUAL TABLE {table(lang)} USING fts5("
            f"title, tags, lead, body, tokenize = '{tokenizer(lang)}')"
        )
        db.execute(f"INSERT INTO {table(lang)}({table(lang)}, rank) VALUES ('rank', '{WEIGHTS}')")
    batches = {lang: [] for lang in LANGS}
    docs = 0

    def flush(lang):
        db.executemany(
            f"INSERT INTO {table(lang)}(rowid, title, tags, lead, body) VALUES (?, ?, ?, ?, ?)",
            batches[lang],
        )
        batches[lang].clear()

    with db, open(args.corpus, encoding="utf-8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            d = json.loads(line)
            tags = "\n".join([d["author"], d["category"], *d["places"], *d["topics"]])
            batch = batches[d["lang"]]
            batch.append((d["id"], d["title"], tags, d["lead"], d["body"]))
            docs += 1
            if len(batch) >= 5000:
                flush(d["lang"])
        for lang in LANGS:
            flush(lang)
    with db:
        for lang in LANGS:
            db.execute(f"INSERT INTO {table(lang)}({table(lang)}) VALUES ('optimize')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    build_s = time.perf_counter() - started
    size = sum(
        os.path.getsize(p) for p in (args.db, args.db + "-wal") if os.path.exists(p)
    )
    print(f"indexed {docs} editions in {build_s:.1f}s: {size / 1e6:.1f} MB", file=sys.stderr)
    print(json.dumps({"engine": "fts5", "docs": docs, "build_s": build_s, "size_bytes": size,
                      "sqlite": sqlite3.sqlite_version}))


TOKEN = re.compile(r'"[^"]*"|\S+')


def fts5_syntax(query):
    """loa's query syntax (bare words ANDed, "quoted phrases") in FTS5's:
    every bare word is quoted too, so none is ever read as an operator
    (AND, OR, NOT, NEAR, column filters) or hits FTS5's bareword rules."""
    parts = []
    for token in TOKEN.findall(query):
        inner = token.strip('"').replace('"', "")
        if inner:
            parts.append('"' + inner + '"')
    return " ".join(parts)


def percentile(sorted_values, p):
    rank = min(max(math.ceil(p * len(sorted_values)), 1), len(sorted_values))
    return sorted_values[rank - 1]


def query(args):
    queries = []
    with open(args.queries, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) != 3:
                raise SystemExit(f"fts5.py: {args.queries} line {n}: expected lang<TAB>kind<TAB>query")
            lang, kind, text = parts
            if args.lang in (None, "all", lang):
                queries.append((lang, kind, fts5_syntax(text)))
    if not queries:
        raise SystemExit(f"fts5.py: no queries to run from {args.queries}")
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    statements = {
        lang: (
            f"SELECT rowid, title, snippet({table(lang)}, 3, '<mark>', '</mark>', '…', 40) "
            f"FROM {table(lang)} WHERE {table(lang)} MATCH ? ORDER BY rank LIMIT {args.limit}"
        )
        for lang in LANGS
    }

    def run(lang, text):
        return db.execute(statements[lang], (text,)).fetchall()

    for lang, _, text in queries:  # warm-up
        run(lang, text)

    latencies = []
    by_kind = {}
    hits = zero = 0
    started = time.perf_counter()
    for lang, kind, text in queries:
        t = time.perf_counter()
        rows = run(lang, text)
        ms = (time.perf_counter() - t) * 1e3
        latencies.append(ms)
        by_kind.setdefault(kind, []).append(ms)
        hits += len(rows)
        zero += not rows
    wall = time.perf_counter() - started
    latencies.sort()
    kinds = {}
    for kind, values in sorted(by_kind.items()):
        values.sort()
        kinds[kind] = {"n": len(values), "p50_ms": percentile(values, 0.5),
                       "p99_ms": percentile(values, 0.99)}
    n = len(queries)
    summary = " ".join(f"{k}: p50 {v['p50_ms']:.2f} p99 {v['p99_ms']:.2f};" for k, v in kinds.items())
    print(f"fts5: {n} queries in {wall:.2f}s, {zero} with no hit; {summary}", file=sys.stderr)
    print(json.dumps({"engine": "fts5", "queries": n, "qps": n / wall,
                      "p50_ms": percentile(latencies, 0.5), "p99_ms": percentile(latencies, 0.99),
                      "mean_hits": hits / n, "no_hit": zero, "kinds": kinds,
                      "sqlite": sqlite3.sqlite_version}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index")
    p.add_argument("--corpus", required=True)
    p.add_argument("--db", required=True)
    p.set_defaults(func=index)
    p = sub.add_parser("query")
    p.add_argument("--db", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--lang")
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(func=query)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
