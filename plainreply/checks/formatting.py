"""Formatting of Word drafts (order, 3.10.4 and 3.7): italics, underlining, capitals through
formatting, coloured or decorated text, highlight and shading, serif fonts, small body text, page
background, and the ministry's letterhead. Plain-text drafts have no formatting: these checks
find nothing there. One finding covers a contiguous stretch, not each run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from ..analysis import Document, fold
from ..engine.model import Hit
from ..engine.python import python_check

if TYPE_CHECKING:  # a plain-text check needs no Word reader (nor lxml): doc.source is None there
    from ..docx.reader import DocxText, Segment

def _is_link(segment: Segment) -> bool:
    return bool(segment.link) or (segment.format.style or "").lower().startswith("hyperlink")


def _italic(s: Segment, d: DocxText) -> bool:
    return s.format.has("i")


def _underline(s: Segment, d: DocxText) -> bool:
    return s.format.underline and not _is_link(s)


def _caps(s: Segment, d: DocxText) -> bool:
    return s.format.has("caps") or s.format.has("smallCaps")


def _color(s: Segment, d: DocxText) -> bool:
    return s.format.color is not None and s.format.color.lower() not in ("auto", "000000") and not _is_link(s)


def _decoration(s: Segment, d: DocxText) -> bool:
    return s.format.effect or s.format.has("strike") or s.format.has("dstrike")


def _background(s: Segment, d: DocxText) -> bool:
    return s.format.highlight or s.format.shading


def _serif(s: Segment, d: DocxText) -> bool:
    from ..docx.fonts import is_serif

    return bool(is_serif(s.font, d.fonts))


PROPERTIES: dict[str, Callable[[Segment, DocxText], bool]] = {
    "italic": _italic, "underline": _underline, "caps": _caps, "color": _color,
    "decoration": _decoration, "background": _background, "serif": _serif,
}


@python_check("run_formatting", needs_docx=True, options={"property": "", "suggestion": ""})
def run_formatting(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Stretches of text whose effective formatting has `property`: italic, underline, caps,
    color, decoration, background or serif."""
    source = doc.source
    if source is None:
        return
    test = PROPERTIES[options["property"]]
    for start, end in _stretches(source, lambda s: test(s, source)):
        yield Hit(start, end, suggestion=options["suggestion"])


@python_check("small_text", needs_docx=True, options={"min_points": 12.0, "suggestion": ""})
def small_text(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Body text set smaller than `min_points` (notes and headers may be smaller)."""
    source = doc.source
    if source is None:
        return
    def small(s: Segment) -> bool:
        return s.story == "body" and s.format.size is not None and s.format.size < options["min_points"]
    for start, end in _stretches(source, small):
        yield Hit(start, end, suggestion=options["suggestion"])


@python_check("shaded_paragraphs", needs_docx=True, options={"suggestion": ""})
def shaded_paragraphs(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Paragraphs or table cells with a coloured fill, and a page background."""
    source = doc.source
    if source is None:
        return
    if source.page_background and source.paragraphs:
        first = next((p for p in source.paragraphs if p.end > p.start), source.paragraphs[0])
        yield Hit(first.start, first.end, suggestion=options["suggestion"], values={"detail": "фон страницы"})
    for paragraph in source.paragraphs:
        if paragraph.shaded and paragraph.end > paragraph.start:
            yield Hit(paragraph.start, paragraph.end, suggestion=options["suggestion"], values={"detail": "заливка"})


@python_check("letterhead", needs_docx=True, options={"organisation": "", "first_paragraphs": 3, "suggestion": ""})
def letterhead(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """The organisation's name in the header or in the first paragraphs of the body."""
    source = doc.source
    if source is None or not options["organisation"]:
        return
    wanted = fold(" ".join(options["organisation"].split()))
    body = [p for p in source.paragraphs if p.story == "body"][: options["first_paragraphs"]]
    places = [source.header_text] + [source.text[p.start:p.end] for p in body]
    if any(wanted in fold(" ".join(text.split())) for text in places):
        return
    first = body[0] if body else None
    if first is not None:
        yield Hit(first.start, max(first.end, first.start), suggestion=options["suggestion"])


def _stretches(source: DocxText, test: Callable[[Segment], bool]) -> Iterator[tuple[int, int]]:
    """Merge neighbouring segments that pass `test` (whitespace between them does not break a
    stretch) and trim the stretch to its visible characters."""
    text = source.text
    current: list[int] | None = None
    for segment in source.segments:
        piece = text[segment.start:segment.end]
        if not piece.strip():
            continue
        if test(segment):
            if current is not None and not text[current[1]:segment.start].strip() and "\n\n" not in text[current[1]:segment.start]:
                current[1] = segment.end
            else:
                if current is not None:
                    yield _trim(text, *current)
                current = [segment.start, segment.end]
        elif current is not None:
            yield _trim(text, *current)
            current = None
    if current is not None:
        yield _trim(text, *current)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
