"""Passive predicates: short passive participles («рассмотрено», «будет направлен») and
reflexive passives of transitive verbs («рассчитывается», «прилагается»)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, Token, fold
from ..analysis.segment import NUMBER
from ..analysis.morph import inflect, is_verb_lemma
from ..engine.model import Hit
from ..engine.python import python_check

_AUXILIARY = frozenset({"был", "была", "было", "были", "будет", "будут"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")", "«", "»", '"'})
_AGENT_WINDOW = 4  # words either side of the predicate where an instrumental agent is looked for
_REFERENCE_PLACES = frozenset({"таблица", "приложение", "раздел", "пункт", "графа", "схема", "форма", "паспорт"})


_FORMS_KEPT = 100_000  # word forms whose readings are remembered: bounded, an archive brings new words forever
_UNSEEN = object()  # a form not looked at yet
Reading = tuple[str, frozenset[str]]  # the lemma of the active verb and the grammemes of the form


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    prepared = dict(options)
    skip = {fold(w) for w in options["not_passive"]}
    prepared["_forms"] = _PassiveForms(skip, options["reflexive"])
    prepared["_before"] = [tuple(fold(w) for w in phrase.split()) for phrase in options["not_passive_before"]]
    prepared["_stative"] = {fold(k): v.split() for k, v in options["stative"].items()}
    prepared["_purpose_not"] = {fold(w) for w in options["purpose_not"]}
    prepared["_not_agents"] = {fold(w) for w in options["not_agents"]}
    return prepared


@python_check(
    "passive",
    options={"not_passive": [], "not_passive_before": [], "reflexive": True, "subject": "мы",
             "stative": {}, "purpose_not": [], "not_agents": []},
    prepare=_prepare,
)
def passive(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Short passive participles as predicates and present-tense reflexive passives.
    `not_passive` lists reflexive verbs and participles that are not passive in meaning;
    `not_passive_before` lists words after which a reflexive verb is not passive
    («заключается в том, что» explains, «соглашение заключается» is passive);
    `stative` maps a lemma to the words after which it states a property, not an action
    (notation in the rule file). The advice names the agent when the sentence gives one in the
    instrumental («установлены постановлением» → «постановление установило»)."""
    forms: _PassiveForms = options["_forms"]
    for sentence, positions in doc.sentences_holding(forms.candidates(doc.tokens)):
        tokens = doc.sentence_tokens(sentence)
        for k in positions:
            token = tokens[k]
            participle, reflexive = forms.readings(token)
            if reflexive and _followed_by(tokens, k, options["_before"]):
                reflexive = None
            found = participle or reflexive
            if not found:
                continue
            lemma, grammemes = found
            if _is_stative(tokens, k, lemma, token, options["_stative"], options["_purpose_not"]):
                continue
            start = token.start
            future = False
            if k > 0 and tokens[k - 1].key in _AUXILIARY:
                start = tokens[k - 1].start
                future = tokens[k - 1].key.startswith("буд")
            yield Hit(start, token.end, suggestion=_advice(tokens, k, lemma, grammemes, future, options["subject"],
                                                           options["_not_agents"]))


class _PassiveForms:
    """The passive readings of each word form, remembered per form: they depend on it alone."""

    def __init__(self, skip: set[str], reflexive: bool):
        self.skip = skip  # `not_passive`
        self.reflexive = reflexive  # whether reflexive passives are looked for
        self._readings: dict[str, tuple[Reading | None, Reading | None] | None] = {}

    def candidates(self, tokens: list[Token]) -> list[int]:
        """The indexes of the words with a passive reading: in most sentences there is none."""
        remembered = self._readings
        # Words known to have none are dropped first; the rest are looked at (and remembered).
        maybe = [t for t in tokens if t.kind == WORD and remembered.get(t.key, _UNSEEN) is not None]
        return [t.index for t in maybe if self.readings(t) is not None]

    def readings(self, token: Token) -> tuple[Reading | None, Reading | None] | None:
        """(as a short passive participle, as a reflexive passive), or None when it is neither."""
        key = token.key
        if key in self._readings:
            return self._readings[key]
        if len(self._readings) >= _FORMS_KEPT:
            self._readings.clear()
        participle = _short_participle(token, self.skip)
        reflexive = _reflexive(token, self.skip) if self.reflexive else None
        found = self._readings[key] = (participle, reflexive) if participle or reflexive else None
        return found


