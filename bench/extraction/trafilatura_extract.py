#!/usr/bin/env python3
"""Runs trafilatura over the benchmark pages in this one process.

Usage: trafilatura_extract.py OUT.json [--favor-precision] [--no-comments]
                               [--repeats N] PAGE.html.gz...

Each repeat reads, gunzips and extracts every page in order; only that loop
is timed (the interpreter start and `import trafilatura` are not, which
favours trafilatura slightly). The extraction of the last repeat is written
to OUT.json as {id: {"articleBody": text}}, and the timings (wall seconds
and this process's CPU seconds, per repeat, and the epoch times the timed
loop started and ended, for runs of several processes side by side) are
printed as JSON on stdout.

--no-comments passes include_comments=False: the setting that reproduces
the trafilatura figures quoted in the benchmark's README.
"""

import gzip
import json
import os
import sys
import time

import trafilatura


def page_id(path):
    name = os.path.basename(path)
    for suffix in (".gz", ".html", ".htm"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def read_page(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    # Same rule as loa: gunzip when the gzip magic is there.
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def extract_all(paths, options):
    out = {}
    for path in paths:
        # Raw bytes: trafilatura detects the encoding itself, as loa does.
        text = trafilatura.extract(read_page(path), **options)
        out[page_id(path)] = {"articleBody": text or ""}
    return out


def main(argv):
    options = {}
    if "--favor-precision" in argv:
        options["favor_precision"] = True
    if "--no-comments" in argv:
        options["include_comments"] = False
    repeats = 1
    rest = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--favor-precision", "--no-comments"):
            pass
        elif arg == "--repeats":
            i += 1
            repeats = int(argv[i])
        else:
            rest.append(arg)
        i += 1
    if len(rest) < 2 or repeats < 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out_path, paths = rest[0], rest[1:]
    seconds = []
    cpu_seconds = []
    result = {}
    started = time.time()
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        result = extract_all(paths, options)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False)
    ended = time.time()
    print(json.dumps({"pages": len(paths), "seconds": seconds, "cpu_seconds": cpu_seconds,
                      "started": started, "ended": ended, "version": trafilatura.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
