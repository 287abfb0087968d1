#!/usr/bin/env python3
"""Spelling recall on learner errors: Russian Learner Corpus, spelling-tagged edits.

Usage: python benchmarks/spelling_rlc.py [--data ../shared/data/rlc/rlc_test.csv]

For every edit tagged Ortho* or Misspell, the erroneous word (`quote`) in the original sentence
should get a spelling finding (recall), and the corrected word in the corrected sentence should
not (a proxy for precision). Prints both; there is no threshold.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "rlc" / "rlc_test.csv"


def flagged(linter, text: str, word: str) -> bool | None:
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    if not m:
        return None
    return any(f.start < m.end() and m.start() < f.end for f in linter.check(text).findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"skipped: {args.data} is absent (the shared data sets live beside the repository)")
    import plainreply

    linter = plainreply.Linter({"select": ["spelling"]})
    rows = [r for r in csv.DictReader(args.data.open(encoding="utf-8"))
            if r["tag"].lower().startswith(("ortho", "misspell"))]
    hits = misses = clean = false = 0
    for row in rows:
        found = flagged(linter, row["text_orig"], row["quote"])
        if found is not None:
            hits, misses = hits + found, misses + (not found)
        corrected = flagged(linter, row["text_cor"], row["correction"]) if row["correction"] else None
        if corrected is not None:
            clean, false = clean + 1, false + corrected
    print(f"{len(rows)} spelling edits (Ortho*, Misspell) in {args.data.name}")
    print(f"recall: {hits}/{hits + misses} = {hits / max(1, hits + misses):.3f}")
    print(f"corrected words flagged (false alarms): {false}/{clean} = {false / max(1, clean):.3f}")


if __name__ == "__main__":
    main()
