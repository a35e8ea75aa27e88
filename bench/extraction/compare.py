#!/usr/bin/env python3
"""Runs loa and trafilatura over the same pages, scores both, prints a table.

Usage: compare.py --loa BIN --data DIR --work DIR [--repeats N] [--cpu N]

* loa: `loa extract` over every page in one process; the whole process is
  timed (start-up, reading, gunzip, extraction and JSON output included).
* trafilatura: one Python process per setting; the loop of reading, gunzip
  and extraction is timed inside it (interpreter start and import are not).
* Both are pinned to one CPU with taskset when it is available. The runs
  are interleaved (round 1: loa, each trafilatura setting; round 2: ...)
  so that load from other work on the machine falls on both sides alike.
  Each side takes the median of N rounds, in wall time and in CPU time
  (user + system of the extracting process); CPU time does not count time
  spent waiting for the core, so it is the steadier figure on a busy box.
* Both are scored by score.py against ground-truth.json.

Writes the predictions and results.json into the work dir.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the repo free of __pycache__
sys.path.insert(0, HERE)
import score  # noqa: E402  (the shared scorer, next to this file)

# (row label suffix, trafilatura_extract.py flags). The first two are the
# library's defaults and its precision mode; the last two add
# include_comments=False, the setting behind the figures in the
# benchmark's README.
TRAFILATURA_SETTINGS = [
    ("default", []),
    ("favor_precision", ["--favor-precision"]),
    ("include_comments=False", ["--no-comments"]),
    ("include_comments=False, favor_precision", ["--no-comments", "--favor-precision"]),
]


def pinned(command, cpu):
    if cpu is not None and shutil.which("taskset"):
        return ["taskset", "-c", str(cpu)] + command
    return command


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_loa(binary, pages, out_path, repeats, cpu):
    seconds = []
    cpu_seconds = []
    stdout = b""
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), children_cpu_seconds()
        done = subprocess.run(pinned([binary, "extract"] + pages, cpu), stdout=subprocess.PIPE)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(children_cpu_seconds() - cpu_start)
        if done.returncode != 0:
            raise SystemExit(f"loa extract failed with exit code {done.returncode}")
        stdout = done.stdout
    predictions = json.loads(stdout)
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(predictions, handle, ensure_ascii=False)
    return predictions, seconds, cpu_seconds


def run_trafilatura(pages, out_path, repeats, cpu, flags):
    command = [sys.executable, os.path.join(HERE, "trafilatura_extract.py"), out_path, "--repeats", str(repeats)]
    done = subprocess.run(pinned(command + flags + pages, cpu), stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"trafilatura run {flags} failed with exit code {done.returncode}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    with open(out_path, encoding="utf-8") as handle:
        predictions = json.load(handle)
    return predictions, report["seconds"], report["cpu_seconds"], report["version"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loa", required=True, help="path of the release loa binary")
    parser.add_argument("--data", required=True, help="benchmark dir with html/ and ground-truth.json")
    parser.add_argument("--work", required=True, help="dir for predictions and results")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin to (-1: no pinning)")
    args = parser.parse_args()
    cpu = None if args.cpu < 0 or not shutil.which("taskset") else args.cpu

    html_dir = os.path.join(args.data, "html")
    pages = sorted(
        os.path.join(html_dir, name) for name in os.listdir(html_dir) if name.endswith((".html", ".html.gz"))
    )
    if not pages:
        raise SystemExit(f"no pages in {html_dir}")
    truth = score.load_json(os.path.join(args.data, "ground-truth.json"))
    os.makedirs(args.work, exist_ok=True)

    names = ["loa"] + [None] * len(TRAFILATURA_SETTINGS)
    outputs = [None] * len(names)
    seconds = [[] for _ in names]
    cpu_seconds = [[] for _ in names]
    for _ in range(args.repeats):
        predictions, wall, cpu_time = run_loa(args.loa, pages, os.path.join(args.work, "loa.json"), 1, cpu)
        outputs[0] = predictions
        seconds[0] += wall
        cpu_seconds[0] += cpu_time
        for i, (label, flags) in enumerate(TRAFILATURA_SETTINGS, start=1):
            out = os.path.join(args.work, "trafilatura" + "".join(flags) + ".json")
            predictions, wall, cpu_time, version = run_trafilatura(pages, out, 1, cpu, flags)
            names[i] = f"trafilatura {version}, {label}"
            outputs[i] = predictions
            seconds[i] += wall
            cpu_seconds[i] += cpu_time
    runs = list(zip(names, outputs, seconds, cpu_seconds))

    results = []
    for name, predictions, seconds, cpu_seconds in runs:
        scored = score.score(truth, predictions)
        results.append({
            "extractor": name,
            "f1": scored["f1"],
            "precision": scored["precision"],
            "recall": scored["recall"],
            "pages": len(pages),
            "wall_seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "pages_per_wall_second": len(pages) / statistics.median(seconds),
            "pages_per_cpu_second": len(pages) / statistics.median(cpu_seconds),
        })
    loa = results[0]
    for result in results:
        result["loa_ratio_wall"] = loa["pages_per_wall_second"] / result["pages_per_wall_second"]
        result["loa_ratio_cpu"] = loa["pages_per_cpu_second"] / result["pages_per_cpu_second"]

    with open(os.path.join(args.work, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)

    print(f"{len(pages)} pages; median of {args.repeats} interleaved rounds; "
          + (f"pinned to CPU {cpu}" if cpu is not None else "not pinned"))
    print()
    print("| extractor | F1 | precision | recall | pages/s (wall) | pages/s (CPU) | loa ratio (wall) | loa ratio (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['extractor']} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} "
              f"| {r['pages_per_wall_second']:.1f} | {r['pages_per_cpu_second']:.1f} "
              f"| {r['loa_ratio_wall']:.1f}× | {r['loa_ratio_cpu']:.1f}× |")
    print()
    print(f"predictions and results.json in {args.work}")


if __name__ == "__main__":
    main()
