"""The analysed text: what every check reads."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property, lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import Iterable, Iterator

from .. import regexes
from . import syntax
from .context import ContextIndex, find_context
from .segment import LINK, NUMBER, WORD, Paragraph, Sentence, Token, link_spans, segment

_VOWELS = regexes.compile(r"[аеёиоуыэюяaeiouy]", re.IGNORECASE)
_WORD_CHUNK = regexes.compile(r"\S+")
_ALNUM = regexes.compile(r"[^\W_]")
_END = attrgetter("end")


@lru_cache(maxsize=131_072)
def syllables(word: str) -> int:
    return len(_VOWELS.findall(word))


class Document:
    """A text split into paragraphs, sentences and tokens; offsets point into `text`."""

    def __init__(self, text: str):
        self.text = text
        self.paragraphs: list[Paragraph]
        self.sentences: list[Sentence]
        self.tokens: list[Token]
        self.paragraphs, self.sentences, self.tokens = segment(text)
        # Results that several checks derive from this text (e.g. where the refusal is).
        self.shared: dict[object, object] = {}
        # The Word draft the text was read from (plainreply.docx.DocxText), for formatting checks.
        self.source: object | None = None

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first_token:sentence.last_token]

    @cached_property
    def sentence_firsts(self) -> list[int]:
        """The index of each sentence's first token: bisect it to find a token's sentence."""
        return [s.first_token for s in self.sentences]

    def sentences_holding(self, indexes: Iterable[int]) -> Iterator[tuple[Sentence, list[int]]]:
        """The sentences that hold the tokens at `indexes` (ascending), each with the positions of
        those tokens in it: a check that needs a few words reads only their sentences."""
        sentence: Sentence | None = None
        positions: list[int] = []
        for i in indexes:
            if sentence is None or i >= sentence.last_token:
                if positions:
                    yield sentence, positions
                sentence = self.sentences[bisect_right(self.sentence_firsts, i) - 1]
                positions = []
            positions.append(i - sentence.first_token)
        if sentence is not None and positions:
            yield sentence, positions

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def words(self, sentence: Sentence) -> list[str]:
        """Whitespace-separated chunks that hold a letter or a digit: the words a reader counts."""
        return [m.group() for m in _WORD_CHUNK.finditer(self.sentence_text(sentence)) if _ALNUM.search(m.group())]

    def words_in(self, sentence: Sentence) -> int:
        """How many words `words` would give: counted once per sentence, many checks ask."""
        return self._word_counts[sentence.index]

    @cached_property
    def _word_counts(self) -> list[int]:
        # As `words` counts, faster: str.split splits where \\S+ ends, and a chunk made of letters
        # and digits only (most of them) needs no search for one.
        text = self.text
        return [sum(1 for w in text[s.start:s.end].split() if w.isalnum() or _ALNUM.search(w))
                for s in self.sentences]

    @cached_property
    def word_count(self) -> int:
        return sum(self._word_counts)

    @cached_property
    def _letters_before(self) -> list[int]:
        """Letters of the words before each token (and after the last): a sentence's letters are
        a difference of two entries."""
        return list(accumulate((len(t.text) if t.kind == WORD else 0 for t in self.tokens), initial=0))

    @cached_property
    def sentence_sizes(self) -> list[tuple[int, int]]:
        """(letters, words) of each sentence."""
        before = self._letters_before
        return [(before[s.last_token] - before[s.first_token], self.words_in(s)) for s in self.sentences]

    @cached_property
    def letter_count(self) -> int:
        return self._letters_before[-1]

    @cached_property
    def readability(self) -> float:
        # Every token belongs to a sentence: the words of all sentences are the words of the text.
        words = [t.text for t in self.tokens if t.kind == WORD]
        if not self.sentences or not words:
            return 100.0
        words_per_sentence = self.word_count / len(self.sentences)
        return 206.835 - 1.3 * words_per_sentence - 60.1 * (sum(map(syllables, words)) / len(words))

    def readability_of(self, sentences: list[Sentence]) -> float:
        """Flesch reading ease adapted to Russian by Oborneva:
        206.835 − 1.3 × words per sentence − 60.1 × syllables per word."""
        tokens = [t for s in sentences for t in self.sentence_tokens(s) if t.kind == WORD]
        if not sentences or not tokens:
            return 100.0
        words_per_sentence = sum(self.words_in(s) for s in sentences) / len(sentences)
        syllables_per_word = sum(syllables(t.text) for t in tokens) / len(tokens)
        return 206.835 - 1.3 * words_per_sentence - 60.1 * syllables_per_word

    @cached_property
    def phrase_keys(self) -> dict[str, list[int]]:
        """Token indexes by every lemma and the folded form of each word (numbers by their text),
        in text order: where phrase lists look up the places an entry may begin. The lists are
        shared between keys: read them, never change them."""
        # Tokens are grouped by form first: a letter has a third as many forms as words, and each
        # form's lemmas are then filed once.
        by_form: dict[str, list[int]] = {}
        lemmas: dict[str, frozenset[str]] = {}
        for _, _, _, kind, position, parsed, form in self.tokens:  # unpacked: faster than attributes
            if kind == WORD or kind == NUMBER:
                positions = by_form.get(form)
                if positions is None:
                    positions = by_form[form] = []
                    if kind == WORD:
                        lemmas[form] = parsed.keys
                positions.append(position)
        index: dict[str, list[int]] = {}
        merged: set[str] = set()
        for form, positions in by_form.items():
            for key in lemmas.get(form, (form,)):
                earlier = index.get(key)
                if earlier is None:
                    index[key] = positions
                else:
                    index[key] = earlier + positions
                    merged.add(key)
        for key in merged:
            index[key].sort()
        return index

    @cached_property
    def link_tokens(self) -> list[Token]:
        """The tokens of links and e-mail addresses, found from the link spans (which segment
        remembers for the last texts it saw) rather than by reading every token."""
        tokens, found = self.tokens, []
        for start, end in link_spans(self.text):
            i = bisect_right(tokens, start, key=_END)  # the first token that ends after the link starts
            while i < len(tokens) and tokens[i].start < end:
                if tokens[i].kind == LINK:
                    found.append(tokens[i])
                i += 1
        return found

    @cached_property
    def context(self) -> ContextIndex:
        """Spans that are not the writer's prose (addresses, names, titles, numbers)."""
        return find_context(self.text)

    @cached_property
    def dependencies(self) -> dict[int, syntax.Dependency]:
        """natasha's syntax for every token, computed on first use."""
        return syntax.parse_sentences(
            [[(t.index, t.text) for t in self.sentence_tokens(s)] for s in self.sentences]
        )


def analyze(text: str) -> Document:
    return Document(text)
