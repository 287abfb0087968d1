"""Markdown markup blanked out with spaces, so offsets still point into the original file."""

from __future__ import annotations

import re
from . import regexes

_RULES = [
    regexes.compile(r"<!--.*?-->", re.DOTALL),                      # comments
    regexes.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE),      # heading marks
    regexes.compile(r"^[ \t]*>[ \t]?", re.MULTILINE),                # block quotes
    regexes.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE),  # list markers
    regexes.compile(r"`+"),                                          # code spans
    regexes.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)(?!\w)"),  # emphasis marks
    regexes.compile(r"\]\([^)\s]*\)"),                               # link targets
    regexes.compile(r"!?\[(?=[^\]]*\]\()"),                          # link openers
]
_LIST_NUMBER = regexes.compile(r"\d{1,3}[.)]")


def mask_markdown(text: str) -> str:
    chars = list(text)
    for rule in _RULES:
        for m in rule.finditer(text):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)
