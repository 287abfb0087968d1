"""Which Russian words exist, how frequent they are, and what a misspelt word probably meant.

Known words come from pymorphy3's dictionary (about five million forms) and from word lists
in rules/dictionary/ and the user's own list. Frequencies come from wordfreq's Russian list
(Wikipedia, subtitles, news, web), shipped as a compact table (rules/dictionary/frequencies-ru.dawg,
built by tools/build_frequency_table.py) and loaded on first use only: a clean letter never pays for it.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .analysis.morph import analyzer, fold, morph
from .engine import cache
from .errors import RuleFileError
from .resources import rules_dir

ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
PARTICLES = frozenset({"то", "ка", "таки", "либо", "нибудь", "де"})
# Short words that are written apart from the next one: «не знаю», «вряд ли», «хотя бы».
SEPARATE = frozenset({"не", "ни", "ли", "бы", "же"})
FREQUENCY_TABLE = Path("dictionary") / "frequencies-ru.dawg"
# wordfreq's buckets are centibels: bucket i holds the words of frequency 10^(-i/100); its lists
# stop at 10^-8 (bucket 800). Computed as wordfreq's frequency was, so every value is the same float.
_ZIPF_OF_BUCKET = tuple(math.log10(10 ** (-i / 100) * 1e9) for i in range(1000))
_table: Any = None


def frequency_table() -> Any:
    """Word → wordfreq bucket, as a DAWG (a C reader: lookups cost a fraction of a microsecond)."""
    global _table
    if _table is None:
        _table = _load_table(rules_dir() / FREQUENCY_TABLE)
    return _table


def _load_table(path: Path) -> Any:
    try:
        import dawg
    except ImportError:  # the pure-Python reader pymorphy3 falls back on reads the same file
        import dawg_python as dawg
    rebuild = "переустановите plainreply (в копии репозитория: python tools/build_frequency_table.py)"
    if not path.is_file():
        raise RuleFileError(path, f"нет таблицы частот слов; {rebuild}")
    try:
        table = dawg.IntDAWG().load(str(path))
        table.get("и")
    except Exception:  # whatever the reader raises on a damaged file
        raise RuleFileError(path, f"таблица частот слов повреждена; {rebuild}") from None
    return table


def zipf(word: str) -> float:
    """How common a word is: 0 unseen, 3 a few times per million words, 6 very common
    (wordfreq's Zipf value of the word, to its own precision of 0.01)."""
    value = listed_zipf(word)
    return 0.0 if value is None else value


def listed_zipf(word: str) -> float | None:
    """The Zipf value of a word in the frequency list; None when the list lacks it."""
    bucket = frequency_table().get(word)
    return None if bucket is None else _ZIPF_OF_BUCKET[bucket]


@lru_cache(maxsize=131_072)
def in_dictionary(word: str) -> bool:
    return analyzer().word_is_known(word)


def read_word_list(path: Path) -> set[str]:
    data = Path(path).read_bytes()
    cache.note_read(path, data)  # a changed word list makes the cached rules outdated
    words = set()
    for line in data.decode("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(fold(line))
    return words


class Lexicon:
    """The words a letter may use: pymorphy3's dictionary plus extra lists, and compounds built
    of a first part from `compound_parts` and a known word («газо|снабжение», «био|фармацевтика»)."""

    def __init__(self, extra_words: Iterable[str] = (), compound_parts: Iterable[str] = ()):
        self.extra = {fold(w) for w in extra_words}
        self.parts = {fold(w) for w in compound_parts}
        # Inflected forms of listed words: «Минимуществом», «Кизнерского» share a stem.
        self.extra_stems = {w[:-2] for w in self.extra if len(w) > 5}
        self._variants: dict[tuple[str, float, float], list[str]] = {}
        self._known: dict[str, bool] = {}

    def knows(self, word: str) -> bool:
        key = fold(word)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._knows(key)
            if len(self._known) > 200_000:  # bounded: an archive of letters brings new words forever
                self._known.clear()
        return known

    def _knows(self, key: str) -> bool:
        if key in self.extra or in_dictionary(key):
            return True
        if len(key) > 5 and any(key[:cut] in self.extra_stems for cut in (-1, -2, -3) if len(key) + cut > 3):
            return True
        if "-" in key:
            parts = [p for p in key.split("-") if p]
            if len(parts) < 2 or any(p in SEPARATE for p in parts[1:]):
                return False  # «что-бы» is «чтобы»
            return all(self.first_part(p) for p in parts[:-1]) and \
                (parts[-1] in PARTICLES or self.knows(parts[-1]))
        return self.compound(key)

    def compound(self, key: str) -> bool:
        """A first part from the list and a known word of four letters or more: «низкоэффективной»,
        «геопортале», «онкоосмотрами»."""
        return any(key[:cut] in self.parts and _known_tail(key[cut:]) for cut in range(2, len(key) - 3))

    def compound_only(self, word: str) -> bool:
        """Known only as a compound: neither in the dictionary nor in the lists."""
        key = fold(word)
        return "-" not in key and not in_dictionary(key) and key not in self.extra and self.compound(key)

    def common_neighbours(self, word: str, common_zipf: float) -> list[str]:
        """Dictionary words one edit away that are common: «автомобилы» is «автомобили», not
        «авто» + «мобилы»."""
        return [w for w in self._ranked(_edits1(fold(word)), common_zipf) if in_dictionary(w)]

    def first_part(self, part: str) -> bool:
        """The first part of a hyphenated compound: a word, a listed part, or an adjective or noun
        stem with the joining vowel о/е: «детско-», «Троицко-», «психолого-», «северо-»."""
        key = fold(part)
        return key in self.parts or self.knows(key) or _stem_with_joining_vowel(key)

    def joining_part(self, part: str) -> bool:
        """Only a listed part or a stem with the joining vowel: «социально», «северо», not «далее»."""
        key = fold(part)
        return key in self.parts or _stem_with_joining_vowel(key)

    def join(self, left: str, right: str) -> str | None:
        """The one word that two written apart make, when it is known: «газо снабжения»."""
        joined = fold(left) + fold(right)
        if len(fold(left)) < 2 or len(fold(right)) < 3 or not self.knows(joined):
            return None
        return joined

    def candidates(self, word: str, min_zipf: float, limit: int = 3) -> list[str]:
        """Known words one edit away (a letter dropped, added, replaced or two swapped), the most
        frequent first; then two common words run together («незнаю» → «не знаю», «чтото» → «что-то»)."""
        key = fold(word)
        if "-" in key and not key.startswith("-") and not key.endswith("-"):
            return self._hyphenated_candidates(key, min_zipf, limit)
        found = self._ranked(_edits1(key), min_zipf)
        return (found + [s for s in self.splits(key) if s not in found])[:limit]

    def _hyphenated_candidates(self, key: str, min_zipf: float, limit: int) -> list[str]:
        """«жилищно-комунального» → «жилищно-коммунального»: correct the one part that is wrong."""
        parts = key.split("-")
        wrong = [i for i, p in enumerate(parts)
                 if not (self.first_part(p) if i < len(parts) - 1 else p in PARTICLES or self.knows(p))]
        if len(wrong) != 1:
            return []
        i = wrong[0]
        return ["-".join(parts[:i] + [fix] + parts[i + 1:]) for fix in self._ranked(_edits1(parts[i]), min_zipf)][:limit]

    def splits(self, word: str) -> list[str]:
        found = []
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if right in PARTICLES and self.knows(left):
                found.append(f"{left}-{right}")
            elif (left in SEPARATE or right in SEPARATE or (zipf(left) >= 4.0 and zipf(right) >= 4.0)) \
                    and in_dictionary(left) and in_dictionary(right) and len(left) + len(right) > 4:
                found.append(f"{left} {right}")
        return found

    def rare_variant(self, word: str, rare_zipf: float, common_zipf: float) -> list[str]:
        """For a dictionary word almost nobody writes («достегает», «выпеть»), the common words one
        edit away («достигает», «выпить»): a likely typo that the dictionary hides."""
        key = fold(word)
        if zipf(key) >= rare_zipf:
            return []
        cache_key = (key, rare_zipf, common_zipf)
        if cache_key not in self._variants:
            own = morph(key).lemmas
            # Another form of the same word («поясняем» → «поясняет») is no correction.
            self._variants[cache_key] = [w for w in self._ranked(_edits1(key), common_zipf)
                                         if own.isdisjoint(morph(w).lemmas)]
        return self._variants[cache_key]

    def _ranked(self, words: set[str], min_zipf: float) -> list[str]:
        # listed_zipf inlined: a misspelt word has a thousand candidates, most of them unlisted.
        bucket_of, zipf_of = frequency_table().get, _ZIPF_OF_BUCKET
        scored = [(zipf_of[b], w) for w in words if (b := bucket_of(w)) is not None]
        return [w for z, w in sorted(scored, reverse=True) if z >= min_zipf and self.knows(w)]


@lru_cache(maxsize=65_536)
def _known_tail(word: str) -> bool:
    return len(word) >= 4 and in_dictionary(word)


@lru_cache(maxsize=65_536)
def _stem_with_joining_vowel(key: str) -> bool:
    if len(key) < 3 or key[-1] not in "ое":
        return False
    stem = key[:-1]
    if any(in_dictionary(stem + ending) and morph(stem + ending).parses[0].pos == "ADJF"
           for ending in ("ый", "ий", "ой")):
        return True
    return len(stem) >= 3 and in_dictionary(stem) and any(p.pos == "NOUN" and p.lemma == stem
                                                          for p in morph(stem).parses)


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = set()
    for left, right in splits:
        if right:
            edits.add(left + right[1:])
            for ch in ALPHABET:
                edits.add(left + ch + right[1:])
        if len(right) > 1:
            edits.add(left + right[1] + right[0] + right[2:])
        for ch in ALPHABET:
            edits.add(left + ch + right)
    # Sound-alike spellings one «edit» apart for a reader: щ and сч, тся and ться.
    for wrong, right in (("щ", "сч"), ("сч", "щ"), ("тся", "ться"), ("ться", "тся")):
        if wrong in word:
            edits.add(word.replace(wrong, right))
    edits.discard(word)
    return edits
