"""Reply kinds as data: `templates/<kind>.yaml` (title, fields, example data) and
`templates/<kind>.j2` (the body, Jinja2). A knowledge-base editor changes wording there.

In a template, `note("…")` puts an endnote with the act's full reference after the preceding word,
and the filter `notes` moves legal references found in free text («по статье 39.6 Земельного
кодекса Российской Федерации») into endnotes the same way.
"""

from __future__ import annotations

import contextvars
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping

import jinja2

from .. import regexes
from ..config import kind_of
from ..engine.loader import read_yaml
from ..errors import InputError, RuleFileError
from ..analysis.morph import nominative_phrase
from ..legal import LegalReference, find_references
from ..resources import templates_dir
from .casedata import ImpossibleDate, first_unwritable, visible

NOTE_MARK = "\u2063{}\u2063"  # invisible separator around a note number: never typed by people
NOTE_PATTERN = regexes.compile("\u2063(\\d+)\u2063")
FIELD_TYPES = {"text": str, "date": date, "list": list, "person": str, "bool": bool, "number": (int, float)}
_PREPOSITION_BEFORE = regexes.compile(r"\s*(?:в\s+соответствии\s+со?|согласно|на\s+основании|в\s+силу|по)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    help: str
    must_be: Any = None  # a value the field must have, e.g. consent: true


@dataclass(frozen=True)
class Template:
    kind: str
    title: str
    fields: tuple[Field, ...]
    example: Mapping[str, Any]
    source: jinja2.Template
    path: Path


def kinds(folder: Path | None = None) -> list[str]:
    folder = folder or templates_dir()
    return sorted(p.stem for p in folder.glob("*.yaml") if (folder / f"{p.stem}.j2").exists())


def load_template(kind: str, folder: Path | None = None) -> Template:
    folder = folder or templates_dir()
    meta_path, body_path = folder / f"{kind}.yaml", folder / f"{kind}.j2"
    if not meta_path.exists() or not body_path.exists():
        raise InputError(kind, f"нет такого вида письма; есть: {', '.join(kinds(folder))}")
    meta = read_yaml(meta_path)
    if not isinstance(meta, Mapping) or set(meta) - {"title", "fields", "example"}:
        raise RuleFileError(meta_path, "нужны только ключи title, fields, example")
    fields = []
    for name, spec in (meta.get("fields") or {}).items():
        if not isinstance(spec, Mapping) or spec.get("type") not in FIELD_TYPES:
            raise RuleFileError(meta_path, f"тип поля должен быть одним из: {', '.join(FIELD_TYPES)}", field=f"fields.{name}")
        unknown = set(spec) - {"type", "required", "help", "must_be"}
        if unknown:
            raise RuleFileError(meta_path, "неизвестный ключ", field=f"fields.{name}.{sorted(unknown)[0]}")
        fields.append(Field(name, spec["type"], bool(spec.get("required", True)), str(spec.get("help", "")),
                            spec.get("must_be")))
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
                                     trim_blocks=True, lstrip_blocks=True, autoescape=False)
    environment.globals.update(note=lambda text: _collector.get().note(text), date_ru=date_ru)
    environment.filters["notes"] = lambda text: _collector.get().with_notes(text)
    environment.filters["date_ru"] = date_ru
    try:
        source = environment.from_string(body_path.read_text(encoding="utf-8"))
    except jinja2.TemplateSyntaxError as exc:
        raise RuleFileError(body_path, f"ошибка в шаблоне, строка {exc.lineno}: {exc.message}") from None
    return Template(kind, str(meta.get("title", kind)), tuple(fields), meta.get("example") or {}, source, body_path)