def _is_stative(tokens: list[Token], k: int, lemma: str, token: Token, stative: Mapping[str, list[str]],
                purpose_not: set[str]) -> bool:
    """«связано с», «направлена на повышение», «представлена 33 учреждениями»: a property, not an action.
    The notation: «*» always; a word: that word follows; «на*»: «на» and a verbal noun of purpose;
    «_ablt»: an instrumental noun follows («представлена учреждениями»)."""
    marks = stative.get(token.morph.lemma if token.morph.pos == "VERB" else lemma) or stative.get(lemma)
    if not marks:
        return False
    words = _following_words(tokens, k)
    for mark in marks:
        if mark == "*":
            return True
        if mark == "_ablt" and _instrumental_follows(words):
            return True
        if len(mark) > 1 and mark.endswith("*") and words[:1] and words[0].key == mark[:-1] \
                and _purpose_noun(words[1:], purpose_not):
            return True
        if words[:1] and words[0].key == mark:
            return True
    # «на решение которой направлена программа»
    return "на*" in marks and _purpose_before(tokens, k, purpose_not)


def _following_words(tokens: list[Token], k: int) -> list[Token]:
    words = []
    for token in tokens[k + 1:k + 6]:
        if token.kind not in (WORD, NUMBER):
            break
        words.append(token)
    return words


def _instrumental_follows(words: list[Token]) -> bool:
    for word in words[:4]:
        m = word.morph
        if word.kind == WORD and m.pos == "NOUN":
            return m.has("NOUN", "ablt")
        if token_is_number(word) or m.pos in ("ADJF", "PRTF", "NUMR"):
            continue
        return False
    return False


def token_is_number(token: Token) -> bool:
    return token.kind == NUMBER


def _purpose_noun(words: list[Token], purpose_not: set[str]) -> bool:
    for word in words[:3]:
        m = word.morph
        if m.pos == "NOUN":
            return m.has("NOUN", "inan") and m.lemma not in purpose_not
        if m.pos not in ("ADJF", "PRTF"):
            return False
    return False


def _purpose_before(tokens: list[Token], k: int, purpose_not: set[str]) -> bool:
    window = [t for t in tokens[max(0, k - 4):k] if t.kind == WORD]
    texts = [t.key for t in window]
    if "на" not in texts or not any(t.startswith("котор") for t in texts):
        return False
    i = texts.index("на")
    return _purpose_noun(window[i + 1:], purpose_not)


def _followed_by(tokens: list[Token], k: int, phrases: list[tuple[str, ...]]) -> bool:
    following = tuple(t.key for t in tokens[k + 1:k + 4] if t.kind == WORD)
    return any(following[:len(p)] == p for p in phrases)


def _short_participle(token: Token, skip: set[str]) -> tuple[str, frozenset[str]] | None:
    # «отказываем», «сообщаем» are also rare present passive participles: a verb reading wins.
    # An unknown word is a guess: «нано индустрии» is not a participle of «нать».
    if not token.morph.known or any(p.pos == "VERB" for p in token.morph.parses):
        return None
    if token.morph.parses[0].pos == "NOUN" and token.morph.parses[0].score > 0.5:
        return None  # «рынка сбыта»
    for parse in token.morph.parses:
        if parse.pos == "PRTS" and "pssv" in parse.grammemes and parse.lemma not in skip:
            return parse.lemma, parse.grammemes
    return None


def _reflexive(token: Token, skip: set[str]) -> tuple[str, frozenset[str]] | None:
    parse = token.morph.parses[0]
    if parse.pos != "VERB" or not {"impf", "3per", "pres"} <= parse.grammemes:
        return None
    lemma = parse.lemma
    if lemma in skip or not lemma.endswith(("ся", "сь")):
        return None
    base = lemma[:-2]
    if not is_verb_lemma(base, "tran"):
        return None
    return base, parse.grammemes


def _advice(tokens: list[Token], k: int, lemma: str, grammemes: frozenset[str], future: bool, subject: str,
            not_agents: set[str]) -> str:
    """Advice, never a replacement: the active form needs a doer the writer must choose."""
    found = _agent(tokens, k, not_agents)
    if found is not None:
        phrase = _agent_phrase(*found, lemma, grammemes, future)
        if phrase:
            return f"скажите, кто действует: «{phrase}»"
        return "скажите, кто действует: сделайте подлежащим того, кто назван в творительном падеже"
    if _reference(tokens, k):
        return "скажите проще: «перечень — в приложении 2», «значения — в таблице 1»"
    active = _active(lemma, grammemes, future, subject)
    return f"скажите, кто действует: «{active}», если это сделали вы" if active else "скажите, кто действует"


