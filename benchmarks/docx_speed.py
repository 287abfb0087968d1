#!/usr/bin/env python3
"""Checking a Word draft against checking its plain text: the cost of reading DOCX.

Usage: python benchmarks/docx_speed.py [--pages 10]

Builds a draft of about 500 words a page from the annotated letters (../shared/corpus) with
some italic, underlined and coloured runs, then times plainreply.check_docx on the file and
plainreply.check on its extracted text, warm, median of 7 runs each. Target: DOCX ≤ 2 × text.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from timing import median_ms

REPO = Path(__file__).resolve().parent.parent
LETTERS = REPO.parent / "shared" / "corpus" / "replies-dev.jsonl"


def paragraphs(words_wanted: int) -> list[str]:
    if not LETTERS.exists():
        sys.exit(f"benchmark skipped: {LETTERS} is absent")
    texts = [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8") if line.strip()]
    result: list[str] = []
    count = 0
    while count < words_wanted:
        for text in texts:
            for paragraph in text.split("\n\n"):
                result.append(paragraph.replace("\n", " "))
                count += len(paragraph.split())
                if count >= words_wanted:
                    return result
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    import plainreply
    from plainreply.docx.examples import build_docx

    blocks = paragraphs(500 * args.pages)
    for i in range(0, len(blocks), 7):  # some formatting for the formatting rules to read
        words = blocks[i].split(" ", 2)
        if len(words) == 3:
            blocks[i] = f"[i]{words[0]}[/i] [u]{words[1]}[/u] [color=C00000]{words[2]}[/color]"
    with tempfile.TemporaryDirectory() as folder:
        path = build_docx("\n\n".join(blocks), Path(folder) / "draft.docx")
        report = plainreply.check_docx(path)
        text = report.text
        docx_ms = median_ms(lambda: plainreply.check_docx(path))
        text_ms = median_ms(lambda: plainreply.check(text))
    print(f"draft: {args.pages} pages, {len(text.split())} words, {len(blocks)} paragraphs, "
          f"{len(report.findings)} findings")
    print(f"check_docx: {docx_ms:.0f} ms; check on its text: {text_ms:.0f} ms; "
          f"ratio {docx_ms / text_ms:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
