"""Misspelt words: not in pymorphy3's dictionary nor in the project's and the user's word lists.
Names, places, links, numbers, abbreviations, shortenings with a dot and Latin words are left
alone. A compound written in two pieces («газо снабжения») is one finding with the joined word."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from .. import regexes
from ..analysis import WORD, Document, Token, fold
from ..engine.model import Hit
from ..engine.python import python_check
from ..errors import RuleFileError
from ..spelling import Lexicon, in_dictionary, read_word_list, zipf

_CYRILLIC_WORD = regexes.compile(r"^[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)*$")
_GLUED = regexes.compile(r"^([а-яё]{3,})([А-ЯЁ][а-яё]{2,})$")  # «районаКостромской»
_VOWELS = frozenset("аеёиоуыэюя")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_BLANK = regexes.compile(r"^[ \t\u00a0]+$")
# Longer than any Russian word in use («рентгеноэлектрокардиографический» has 32 letters).
MAX_WORD_LETTERS = 40
_TOO_LONG = f"в слове больше {MAX_WORD_LETTERS} букв: проверьте, не пропущены ли пробелы"


def _word_list(path: Path, relative: str, rule_id: str, field: str) -> set[str]:
    source = (Path(path).parent / relative).resolve()
    if not source.is_file():
        raise RuleFileError(path, f"нет файла словаря {relative}", rule_id, field)
    return read_word_list(source)


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    words: set[str] = set()
    for i, relative in enumerate(options["dictionaries"]):
        words |= _word_list(path, relative, rule_id, f"options.dictionaries[{i}]")
    parts = _word_list(path, options["compound_parts"], rule_id, "options.compound_parts") \
        if options["compound_parts"] else set()
    if options["user_dictionary"]:
        user = Path(options["user_dictionary"]).expanduser()
        if not user.is_file():
            raise RuleFileError(user, "нет файла пользовательского словаря", rule_id, "options.user_dictionary")
        try:
            words |= read_word_list(user)
        except UnicodeDecodeError:
            raise RuleFileError(user, "словарь не в кодировке UTF-8", rule_id, "options.user_dictionary") from None
    prepared = dict(options)
    prepared["_lexicon"] = Lexicon(words, parts)
    prepared["_verdicts"] = {}
    prepared["_plain"] = {}
    prepared["_governs"] = {fold(k): frozenset(v) for k, v in options["joinable_prepositions"].items()}
    return prepared


@python_check(
    "spelling",
    options={"dictionaries": [], "compound_parts": "", "joinable_prepositions": {}, "user_dictionary": "",
             "min_candidate_zipf": 2.0, "min_length": 4, "rare_zipf": 1.5, "common_zipf": 3.0,
             "margin_zipf": 0.0, "clear_lead_zipf": 1.0},
    prepare=_prepare,
)
def spelling(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Unknown words that are one edit away from a known, common word, or that no text in the
    frequency list has ever used. Capitalised words inside a sentence are names and pass."""
    lexicon: Lexicon = options["_lexicon"]
    for sentence, positions in doc.sentences_holding(_words_to_read(doc, lexicon, options)):
        tokens = doc.sentence_tokens(sentence)
        first_word = next((k for k, t in enumerate(tokens) if t.kind == WORD), None)
        done: set[int] = set()
        for k in positions:
            if k in done:
                continue
            token = tokens[k]
            if len(token.text) > MAX_WORD_LETTERS:
                # Corrections one edit away from such a word would be millions of strings.
                if _CYRILLIC_WORD.match(token.text):
                    yield Hit(token.start, token.end, suggestion=_TOO_LONG)
                continue
            joined = _split_compound(doc, tokens, k, lexicon, options["_governs"])
            if joined:
                done.add(k + 1)
                yield Hit(token.start, tokens[k + 1].end, suggestion=joined, replacement=joined,
                          values={"detail": joined})
                continue
            hanging = _missing_hanging_hyphen(tokens, k, lexicon)
            if hanging:
                yield Hit(token.start, token.end, suggestion=f"висячий дефис: «{hanging} и …»",
                          replacement=hanging, values={"detail": hanging})
                continue
            unjoined = _fragment_before_word(doc, tokens, k, lexicon)
            if unjoined:
                yield Hit(token.start, tokens[k + 1].end, suggestion=f"пишется слитно: «{unjoined}»",
                          values={"detail": unjoined})
                done.add(k + 1)
                continue
            glued = _glued(token, lexicon)
            if glued:
                yield Hit(token.start, token.end, suggestion=glued, replacement=glued, values={"detail": glued})
                continue
            if not _checkable(token, k == first_word, options["min_length"]) or _shortened(doc, tokens, k) \
                    or _symbol(tokens, k) or _part_of_spaced_compound(doc, tokens, k, lexicon):
                continue
            hit = _misspelling(token, lexicon, options, _ends_with_dot(doc, tokens, k))
            if hit:
                yield hit


