"""Markdown markup blanked out with spaces, so offsets still point into the original file."""

from __future__ import annotations

import re
from . import regexes

_RULES = [
    regexes.compile(r"<!--.*?-->", re.DOTALL),                      # comments
    regexes.compile(r"^[ \t]{0,3}(`{3,}|~{3,}).*?^[ \t]{0,3}\1[^\n]*$", re.DOTALL | re.MULTILINE),  # fenced code
    regexes.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE),      # heading marks
    regexes.compile(r"^[ \t]*>[ \t]?", re.MULTILINE),                # block quotes
    regexes.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE),  # list markers
    regexes.compile(r"(`+)[^\n]*?\1|`+"),                             # code spans, their text too
    regexes.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)(?!\w)"),  # emphasis marks
    regexes.compile(r"\]\([^)\s]*\)"),                               # link targets
    regexes.compile(r"!?\[(?=[^\]]*\]\()"),                          # link openers
    regexes.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE),  # table rules
]
_TABLE_ROW = regexes.compile(r"^[ \t]*\|[^\n]*", re.MULTILINE)  # a line that opens with «|»: its «|» are cell borders
_LIST_NUMBER = regexes.compile(r"\d{1,3}[.)]")


def markup_spans(text: str) -> list[tuple[int, int]]:
    """The places of Markdown markup (and of code, which is no letter text either), sorted and merged."""
    spans = [m.span() for rule in _RULES for m in rule.finditer(text) if m.end() > m.start()]
    if "|" in text:
        spans += [(row.start() + i, row.start() + i + 1) for row in _TABLE_ROW.finditer(text)
                  for i, char in enumerate(row.group()) if char == "|"]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mask_markdown(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The text with its markup blanked out by spaces (line breaks kept), so that offsets still
    point into the original file."""
    chars = list(text)
    for start, end in markup_spans(text) if spans is None else spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
