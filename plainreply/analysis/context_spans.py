"""Detectors for the context layer (see context.py): each finds one kind of span.

natasha's NER and address grammar are not used: on RuREBus the NER alone costs about half of
a whole check and the address grammar several times a check (see the report of issue 9), so
the detectors are bounded regexes over word lists in `rules/context/` and pymorphy3.
"""

from __future__ import annotations

from .context import ContextSpan
from .context_names import organisation_spans, person_spans
from .context_numbers import date_spans, number_spans, phone_spans
from .context_places import address_spans
from .context_quotes import quoted_spans
from .context_titles import act_title_spans, quotation_spans
from .segment import link_spans


def detect(text: str) -> list[ContextSpan]:
    quotes = quoted_spans(text)
    spans = [ContextSpan(s, e, kind) for s, e, kind in organisation_spans(text, quotes)]
    for kind, found in (
        ("link", link_spans(text)),
        ("address", address_spans(text)),
        ("person", person_spans(text)),
        ("act-title", act_title_spans(text, quotes)),
        ("quotation", quotation_spans(text, quotes)),
        ("phone", phone_spans(text)),
        ("date", date_spans(text)),
        ("number", number_spans(text)),
    ):
        spans.extend(ContextSpan(s, e, kind) for s, e in found)
    return spans
