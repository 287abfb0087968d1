"""Every reply carries a link to the satisfaction survey (clause 3.12)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from .. import regexes
from ..analysis import LINK, WORD, Document, fold
from ..engine.model import Hit
from ..engine.python import python_check
from ..errors import RuleFileError


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    prepared = dict(options)
    try:
        prepared["_url"] = regexes.compile(options["url_pattern"]) if options["url_pattern"] else None
    except re.error as exc:
        raise RuleFileError(path, f"ошибка в регулярном выражении: {exc}", rule_id, "options.url_pattern") from None
    prepared["_words"] = {fold(w) for w in options["rating_words"]}
    return prepared


@python_check("survey_link", options={"rating_words": [], "url_pattern": "", "suggestion": ""}, prepare=_prepare)
def survey_link(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A link in a sentence about rating the answer, or any link matching `url_pattern`.
    When there is none, the finding is an empty span at the very end of the text."""
    if not doc.sentences:
        return
    # A Word draft's links count in all their forms: hyperlink, HYPERLINK field, simple field.
    targets = [(start, end, url) for start, end, url in getattr(doc.source, "links", ())
               if url.lower().startswith(("http", "www"))]
    for sentence in doc.sentences:
        tokens = doc.sentence_tokens(sentence)
        links = [t for t in tokens if t.kind == LINK and t.text.lower() in ("http", "https", "www")]
        linked = [url for start, end, url in targets if sentence.start <= start < sentence.end]
        if not links and not linked:
            continue
        text = doc.sentence_text(sentence) + " " + " ".join(linked)
        if options["_url"] is not None and options["_url"].search(text):
            return
        links = links or linked
        if links and any(t.kind == WORD and (t.morph.lemma in options["_words"] or t.key in options["_words"])
                         for t in tokens):
            return
    end = len(doc.text)
    yield Hit(end, end, suggestion=options["suggestion"])