_VERDICTS_KEPT = 100_000


def _words_to_read(doc: Document, lexicon: Lexicon, options: Mapping[str, Any]) -> list[int]:
    """Indexes of the words the checks below must read, in text order: those that are not plain,
    and a word before a lower-case one that is not (the two may be one word written apart).
    Most words of a letter are plain and known as such from earlier letters."""
    plain: dict[str, bool] = options["_plain"]
    tokens = doc.tokens
    unsure = [t for t in tokens if t.kind == WORD and plain.get(t.text) is not True]
    wrong = [t.index for t in unsure if not _plain(t.text, lexicon, options)]
    if not wrong:
        return []
    firsts = set(doc.sentence_firsts)
    before = [j - 1 for j in wrong if j not in firsts and tokens[j].text.islower() and tokens[j - 1].kind == WORD]
    return sorted({*wrong, *before})


def _plain(text: str, lexicon: Lexicon, options: Mapping[str, Any]) -> bool:
    """A correct word in lower case or with one capital that is no listed first part: nothing below
    can flag it, nor join it to the next word when that one is plain too or not in lower case
    (a join needs a lower-case second half). Remembered per word form, as the verdicts are."""
    plain: dict[str, bool] = options["_plain"]
    known = plain.get(text)
    if known is None:
        if len(plain) >= _VERDICTS_KEPT:
            plain.clear()
        known = plain[text] = len(text) <= MAX_WORD_LETTERS and (text.islower() or text[1:].islower()) \
            and _CYRILLIC_WORD.match(text) is not None and fold(text) not in lexicon.parts \
            and lexicon.knows(text) and _verdict(text, lexicon, options, dotted=False) is None
    return known


def _misspelling(token: Token, lexicon: Lexicon, options: Mapping[str, Any], dotted: bool) -> Hit | None:
    """A finding for a word that reads as misspelt. The verdict depends on the word alone, so it is
    remembered: most words of a letter recur in the next one."""
    verdicts: dict[tuple[str, bool], tuple[list[str], str | None] | None] = options["_verdicts"]
    key = (token.text, dotted)
    if key in verdicts:
        verdict = verdicts[key]
    else:
        if len(verdicts) >= _VERDICTS_KEPT:
            verdicts.clear()
        verdict = verdicts[key] = _verdict(token.text, lexicon, options, dotted)
    if verdict is None:
        return None
    suggestions, replacement = verdict
    return Hit(token.start, token.end, suggestion=", ".join(suggestions),
               values={"detail": suggestions[0] if suggestions else ""}, replacement=replacement)


def _verdict(text: str, lexicon: Lexicon, options: Mapping[str, Any], dotted: bool
             ) -> tuple[list[str], str | None] | None:
    """The corrections for a misspelt word and the one to paste, or None for a correct word."""
    if lexicon.compound_only(text):
        suggestions = lexicon.common_neighbours(text, options["common_zipf"])[:3]
        if not suggestions:
            return None
    elif lexicon.knows(text):
        key = fold(text)
        if text[:1].isupper() or key in lexicon.extra or not in_dictionary(key):
            return None  # a name, or known from the project's lists or as a compound
        suggestions = lexicon.rare_variant(text, options["rare_zipf"], options["common_zipf"])
        if not suggestions:
            return None
    else:
        own = zipf(fold(text))
        # A word many people write (slang, a rare name) needs a much commoner correction.
        floor = max(options["min_candidate_zipf"], own + options["margin_zipf"]) if own >= 2.0 \
            else options["min_candidate_zipf"]
        suggestions = lexicon.candidates(text, floor)
        # A word with a dot and nothing close to it is a shortening («среднеобл.»).
        if not suggestions and (own > 0 or dotted):
            return None
    if text[:1].isupper():
        suggestions = [s[:1].upper() + s[1:] for s in suggestions]
    return suggestions, _clear_winner(suggestions, options["clear_lead_zipf"])