def _agent(tokens: list[Token], k: int, not_agents: set[str]) -> tuple[Token, bool] | None:
    """An instrumental noun in the predicate's clause, not after a preposition: «утверждена
    постановлением», «сотрудниками ОМВД выявлено». The flag: the noun does not open the sentence."""
    for step in (1, -1):
        seen = 0
        j = k + step
        while 0 <= j < len(tokens) and seen < _AGENT_WINDOW:
            token = tokens[j]
            if token.kind != WORD:
                if token.text in _CLAUSE_BREAKS:
                    break
                j += step
                continue
            seen += 1
            m = token.morph
            if m.pos == "NOUN" and m.best_has("ablt") and m.lemma not in not_agents and not _governed(tokens, j):
                return token, j > 0 and any(t.kind == WORD for t in tokens[:j])
            if m.pos in ("VERB", "PRTS", "CONJ"):
                break
            j += step
    return None


def _governed(tokens: list[Token], j: int) -> bool:
    """True when a preposition or a verbal noun governs the instrumental («с заявлением»,
    «управления имуществом»)."""
    for token in reversed(tokens[max(0, j - 3):j]):
        if token.kind != WORD:
            return False
        m = token.morph
        if m.pos == "PREP":
            return True
        if m.pos == "NOUN":
            return True
        if m.pos not in ("ADJF", "PRTF", "NUMR"):
            return False
    return False


def _agent_phrase(agent: Token, inside: bool, lemma: str, grammemes: frozenset[str], future: bool) -> str | None:
    reading = next((p for p in agent.morph.parses if p.pos == "NOUN" and "ablt" in p.grammemes), None)
    if reading is None:
        return None
    number = "plur" if "plur" in reading.grammemes else "sing"
    noun = inflect(reading.lemma, {"nomn", number})
    if noun is None:
        return None
    if "PRTS" in grammemes or "pssv" in grammemes:
        if future:
            wanted = {"futr", "3per", number}
        else:
            wanted = {"past", number}
            gender = next((g for g in ("masc", "femn", "neut") if g in reading.grammemes), None)
            if number == "sing" and gender:
                wanted.add(gender)
    else:
        wanted = {"pres", "3per", number}
    verb = inflect(lemma, wanted, pos=None)
    if verb is None:
        return None
    if agent.text[:1].isupper() and inside:
        noun = noun[:1].upper() + noun[1:]  # a name keeps its capital: «Министерство», «Правительство»
    return f"{noun} {verb}"


def _reference(tokens: list[Token], k: int) -> bool:
    """«представлены в приложении № 2», «приведен в таблице»: a pointer to another part of the document."""
    words = _following_words(tokens, k)
    return (len(words) >= 2 and words[0].key in ("в", "во")
            and words[1].morph.lemma in _REFERENCE_PLACES)


def _active(lemma: str, grammemes: frozenset[str], future: bool, subject: str) -> str:
    if "PRTS" in grammemes or "pssv" in grammemes:
        wanted = {"futr", "1per", "plur"} if future else {"past", "plur"}
    else:
        wanted = {"pres", "1per", "plur"}
    form = inflect(lemma, wanted, pos=None)
    if form is None and future:
        form = inflect(lemma, {"pres", "1per", "plur"})
    return f"{subject} {form}" if form else ""


@python_check("passive_syntax", options={"subject": "мы"}, needs_syntax=True)
def passive_syntax(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Predicates that natasha's parser marks as passive: the head of an `nsubj:pass` or
    `aux:pass` link. Slower than `passive`, but it reads the sentence instead of the word."""
    reported: set[int] = set()
    for index, dependency in sorted(doc.dependencies.items()):
        if dependency.rel not in ("nsubj:pass", "aux:pass") or dependency.head is None:
            continue
        head = dependency.head
        if head in reported:
            continue
        reported.add(head)
        token = doc.tokens[head]
        parse = token.morph.parses[0]
        lemma = parse.lemma[:-2] if parse.pos == "VERB" and parse.lemma.endswith(("ся", "сь")) else parse.lemma
        active = _active(lemma, parse.grammemes, False, options["subject"])
        yield Hit(token.start, token.end,
                  suggestion=f"скажите, кто действует: «{active}», если это сделали вы" if active else "скажите, кто действует")
