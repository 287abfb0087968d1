#!/usr/bin/env python3
"""Does the check stay linear? Time per word and peak memory from 10^3 to 10^6 words.

Usage: python benchmarks/scaling.py [--max-words N]

Builds texts of 1,000, 10,000, 100,000 and 1,000,000 words from paragraphs taken at an even
step across real official documents (RuREBus, ../shared/data/rurebus/) or, where they are
absent, the dev letters, so that every size is the same mix of text. Checks each in a fresh
process warmed on 30,000 words of other documents, as a service is after a few dozen letters
(the cap on text length is lifted for the measurement), and checks it twice: the first check is
what a user waits for; the second, with every word form already parsed, is the cost of length
alone, and its time per word must stay within 1.5x from the smallest size to the largest
(linear). Prints both times per word at each size and the peak RSS.
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
first = again = 0.0
findings = 0
for text in texts:
    for turn in (0, 1):
        start = time.perf_counter()
        report = linter.check(text)
        report.to_dict()  # the JSON output walks every finding: part of the cost a user pays
        spent = time.perf_counter() - start
        if turn == 0:
            first += spent
            findings += len(report.findings)
        else:
            again += spent
        del report
print(first / len(texts), again / len(texts), findings // len(texts),
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
# Small texts are checked several times over different documents: one letter of 1,000 words
# says more about its own words than about the cost per word.
SAMPLES = {1_000: 10, 10_000: 3}
# Every word form is parsed once per process, and a small text meets more forms it has not seen
# than a big one: warmed on 3,000 words, a 1,000-word text cost twice as much per word as a
# million words, the cost of first meetings rather than of length. 30,000 words of other
# documents is what a service or an archive audit has read after a few dozen letters.
WARM_WORDS = 30_000


def source_texts() -> list[str]:
    if RUREBUS.exists():
        sys.path.insert(0, str(REPO / "benchmarks"))
        from throughput import detokenise

        with gzip.open(RUREBUS, "rt", encoding="utf-8") as f:
            return [detokenise(json.loads(line)["text"]) for line in f if line.strip()]
    if LETTERS.exists():
        return [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8") if line.strip()]
    sys.exit(f"benchmark skipped: neither {RUREBUS} nor {LETTERS} is present")


def paragraphs_of(texts: list[str]) -> list[str]:
    return [p for text in texts for p in text.split("\n\n") if p.strip()]


def text_of(words: int, paragraphs: list[str], first: int = 0) -> str:
    """Paragraphs taken at an even step across the whole corpus, from `first`, until `words` is
    reached (the corpus repeats where it is shorter)."""
    total = sum(len(p.split()) for p in paragraphs)
    step = max(1, total // words)
    parts, count, i = [], 0, first
    while count < words:
        paragraph = paragraphs[i % len(paragraphs)]
        parts.append(paragraph)
        count += len(paragraph.split())
        i += step
    return "\n\n".join(parts)


def sample_of(words: int, paragraphs: list[str], first: int = 0) -> str:
    """A text of `words` words made of pieces of 1,000 words each, taken as `text_of` takes them,
    from `first` on: every size is the same mix of headings, tables and prose, so that a change in
    the time per word comes from length, not from what the text is (the first 1,000 words of a
    document are its title page, with twice the findings per word of the whole)."""
    pieces = [text_of(SIZES[0], paragraphs, first + k) for k in range(max(1, words // SIZES[0]))]
    return "\n\n".join(pieces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-words", type=int, default=SIZES[-1])
    args = parser.parse_args()
    paragraphs = paragraphs_of(source_texts())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for words in [s for s in SIZES if s <= args.max_words]:
            samples = []
            for k in range(SAMPLES.get(words, 1)):
                path = Path(tmp) / f"{words}-{k}.txt"
                path.write_text(sample_of(words, paragraphs, first=1000 * k), encoding="utf-8")
                samples.append(str(path))
            warm = Path(tmp) / "warm.txt"
            warm.write_text(text_of(WARM_WORDS, paragraphs[::-1]), encoding="utf-8")
            env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
            done = subprocess.run([sys.executable, "-c", CHILD, samples[0], str(warm), *samples], capture_output=True, text=True, env=env)
            if done.returncode:
                sys.exit(f"{words} words: the check failed: {done.stderr.strip().splitlines()[-1:]}")
            seconds, again, findings, rss = done.stdout.split()
            rows.append((words, float(seconds), float(again), int(findings), float(rss)))
    print(f"{'words':>9} {'check, s':>9} {'us/word':>8} {'again, us/word':>15} {'findings':>9} {'peak RSS, MB':>13}")
    for words, seconds, again, findings, rss in rows:
        print(f"{words:>9,} {seconds:>9.2f} {1e6 * seconds / words:>8.1f} {1e6 * again / words:>15.1f} "
              f"{findings:>9,} {rss:>13.0f}")
    first = [seconds / words for words, seconds, *_ in rows]
    again = [again / words for words, _, again, *_ in rows]
    print(f"time per word, largest / smallest: {max(again) / min(again):.2f} checked again (linear: <= 1.5), "
          f"{max(first) / min(first):.2f} at first check")
    print("(at a first check a small text meets more word forms the process has not parsed yet; "
          "checked again, the cost is that of length alone)")


if __name__ == "__main__":
    main()