def _clear_winner(suggestions: list[str], lead: float) -> str | None:
    """The one correction to paste: the only candidate, or one far more frequent than the next."""
    if not suggestions:
        return None
    if len(suggestions) == 1:
        return suggestions[0]
    first, second = (min(zipf(fold(w)) for w in s.split()) for s in suggestions[:2])
    return suggestions[0] if first - second >= lead else None


def _split_compound(doc: Document, tokens: list[Token], k: int, lexicon: Lexicon,
                    governs: Mapping[str, frozenset[str]]) -> str | None:
    """«газо снабжения», «меж бюджетные», «Гео  портале»: two words with only spaces between them
    that are one known word, when the pieces do not read as two words."""
    if k + 1 >= len(tokens):
        return None
    left, right = tokens[k], tokens[k + 1]
    if left.kind != WORD or right.kind != WORD or len(left.text) + len(right.text) > MAX_WORD_LETTERS \
            or not _BLANK.match(doc.text[left.end:right.start]):
        return None
    if not (_CYRILLIC_WORD.match(left.text) and _CYRILLIC_WORD.match(right.text)) or "-" in left.text \
            or not right.text.islower() or left.text[1:].lower() != left.text[1:]:
        return None
    key_left = left.key
    if key_left not in lexicon.parts and lexicon.knows(key_left) and lexicon.knows(right.text):
        return None  # two words that stand alone and no listed first part: cheaper than a join
    joined = lexicon.join(left.text, right.text)
    if joined is None or not _apart_is_wrong(left.text, right.text, joined, lexicon, governs):
        return None
    return left.text[:1] + joined[1:] if left.text[:1].isupper() else joined


def _apart_is_wrong(left: str, right: str, joined: str, lexicon: Lexicon,
                    governs: Mapping[str, frozenset[str]]) -> bool:
    key_left, key_right = fold(left), fold(right)
    if not lexicon.knows(key_left) or not lexicon.knows(key_right):
        return True  # «газо», «этно», «детные» do not stand alone
    if key_left not in lexicon.parts:
        return False
    if key_left in governs:
        # «меж бюджетные»: a preposition needs its case; nothing here is in it
        cases = governs[key_left]
        return not any(p.pos in ("NOUN", "ADJF", "PRTF", "NPRO", "NUMR") and cases & p.grammemes
                       for p in _parses(key_right))
    left_adj = [p for p in _parses(key_left) if p.pos == "ADJF"]
    if left_adj:
        # «одно этажных»: «одно» agrees with nothing in «этажных»
        return not any(_agree(a, b) for a in left_adj for b in _parses(key_right))
    # «много детные» → «многодетные»: the compound is commoner than its second half
    return zipf(joined) > 0 and zipf(joined) >= zipf(key_right)


def _parses(word: str):
    from ..analysis.morph import morph

    return morph(word).parses


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})
_NUMBERS = frozenset({"sing", "plur"})


def _agree(a, b) -> bool:
    return bool(a.grammemes & b.grammemes & _CASES) and bool(a.grammemes & b.grammemes & _NUMBERS)


def _fragment_before_word(doc: Document, tokens: list[Token], k: int, lexicon: Lexicon) -> str | None:
    """«металло сайдинга»: a listed first part that is no word by itself, then a word the
    dictionary does not know joined to it — advice to write them as one word, no replacement."""
    if k + 1 >= len(tokens) or tokens[k].kind != WORD or tokens[k + 1].kind != WORD:
        return None
    key = tokens[k].key
    if key not in lexicon.parts or lexicon.knows(key) or not _BLANK.match(doc.text[tokens[k].end:tokens[k + 1].start]):
        return None
    right = tokens[k + 1].text
    if not right.islower() or not 4 <= len(right) <= MAX_WORD_LETTERS or not _CYRILLIC_WORD.match(right):
        return None
    return tokens[k].text + right


