"""A fixed copy of a Word draft: each replacement goes into the run where its span starts, so the
new words keep that run's formatting; the other runs of the span lose the replaced characters;
runs outside every span are not touched. The source file is never written.

A replacement is made only where it is safe: the span lies in one paragraph of the body, a header
or a footer, is read from ordinary text runs with nothing hidden between them, and the new text
has no line break or tab. Other replacements are left out and counted."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..engine.model import Finding
from ..errors import InputError
from ..fix import apply_fixes, checked_text, choose_fixes
from ..report import Report
from .annotate import document_view, open_word_document, save_copy, split_run
from .reader import DocxText, Segment
from .styles import w

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXT_CHILDREN = {w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen"), w("softHyphen")}
_RUN = w("r")
# What a run may hold for us to rewrite it; a drawing, a field mark or a note reference may not move.
_PLAIN_RUN_CHILDREN = _TEXT_CHILDREN | {w("rPr"), w("lastRenderedPageBreak")}


@dataclass
class DocxFixes:
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)


def fix_docx(report: Report, source: Path, target: Path | None) -> DocxFixes:
    """Make the report's replacements in a copy of `source`; write it to `target` (None: only find
    out which replacements can be made, for `--diff`)."""
    if target is not None and source.resolve() == Path(target).resolve():
        raise InputError(str(target), "копия не может заменить исходный файл; укажите другое имя")
    document = open_word_document(source)
    view = document_view(document, source)
    if view.text != report.text:
        raise InputError(str(source), "текст документа изменился во время проверки; проверьте снова")
    live = {id(part.element) for part in document.part.package.iter_parts() if getattr(part, "element", None) is not None}
    result = DocxFixes()
    starts = [s.start for s in view.segments]
    for finding in reversed(choose_fixes(report.text, report.findings, checked_text(report.text))):
        segments = _segments_of(view, starts, finding)
        if segments and _safe(segments, finding, live):
            _replace(segments, finding)
            result.applied.append(finding)
        else:
            result.skipped.append(finding)
    result.applied.reverse()
    result.skipped.reverse()
    expected, _ = apply_fixes(report.text, result.applied)
    if document_view(document, source).text != expected:
        raise InputError(str(source), "не удалось безопасно исправить документ; копия не записана")
    if target is not None:
        save_copy(document, source, Path(target))
    return result


def _segments_of(view: DocxText, starts: list[int], finding: Finding) -> list[Segment]:
    """The segments that cover the span end to end, or [] if some character of it has none."""
    i = max(bisect_right(starts, finding.start) - 1, 0)
    covered: list[Segment] = []
    position = finding.start
    for segment in view.segments[i:]:
        if segment.start >= finding.end:
            break
        if segment.end <= position:
            continue
        if segment.start > position:
            return []  # a gap: a paragraph break or text the reader does not show
        covered.append(segment)
        position = segment.end
    return covered if covered and position >= finding.end else []


def _safe(segments: list[Segment], finding: Finding, live: set[int]) -> bool:
    replacement = finding.replacement or ""
    if "\n" in replacement or "\t" in replacement:
        return False
    first = segments[0]
    if first.story not in ("body", "header", "footer"):
        return False
    if any(s.run is None or (s.story, s.paragraph) != (first.story, first.paragraph) for s in segments):
        return False
    runs = _unique(s.run for s in segments)
    if any(id(run.getroottree().getroot()) not in live for run in runs):
        return False  # a part python-docx does not save back
    if any(child.tag not in _PLAIN_RUN_CHILDREN for run in runs for child in run):
        return False
    paragraph = _paragraph(first.run)
    # Nothing hidden or foreign between them: each run is the next w:r of the paragraph after the last.
    return all(_next_run(a, paragraph) is b for a, b in zip(runs, runs[1:]))


def _replace(segments: list[Segment], finding: Finding) -> None:
    first, last = segments[0], segments[-1]
    paragraph = _paragraph(first.run)
    # Split the last run first: its left part stays the same element, so `first.run` stays valid.
    last_piece = split_run(last.run, last.run_offset + (finding.end - last.start), keep="left")
    first_piece = split_run(first.run, first.run_offset + (finding.start - first.start), keep="right")
    inside = [first_piece]  # one run: its left part `last_piece` now lies before the replaced piece
    while first.run is not last.run and inside[-1] is not last_piece:
        following = _next_run(inside[-1], paragraph)
        if following is None:
            break  # cannot happen for runs `_safe` let through; the check of the result would say so
        inside.append(following)
    for child in [c for c in first_piece if c.tag in _TEXT_CHILDREN]:
        first_piece.remove(child)
    text = etree.SubElement(first_piece, w("t"))
    text.text = finding.replacement
    text.set(XML_SPACE, "preserve")
    for run in inside[1:]:
        run.getparent().remove(run)


def _next_run(run: etree._Element, paragraph: etree._Element) -> etree._Element | None:
    """The w:r that follows `run` in document order inside `paragraph` (runs nested in `run` aside:
    a plain run has none). Walking from the run costs the distance, not the paragraph's length."""
    node = run
    while node is not paragraph:
        sibling = node.getnext()
        while sibling is not None:
            found = next(sibling.iter(_RUN), None)
            if found is not None:
                return found
            sibling = sibling.getnext()
        node = node.getparent()
    return None


def _paragraph(run: etree._Element) -> etree._Element:
    parent = run.getparent()
    while parent.tag != w("p"):
        parent = parent.getparent()
    return parent


def _unique(runs) -> list[etree._Element]:
    seen: list[etree._Element] = []
    for run in runs:
        if not seen or seen[-1] is not run:
            seen.append(run)
    return seen
