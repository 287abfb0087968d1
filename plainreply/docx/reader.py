"""What the reader of a .docx sees, as one text with a map back to the XML.

Stories in reading order: headers, body, footers, footnotes, endnotes. Paragraphs are separated
by a blank line, so sentences never run across paragraphs. Tables are read row by row, a merged
cell once; content controls are read through; tracked changes are resolved as if accepted —
insertions kept, deletions and moved-away text dropped; hidden text and field instructions are
skipped, field results kept.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import regexes
from ..errors import InputError
from .package import MAX_ATTRIBUTE_CHARS, Package, open_package
from .styles import RunFormat, Styles, w

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The whole text read from a document, as the linter's own default cap: about 270,000 words, where a
# letter has a few thousand. Reading stops as soon as it is passed, so a document of hundreds of
# stuffed parts never reaches the checks (or memory) in full.
MAX_TEXT_CHARS = 2_000_000
# One run. Word starts a new run at every change of formatting and every editing session; 500,000
# characters (about 150 pages) without one is generated filler, not a letter, and its single
# "paragraph" would only feed the slowest checks.
MAX_RUN_CHARS = 500_000
_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), w("rPr"), w("pPr")}
# Tags compared for every run child: built once, not per comparison.
_RUN, _RPR, _TEXT, _TAB, _FLD_CHAR, _INSTR_TEXT = w("r"), w("rPr"), w("t"), w("tab"), w("fldChar"), w("instrText")
_BREAKS = {w("br"), w("cr")}
_NO_BREAK_HYPHEN = w("noBreakHyphen")
_FLD_CHAR_TYPE = w("fldCharType")
_HYPERLINK_FIELD = regexes.compile(r'HYPERLINK\s+"([^"]+)"')


@dataclass(slots=True)
class Segment:
    """A stretch of the checked text that comes from one run."""

    start: int
    end: int
    story: str
    paragraph: int  # index within the story
    run: etree._Element | None
    run_offset: int  # where this segment starts inside the run's text
    format: RunFormat
    font: str | None
    link: str | None = None


@dataclass(slots=True)
class ParagraphInfo:
    start: int
    end: int
    story: str
    index: int
    element: etree._Element
    shaded: bool = False


@dataclass
class DocxText:
    path: Path
    text: str
    segments: list[Segment]
    paragraphs: list[ParagraphInfo]
    links: list[tuple[int, int, str]] = field(default_factory=list)
    page_background: bool = False
    header_text: str = ""
    package: Package | None = None
    styles: Styles | None = None
    fonts: dict[str, etree._Element] = field(default_factory=dict)
    # Built on the first `location` call: one is asked per finding, so each must cost O(log n).
    _starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _run_indexes: dict[etree._Element, dict[etree._Element, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def location(self, start: int) -> dict[str, object] | None:
        """Story, paragraph and run of a character offset, for JSON output."""
        segment = self.segment_at(start)
        if segment is None:
            return None
        return {"story": segment.story, "paragraph": segment.paragraph, "run": self._run_index(segment.run),
                "offset_in_run": segment.run_offset + (start - segment.start)}

    def segment_at(self, offset: int) -> Segment | None:
        """The segment that holds `offset` (the last one for the very end of the text)."""
        if self._starts is None:
            self._starts = [s.start for s in self.segments]
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        segment = self.segments[i]
        if offset < segment.end or offset == segment.end == len(self.text):
            return segment
        return None

    def _run_index(self, run: etree._Element | None) -> int | None:
        """Which run of its paragraph `run` is, counting every w:r inside it."""
        if run is None:
            return None
        paragraph = run.getparent()
        while paragraph is not None and paragraph.tag != w("p"):
            paragraph = paragraph.getparent()
        if paragraph is None:
            return None
        if paragraph not in self._run_indexes:
            self._run_indexes[paragraph] = {r: k for k, r in enumerate(paragraph.iter(w("r")))}
        return self._run_indexes[paragraph].get(run)


class _Builder:
    def __init__(self, styles: Styles, rels: dict[str, tuple[str, str]], path: Path, max_chars: int | None):
        self.styles = styles
        self.rels = rels
        self.path = path
        self.max_chars = max_chars
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[Segment] = []
        self.paragraphs: list[ParagraphInfo] = []
        self.links: list[tuple[int, int, str]] = []

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if self.max_chars is not None and self.length > self.max_chars:
            raise InputError(self.path, f"текст документа длиннее {self.max_chars:,} знаков; разделите письмо на "
                             "части".replace(",", " "))
        return start

    def story(self, root: etree._Element, name: str) -> None:
        counter = [0]
        for block in root:
            self.block(block, name, counter)

    def block(self, element: etree._Element, story: str, counter: list[int]) -> None:
        tag = element.tag
        if tag == w("p"):
            self.paragraph(element, story, counter[0])
            counter[0] += 1
        elif tag == w("tbl"):
            for row in element.iterchildren(w("tr")):
                for cell in row.findall(w("tc")):
                    merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
                    if merge is not None and merge.get(w("val"), "continue") != "restart":
                        continue  # the rest of a vertically merged cell: read once
                    shaded = _shaded(cell.find(f"{w('tcPr')}/{w('shd')}"))
                    for child in cell:
                        before = len(self.paragraphs)
                        self.block(child, story, counter)
                        if shaded:
                            for info in self.paragraphs[before:]:
                                info.shaded = True
        elif tag == w("sdt"):
            content = element.find(w("sdtContent"))
            if content is not None:
                for child in content:
                    self.block(child, story, counter)
        elif tag in (w("customXml"), w("ins"), w("moveTo")):
            for child in element:
                self.block(child, story, counter)

    def paragraph(self, element: etree._Element, story: str, index: int) -> None:
        if self.length:
            self.add("\n\n")
        start = self.length
        props = element.find(w("pPr"))
        style = None
        if props is not None and props.find(w("pStyle")) is not None:
            style = props.find(w("pStyle")).get(w("val"))
        shaded = props is not None and _shaded(props.find(w("shd")))
        self.inline(element, story, index, style, link=None, field=_FieldState())
        self.paragraphs.append(ParagraphInfo(start, self.length, story, index, element, shaded))

    def inline(self, element: etree._Element, story: str, index: int, style: str | None,
               link: str | None, field: "_FieldState") -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == _RUN:
                self.run(child, story, index, style, link, field)
            elif tag == w("hyperlink"):
                target = self.rels.get(child.get(f"{{{R}}}id", ""), ("", ""))[1] or child.get(w("anchor"))
                start = self.length
                self.inline(child, story, index, style, target, field)
                if target:
                    self.links.append((start, self.length, target))
            elif tag == w("fldSimple"):
                m = _HYPERLINK_FIELD.search(child.get(w("instr"), ""))
                start = self.length
                self.inline(child, story, index, style, m.group(1) if m else link, field)
                if m:
                    self.links.append((start, self.length, m.group(1)))
            elif tag in (w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("bdo"), w("dir")):
                self.inline(child, story, index, style, link, field)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inline(content, story, index, style, link, field)

    def run(self, run: etree._Element, story: str, index: int, style: str | None, link: str | None,
            field: "_FieldState") -> None:
        props = run.find(_RPR)
        fmt = self.styles.resolve(style, props)
        hidden = fmt.has("vanish")
        font = self.styles.font_name(fmt)
        offset = 0
        for child in run:
            tag = child.tag
            if tag == _FLD_CHAR:
                field.change(child.get(_FLD_CHAR_TYPE), self)
                continue
            if tag == _INSTR_TEXT:
                if len(field.instruction) < MAX_ATTRIBUTE_CHARS:  # enough for any real HYPERLINK "…"
                    field.instruction += (child.text or "")[:MAX_ATTRIBUTE_CHARS]
                continue
            text = run_text(child)
            if not text:
                continue
            if offset + len(text) > MAX_RUN_CHARS:
                raise InputError(self.path, f"в документе есть фрагмент текста длиннее {MAX_RUN_CHARS:,} знаков "
                                 "без смены оформления; такого в письме не бывает — разбейте его на абзацы "
                                 "или сохраните документ в Word заново".replace(",", " "))
            if field.in_instruction or hidden:
                offset += len(text)
                continue
            start = self.add(text)
            self.segments.append(Segment(start, self.length, story, index, run, offset, fmt, font,
                                         link or field.link))
            offset += len(text)


class _FieldState:
    """Complex fields: instructions between «begin» and «separate» are hidden, the result shows."""

    def __init__(self) -> None:
        self.in_instruction = False
        self.instruction = ""
        self.link: str | None = None
        self.result_start = 0

    def change(self, kind: str | None, builder: _Builder) -> None:
        if kind == "begin":
            self.in_instruction, self.instruction = True, ""
        elif kind == "separate":
            self.in_instruction = False
            m = _HYPERLINK_FIELD.search(self.instruction)
            self.link = m.group(1) if m else None
            self.result_start = builder.length
        elif kind == "end":
            if self.link:
                builder.links.append((self.result_start, builder.length, self.link))
            self.in_instruction, self.link = False, None


def run_text(child: etree._Element) -> str:
    """The text a run child shows: w:t, a tab, a line break, a non-breaking hyphen."""
    tag = child.tag
    if tag == _TEXT:
        return child.text or ""
    if tag == _TAB:
        return "\t"
    if tag in _BREAKS:
        return "\n"
    if tag == _NO_BREAK_HYPHEN:
        return "-"
    return ""


def _shaded(shd: etree._Element | None) -> bool:
    if shd is None:
        return False
    return shd.get(w("fill"), "auto").lower() not in ("auto", "ffffff")


def read_docx(path: Path, *, max_chars: int | None = MAX_TEXT_CHARS) -> DocxText:
    """The text of a Word draft with its map back to the XML; refused with one line past `max_chars`
    characters (None: no cap) or past the caps of the package."""
    package = open_package(path)
    try:
        return assemble(package, path, max_chars=max_chars)
    finally:
        package.close()


def assemble(package: Package, path: Path, *, max_chars: int | None = MAX_TEXT_CHARS) -> DocxText:
    """Build the checked text from a package; `annotate` calls it on python-docx's own XML tree,
    so that offsets and runs agree exactly."""
    document = package.part("word/document.xml")
    body = document.find(w("body")) if document is not None else None
    if body is None:
        raise InputError(str(path), "в документе нет основного текста (w:body)")
    styles = Styles.from_parts(package.part("word/styles.xml"), package.part("word/theme/theme1.xml"))
    doc_rels = package.rels("word/document.xml")
    builder = _Builder(styles, doc_rels, path, max_chars)
    headers, footers = _header_footer_parts(body, doc_rels, document)
    header_start = builder.length
    for part in headers:
        root = package.part(part)
        if root is not None:
            builder.rels = package.rels(part)
            builder.story(root, "header")
    header_text = "".join(builder.parts)[header_start:]
    builder.rels = doc_rels
    builder.story(body, "body")
    for part in footers:
        root = package.part(part)
        if root is not None:
            builder.rels = package.rels(part)
            builder.story(root, "footer")
    for kind in ("footnote", "endnote"):
        root = package.part(f"word/{kind}s.xml")
        if root is None:
            continue
        builder.rels = package.rels(f"word/{kind}s.xml")
        for note in root.findall(w(kind)):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            builder.story(note, kind)
    fonts = {}
    font_table = package.part("word/fontTable.xml")
    if font_table is not None:
        fonts = {f.get(w("name")): f for f in font_table.findall(w("font"))}
    return DocxText(
        path=path, text="".join(builder.parts), segments=builder.segments, paragraphs=builder.paragraphs,
        links=builder.links, page_background=document.find(w("background")) is not None,
        header_text=header_text, package=package, styles=styles, fonts=fonts,
    )


def _header_footer_parts(body: etree._Element, rels: dict[str, tuple[str, str]],
                         document: etree._Element) -> tuple[list[str], list[str]]:
    """Header and footer parts the sections use: the default ones, first-page ones only with
    titlePg. Each part once, in order."""
    headers: dict[str, None] = {}  # ordered sets: a document may have thousands of sections
    footers: dict[str, None] = {}
    for sect in body.iter(w("sectPr")):
        title_page = sect.find(w("titlePg")) is not None and sect.find(w("titlePg")).get(w("val"), "1") not in ("0", "false")
        for ref_tag, target in ((w("headerReference"), headers), (w("footerReference"), footers)):
            for ref in sect.findall(ref_tag):
                kind = ref.get(w("type"), "default")
                if kind == "even" or (kind == "first" and not title_page):
                    continue
                part = rels.get(ref.get(f"{{{R}}}id", ""), ("", ""))[1]
                name = "word/" + part.lstrip("/").removeprefix("word/")
                if part:
                    target.setdefault(name)
    return list(headers), list(footers)
