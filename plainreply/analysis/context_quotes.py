"""Where a quoted text ends: «…», "…", „…“, with nesting, in a bounded window."""

from __future__ import annotations

from .. import regexes

OPENING = "«\"„“"
_BLANK_LINE = "\n\n"


def is_opening(text: str, i: int) -> bool:
    """True when the quote at `i` opens a quoted text (a straight quote after a space, a bracket or the start)."""
    ch = text[i]
    if ch == "«" or ch == "„":
        return True
    if ch in "\"“":
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        return (before.isspace() or before in "([«:—–-") and not after.isspace()
    return False


def quote_end(text: str, start: int, limit: int = 300) -> int | None:
    """The offset just after the quote that closes the one at `start`, or None when it does
    not close within `limit` characters or before a blank line (an unbalanced quote)."""
    stop = min(len(text), start + limit + 1)
    window = text.find(_BLANK_LINE, start, stop)
    if window != -1:
        stop = window
    opener = text[start]
    if opener == "«":
        return _balanced(text, start, stop, "«", "»")
    if opener == "„":
        return _balanced(text, start, stop, "„", "“")
    return _straight(text, start, stop, opener)


def _balanced(text: str, start: int, stop: int, opener: str, closer: str) -> int | None:
    depth = 0
    for i in range(start, stop):
        ch = text[i]
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _straight(text: str, start: int, stop: int, opener: str) -> int | None:
    """Straight quotes are both openers and closers: one after a space opens a nested quote."""
    closers = "\"”“" if opener == "“" else "\""
    depth = 1
    for i in range(start + 1, stop):
        ch = text[i]
        if ch not in closers:
            continue
        if ch == "\"" and is_opening(text, i) and not _closes_here(text, i):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _closes_here(text: str, i: int) -> bool:
    """A straight quote followed by a space, punctuation or the end closes rather than opens."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return after.isspace() or after in ".,;:!?)»\""


_QUOTE_CHARS = regexes.compile("[«»\"„“”]")


def quoted_spans(text: str, limit: int = 600) -> list[tuple[int, int]]:
    """(start, end) of every quoted text, quotes included, nested ones too, that closes within
    `limit` characters. One pass with a stack per kind of quote, so unbalanced quotes stay linear."""
    spans = []
    guillemets: list[int] = []
    straight: list[int] = []
    low: list[int] = []  # „ … “ and “ … ”
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "«":
            guillemets.append(i)
        elif ch == "»":
            _close(guillemets, i, spans)
        elif ch == "\"":
            if straight and (_closes_here(text, i) or not is_opening(text, i)):
                _close(straight, i, spans)
            elif is_opening(text, i):
                straight.append(i)
        elif ch == "„" or (ch == "“" and not low and is_opening(text, i)):
            low.append(i)
        else:
            _close(low, i, spans)
    return sorted((s, e) for s, e in spans if e - s <= limit + 1 and _BLANK_LINE not in text[s:e])


def _close(stack: list[int], i: int, spans: list[tuple[int, int]]) -> None:
    if stack:
        spans.append((stack.pop(), i + 1))
