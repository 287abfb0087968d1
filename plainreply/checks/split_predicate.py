"""Split predicates: a light verb with a verbal noun where one verb says it
(«произвести оплату» → «оплатить», «принять решение об отказе» → «отказать»)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..analysis import PUNCT, WORD, Document, Token, fold
from ..analysis.inflect import inflect_word, match_capitalisation
from ..analysis.morph import is_verb_lemma, morph
from ..engine.model import Hit
from ..engine.python import python_check

_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})
_ABOUT = frozenset({"о", "об", "обо"})
_AUXILIARY = frozenset({"был", "была", "было", "были", "будет", "будут"})
# What a verb form keeps when the plain verb takes the light verb's place.
_FORM = frozenset({"INFN", "GRND", "impr", "past", "pres", "futr", "1per", "2per", "3per",
                   "sing", "plur", "masc", "femn", "neut", "incl", "excl"})
_MAX_NOUN_PHRASE = 4
_TIME_PREPOSITIONS = frozenset({"до", "после"})
_IMPERSONAL = frozenset({"следовать", "стоить"})


@dataclass(frozen=True, slots=True)
class _Verb:
    """The plain verb for a verbal noun: its aspect pair and the prepositions its object keeps."""

    forms: tuple[str, ...]
    keeps: frozenset[str]
    takes_object: bool | None = None  # None: as pymorphy3 marks the verb (tran)


@dataclass(frozen=True, slots=True)
class _Light:
    lemma: str
    passive: bool  # «проведена», «проводится»: the doer is not named
    reflexive: bool = False


_FORMS_KEPT = 100_000  # word forms whose light-verb reading is remembered: bounded
_UNSEEN = object()  # a form not looked at yet


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    prepared = dict(options)
    prepared["_light"] = _LightVerbs({fold(v) for v in options["light_verbs"]})
    prepared["_nouns"] = {fold(k): _verb(v) for k, v in options["nouns"].items()}
    prepared["_decisions"] = {fold(k): _verb(v) for k, v in options["decision_nouns"].items()}
    prepared["_terms"] = {tuple(morph(w).lemma for w in t.split()) for t in options["terms"]}
    return prepared


@python_check(
    "split_predicate",
    options={"light_verbs": [], "nouns": {}, "decision_nouns": {}, "window": 3, "terms": []},
    prepare=_prepare,
)
def split_predicate(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A light verb (`light_verbs`) and a verbal noun (`nouns`: noun → «perfective|imperfective»
    verb, notation in the rule file) at most `window` words apart, in either order. A decision noun
    («решение» → «решить») takes its verb from the noun after «о/об»: «решение об отказе» → «отказать».
    Passive light verbs («проведена проверка») get advice: the active verb needs a doer.
    `terms` are adjective + noun terms that stay («медицинская помощь»)."""
    light: _LightVerbs = options["_light"]
    nouns, decisions, terms = options["_nouns"], options["_decisions"], options["_terms"]
    for sentence, positions in doc.sentences_holding(light.candidates(doc.tokens)):
        tokens = doc.sentence_tokens(sentence)
        used: set[int] = set()
        for k in positions:
            token = tokens[k]
            verb = light.reading(token)
            if verb is None or k in used:
                continue
            for j in _neighbours(tokens, k, options["window"]):
                noun = _noun_lemma(tokens[j], nouns, decisions, verb.passive)
                if noun is None or j in used or _is_term(tokens, j, terms) or _after_preposition(tokens, j):
                    continue
                if verb.reflexive and abs(j - k) > 1:
                    continue  # «продажа имущества осуществляется» is left to bureaucratese
                if verb.passive and not _agrees(tokens[j], token):
                    continue  # «расчет социальной выплаты производится»: «выплаты» is not the subject
                if _other_predicate_between(tokens, k, j) or _after_noun(tokens, j):
                    continue
                used.update({k, j})
                yield _hit(tokens, k, j, verb, noun, nouns, decisions)
                break


