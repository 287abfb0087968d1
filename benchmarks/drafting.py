#!/usr/bin/env python3
"""How long drafting a reply takes, warm: template rendering, addressing and the Word file.

Usage: python benchmarks/drafting.py

For every reply kind, drafts its example data and writes the .docx (median of 20 runs);
the linter's check is timed separately. Target: drafting ≤ 200 ms warm.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import median_ms


def main() -> None:
    import plainreply
    from plainreply.drafting.templates import kinds, load_template

    with tempfile.TemporaryDirectory() as folder:
        for kind in kinds():
            data = load_template(kind).example
            path = Path(folder) / f"{kind}.docx"
            plainreply.draft(kind, data).to_docx(path)  # warm up
            drafting = median_ms(lambda: plainreply.draft(kind, data).to_docx(path), runs=20)
            letter = plainreply.draft(kind, data)
            checking = median_ms(letter.check, runs=5)
            print(f"{kind:9} draft + .docx: {drafting:6.1f} ms (target <= 200)   check of the letter: {checking:6.1f} ms")


if __name__ == "__main__":
    main()
