"""Serif or sans serif: the draft's font table first (PANOSE, then family), then the name."""

from __future__ import annotations


from lxml import etree

from .. import regexes
from .styles import w

_HEX_BYTE = regexes.compile(r"[0-9A-Fa-f]{2}")  # a PANOSE byte; anything else in a damaged table is ignored

SANS = frozenset({
    "arial", "calibri", "carlito", "verdana", "tahoma", "segoe ui", "pt sans", "pt sans caption",
    "pt astra sans", "liberation sans", "dejavu sans", "helvetica", "open sans", "roboto", "noto sans",
    "trebuchet ms", "century gothic", "franklin gothic book", "gill sans mt", "lucida sans", "montserrat",
    "arial narrow", "source sans pro", "ubuntu", "inter",
})
SERIF = frozenset({
    "times new roman", "cambria", "caladea", "georgia", "pt serif", "pt astra serif", "liberation serif",
    "dejavu serif", "garamond", "book antiqua", "palatino linotype", "constantia", "bookman old style",
    "century schoolbook", "noto serif", "times", "courier new", "baskerville old face",
})


def is_serif(name: str | None, font_table: dict[str, etree._Element]) -> bool | None:
    """True for a serif font, False for sans serif, None when nothing tells."""
    if not name:
        return None
    entry = font_table.get(name)
    if entry is not None:
        panose = entry.find(w("panose1"))
        value = panose.get(w("val"), "") if panose is not None else ""
        if len(value) >= 4 and value[:2] == "02" and _HEX_BYTE.fullmatch(value[2:4]):
            style = int(value[2:4], 16)
            if 2 <= style <= 10:
                return True
            if 11 <= style <= 13:
                return False
        family = entry.find(w("family"))
        kind = family.get(w("val")) if family is not None else None
        if kind == "roman":
            return True
        if kind == "swiss":
            return False
    key = name.strip().lower()
    if key in SERIF:
        return True
    if key in SANS:
        return False
    return None