class _LightVerbs:
    """The light verbs of the rule and the light-verb reading of each word form, remembered per form."""

    def __init__(self, lemmas: set[str]):
        self.lemmas = lemmas
        self._readings: dict[str, _Light | None] = {}

    def candidates(self, tokens: list[Token]) -> list[int]:
        """The indexes of the words that read as a light verb: in most sentences there is none."""
        remembered = self._readings
        # Words known to have none are dropped first; the rest are looked at (and remembered).
        maybe = [t for t in tokens if t.kind == WORD and remembered.get(t.key, _UNSEEN) is not None]
        return [t.index for t in maybe if self.reading(t) is not None]

    def reading(self, token: Token) -> _Light | None:
        key = token.key
        if key in self._readings:
            return self._readings[key]
        if len(self._readings) >= _FORMS_KEPT:
            self._readings.clear()
        found = self._readings[key] = _light_verb(token, self.lemmas)
        return found


def _verb(value: str) -> _Verb:
    """«помочь|помогать +в ~»: the aspect pair, prepositions kept after the noun, «~» for no object."""
    words = value.split()
    keeps = frozenset(fold(w[1:]) for w in words if w.startswith("+"))
    return _Verb(tuple(words[0].split("|")), keeps, False if "~" in words else None)


def _hit(tokens: list[Token], k: int, j: int, verb: _Light, noun: str,
         nouns: Mapping[str, _Verb], decisions: Mapping[str, _Verb]) -> Hit:
    first, last = min(k, j), max(k, j)
    plain = nouns.get(noun)
    if noun in decisions:
        plain = decisions[noun]
        about = _about_noun(tokens, j, nouns)
        if about is not None:
            plain = nouns[fold(tokens[about].morph.lemma)]
            last = max(last, about)
    assert plain is not None
    if verb.passive:
        if first > 0 and tokens[first - 1].key in _AUXILIARY and first == k:
            first -= 1
        return Hit(tokens[first].start, tokens[last].end, suggestion=_passive_advice(tokens, k, plain))
    form = _conjugate(plain, tokens[k])
    if " " in plain.forms[0] or form is None:
        return Hit(tokens[first].start, tokens[last].end, suggestion=form or plain.forms[0])
    replacement, end = _replacement(tokens, k, j, match_capitalisation(form, tokens[k].text), plain)
    if replacement is None or noun in decisions:
        return Hit(tokens[first].start, tokens[last].end, suggestion=form)
    return Hit(tokens[k].start, end, suggestion=form, replacement=replacement)


def _light_verb(token: Token, light: set[str]) -> _Light | None:
    # Full participles are left out: «данное решение», «принятое решение» name a thing.
    for parse in token.morph.parses:
        if parse.pos in ("VERB", "INFN", "GRND") and parse.lemma in light:
            return _Light(parse.lemma, passive=False)
        if parse.pos == "PRTS" and parse.lemma in light:
            return _Light(parse.lemma, passive=True)
        # «проводится проверка», «осуществляется контроль»
        if parse.pos == "VERB" and parse.lemma.endswith("ся") and parse.lemma[:-2] in light:
            return _Light(parse.lemma[:-2], passive=True, reflexive=True)
    return None


def _noun_lemma(token: Token, nouns: Mapping[str, _Verb], decisions: Mapping[str, _Verb],
                passive: bool) -> str | None:
    """The verbal noun's lemma when it can be the light verb's object or, with a passive verb,
    its subject: «для участия внести задаток» is not «принять участие»; in «поддержка … призвана
    обеспечить» the noun is the subject of another verb."""
    if token.kind != WORD:
        return None
    wanted = "nomn" if passive else "accs"
    for parse in token.morph.parses:
        if parse.pos == "NOUN" and (parse.lemma in nouns or parse.lemma in decisions) and wanted in parse.grammemes:
            return parse.lemma
    return None


