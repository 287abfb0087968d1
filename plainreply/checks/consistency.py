"""One thing, one word: the first name a letter uses for a thing is kept; later synonyms are flagged.

Two words name one thing only with some evidence, so a later synonym is flagged when
  - the kept name was used shortly before it (within `window` sentences): the text is still
    about the same object, and
  - its sentence uses no other name of the same set: «министерств и ведомств», «жилые дома,
    здания, строения» list different things, they do not rename one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from ..analysis import Document
from ..engine.glossary import load_glossary
from ..engine.model import Hit
from ..engine.python import python_check
from ..errors import RuleFileError
from .glossary_phrases import display, phrase_check


def _in_parentheses(text: str, start: int, end: int) -> bool:
    return text[:start].rstrip().endswith("(") and text[end:].lstrip().startswith(")")


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    glossary = load_glossary(path, rule_id, options["glossary"], {"synonyms": list})
    source = glossary["_path"]
    items, set_of = [], []
    seen: dict[str, int] = {}
    for i, variants in enumerate(glossary["synonyms"]):
        if not isinstance(variants, list) or len(variants) < 2 or not all(isinstance(v, str) for v in variants):
            raise RuleFileError(source, "нужен список хотя бы из двух названий", field=f"synonyms[{i}]")
        for variant in variants:
            if variant.lower() in seen:
                raise RuleFileError(source, f"«{variant}» уже есть в synonyms[{seen[variant.lower()]}]",
                                    field=f"synonyms[{i}]")
            seen[variant.lower()] = i
            items.append({"match": variant})
            set_of.append(i)
    check = phrase_check(source, "synonyms", items)
    prepared = dict(options)
    prepared["_names"] = check  # all names of all sets: one pass over the text
    prepared["_set_of"] = {id(entry): index for entry, index in zip(check.entries, set_of)}
    return prepared


@python_check("consistency", options={"glossary": "glossary/synonyms.yaml", "window": 8}, prepare=_prepare)
def consistency(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """For each synonym set, the uses of a variant other than the first one used in the letter,
    with the evidence described in the module's docstring. A variant put in parentheses
    («земельный участок (ЗУ)») is declared and allowed from then on."""
    first: dict[int, Any] = {}
    last_seen: dict[int, int] = {}  # set → sentence where its kept name was last used
    declared: set[str] = set()
    matches = list(options["_names"].matches(doc))
    names_in: dict[tuple[int, int], set[int]] = {}  # (sentence, set) → ids of the entries used there
    for match in matches:
        names_in.setdefault((match.sentence, options["_set_of"][id(match.entry)]), set()).add(id(match.entry))
    for match in matches:
        group = options["_set_of"][id(match.entry)]
        if _in_parentheses(doc.text, match.start, match.end):
            declared.add(match.entry.match)
            continue
        if group not in first:
            first[group] = match.entry
        if match.entry is first[group] or match.entry.match in declared:
            last_seen[group] = match.sentence
            continue
        near = match.sentence - last_seen.get(group, -10**9) <= options["window"]
        listed = len(names_in[(match.sentence, group)]) > 1
        if near and not listed:
            original = first[group]
            yield Hit(match.start, match.end, suggestion=display(original.match),
                      values={"detail": display(original.match)})
