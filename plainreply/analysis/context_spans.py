"""Detectors for the context layer (see context.py): each finds one kind of span."""

from __future__ import annotations

from .context import ContextSpan
from .segment import link_spans


def detect(text: str) -> list[ContextSpan]:
    return [ContextSpan(start, end, "link") for start, end in link_spans(text)]