def _agrees(noun: Token, verb: Token) -> bool:
    """A passive light verb agrees in number with its subject noun in the nominative."""
    numbers = {("plur" if "plur" in p.grammemes else "sing") for p in verb.morph.parses
               if p.pos in ("VERB", "PRTS")}
    return any(p.pos == "NOUN" and "nomn" in p.grammemes and (("plur" if "plur" in p.grammemes else "sing") in numbers)
               for p in noun.morph.parses)


def _other_predicate_between(tokens: list[Token], k: int, j: int) -> bool:
    """«цветовое решение должно вносить»: the noun belongs to another predicate. Impersonal
    «следует» has no subject: «оплату следует производить» stays."""
    return any(t.kind == WORD and t.morph.pos in ("VERB", "ADJS", "PRTS") and t.morph.lemma not in _IMPERSONAL
               for t in tokens[min(k, j) + 1:max(k, j)])


def _after_noun(tokens: list[Token], j: int) -> bool:
    """«путем оказания финансовой помощи»: a noun right after another noun (adjectives aside)
    is that noun's complement, not the light verb's object."""
    return _word_before_attributes(tokens, j) == "NOUN"


def _after_preposition(tokens: list[Token], j: int) -> bool:
    """«для участия внести задаток»: a noun after a preposition is neither object nor subject."""
    return _word_before_attributes(tokens, j) == "PREP"


def _word_before_attributes(tokens: list[Token], j: int) -> str | None:
    """The part of speech of the word before token j once adjectives and participles are skipped;
    None at a sentence start or after punctuation."""
    for token in reversed(tokens[:j]):
        if token.kind != WORD:
            return None
        if token.morph.pos not in ("ADJF", "PRTF"):
            return token.morph.pos
    return None


def _is_term(tokens: list[Token], j: int, terms: set[tuple[str, ...]]) -> bool:
    """«оказана медицинская помощь», «проведен капитальный ремонт»: a term, not a split predicate."""
    if j == 0 or tokens[j - 1].kind != WORD:
        return False
    return (tokens[j - 1].morph.lemma, tokens[j].morph.lemma) in terms


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


def _about_noun(tokens: list[Token], j: int, nouns: Mapping[str, _Verb]) -> int | None:
    """The verbal noun in «решение о/об …» right after the decision noun."""
    if j + 2 < len(tokens) and tokens[j + 1].key in _ABOUT:
        candidate = tokens[j + 2]
        if candidate.kind == WORD and fold(candidate.morph.lemma) in nouns:
            return j + 2
    return None


def _aspects(lemma: str) -> set[str]:
    return {a for a in ("perf", "impf") if is_verb_lemma(lemma, a)}


def _conjugate(plain: _Verb, light_verb: Token) -> str | None:
    """The plain verb in the light verb's form («произведем» → «оплатим», «осуществляет» →
    «контролирует»); None when the form is not the same for every reading of the light verb
    in the aspect of its most probable reading («проводит» is read «провОдит», not «проводИт»)."""
    readings = [p for p in light_verb.morph.parses if p.pos in ("VERB", "INFN", "GRND")]
    if not readings:
        return None
    aspect = "perf" if "perf" in readings[0].grammemes else "impf"
    forms: set[str] = set()
    for parse in readings:
        if ("perf" if "perf" in parse.grammemes else "impf") != aspect:
            continue
        form = _form_of(plain, parse.grammemes, parse.pos)
        if form is None:
            return None
        forms.add(form)
    return forms.pop() if len(forms) == 1 else None


def _form_of(plain: _Verb, grammemes: frozenset[str], pos: str) -> str | None:
    aspect = "perf" if "perf" in grammemes else "impf"
    same = [v for v in plain.forms if aspect in _aspects(fold(v))]
    if same:
        lemma = same[0]
    elif len(plain.forms) == 1 and not ({"pres", "futr"} & grammemes):
        lemma = plain.forms[0]  # «приняли участие» → «участвовали»: the aspect does not show in the past
    else:
        return None
    if pos == "INFN":
        return fold(lemma)
    wanted = set(grammemes & _FORM)
    if pos == "GRND":
        wanted.add("GRND")
    return inflect_word(fold(lemma), wanted)