def validate(template: Template, data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Check the case data against the template's fields; name the first wrong field."""
    if not isinstance(data, Mapping):
        raise InputError(source, f"данные письма должны быть словарем полей, а не {kind_of(data)}")
    unwritable = first_unwritable(data)
    if unwritable:
        raise InputError(source, unwritable)
    known = {f.name for f in template.fields}
    for name in data:
        if name not in known:
            raise InputError(source, f"поле {visible(str(name))}: такого поля нет у письма «{template.title}»")
    clean: dict[str, Any] = {}
    for field in template.fields:
        value = data.get(field.name)
        if value in (None, "", []):
            if field.required:
                raise InputError(source, f"поле {field.name}: нет значения ({field.help or field.type})")
            clean[field.name] = [] if field.type == "list" else None
            continue
        value = _typed(field, value, source)
        if field.must_be is not None and value != field.must_be:
            raise InputError(source, f"поле {field.name}: {field.help or 'недопустимое значение'}")
        clean[field.name] = value
    return clean


_EXPECTED = {"text": "нужна строка", "person": "нужны фамилия, имя и отчество строкой",
             "date": "нужна дата вида 2026-03-15", "list": "нужен список строк", "bool": "нужно true или false",
             "number": "нужно число"}
_ISO_DATE = regexes.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _typed(field: Field, value: Any, source: str) -> Any:
    """The value as the field's type, or an InputError that says what the field needs."""
    def wrong(problem: str) -> InputError:
        return InputError(source, f"поле {field.name}: {problem}")

    if isinstance(value, ImpossibleDate):
        if field.type == "date":
            raise wrong(f"нет такой даты: {visible(value.text)} (строка {value.line})")
        raise wrong(f"{_EXPECTED[field.type]}; {visible(value.text)} похоже на дату, возьмите значение в кавычки")
    if field.type == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                if _ISO_DATE.fullmatch(value.strip()):
                    raise wrong(f"нет такой даты: {visible(value.strip())}") from None
                raise wrong("дата пишется как 2026-03-15") from None
    expected = FIELD_TYPES[field.type]
    if not isinstance(value, expected) or (field.type == "number" and isinstance(value, bool)):
        hint = "; возьмите значение в кавычки" if field.type in ("text", "person") and isinstance(
            value, (int, float, date)) else ""
        raise wrong(f"{_EXPECTED[field.type]}, а не {kind_of(value)}{hint}")
    if field.type == "number" and not math.isfinite(value):
        raise wrong(f"нужно обычное число, а не {value}")
    if field.type == "list":
        for number, item in enumerate(value, 1):
            if not isinstance(item, str) or not item.strip():
                raise wrong(f"пункт {number}: нужна непустая строка, а не {kind_of(item)}")
    return value


class _Notes:
    """Collects the endnotes of one rendering."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def note(self, text: str) -> str:
        self.texts.append(" ".join(str(text).split()))
        return NOTE_MARK.format(len(self.texts))

    def with_notes(self, text: str) -> str:
        """Move legal references out of free text into endnotes: «рассчитали по статье 614
        Гражданского кодекса Российской Федерации» → «рассчитали¹»."""
        text = str(text)
        result, pos = [], 0
        for ref in find_references(text):
            head = _PREPOSITION_BEFORE.sub("", text[pos:ref.start])
            result.append(head.rstrip() + self.note(endnote_text(ref)))
            pos = ref.end
        result.append(text[pos:])
        return "".join(result)


_collector: contextvars.ContextVar[_Notes] = contextvars.ContextVar("plainreply_notes")


def render(template: Template, data: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The body with note marks, and the notes in the order of their marks."""
    notes = _Notes()
    token = _collector.set(notes)
    try:
        body = template.source.render(**data)
    except jinja2.UndefinedError as exc:
        raise RuleFileError(template.path, f"в шаблоне нет данных: {exc.message}") from None
    finally:
        _collector.reset(token)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return _renumber(body, notes.texts)


def _renumber(body: str, notes: list[str]) -> tuple[str, list[str]]:
    """Number the notes in the order their marks appear in the text."""
    order: list[int] = []
    for m in NOTE_PATTERN.finditer(body):
        index = int(m.group(1))
        if index not in order:
            order.append(index)
    mapping = {old: new for new, old in enumerate(order, 1)}
    body = NOTE_PATTERN.sub(lambda m: NOTE_MARK.format(mapping[int(m.group(1))]), body)
    return body, [notes[old - 1] for old in order]


def endnote_text(ref: LegalReference) -> str:
    """The act first, then its parts: «Земельный кодекс Российской Федерации, статья 39.16, пункт 1»."""
    act = nominative_phrase(" ".join(ref.act.split())) if ref.kind != "anaphora" else ref.act
    parts = [act[:1].upper() + act[1:]]
    for name, value in (("статья", ref.article), ("часть", ref.part), ("пункт", ref.point),
                        ("подпункт", ref.subpoint), ("глава", ref.chapter), ("параграф", ref.paragraph)):
        if value:
            parts.append(f"{name} {value}")
    return ", ".join(parts) + "."


MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря"]


def date_ru(value: date) -> str:
    """«15 марта 2026 года»."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year} года"
