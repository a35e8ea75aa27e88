#!/usr/bin/env python3
"""Runs loa and trafilatura over the same pages, scores both, prints a table.

Usage: compare.py --loa BIN --data DIR --work DIR [--repeats N] [--cpu N]
                  [--machine N] [--label NAME]

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
* Both are scored by score.py against ground-truth.json; "empty" counts
  the pages with text in the truth and none in the prediction. A truth
  with per-page sentence lists (the multilingual set) also gets the share
  of required sentences found and of boilerplate sentences leaked.
* --machine N (N >= 2) adds the whole-machine run: `loa extract` unpinned
  (one thread per core) against N trafilatura processes side by side, each
  on an interleaved share of the pages, for two settings; interleaved
  rounds again. trafilatura's wall time runs from the first process's loop
  start to the last one's end (start-up and imports not counted); loa
  reads every page 5 times in its one process (its time divided by 5),
  so that both runs last about as long. "per round" is each round's
  ratio, the steadier figure on shared cores.

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


MACHINE_PASSES = 5


def run_trafilatura_machine(pages, work, processes, flags):
    """trafilatura on `processes` processes side by side, each unpinned on
    every processes-th page; returns (predictions, wall seconds)."""
    running = []
    for i in range(processes):
        out = os.path.join(work, f"machine-{i}.json")
        command = [sys.executable, os.path.join(HERE, "trafilatura_extract.py"), out] + flags + pages[i::processes]
        running.append((out, subprocess.Popen(command, stdout=subprocess.PIPE, text=True)))
    predictions = {}
    starts, ends = [], []
    for out, process in running:
        stdout, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"trafilatura machine run {flags} failed with exit code {process.returncode}")
        report = json.loads(stdout.strip().splitlines()[-1])
        starts.append(report["started"])
        ends.append(report["ended"])
        with open(out, encoding="utf-8") as handle:
            predictions.update(json.load(handle))
    return predictions, max(ends) - min(starts)


def machine_run(args, pages, truth):
    """loa on every core against one trafilatura process per core."""
    settings = [TRAFILATURA_SETTINGS[0], TRAFILATURA_SETTINGS[3]]
    loa_seconds, trafilatura_seconds = [], [[] for _ in settings]
    ratios = [[] for _ in settings]
    loa_predictions = None
    # loa reads the pages MACHINE_PASSES times in its one process, so that
    # its run lasts about as long as trafilatura's and a moment of other
    # load on the shared cores weighs on both alike.
    for _ in range(args.repeats):
        loa_predictions, wall, _ = run_loa(args.loa, pages * MACHINE_PASSES, os.path.join(args.work, "loa-machine.json"), 1, None)
        wall = [w / MACHINE_PASSES for w in wall]
        loa_seconds += wall
        for i, (_, flags) in enumerate(settings):
            _, seconds = run_trafilatura_machine(pages, args.work, args.machine, flags)
            trafilatura_seconds[i].append(seconds)
            ratios[i].append(seconds / wall[0])
    loa_rate = len(pages) / statistics.median(loa_seconds)
    print()
    print(f"Whole machine: loa extract unpinned (one thread per core; every page read {MACHINE_PASSES} times) against "
          f"{args.machine} trafilatura processes; median of {args.repeats} interleaved rounds")
    print()
    print("| extractor | pages/s (wall) | loa ratio (medians) | loa ratio (per round) |")
    print("|---|---|---|---|")
    print(f"| loa, {args.machine} threads | {loa_rate:.1f} | 1.0× | 1.0× |")
    rows = []
    for (label, _), seconds, round_ratios in zip(settings, trafilatura_seconds, ratios):
        rate = len(pages) / statistics.median(seconds)
        rows.append({"extractor": f"trafilatura, {label}, {args.machine} processes", "pages_per_wall_second": rate,
                     "loa_ratio_wall": loa_rate / rate, "loa_ratio_rounds": round_ratios})
        print(f"| trafilatura {label}, {args.machine} processes | {rate:.1f} | {loa_rate / rate:.1f}× "
              f"| {statistics.median(round_ratios):.1f}× ({', '.join(f'{r:.1f}' for r in round_ratios)}) |")
    same = loa_predictions == score.load_json(os.path.join(args.work, "loa.json"))
    print()
    print("loa's output on every core is " + ("identical to" if same else "DIFFERENT from") + " its one-core output")
    return {"loa_pages_per_wall_second": loa_rate, "loa_seconds": loa_seconds, "trafilatura": rows, "identical": same}


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
    parser.add_argument("--machine", type=int, default=0, help="processes for the whole-machine run (0: none)")
    parser.add_argument("--label", default="", help="name of the page set in the output")
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
        checks = score.sentence_checks(truth, predictions)
        empty = [
            page_id for page_id, want in truth.items()
            if score.WORD.search(score.predicted_body(want)) and not score.WORD.search(score.predicted_body(predictions.get(page_id)))
        ]
        results.append({
            "empty": empty,
            "checks": checks,
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

    checked = results[0]["checks"] is not None
    print((f"{args.label}: " if args.label else "") + f"{len(pages)} pages; median of {args.repeats} interleaved rounds; "
          + (f"pinned to CPU {cpu}" if cpu is not None else "not pinned"))
    print()
    extra = " sentences found | boilerplate leaked |" if checked else ""
    print("| extractor | F1 | precision | recall | empty |" + extra + " pages/s (wall) | pages/s (CPU) | loa ratio (wall) | loa ratio (CPU) |")
    print("|---|---|---|---|---|" + ("---|---|" if checked else "") + "---|---|---|---|")
    for r in results:
        cells = f" {r['checks']['sentences_found']:.3f} | {r['checks']['boilerplate_leaked']:.3f} |" if checked else ""
        print(f"| {r['extractor']} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {len(r['empty'])} |{cells}"
              f" {r['pages_per_wall_second']:.1f} | {r['pages_per_cpu_second']:.1f} "
              f"| {r['loa_ratio_wall']:.1f}× | {r['loa_ratio_cpu']:.1f}× |")
    if args.machine >= 2:
        machine = machine_run(args, pages, truth)
        with open(os.path.join(args.work, "machine.json"), "w", encoding="utf-8") as handle:
            json.dump(machine, handle, indent=2)
    print()
    print(f"predictions and results.json in {args.work}")


if __name__ == "__main__":
    main()
