"""Reading the case data of a letter (YAML or JSON) and the organisation file.

Everything that would break later, deep inside python-docx or Jinja2, is refused here with the file and
the field: characters a Word file cannot hold, dates that do not exist, files too big to be case data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Iterator, Mapping

import yaml

from .. import regexes
from ..errors import InputError
from ..inputs import os_problem

MAX_DATA_BYTES = 1_000_000  # a letter's data is a few kilobytes; more is not case data
# XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
UNWRITABLE = regexes.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MASKS = range(0xF0000, 0xFFFFE)  # plane 15 private use: stands in for a raw control character while YAML parses
_DISTINCT_MASKS = 64


@dataclass(frozen=True)
class ImpossibleDate:
    """An unquoted YAML date that does not exist (2026-02-30); validation names its field."""

    text: str
    line: int

    def __str__(self) -> str:
        return self.text


def read_case_data(path: Path, what: str = "данные письма") -> Any:
    """The data in a YAML or JSON file; every problem is an InputError naming the file and, if it can, the field."""
    text = _read_text(path, what)
    if path.suffix.lower() == ".json":
        data = _parse_json(text, path)
    else:
        data = _parse_yaml(text, path)
    problem = first_unwritable(data)
    if problem:
        raise InputError(str(path), problem)
    return data


def _read_text(path: Path, what: str) -> str:
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_DATA_BYTES + 1)
    except OSError as exc:
        raise InputError(str(path), f"не удается прочитать {what}: {os_problem(exc)}") from None
    if len(raw) > MAX_DATA_BYTES:
        raise InputError(str(path), f"файл больше {MAX_DATA_BYTES // 1_000_000} МБ; это не похоже на {what}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(str(path), f"строка {line}: файл не в кодировке UTF-8; пересохраните его в UTF-8") from None


# ---- YAML ----------------------------------------------------------------------------------------------

class _CaseLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses a key written twice and keeps an impossible date for validation to name."""


