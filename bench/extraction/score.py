#!/usr/bin/env python3
"""Scores article-body predictions against the extraction benchmark's truth.

The metric is the one described in the benchmark's README:

* tokens are the runs of word characters (``\\w+``, Unicode, case kept);
* a text is the multiset of its overlapping 4-token shingles (a text with
  fewer than four tokens is one shingle made of all of them);
* per page, shared shingles are true positives, surplus predicted ones false
  positives and missing ones false negatives, scaled to sum to 1;
* precision and recall are averaged over pages, and F1 is the harmonic mean
  of the two averages.

A page missing from the predictions, or predicted with an ``error`` and no
``articleBody``, counts as an empty prediction: all false negatives.

Usage: score.py GROUND_TRUTH.json PREDICTIONS.json [--per-page]
Prints one JSON object with f1, precision, recall and pages.
Standard library only, so that it scores every extractor the same way.
"""

import json
import re
import sys
from collections import Counter

SHINGLE_SIZE = 4
WORD = re.compile(r"\w+")  # str patterns match Unicode word characters


def shingles(text, size=SHINGLE_SIZE):
    """The multiset of `size`-token shingles of `text`."""
    tokens = WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        # Short texts still have content worth matching: keep them whole.
        return Counter([" ".join(tokens)])
    return Counter(" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def page_counts(truth, prediction):
    """(tp, fp, fn) for one page, scaled so that they sum to 1 (or all 0)."""
    want = shingles(truth)
    got = shingles(prediction)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0  # both empty, or an exact match
    if tp == 0 and fp == 0:
        return 0.0  # nothing predicted for a non-empty truth
    return tp / (tp + fp)


def page_recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0  # the truth is empty but something was predicted
    return tp / (tp + fn)


def predicted_body(entry):
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        body = entry.get("articleBody")
        return body if isinstance(body, str) else ""
    return ""


def score(truth_by_id, predictions_by_id):
    """Scores every page of the truth; returns a dict of the averages."""
    precisions = []
    recalls = []
    per_page = {}
    for page_id, truth in truth_by_id.items():
        truth_body = predicted_body(truth)
        prediction = predicted_body(predictions_by_id.get(page_id))
        tp, fp, fn = page_counts(truth_body, prediction)
        p = page_precision(tp, fp, fn)
        r = page_recall(tp, fp, fn)
        precisions.append(p)
        recalls.append(r)
        per_page[page_id] = {"precision": p, "recall": r}
    pages = len(precisions)
    if pages == 0:
        raise ValueError("the ground truth has no pages")
    precision = sum(precisions) / pages
    recall = sum(recalls) / pages
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {"f1": f1, "precision": precision, "recall": recall, "pages": pages, "per_page": per_page}


def token_line(text):
    """`text` as its `\\w+` tokens joined by single spaces, for matching
    sentences whatever the punctuation and spacing around them."""
    return " " + " ".join(WORD.findall(text or "")) + " "


def sentence_checks(truth_by_id, predictions_by_id):
    """For a truth that lists per page the sentences that must be present
    (`mustHave`) and the boilerplate that must be absent (`mustNotHave`):
    the share of required sentences found and of boilerplate sentences
    leaked, over all pages, and the pages that came out empty. None when
    the truth has no such lists."""
    found = wanted = leaked = banned = 0
    empty = []
    for page_id, truth in truth_by_id.items():
        if not isinstance(truth, dict) or "mustHave" not in truth:
            return None
        got = token_line(predicted_body(predictions_by_id.get(page_id)))
        if not got.strip():
            empty.append(page_id)
        for sentence in truth["mustHave"]:
            wanted += 1
            found += token_line(sentence) in got
        for sentence in truth.get("mustNotHave", []):
            banned += 1
            leaked += token_line(sentence) in got
    return {
        "sentences_found": found / wanted if wanted else 1.0,
        "boilerplate_leaked": leaked / banned if banned else 0.0,
        "empty_pages": empty,
    }


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    result = score(load_json(args[0]), load_json(args[1]))
    if "--per-page" not in argv:
        del result["per_page"]
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
