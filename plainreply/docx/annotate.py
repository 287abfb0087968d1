"""An annotated copy of a Word draft: one comment per finding, anchored on exactly the flagged
words (runs are split where a finding starts or ends inside them; their formatting is kept).
Findings outside the body or about the whole letter are anchored on the first paragraph.

The document is mapped once: every cut is made first, each run split once at all its cuts, and the
comments are then anchored on the pieces, so the cost grows with the document and the findings,
not with their product. The source file is never written."""

from __future__ import annotations

import copy
import zipfile
import zlib
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import docx
from docx.opc.exceptions import OpcError
from docx.text.run import Run
from lxml import etree

from .. import regexes
from ..engine.model import Finding
from ..errors import InputError
from ..report import Report
from .package import Package, member_reader
from .reader import DocxText, Segment, assemble, run_text
from .styles import w

AUTHOR, INITIALS = "plainreply", "PR"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# python-docx numbers each new comment by reading every existing id, so adding n comments costs
# n²; beyond a thousand, an annotated copy is no longer read either. The rest stay in the report.
MAX_COMMENTS = 1000
# What python-docx raises on a package it cannot load or save: a relationship to a missing part
# (KeyError), a part it needs given as an external link or of the wrong type (ValueError), broken
# XML, a damaged archive.
_WORD_ERRORS = (KeyError, ValueError, TypeError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError,
                UnicodeDecodeError, NotImplementedError, RuntimeError, OpcError)
_MISSING_PART = regexes.compile(r"no item named '([^']{1,200})'")


def annotate(report: Report, source: Path, target: Path) -> Path:
    if source.resolve() == Path(target).resolve():
        raise InputError(str(target), "копия не может заменить исходный файл; укажите другое имя")
    document = open_word_document(source)
    view = document_view(document, source)
    if view.text != report.text:
        raise InputError(str(source), "текст документа изменился во время проверки; проверьте снова")
    with word_errors(source):
        _ensure_comment_styles(document)
        document.comments  # a comments part that cannot be used fails here, before any run is split
    findings = sorted(report.findings, key=lambda f: (f.start, f.end))
    shown, hidden = findings[:MAX_COMMENTS], findings[MAX_COMMENTS:]
    anchors = _Anchors(view)
    spans = [anchors.span(f.start, f.end) for f in shown]
    if hidden:
        spans.append(anchors.span(0, 0))
    anchors.split()
    for finding, span in zip(shown, spans):
        document.add_comment(anchors.runs(span), text=_comment_text(finding), author=AUTHOR, initials=INITIALS)
    if hidden:
        note = (f"Замечаний всего {len(findings)}; примечаниями показаны первые {len(shown)}, "
                f"остальные {len(hidden)} — в отчете plainreply check.")
        document.add_comment(anchors.runs(spans[-1]), text=note, author=AUTHOR, initials=INITIALS)
    save_copy(document, source, Path(target))
    return Path(target)


def _comment_text(finding: Finding) -> str:
    body = finding.message
    if finding.replacement is not None:
        body += f"\nЗамена: «{finding.replacement}»"
    if finding.suggestion and finding.suggestion != finding.replacement:
        body += f"\nКак лучше: {finding.suggestion}"
    return body


@contextmanager
def word_errors(path: Path) -> Iterator[None]:
    """Turn what python-docx raises on a package it cannot handle into one line naming the file."""
    try:
        yield
    except _WORD_ERRORS as exc:
        missing = _MISSING_PART.search(str(exc)) if isinstance(exc, KeyError) else None
        if missing:
            problem = f"документ ссылается на часть {missing.group(1)}, которой нет в архиве"
        elif isinstance(exc, ValueError) and "External" in str(exc):
            problem = "часть документа (стили, примечания или настройки) подключена внешней ссылкой"
        else:
            problem = "документ поврежден или устроен не так, как его сохраняет Word"
        raise InputError(path, f"{problem}; копию записать нельзя — сохраните документ в Word заново") from None


def open_word_document(path: Path) -> docx.document.Document:
    """The draft as python-docx sees it; a package it cannot load gets one line, not a traceback."""
    with word_errors(path):
        return docx.Document(str(path))


