#!/usr/bin/env python3
"""Does the check stay linear? Time per word and peak memory from 10^3 to 10^6 words.

Usage: python benchmarks/scaling.py [--max-words N]

Builds texts of 1,000, 10,000, 100,000 and 1,000,000 words from real official documents
(RuREBus, ../shared/data/rurebus/) or, where they are absent, from the dev letters, checks each
in a fresh process warmed on 3,000 words of other documents (the cap on text length is lifted
for the measurement) and prints the time per
word at each size, the ratio of the slowest to the fastest (linear: within 1.5x) and the peak RSS.
Each size runs in its own child process, so memory is measured per size, not accumulated.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUREBUS = REPO.parent / "shared" / "data" / "rurebus" / "rurebus_docs.jsonl.gz"
LETTERS = REPO.parent / "shared" / "corpus" / "replies-dev.jsonl"
SIZES = (1_000, 10_000, 100_000, 1_000_000)

CHILD = """
import resource, sys, time
from plainreply.linter import Linter
texts = [open(name, encoding="utf-8").read() for name in sys.argv[3:]] or [open(sys.argv[1], encoding="utf-8").read()]
linter = Linter()
linter.max_characters = 10 ** 9
# Warm: rules, dictionaries and the syntax model loaded, common words parsed (other documents).
linter.check(open(sys.argv[2], encoding="utf-8").read())
from plainreply.analysis import syntax
syntax.parser()
start = time.perf_counter()
findings = 0
for text in texts:
    report = linter.check(text)
    report.to_dict()  # the JSON output walks every finding: part of the cost a user pays
    findings += len(report.findings)
print((time.perf_counter() - start) / len(texts), findings // len(texts),
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
# Small texts are checked several times over different documents: one letter of 1,000 words
# says more about its own words than about the cost per word.
SAMPLES = {1_000: 10, 10_000: 3}


def source_texts() -> list[str]:
    if RUREBUS.exists():
        sys.path.insert(0, str(REPO / "benchmarks"))
        from throughput import detokenise

        with gzip.open(RUREBUS, "rt", encoding="utf-8") as f:
            return [detokenise(json.loads(line)["text"]) for line in f if line.strip()]
    if LETTERS.exists():
        return [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8") if line.strip()]
    sys.exit(f"benchmark skipped: neither {RUREBUS} nor {LETTERS} is present")


def text_of(words: int, texts: list[str], first: int = 0) -> str:
    """Whole documents in order from `first`, repeated as needed, cut at a paragraph once `words`
    is reached."""
    parts, count, i = [], 0, first
    while count < words:
        for paragraph in texts[i % len(texts)].split("\n\n"):
            parts.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
        i += 1
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-words", type=int, default=SIZES[-1])
    args = parser.parse_args()
    texts = source_texts()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for words in [s for s in SIZES if s <= args.max_words]:
            samples = []
            for k in range(SAMPLES.get(words, 1)):
                path = Path(tmp) / f"{words}-{k}.txt"
                path.write_text(text_of(words, texts, first=25 * k), encoding="utf-8")
                samples.append(str(path))
            warm = Path(tmp) / "warm.txt"
            warm.write_text(text_of(3_000, texts[::-1]), encoding="utf-8")
            env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", CHILD, samples[0], str(warm), *samples], capture_output=True, text=True, env=env)
            if done.returncode:
                sys.exit(f"{words} words: the check failed: {done.stderr.strip().splitlines()[-1:]}")
            seconds, findings, rss = done.stdout.split()
            rows.append((words, float(seconds), int(findings), float(rss), time.perf_counter() - t0))
    print(f"{'words':>9} {'check, s':>9} {'us/word':>8} {'findings':>9} {'peak RSS, MB':>13}")
    for words, seconds, findings, rss, _ in rows:
        print(f"{words:>9,} {seconds:>9.2f} {1e6 * seconds / words:>8.1f} {findings:>9,} {rss:>13.0f}")
    per_word = [seconds / words for words, seconds, *_ in rows]
    print(f"slowest / fastest time per word: {max(per_word) / min(per_word):.2f} (linear: <= 1.5)")


if __name__ == "__main__":
    main()
