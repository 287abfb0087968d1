"""An annotated copy of a Word draft: one comment per finding, anchored on exactly the flagged
words (runs are split where a finding starts or ends inside them; their formatting is kept).
Findings outside the body or about the whole letter are anchored on the first paragraph."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.text.run import Run
from lxml import etree

from ..errors import InputError
from ..report import Report
from .package import Package
from .reader import DocxText, assemble, run_text
from .styles import w

AUTHOR, INITIALS = "plainreply", "PR"


def annotate(report: Report, source: Path, target: Path) -> Path:
    if source.resolve() == Path(target).resolve():
        raise InputError(str(target), "копия не может заменить исходный файл; укажите другое имя")
    document = docx.Document(str(source))
    text = document_view(document, source)
    if text.text != report.text:
        raise InputError(str(source), "текст документа изменился во время проверки; проверьте снова")
    _ensure_comment_styles(document)
    for finding in sorted(report.findings, key=lambda f: (f.start, f.end)):
        runs = _anchor_runs(document, text, finding.start, finding.end)
        body = finding.message
        if finding.replacement is not None:
            body += f"\nЗамена: «{finding.replacement}»"
        if finding.suggestion and finding.suggestion != finding.replacement:
            body += f"\nКак лучше: {finding.suggestion}"
        document.add_comment(runs, text=body, author=AUTHOR, initials=INITIALS)
        text = document_view(document, source)  # splitting runs changed the tree: map it again
    try:
        document.save(str(target))
    except OSError as exc:
        raise InputError(str(target), f"не удается записать копию: {exc.strerror}") from None
    return Path(target)


def document_view(document: docx.document.Document, path: Path) -> DocxText:
    parts = {}
    relationships = {}
    for part in document.part.package.iter_parts():
        name = str(part.partname).lstrip("/")
        element = getattr(part, "element", None)
        if element is None and name.endswith(".xml"):
            try:
                element = etree.fromstring(part.blob)
            except etree.XMLSyntaxError:
                element = None
        if element is not None:
            parts[name] = element
        relationships[name] = {rid: (rel.reltype.rsplit("/", 1)[-1], rel.target_ref) for rid, rel in part.rels.items()}
    return assemble(Package(path, parts, relationships), path)


def _anchor_runs(document: docx.document.Document, text: DocxText, start: int, end: int) -> list[Run]:
    body = [s for s in text.segments if s.story == "body" and s.run is not None]
    if not body:
        raise InputError(str(text.path), "в документе нет текста, к которому можно привязать примечание")
    inside = [s for s in body if s.start < end and start < s.end]
    if not inside or end <= start or "\n\n" in text.text[start:end]:
        # About the whole letter (no survey link, readability): on the first paragraph.
        first_paragraph = [s for s in body if s.paragraph == body[0].paragraph]
        return [Run(first_paragraph[0].run, _paragraph_of(first_paragraph[0].run)),
                Run(first_paragraph[-1].run, _paragraph_of(first_paragraph[-1].run))]
    first, last = inside[0], inside[-1]
    # Split the last run first so the first segment's offsets stay valid.
    last_run = split_run(last.run, last.run_offset + (min(end, last.end) - last.start), keep="left")
    first_run = first.run if first is not last else last_run
    first_run = split_run(first_run, first.run_offset + (max(start, first.start) - first.start), keep="right")
    if first is last:
        last_run = first_run
    return [Run(first_run, _paragraph_of(first_run)), Run(last_run, _paragraph_of(last_run))]


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
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
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


