"""One thing, one word: the first name a letter uses for a thing is kept; later synonyms are flagged.

Two words name one thing only with some evidence, so a later synonym is flagged when
  - the kept name was used shortly before it (within `window` sentences): the text is still
    about the same object, and
  - its sentence uses no other name of the same set: «министерств и ведомств», «жилые дома,
    здания, строения» list different things, they do not rename one;
  - for a set marked `refers_back` (names that often mean different documents: an applicant's
    «заявка» and a district's «ходатайство»), the later name points back at the one already
    discussed: «Вашей заявки», «этой заявки», «указанного ходатайства».
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Any, Iterator, Mapping

from .. import regexes
from ..analysis import WORD, Document, Token, morph
from ..engine.glossary import load_glossary, string_list
from ..engine.model import Hit
from ..engine.python import python_check
from ..errors import RuleFileError
from .glossary_phrases import display, phrase_check


_OPENS = regexes.compile(r"\(\s*$")
_CLOSES = regexes.compile(r"\s*\)")
_MODIFIERS_BETWEEN = 2  # «Вашей последней заявки»: adjectives between the pointer and the name


def _in_parentheses(text: str, start: int, end: int) -> bool:
    # A few characters on each side: copying the text around every match would be quadratic.
    return bool(_OPENS.search(text, max(0, start - 64), start)) and bool(_CLOSES.match(text, end))


def _points_back(doc: Document, start: int, pointers: frozenset[str]) -> bool:
    """A pointer word («Ваш», «этот», «указанный») stands before the name, perhaps with adjectives
    between them."""
    i = bisect_left(doc.tokens, start, key=_token_start) - 1
    for _ in range(_MODIFIERS_BETWEEN + 1):
        if i < 0 or doc.tokens[i].kind != WORD:
            return False
        parsed = doc.tokens[i].morph
        if not pointers.isdisjoint(parsed.lemmas):
            return True
        if not parsed.best_has("ADJF"):
            return False
        i -= 1
    return False


def _token_start(token: Token) -> int:
    return token.start


def _names_of(source: Path, i: int, item: Any) -> tuple[list[str], bool]:
    """A set is a list of names, or {names: [...], refers_back: true}."""
    if isinstance(item, dict):
        unknown = set(item) - {"names", "refers_back"}
        if unknown:
            raise RuleFileError(source, f"неизвестное поле {', '.join(sorted(unknown))}; допустимые: names, refers_back",
                                field=f"synonyms[{i}]")
        if not isinstance(item.get("refers_back", False), bool):
            raise RuleFileError(source, "значение должно быть true или false", field=f"synonyms[{i}].refers_back")
        return item.get("names"), bool(item.get("refers_back", False))
    return item, False


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    glossary = load_glossary(path, rule_id, options["glossary"], {"synonyms": list, "pointers": list})
    source = glossary["_path"]
    items, set_of = [], []
    refers_back: set[int] = set()
    seen: dict[str, int] = {}
    for i, item in enumerate(glossary["synonyms"]):
        variants, pointing = _names_of(source, i, item)
        if pointing:
            refers_back.add(i)
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
    prepared["_set_of"] = {entry.match: index for entry, index in zip(check.entries, set_of)}  # names are unique
    prepared["_refers_back"] = frozenset(refers_back)
    pointers = string_list(source, "pointers", glossary["pointers"])
    if refers_back and not pointers:
        raise RuleFileError(source, "для наборов с refers_back нужен список pointers", field="pointers")
    prepared["_pointers"] = frozenset(morph(w).lemma for w in pointers)
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
        names_in.setdefault((match.sentence, options["_set_of"][match.entry.match]), set()).add(match.entry.match)
    for match in matches:
        group = options["_set_of"][match.entry.match]
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
        if options["_refers_back"] and group in options["_refers_back"] \
                and not _points_back(doc, match.start, options["_pointers"]):
            continue
        if near and not listed:
            original = first[group]
            yield Hit(match.start, match.end, suggestion=display(original.match),
                      values={"detail": display(original.match)})
