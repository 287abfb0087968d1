"""Too many references to legal acts in the body of a letter: they belong in endnotes (clause 3.11)."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..analysis import Document
from ..engine.model import Hit
from ..engine.python import python_check
from ..legal import find_references


@python_check("legal_references", options={"max_references": 2})
def legal_references(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """One finding, on the first reference, when the body cites more than `max_references`
    provisions; references inside the «Примечания:» block do not count."""
    body = [r for r in find_references(doc.text) if not r.in_endnotes]
    count = sum(r.weight for r in body)
    if count <= options["max_references"]:
        return
    listed = "; ".join(f"{i}) {r.text}" for i, r in enumerate(body, 1))
    yield Hit(body[0].start, body[0].end,
              suggestion=f"вынесите реквизиты в примечания (концевые сноски), а в тексте объясните суть: {listed}",
              values={"value": str(count), "limit": str(options["max_references"])})