def _replacement(tokens: list[Token], k: int, j: int, form: str, plain: _Verb) -> tuple[str | None, int]:
    """Text for «light verb + noun [+ its genitive object]», when the noun follows the verb
    directly and the object can be rebuilt: «произвести оплату задолженности» → «оплатить
    задолженность». (None, 0) when it cannot be pasted as it stands."""
    if j != k + 1:
        return None, 0
    end = tokens[j].end
    following = tokens[j + 1:]
    if not following or following[0].kind == PUNCT:
        return form, end
    head = following[0]
    if head.morph.pos == "ADVB" or head.key in _TIME_PREPOSITIONS:
        return form, end  # «произведите оплату до 25 марта» → «оплатите до 25 марта»
    if head.morph.pos == "PREP" or head.morph.pos == "CONJ":
        return (form, end) if head.key in plain.keeps else (None, 0)
    transitive = plain.takes_object
    if transitive is None:
        transitive = any(is_verb_lemma(fold(v), "tran") for v in plain.forms)
    if not transitive:
        return None, 0
    rebuilt = _genitive_to_accusative(following)
    if rebuilt is None:
        return None, 0
    text, count = rebuilt
    return f"{form} {text}", following[count - 1].end


def _genitive_to_accusative(tokens: list[Token]) -> tuple[str, int] | None:
    """The genitive noun phrase at the start of `tokens` (adjectives, then the noun) in the
    accusative; None when there is none or its form is not certain."""
    words: list[Token] = []
    for token in tokens[:_MAX_NOUN_PHRASE]:
        if token.kind != WORD:
            return None
        words.append(token)
        if token.morph.pos == "NOUN":
            break
    else:
        return None
    noun = words[-1]
    readings = [p for p in noun.morph.parses if p.pos == "NOUN" and "gent" in p.grammemes]
    if not readings or any("Name" in p.grammemes or "Surn" in p.grammemes for p in readings):
        return None
    numbers = {("plur" if "plur" in p.grammemes else "sing") for p in readings}
    if len(numbers) != 1:
        return None
    number = numbers.pop()
    after = tokens[len(words)] if len(words) < len(tokens) else None
    if after is not None and after.key in ("и", "или", "либо", ","):
        return None  # a second object would stay in the genitive
    out = []
    for word in words:
        wanted = {"accs", number}
        reading = readings[0]
        if word is not noun:
            if not word.morph.has("ADJF", "gent") and not word.morph.has("PRTF", "gent"):
                return None
            if number == "sing":
                gender = next((g for g in ("masc", "femn", "neut") if g in reading.grammemes), None)
                if gender:
                    wanted.add(gender)
            if "masc" in reading.grammemes or number == "plur":
                wanted.add("anim" if "anim" in reading.grammemes else "inan")
        form = inflect_word(word.text, wanted)
        if form is None:
            return None
        out.append(form)
    return " ".join(out), len(words)


def _passive_advice(tokens: list[Token], k: int, plain: _Verb) -> str:
    """«Проведена проверка» → advice with the active verb: «скажите, кто действует: «мы проверили»»."""
    future = k > 0 and tokens[k - 1].key in ("будет", "будут")
    reflexive = tokens[k].morph.pos == "VERB"
    if future:
        wanted, aspect = {"futr", "1per", "plur"}, "perf"
    elif reflexive:
        wanted, aspect = {"pres", "1per", "plur"}, "impf"
    else:
        wanted, aspect = {"past", "plur"}, "perf"
    lemma = next((v for v in plain.forms if aspect in _aspects(fold(v))), plain.forms[0])
    form = inflect_word(fold(lemma), wanted) if " " not in lemma else None
    if form is None:
        return "скажите одним глаголом и назовите, кто действует"
    return f"скажите одним глаголом и назовите, кто действует: «мы {form}»"