def save_copy(document: docx.document.Document, source: Path, target: Path) -> None:
    try:
        with word_errors(source):
            document.save(str(target))
    except OSError as exc:
        raise InputError(str(target), f"не удается записать копию: {exc.strerror}") from None


def document_view(document: docx.document.Document, path: Path) -> DocxText:
    """What the reader sees in python-docx's own tree: parts python-docx holds as XML are used as
    they are (their runs are the ones to split); any other part the reader asks for is parsed, with
    the same caps, from python-docx's bytes or, for a part python-docx does not reach, from the file."""
    parts: dict[str, etree._Element] = {}
    blobs: dict[str, object] = {}
    relationships = {}
    for part in document.part.package.iter_parts():
        name = str(part.partname).lstrip("/")
        element = getattr(part, "element", None)
        if element is not None:
            parts[name] = element
        else:
            blobs[name] = part
        relationships[name] = {rid: (rel.reltype.rsplit("/", 1)[-1], rel.target_ref) for rid, rel in part.rels.items()}
    from_file = member_reader(path)

    def load(name: str) -> bytes | None:
        if name in blobs:
            return blobs[name].blob
        return from_file(name)

    package = Package(path, parts, relationships, load=load)
    try:
        # The text was read under the cap already; the copy is mapped in full.
        return assemble(package, path, max_chars=None)
    finally:
        from_file.close()


class _Anchors:
    """Where each comment starts and ends, as (run, offset in the run's text) pairs; `split` cuts
    every run once at all the offsets asked for, `runs` then gives the pieces to anchor on."""

    def __init__(self, view: DocxText):
        self.view = view
        self.body = [s for s in view.segments if s.story == "body" and s.run is not None]
        self.starts = [s.start for s in self.body]
        self.cuts: dict[etree._Element, set[int]] = {}
        self.pieces: dict[etree._Element, tuple[list[int], list[etree._Element]]] = {}
        self.first_paragraph_end: Segment | None = None

    def span(self, start: int, end: int) -> tuple[etree._Element, int, etree._Element, int]:
        """The first run and the offset where the comment starts in it, the last run and the offset
        of the last character it covers."""
        if not self.body:
            raise InputError(str(self.view.path), "в документе нет текста, к которому можно привязать примечание")
        inside = self._inside(start, end)
        if inside is None or end <= start or self.view.text.find("\n\n", start, end) >= 0:
            # About the whole letter (no survey link, readability): on the first paragraph.
            first, last = self.body[0], self._last_of_first_paragraph()
            return first.run, first.run_offset, last.run, last.run_offset + (last.end - last.start) - 1
        first, last = inside
        begin = first.run_offset + (max(start, first.start) - first.start)
        stop = last.run_offset + (min(end, last.end) - last.start)
        self.cuts.setdefault(first.run, set()).add(begin)
        self.cuts.setdefault(last.run, set()).add(stop)
        return first.run, begin, last.run, stop - 1

    def _inside(self, start: int, end: int) -> tuple[Segment, Segment] | None:
        """The first and last body segments that overlap [start, end), if any."""
        lo = max(bisect_right(self.starts, start) - 1, 0)
        if self.body[lo].end <= start:
            lo += 1
        hi = bisect_left(self.starts, end) - 1
        if lo >= len(self.body) or hi < lo:
            return None
        return self.body[lo], self.body[hi]

    def _last_of_first_paragraph(self) -> Segment:
        if self.first_paragraph_end is None:
            k = 0
            while k + 1 < len(self.body) and self.body[k + 1].paragraph == self.body[0].paragraph:
                k += 1
            self.first_paragraph_end = self.body[k]
        return self.first_paragraph_end

    def split(self) -> None:
        for run, offsets in self.cuts.items():
            self.pieces[run] = split_run_at(run, sorted(offsets))

    def runs(self, span: tuple[etree._Element, int, etree._Element, int]) -> list[Run]:
        first_run, begin, last_run, final = span
        first, last = self._piece(first_run, begin), self._piece(last_run, final)
        return [Run(first, _paragraph_of(first)), Run(last, _paragraph_of(last))]

    def _piece(self, run: etree._Element, offset: int) -> etree._Element:
        if run not in self.pieces:
            return run
        cuts, pieces = self.pieces[run]
        return pieces[bisect_right(cuts, offset)]


