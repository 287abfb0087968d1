#!/usr/bin/env python3
"""Throughput, latency and memory of plainreply on real official documents.

Usage: python benchmarks/throughput.py [--limit N] [--data PATH]

Reads RuREBus (../shared/data/rurebus/rurebus_docs.jsonl.gz, regional and municipal
documents), detokenises them and prints, in one run:
  - the floor: razdel tokenisation plus pymorphy3 parsing of every word, in words per second;
  - plainreply.check with the default rules: words per second, milliseconds per document
    (median, p95) and its ratio to the floor;
  - the cached floor (each distinct form parsed once, as plainreply does) and the check's ratio
    to it, both in CPU seconds and taking turns over ten slices of the documents, so that a
    machine whose speed drifts slows both alike;
  - a 300-word letter checked warm (median of 20 runs);
  - the peak resident memory of this process;
  - the share of the check spent finding context spans (addresses, names, titles, numbers);
  - how the plainness score correlates with document length (Pearson and Spearman): the score
    must not punish length, so both should be weaker than ±0.3.
The start of `plainreply check` as a new process is measured by benchmarks/startup.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "rurebus" / "rurebus_docs.jsonl.gz"
LETTERS = REPO.parent / "shared" / "corpus" / "replies-dev.jsonl"

_SPACE_BEFORE = re.compile(r" +([.,;:!?)\]»%])")
_SPACE_AFTER = re.compile(r"([(\[«]) +")


def detokenise(text: str) -> str:
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def load_documents(path: Path, limit: int | None) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [detokenise(json.loads(line)["text"]) for line in f if line.strip()]
    return docs[:limit] if limit else docs


def count_words(text: str) -> int:
    return len(text.split())


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def floor_words_per_second(docs: list[str]) -> float:
    """razdel tokenisation plus pymorphy3's parse of every word, each time anew."""
    import pymorphy3
    import razdel

    analyzer = pymorphy3.MorphAnalyzer()
    words = sum(count_words(d) for d in docs)
    start = time.perf_counter()
    for doc in docs:
        for token in razdel.tokenize(doc):
            if any(ch.isalpha() for ch in token.text):
                analyzer.parse(token.text)
    return words / (time.perf_counter() - start)


SLICES = 10


class CachedFloor:
    """razdel tokenisation plus pymorphy3 with each distinct form parsed once, as plainreply
    parses them (issue 10 measures the check against it), fed the documents slice by slice."""

    def __init__(self) -> None:
        from functools import lru_cache

        import pymorphy3

        self.parse = lru_cache(maxsize=None)(pymorphy3.MorphAnalyzer().parse)

    def read(self, docs: list[str]) -> None:
        import razdel

        for doc in docs:
            for token in razdel.tokenize(doc):
                if any(ch.isalpha() for ch in token.text):
                    self.parse(token.text)


def letter_of_300_words() -> str:
    if LETTERS.exists():
        texts = [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8") if line.strip()]
    else:
        texts = ["Министерство рассмотрело Ваше обращение. Данный участок предоставлен в аренду."] * 40
    paragraphs: list[str] = []
    for text in texts:
        for paragraph in text.split("\n\n"):
            if count_words("\n\n".join(paragraphs)) >= 300:
                return "\n\n".join(paragraphs)
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def ranks(values: list[float]) -> list[float]:
    """Rank of each value (ties in input order): Spearman's rho is Pearson's r on ranks.
    statistics.correlation(method="ranked") needs Python 3.12."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    for rank, i in enumerate(order):
        result[i] = float(rank)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="use the first N documents only")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="RuREBus documents, JSON Lines, gzip")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"benchmark skipped: {args.data} is absent (the shared data sets live beside the repository)")

    docs = load_documents(args.data, args.limit)
    words = sum(count_words(d) for d in docs)
    print(f"machine: {machine()}")
    print(f"data: {len(docs)} RuREBus documents, {words} words (detokenised)")

    floor = floor_words_per_second(docs)
    print(f"floor (razdel + pymorphy3 on every word): {floor:,.0f} words/s")

    import plainreply

    # Start-up costs stay out of the timing, as the floor's analyzer is built before its clock
    # starts: the rules, the dictionaries and natasha's syntax model (a rule parses sentences
    # with «который»; they are rare, so its model would otherwise load inside one document).
    plainreply.check("Прогрев: правила загружены, словарь открыт.")
    from plainreply.analysis import syntax
    syntax.parser()
    cached_floor = CachedFloor()
    latencies = []
    scores = []
    floor_cpu = check_cpu = elapsed = 0.0
    # The check and the cached floor take turns, slice by slice (which goes first alternates), and
    # both are timed in CPU seconds: on a machine whose speed drifts (two floors measured a minute
    # apart differed by a third here) a ratio of runs far apart in time measures the drift.
    for k in range(SLICES):
        part = docs[k * len(docs) // SLICES:(k + 1) * len(docs) // SLICES]
        for turn in ((0, 1) if k % 2 == 0 else (1, 0)):
            cpu = time.process_time()
            if turn == 0:
                cached_floor.read(part)
                floor_cpu += time.process_time() - cpu
                continue
            start = time.perf_counter()
            for doc in part:
                t0 = time.perf_counter()
                scores.append(plainreply.check(doc).score)
                latencies.append((time.perf_counter() - t0) * 1000)
            check_cpu += time.process_time() - cpu
            elapsed += time.perf_counter() - start
    speed = words / elapsed
    print(f"floor (razdel + cached pymorphy3, each form parsed once), taking turns with the check: "
          f"{words / floor_cpu:,.0f} words per CPU second")
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    print(f"plainreply.check, default rules: {speed:,.0f} words/s = {speed / floor:.2f} x floor (target >= 0.25); "
          f"{words / check_cpu:,.0f} words per CPU second = {floor_cpu / check_cpu:.2f} x cached floor (target >= 0.35)")
    print(f"per document: median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms "
          f"(median document {statistics.median(count_words(d) for d in docs):.0f} words)")

    try:
        from plainreply.analysis.context import find_context
    except ImportError:  # a paired run against a commit older than the context layer
        print("context layer: absent in this version")
    else:
        t0 = time.perf_counter()
        for doc in docs:
            find_context(doc)
        context_share = (time.perf_counter() - t0) / elapsed
        print(f"context layer (addresses, names, titles, numbers): {100 * context_share:.0f} % of the check time")

    lengths = [count_words(d) for d in docs]
    print(f"score vs document length: Pearson {statistics.correlation(lengths, scores):+.2f}, "
          f"Spearman {statistics.correlation(ranks(lengths), ranks(scores)):+.2f} (target: weaker than ±0.3)")

    letter = letter_of_300_words()
    runs = []
    for _ in range(20):
        t0 = time.perf_counter()
        plainreply.check(letter)
        runs.append((time.perf_counter() - t0) * 1000)
    print(f"{count_words(letter)}-word letter, warm: median {statistics.median(runs):.1f} ms (target <= 50 ms)")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak_mb:.0f} MB (target <= 500 MB)")


if __name__ == "__main__":
    main()
