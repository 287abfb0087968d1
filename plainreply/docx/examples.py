"""Word drafts built from a small markup, so formatting rules can keep their examples as text.

    [header]Министерство имущественных отношений[/header]   the page header
    [background]                                          a page background
    [shade]…[/shade]                                      a shaded paragraph
    [i]…[/i] [u]…[/u] [caps]…[/caps] [strike]…[/strike]   run formatting
    [color=C00000]…[/color] [highlight]…[/highlight]
    [font=Times New Roman]…[/font] [size=10]…[/size]
    [link=https://…]…[/link]                              a hyperlink

Paragraphs are separated by a blank line. Text outside tags is Arial, 12 pt, black.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .. import regexes
from .build import add_hyperlink, set_body_font

_TAG = regexes.compile(r"\[(/?)(i|u|caps|strike|color|highlight|font|size|link|shade)(?:=([^\]]+))?\]")


def build_docx(markup: str, path: Path) -> Path:
    document = docx.Document()
    set_body_font(document, "Arial", 12)
    if markup.startswith("[header]"):
        header, _, markup = markup[len("[header]"):].partition("[/header]")
        document.sections[0].header.paragraphs[0].text = header
        markup = markup.lstrip("\n")
    if markup.startswith("[background]"):
        background = OxmlElement("w:background")
        background.set(qn("w:color"), "FFF2CC")
        document.element.insert(0, background)
        markup = markup[len("[background]"):].lstrip("\n")
    for block in markup.split("\n\n"):
        paragraph = document.add_paragraph()
        if block.startswith("[shade]") and block.endswith("[/shade]"):
            block = block[len("[shade]"):-len("[/shade]")]
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:fill"), "DDEBF7")
            paragraph._p.get_or_add_pPr().append(shd)
        _add_runs(document, paragraph, block)
    document.save(path)
    return path


def _add_runs(document: docx.Document, paragraph, block: str) -> None:
    state: dict[str, str] = {}
    pos = 0
    for m in _TAG.finditer(block):
        _run(document, paragraph, block[pos:m.start()], state)
        closing, name, value = m.group(1), m.group(2), m.group(3)
        if closing:
            state.pop(name, None)
        else:
            state[name] = value or ""
        pos = m.end()
    _run(document, paragraph, block[pos:], state)


def _run(document: docx.Document, paragraph, text: str, state: dict[str, str]) -> None:
    if not text:
        return
    if "link" in state:
        add_hyperlink(document, paragraph, state["link"], text)
        return
    run = paragraph.add_run(text)
    font = run.font
    font.italic = True if "i" in state else None
    font.underline = True if "u" in state else None
    font.all_caps = True if "caps" in state else None
    font.strike = True if "strike" in state else None
    if "color" in state:
        font.color.rgb = RGBColor.from_string(state["color"])
    if "highlight" in state:
        font.highlight_color = WD_COLOR_INDEX.YELLOW
    if "font" in state:
        fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:ascii"), state["font"])
        fonts.set(qn("w:hAnsi"), state["font"])
    if "size" in state:
        font.size = Pt(float(state["size"]))