def split_run_at(run: etree._Element, offsets: list[int]) -> tuple[list[int], list[etree._Element]]:
    """Split a run at each of the sorted `offsets` of its text, at once: each piece is built from
    its own slice, so a long run cut in many places is not copied once per cut. Returns the offsets
    where the pieces after the first start, and the pieces; the first piece is `run` itself."""
    children = list(run)
    texts = [run_text(child) for child in children]
    length = sum(len(text) for text in texts)
    cuts = [at for at in dict.fromkeys(offsets) if 0 < at < length]
    if not cuts:
        return [], [run]
    layout = _RunLayout(children, texts)
    pieces = [run]
    for a, b in zip(cuts, [*cuts[1:], length]):
        piece = layout.piece(run, a, b)
        pieces[-1].addnext(piece)
        pieces.append(piece)
    _cut(run, 0, cuts[0])
    return cuts, pieces


class _RunLayout:
    """Where each text child of a run starts, so that a piece copies only the children it needs:
    the text children that overlap it, and every other child (formatting, marks) as a whole."""

    def __init__(self, children: list[etree._Element], texts: list[str]):
        self.children = children
        self.texts = texts
        self.others = [k for k, text in enumerate(texts) if not text]
        self.with_text = [k for k, text in enumerate(texts) if text]
        self.starts: list[int] = []
        position = 0
        for k in self.with_text:
            self.starts.append(position)
            position += len(texts[k])

    def piece(self, run: etree._Element, start: int, end: int) -> etree._Element:
        """A copy of `run` holding characters [start, end) of its text."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = bisect_left(self.starts, end)
        starts = {self.with_text[i]: self.starts[i] for i in range(first, last)}
        chosen = sorted([*self.others, *starts])  # document order, as in the run
        piece = run.makeelement(run.tag, run.attrib)  # python-docx's w:r: never set its .text, that rewrites the run
        for k in chosen:
            child = self.children[k]
            if k not in starts:
                piece.append(copy.deepcopy(child))
                continue
            text = self.texts[k]
            a, b = max(start - starts[k], 0), min(end - starts[k], len(text))
            if b <= 0 or a >= len(text):
                continue
            if child.tag == w("t"):
                t = piece.makeelement(child.tag, child.attrib)
                t.text = text[a:b]
                t.set(XML_SPACE, "preserve")
                piece.append(t)
            else:
                piece.append(copy.deepcopy(child))
        return piece


def split_run(run: etree._Element, at: int, keep: str) -> etree._Element:
    """Split a run at character `at` of its text; return the left or the right part."""
    length = sum(len(run_text(child)) for child in run)
    if at <= 0:
        return run
    if at >= length:
        return run
    right = copy.deepcopy(run)
    run.addnext(right)
    _cut(run, 0, at)
    _cut(right, at, length)
    return run if keep == "left" else right


def _cut(run: etree._Element, start: int, end: int) -> None:
    """Keep only characters [start, end) of the run's text children."""
    pos = 0
    for child in list(run):
        piece = run_text(child)
        if not piece:
            continue
        a, b = max(start - pos, 0), min(end - pos, len(piece))
        if b <= 0 or a >= len(piece):
            run.remove(child)
        elif child.tag == w("t"):
            child.text = piece[a:b]
            child.set(XML_SPACE, "preserve")
        pos += len(piece)


def _paragraph_of(run: etree._Element):
    from docx.text.paragraph import Paragraph

    parent = run.getparent()
    while parent is not None and parent.tag != w("p"):
        parent = parent.getparent()
    return Paragraph(parent, None)


def _ensure_comment_styles(document: docx.document.Document) -> None:
    """python-docx's comments refer to CommentText and CommentReference, which its template lacks."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    names = {s.style_id for s in styles}
    if "CommentText" not in names:
        style = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(w("styleId"), "CommentText")
    if "CommentReference" not in names:
        style = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
        style.element.set(w("styleId"), "CommentReference")
