"""Markdown markup blanked out with spaces, so offsets still point into the original file."""

from __future__ import annotations

import re

_RULES = [
    re.compile(r"<!--.*?-->", re.DOTALL),                      # comments
    re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE),      # heading marks
    re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE),                # block quotes
    re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE),  # list markers
    re.compile(r"`+"),                                          # code spans
    re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)(?!\w)"),  # emphasis marks
    re.compile(r"\]\([^)\s]*\)"),                               # link targets
    re.compile(r"!?\[(?=[^\]]*\]\()"),                          # link openers
]
_LIST_NUMBER = re.compile(r"\d{1,3}[.)]")


def mask_markdown(text: str) -> str:
    chars = list(text)
    for rule in _RULES:
        for m in rule.finditer(text):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)
