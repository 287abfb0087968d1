"""Build the Word versions of the sample letters in examples/ from their .txt versions.

    python tools/build_examples.py            # write examples/*.docx
    python tools/build_examples.py --check    # fail if a .docx no longer holds its .txt's text

Each line of the text becomes a paragraph of the document, in a sans-serif font of 12 pt, as
the order asks; the clean letter has the ministry's name in its header. The flawed letter also gets what a plain-text file cannot hold and the order
forbids: one sentence in italics, one phrase underlined and no letterhead, so `plainreply check` shows formatting
findings on it. The files are built once and kept in the repository (a .docx records when it was
made, so building it again would change its bytes); `--check`, run by the tests, keeps them honest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FONT = "Arial"
LETTERHEAD = "Министерство имущественных отношений Удмуртской Республики"  # in the header: the ministry's blank
# (text to find, run property) for the flawed letter
MARKED = {"letter-flawed": [("Документы не могут быть приняты без квитанции об оплате.", "italic"),
                            ("Вы не правы", "underline")]}


def paragraphs(path: Path) -> list[str]:
    """Each non-empty line: a signature of two lines is two paragraphs in Word too."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build(txt: Path) -> Path:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(12)
    marks = MARKED.get(txt.stem, [])
    if not marks:  # the clean letter is on the ministry's letterhead; the flawed one is not
        document.sections[0].header.paragraphs[0].text = LETTERHEAD
    for paragraph in paragraphs(txt):
        target = document.add_paragraph()
        rest = paragraph
        for found, prop in marks:
            if found in rest:
                before, rest = rest.split(found, 1)
                target.add_run(before)
                setattr(target.add_run(found), prop, True)
        target.add_run(rest)
    document.core_properties.author = "plainreply"
    out = txt.with_suffix(".docx")
    document.save(out)
    return out


def text_of(docx: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(docx)).paragraphs if p.text.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare the .docx files with the .txt files")
    args = parser.parse_args()
    problems = []
    for txt in sorted(EXAMPLES.glob("*.txt")):
        if args.check:
            docx = txt.with_suffix(".docx")
            if not docx.exists() or text_of(docx) != paragraphs(txt):
                problems.append(f"{docx}: does not hold the text of {txt.name}; run tools/build_examples.py")
        else:
            print(build(txt))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