def _missing_hanging_hyphen(tokens: list[Token], k: int, lexicon: Lexicon) -> str | None:
    """«ресурсо и энергосбережения»: a first part that shares the second half of the next
    compound needs its hanging hyphen: «ресурсо- и энергосбережения»."""
    if k + 2 >= len(tokens) or tokens[k].kind != WORD or tokens[k + 1].key not in ("и", "или"):
        return None
    key = tokens[k].key
    if key not in lexicon.parts or lexicon.knows(key) or tokens[k + 2].kind != WORD:
        return None
    following = tokens[k + 2].key
    if not any(following.startswith(p) and len(following) - len(p) >= 4 for p in lexicon.parts) \
            and "-" not in following:
        return None
    return tokens[k].text + "-"


def _glued(token: Token, lexicon: Lexicon) -> str | None:
    """«районаКостромской»: two known words run together, the second with its capital."""
    m = _GLUED.match(token.text)
    if not m or not lexicon.knows(m.group(1)) or not lexicon.knows(m.group(2)):
        return None
    return f"{m.group(1)} {m.group(2)}"


def _part_of_spaced_compound(doc: Document, tokens: list[Token], k: int, lexicon: Lexicon) -> bool:
    """«детско - юношеская», «свето - и звуко - технического»: a hyphen with stray spaces is a
    punctuation finding (punctuation-spacing fixes it), not a misspelt half."""
    if k + 1 < len(tokens) and tokens[k + 1].text in ("-", "–") and lexicon.first_part(tokens[k].text):
        return True
    return k >= 2 and tokens[k - 1].text in ("-", "–") and tokens[k - 2].kind == WORD \
        and lexicon.first_part(tokens[k - 2].text)


def _symbol(tokens: list[Token], k: int) -> bool:
    """«Дсу = Чв / Чу», «Эпр - оценка эффективности»: a short symbol that a formula defines."""
    return len(tokens[k].text) <= 4 and tokens[k].text[:1].isupper() and k + 1 < len(tokens) \
        and tokens[k + 1].text in ("=", "-", "–", "—")


_ENDINGS = ("ием", "ами", "ями", "ого", "его", "ому", "ему", "ых", "их", "ов", "ев", "ом", "ем", "ам", "ям")


def _ends_with_dot(doc: Document, tokens: list[Token], k: int) -> bool:
    """A word cut off before a dot ends in a consonant and not in a full ending: «постр.», «обл.»,
    not «зилиани.» or «самосазнанием.»."""
    key = tokens[k].key
    if key[-1:] in _VOWELS | {"й", "ь"} or (len(key) > 6 and key.endswith(_ENDINGS)):
        return False
    return k + 1 < len(tokens) and tokens[k + 1].text == "." and tokens[k + 1].start == tokens[k].end


_AFTER_DOT = regexes.compile(r"[ \t\u00a0]*(.)")


def _shortened(doc: Document, tokens: list[Token], k: int) -> bool:
    """«зем. участок», «эл. почта», «постр.,», «среднеобл. 4,0»: a word cut off by a dot, with the
    text going on after it in the same line (not with a capital letter)."""
    if not _ends_with_dot(doc, tokens, k):
        return False
    after = _AFTER_DOT.match(doc.text, tokens[k + 1].end)
    return bool(after) and after.group(1) != "\n" and not after.group(1).isupper()


def _checkable(token: Token, opens_sentence: bool, min_length: int) -> bool:
    text = token.text
    if token.kind != WORD or len(text) < min_length or not _CYRILLIC_WORD.match(text):
        return False
    if text.isupper() or any(ch.isupper() for ch in text[1:]):
        return False  # an abbreviation or a symbol in a formula: «ДКрБ», «кВТчас»
    if not _VOWELS & set(fold(text)):
        return False  # «стж», «пст»: no vowel, so a shortening
    if text[:1].isupper():
        if not opens_sentence:
            return False  # a name inside a sentence
        if any(_NAME_TAGS & p.grammemes for p in token.morph.parses):
            return False
    return True