def _construct_mapping(loader: _CaseLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            repeated = key in seen
            seen.add(key)
        except TypeError:  # a list or a mapping as a key
            raise yaml.constructor.ConstructorError(None, None, "ключом может быть только строка",
                                                    key_node.start_mark) from None
        if repeated:
            raise yaml.constructor.ConstructorError(None, None, f"поле {key} задано дважды", key_node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


def _construct_timestamp(loader: _CaseLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):  # 2026-02-30, 2026-13-01, 25:00: PyYAML raises while building it
        return ImpossibleDate(str(node.value), node.start_mark.line + 1)


_CaseLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

_YAML_PROBLEMS = {  # PyYAML's messages, most frequent first
    "mapping values are not allowed here": "двоеточие внутри значения; возьмите значение в кавычки",
    "could not find expected ':'": "после имени поля нужно двоеточие",
    "found character '\\t' that cannot start any token": "табуляция вместо пробелов в отступе",
    "found undefined alias": "ссылка * на метку &, которой нет",
    "expected <block end>, but found": "неверный отступ",
    "did not find expected key": "неверный отступ или лишний символ",
    "did not find expected '-' indicator": "неверный отступ в списке",
    "found unexpected end of stream": "файл кончается посреди значения: не закрыта кавычка или скобка",
    "found unknown escape character": "неизвестная последовательность с \\ в кавычках",
    "found invalid Unicode character escape code": "неверный код символа после \\u или \\x",
    "found unhashable key": "ключом может быть только строка",
    "could not determine a constructor for the tag": "неизвестный тег !",
    "expected a comment or a line break": "лишний текст после значения",
    "while scanning a quoted scalar": "не закрыта кавычка",
    "did not find expected ',' or ']'": "не закрыта квадратная скобка или пропущена запятая",
    "did not find expected ',' or '}'": "не закрыта фигурная скобка или пропущена запятая",
    "found duplicate anchor": "метка & повторяется",
    "expected a single document": "в файле несколько документов ---; нужен один",
}


def _parse_yaml(text: str, path: Path) -> Any:
    masked, hidden = _mask_unwritable(text)
    try:
        data = yaml.load(masked, Loader=_CaseLoader)
    except yaml.YAMLError as exc:
        if hidden:  # the raw character is the likelier cause
            raise InputError(str(path), _raw_character_problem(next(iter(hidden.values())), None)) from None
        raise InputError(str(path), _yaml_problem(exc)) from None
    except RecursionError:
        raise InputError(str(path), "слишком глубокая вложенность списков и словарей") from None
    if hidden:
        found = _first_masked(data, hidden)
        raise InputError(str(path), _raw_character_problem(*found) if found
                         else _raw_character_problem(next(iter(hidden.values())), None))
    return data


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f", строка {mark.line + 1}, столбец {mark.column + 1}" if mark is not None else ""
    english = " ".join(filter(None, (getattr(exc, "problem", None), getattr(exc, "context", None)))) or str(exc)
    russian = next((text for prefix, text in _YAML_PROBLEMS.items() if prefix in english), None)
    return f"ошибка YAML{where}: {russian or ' '.join(english.split())}"


@dataclass(frozen=True)
class _RawCharacter:
    character: str
    line: int


def _mask_unwritable(text: str) -> tuple[str, dict[str, _RawCharacter]]:
    """Replace each raw character a Word file cannot hold by a private-use stand-in, so that YAML
    still parses and the field that holds it can be named. The first ones get a stand-in each."""
    if not UNWRITABLE.search(text):
        return text, {}
    present = set(text)
    masks = list(islice((chr(code) for code in _MASKS if chr(code) not in present), _DISTINCT_MASKS))
    hidden: dict[str, _RawCharacter] = {}
    pieces, pos, line = [], 0, 1
    for match in UNWRITABLE.finditer(text):
        line += text.count("\n", pos, match.start())
        mask = masks[min(len(hidden), len(masks) - 1)]
        hidden.setdefault(mask, _RawCharacter(match.group(), line))
        pieces += [text[pos:match.start()], mask]
        pos = match.end()
    pieces.append(text[pos:])
    return "".join(pieces), hidden


def _first_masked(data: Any, hidden: Mapping[str, _RawCharacter]) -> tuple[_RawCharacter, str] | None:
    for field, text in strings_with_fields(data):
        for mask, raw in hidden.items():
            if mask in text:
                for other, shown in hidden.items():  # a key that holds the character names the field
                    field = field.replace(other, visible(shown.character))
                return raw, field
    return None


def _raw_character_problem(raw: _RawCharacter, field: str | None) -> str:
    where = f"поле {field}, строка {raw.line}" if field else f"строка {raw.line}"
    return f"{where}: {unwritable_problem(raw.character)}"


# ---- JSON ----------------------------------------------------------------------------------------------

_JSON_PROBLEMS = {
    "Expecting value": "нет значения",
    "Expecting property name enclosed in double quotes": "имя поля нужно взять в двойные кавычки",
    "Expecting ',' delimiter": "пропущена запятая",
    "Expecting ':' delimiter": "после имени поля нужно двоеточие",
    "Invalid control character at": "управляющий символ внутри строки",
    "Unterminated string starting at": "не закрыта кавычка",
    "Invalid \\escape": "неизвестная последовательность с \\",
    "Invalid \\uXXXX escape": "неверный код символа после \\u",
    "Extra data": "лишний текст после данных",
}


def _parse_json(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        russian = next((t for prefix, t in _JSON_PROBLEMS.items() if exc.msg.startswith(prefix)), exc.msg)
        raise InputError(str(path), f"ошибка JSON, строка {exc.lineno}, столбец {exc.colno}: {russian}") from None
    except RecursionError:
        raise InputError(str(path), "слишком глубокая вложенность списков и словарей") from None


# ---- characters ----------------------------------------------------------------------------------------

def strings_with_fields(data: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every string in the data, keys included, with the field that holds it: «reasons, пункт 2».
    Iterative, and each list or mapping is visited once, so YAML aliases cannot make it exponential."""
    stack: list[tuple[str, Any]] = [(prefix, data)]
    seen: set[int] = set()
    while stack:
        field, value = stack.pop()
        if isinstance(value, str):
            yield field, value
        elif isinstance(value, (Mapping, list, tuple)):
            if id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, Mapping):
                items = []
                for key, item in value.items():
                    name = _joined(field, visible(str(key)))
                    items += [(name, key), (name, item)]
            else:
                items = [(f"{field or 'данные'}, пункт {i}", v) for i, v in enumerate(value, 1)]
            stack.extend(reversed(items))


def _joined(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def first_unwritable(data: Any, prefix: str = "") -> str:
    """«поле help: управляющий символ U+000B …» for the first string a Word file cannot hold; empty if none."""
    for field, text in strings_with_fields(data, prefix):
        problem = unwritable_problem(text)
        if problem:
            return f"поле {field}: {problem}" if field else problem
    return ""


def unwritable_problem(text: str) -> str:
    """What is wrong if the text holds a character that a Word file cannot; empty if nothing is."""
    found = UNWRITABLE.search(text)
    if not found:
        return ""
    return f"{character_name(found.group())}; в файле Word такого символа не может быть, уберите его"


def character_name(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if "\ud800" <= character <= "\udfff":
        return f"половина суррогатной пары {code} без второй половины"
    if character in "\ufffe\uffff":
        return f"несуществующий символ {code}"
    return f"управляющий символ {code}"


def visible(text: str) -> str:
    """A name from the data as it can be shown in a one-line message: control characters as codes."""
    return re.sub("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]", lambda m: f"\\u{ord(m.group()):04x}", text)
