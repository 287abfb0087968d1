"""Small building blocks for writing Word documents with python-docx: the body font, hyperlinks,
and real Word endnotes (python-docx has no API for them; see shared DOCX-NOTES.md)."""

from __future__ import annotations

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def set_body_font(document: docx.Document, family: str, size: float) -> None:
    """One sans font everywhere: Normal style and document defaults, every slot, no theme fonts."""
    style = document.styles["Normal"]
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), family)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for theme_fonts in defaults.iter(qn("w:rFonts")):
            for attr in list(theme_fonts.attrib):
                theme_fonts.attrib.pop(attr)
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                theme_fonts.set(qn(attr), family)


def add_hyperlink(document: docx.Document, paragraph, url: str, text: str) -> None:
    rel = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    _ensure_character_style(document, "Hyperlink", "Hyperlink", '<w:color w:val="0563C1"/><w:u w:val="single"/>')


class Endnotes:
    """Real Word endnotes. Call `reference(paragraph, text)` in reading order; `save()` adds the
    endnotes part, its relationship, numbering settings and styles. Ids run 1..n in order of
    appearance, so Word and LibreOffice number them alike; adjacent marks are kept apart."""

    def __init__(self, document: docx.Document):
        self.document = document
        self.notes: list[str] = []

    def reference(self, paragraph, text: str) -> int:
        self.notes.append(text)
        number = len(self.notes)
        last = paragraph._p[-1] if len(paragraph._p) else None
        if last is not None and last.find(qn("w:endnoteReference")) is not None:
            paragraph.add_run(",")  # «¹²» would read as twelve
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr>'
            f'<w:endnoteReference w:id="{number}"/></w:r>'))
        return number

    def save(self) -> None:
        if not self.notes:
            return
        _ensure_character_style(self.document, "EndnoteReference", "endnote reference", '<w:vertAlign w:val="superscript"/>')
        _ensure_paragraph_style(self.document, "EndnoteText", "endnote text", '<w:sz w:val="20"/>')
        body = "".join(
            f'<w:endnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="EndnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r></w:p></w:endnote>'
            for i, text in enumerate(self.notes, 1)
        )
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:endnotes {W_NS}>'
               '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
               '<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               f'</w:p></w:endnote>{body}</w:endnotes>')
        part = Part(PackURI("/word/endnotes.xml"), CONTENT_TYPE.WML_ENDNOTES, xml.encode("utf-8"),
                    self.document.part.package)
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.ENDNOTES)
        self._settings()
        for section in self.document.sections:
            sect = section._sectPr
            existing = sect.find(qn("w:endnotePr"))
            if existing is None:
                pr = parse_xml(f'<w:endnotePr {nsdecls("w")}><w:numFmt w:val="decimal"/></w:endnotePr>')
                anchor = sect.find(qn("w:pgSz"))
                if anchor is not None:
                    anchor.addprevious(pr)
                else:
                    sect.append(pr)

    def _settings(self) -> None:
        settings = self.document.settings.element
        if settings.find(qn("w:endnotePr")) is not None:
            return
        pr = parse_xml(f'<w:endnotePr {nsdecls("w")}><w:numFmt w:val="decimal"/>'
                       '<w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>')
        # Schema order: after w:footnotePr, before w:compat.
        anchor = settings.find(qn("w:compat"))
        if anchor is not None:
            anchor.addprevious(pr)
        else:
            settings.append(pr)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _ensure_character_style(document: docx.Document, style_id: str, name: str, rpr: str) -> None:
    _ensure_style(document, "character", style_id, name, f"<w:rPr>{rpr}</w:rPr>")


def _ensure_paragraph_style(document: docx.Document, style_id: str, name: str, rpr: str) -> None:
    _ensure_style(document, "paragraph", style_id, name, f'<w:basedOn w:val="Normal"/><w:rPr>{rpr}</w:rPr>')


def _ensure_style(document: docx.Document, kind: str, style_id: str, name: str, inner: str) -> None:
    styles = document.styles.element
    if any(s.get(qn("w:styleId")) == style_id for s in styles.findall(qn("w:style"))):
        return
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id}">'
                            f'<w:name w:val="{name}"/>{inner}</w:style>'))
