"""Effective run formatting: docDefaults → paragraph style → character style → direct formatting.

Toggle properties (b, i, caps, smallCaps, strike, dstrike, vanish) combine by XOR across style
levels (ECMA-376 17.7.3); direct formatting is absolute. Fonts resolve per slot; Cyrillic text
uses the hAnsi slot, and a theme reference (minorHAnsi) resolves through theme1.xml.
"""

from __future__ import annotations

from .. import regexes
from dataclasses import dataclass, field, replace

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TOGGLES = ("b", "i", "caps", "smallCaps", "strike", "dstrike", "vanish")
EFFECTS = ("outline", "shadow", "emboss", "imprint", "effect")
_HALF_POINTS = regexes.compile(r"[0-9]{1,5}")  # ASCII digits only: int() of "²" or of 5,000 digits raises


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class RunFormat:
    toggles: frozenset[str] = frozenset()
    underline: bool = False
    color: str | None = None
    highlight: bool = False
    shading: bool = False
    effect: bool = False
    size: float | None = None  # points
    font: str | None = None  # the font of the hAnsi slot (Cyrillic)
    font_theme: str | None = None
    style: str | None = None

    def has(self, toggle: str) -> bool:
        return toggle in self.toggles


@dataclass
class Styles:
    defaults: etree._Element | None
    styles: dict[str, etree._Element]
    theme_fonts: dict[str, str] = field(default_factory=dict)
    default_paragraph: str | None = None
    # (paragraph style, direct rPr as XML) -> format. Runs repeat a handful of formats; sharing one
    # RunFormat also shares its strings, where resolving anew copied every inherited value per run.
    _formats: dict[tuple[str | None, bytes | None], RunFormat] = field(
        default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_parts(cls, styles_xml: etree._Element | None, theme_xml: etree._Element | None) -> Styles:
        styles: dict[str, etree._Element] = {}
        defaults = None
        default_paragraph = None
        if styles_xml is not None:
            defaults = styles_xml.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
            for style in styles_xml.findall(w("style")):
                sid = style.get(w("styleId"))
                if sid:
                    styles[sid] = style
                    if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                        default_paragraph = sid
        theme_fonts = {}
        if theme_xml is not None:
            for kind in ("minor", "major"):
                latin = theme_xml.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
                if latin is not None:
                    theme_fonts[kind] = latin.get("typeface", "")
        return cls(defaults, styles, theme_fonts, default_paragraph)

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return list(reversed(chain))

    def resolve(self, paragraph_style: str | None, run_props: etree._Element | None) -> RunFormat:
        key = (paragraph_style, etree.tostring(run_props, with_tail=False) if run_props is not None else None)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._resolve(paragraph_style, run_props)
        return fmt

    def _resolve(self, paragraph_style: str | None, run_props: etree._Element | None) -> RunFormat:
        fmt = _apply(RunFormat(), self.defaults, toggle=False)
        for style in self._chain(paragraph_style or self.default_paragraph):
            fmt = _apply(fmt, style.find(w("rPr")), toggle=True)
        char_style = None
        if run_props is not None:
            rstyle = run_props.find(w("rStyle"))
            char_style = rstyle.get(w("val")) if rstyle is not None else None
        for style in self._chain(char_style):
            fmt = _apply(fmt, style.find(w("rPr")), toggle=True)
        fmt = _apply(fmt, run_props, toggle=False)
        if char_style:
            fmt = replace(fmt, style=char_style)
        return fmt

    def font_name(self, fmt: RunFormat) -> str | None:
        if fmt.font_theme:
            kind = "major" if fmt.font_theme.startswith("major") else "minor"
            return self.theme_fonts.get(kind) or fmt.font
        return fmt.font


def _apply(fmt: RunFormat, props: etree._Element | None, toggle: bool) -> RunFormat:
    """Layer one rPr over `fmt`. Style levels flip toggles; direct formatting sets them."""
    if props is None:
        return fmt
    toggles = set(fmt.toggles)
    for name in TOGGLES:
        value = _on(props.find(w(name)))
        if value is None:
            continue
        if toggle:
            if value:
                toggles ^= {name}
        elif value:
            toggles.add(name)
        else:
            toggles.discard(name)
    changes: dict[str, object] = {"toggles": frozenset(toggles)}
    u = props.find(w("u"))
    if u is not None:
        changes["underline"] = u.get(w("val"), "single") != "none"
    color = props.find(w("color"))
    if color is not None:
        changes["color"] = color.get(w("val"))
    highlight = props.find(w("highlight"))
    if highlight is not None:
        changes["highlight"] = highlight.get(w("val"), "none") != "none"
    shd = props.find(w("shd"))
    if shd is not None:
        changes["shading"] = shd.get(w("fill"), "auto").lower() not in ("auto", "ffffff") or \
            shd.get(w("val"), "clear") not in ("clear", "nil")
    if any(props.find(w(name)) is not None and _on(props.find(w(name))) for name in EFFECTS):
        changes["effect"] = True
    sz = props.find(w("sz"))
    if sz is not None and _HALF_POINTS.fullmatch(sz.get(w("val"), "")):
        changes["size"] = int(sz.get(w("val"))) / 2
    fonts = props.find(w("rFonts"))
    if fonts is not None:
        if fonts.get(w("hAnsiTheme")):
            changes["font_theme"] = fonts.get(w("hAnsiTheme"))
        elif fonts.get(w("hAnsi")) or fonts.get(w("ascii")):
            changes["font"] = fonts.get(w("hAnsi")) or fonts.get(w("ascii"))
            changes["font_theme"] = None
    return replace(fmt, **changes)
