"""Split predicates: a light verb with a verbal noun where one verb says it
(«произвести оплату» → «оплатить», «принять решение об отказе» → «отказать»)."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..analysis import PUNCT, WORD, Document, Token, fold
from ..analysis.morph import inflect
from ..engine.model import Hit
from ..engine.python import python_check
from .common import sentences_of

_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})
_ABOUT = frozenset({"о", "об", "обо"})
_COPY_GRAMMEMES = ("INFN", "past", "pres", "futr", "impr", "1per", "2per", "3per", "sing", "plur",
                   "masc", "femn", "neut", "incl", "excl")


@python_check(
    "split_predicate",
    options={"light_verbs": [], "nouns": {}, "decision_nouns": {}, "window": 3},
)
def split_predicate(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A light verb (`light_verbs`) and a verbal noun (`nouns`: noun → verb) at most `window`
    words apart, in either order. A decision noun («решение» → «решить») takes its verb from
    the noun after «о/об» when that noun is in `nouns`: «решение об отказе» → «отказать»."""
    light = {fold(v) for v in options["light_verbs"]}
    nouns = {fold(k): v for k, v in options["nouns"].items()}
    decisions = {fold(k): v for k, v in options["decision_nouns"].items()}
    window = options["window"]
    for tokens in sentences_of(doc):
        used: set[int] = set()
        for k, token in enumerate(tokens):
            if token.kind != WORD or k in used:
                continue
            verb_lemma = _light_verb(token, light)
            if verb_lemma is None:
                continue
            for j in _neighbours(tokens, k, window):
                noun = _noun_lemma(tokens[j], nouns, decisions)
                if noun is None or j in used:
                    continue
                first, last = min(k, j), max(k, j)
                suggestion = nouns.get(noun, "")
                if noun in decisions:
                    suggestion = decisions[noun]
                    about = _about_noun(tokens, j, nouns)
                    if about is not None:
                        suggestion = nouns[fold(tokens[about].morph.lemma)]
                        last = max(last, about)
                used.update({k, j})
                yield Hit(tokens[first].start, tokens[last].end, suggestion=_conjugate(suggestion, token))
                break


def _light_verb(token: Token, light: set[str]) -> str | None:
    # Full participles are left out: «данное решение», «принятое решение» name a thing.
    for parse in token.morph.parses:
        if parse.pos in ("VERB", "INFN", "PRTS", "GRND") and parse.lemma in light:
            return parse.lemma
    return None


def _noun_lemma(token: Token, nouns: Mapping[str, str], decisions: Mapping[str, str]) -> str | None:
    if token.kind != WORD:
        return None
    for parse in token.morph.parses:
        if parse.pos == "NOUN" and (parse.lemma in nouns or parse.lemma in decisions):
            # The most probable reading must be the light verb's object or, with a passive
            # verb, its subject: «для участия внести задаток» is not «принять участие».
            if "accs" in parse.grammemes or "nomn" in parse.grammemes:
                return parse.lemma
            return None
    return None


def _neighbours(tokens: list[Token], k: int, window: int) -> Iterator[int]:
    """Word positions within `window` words of k, nearest first, not crossing a comma or a dash."""
    for step in (1, -1):
        seen = 0
        j = k + step
        while 0 <= j < len(tokens) and seen <= window:
            if tokens[j].kind == PUNCT and tokens[j].text in _BREAKS:
                break
            if tokens[j].kind == WORD:
                yield j
                seen += 1
            j += step


def _about_noun(tokens: list[Token], j: int, nouns: Mapping[str, str]) -> int | None:
    """The verbal noun in «решение о/об …» right after the decision noun."""
    if j + 2 < len(tokens) and fold(tokens[j + 1].text) in _ABOUT:
        candidate = tokens[j + 2]
        if candidate.kind == WORD and fold(candidate.morph.lemma) in nouns:
            return j + 2
    return None


def _conjugate(verb: str, light_verb: Token) -> str:
    """Put the plain verb into the light verb's form where the form carries over."""
    if not verb or " " in verb:
        return verb
    parse = light_verb.morph.parses[0]
    if parse.pos not in ("VERB", "INFN"):
        return verb
    wanted = {g for g in _COPY_GRAMMEMES if g in parse.grammemes}
    if parse.pos == "INFN":
        return verb
    form = inflect(verb, wanted - {"INFN"})
    if form is None and "futr" in wanted:
        form = inflect(verb, (wanted - {"futr"}) | {"pres"})
    if form is None and "pres" in wanted:
        form = inflect(verb, (wanted - {"pres"}) | {"futr"})
    return form or verb
