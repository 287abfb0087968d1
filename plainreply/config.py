"""User configuration: `[tool.plainreply]` in pyproject.toml or a plainreply.toml.

    profile = "citizen"              # the default profile
    select = ["bureaucratese"]       # only these rule ids or categories
    ignore = ["passive-reflexive"]   # never these rule ids or categories
    rule_dirs = ["kb/rules"]         # extra folders of rule files, relative to the config file
    max_characters = 2000000         # a longer text is refused at once (the linter's default cap)
    time_zone = "Europe/Samara"      # the ministry's local time, for `plainreply deadline` (UTC+4, Udmurtia)
    [tool.plainreply.params]         # profile thresholds to override
    max_sentence_words = 20
    [tool.plainreply.options.abbreviation]   # options of one rule: lists extend, values replace
    allow = ["КУМИ"]
"""

from __future__ import annotations

import datetime
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from . import regexes
from .errors import ConfigError
from .inputs import os_problem

CONFIG_KEYS = {"profile", "select", "ignore", "rule_dirs", "params", "options", "max_characters", "time_zone"}
_FIELDS = ("profile", "select", "ignore", "rule_dirs", "params", "options", "path", "max_characters", "time_zone")
DEFAULT_TIME_ZONE = "Europe/Samara"  # Izhevsk: UTC+4 all year


@dataclass(frozen=True)
class Config:
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[Path, ...] = ()
    params: Mapping[str, float] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    max_characters: int | None = None  # None: the linter's own cap
    time_zone: str = DEFAULT_TIME_ZONE

    def merged(self, **overrides: Any) -> Config:
        values = {k: getattr(self, k) for k in _FIELDS}
        values.update({k: v for k, v in overrides.items() if v not in (None, (), [])})
        return Config(**values)


def from_mapping(data: Mapping[str, Any], path: Path | None = None) -> Config:
    """Validate every key and value, naming the file and the key of the first wrong one."""
    where = str(path) if path else "настройки"
    section = "tool.plainreply." if path is not None and path.name == "pyproject.toml" else ""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: {section.rstrip('.') or 'настройки'}: нужна таблица, а не {kind_of(data)}")
    unknown = set(data) - CONFIG_KEYS
    if unknown:
        raise ConfigError(f"{where}: неизвестный ключ {section}{sorted(map(str, unknown))[0]}; "
                          f"допустимые: {', '.join(sorted(CONFIG_KEYS))}")

    def wrong(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where}: {section}{key}: {problem}")

    profile = data.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile.strip()):
        raise wrong("profile", f"нужно имя профиля строкой, например profile = \"citizen\", а не {kind_of(profile)}")
    lists = {key: _string_list(data.get(key, []), key, wrong) for key in ("select", "ignore", "rule_dirs")}
    params = _number_table(data.get("params", {}), wrong)
    options = _option_tables(data.get("options", {}), wrong)
    max_characters = data.get("max_characters")
    if max_characters is not None and (not isinstance(max_characters, int) or isinstance(max_characters, bool)
                                       or max_characters < 1):
        raise wrong("max_characters", f"нужно целое число больше нуля, а не {kind_of(max_characters)}")
    time_zone = data.get("time_zone", DEFAULT_TIME_ZONE)
    if "time_zone" in data and (not isinstance(time_zone, str) or zone_of(time_zone) is None):
        raise wrong("time_zone", f"нужно название часового пояса, например time_zone = \"{DEFAULT_TIME_ZONE}\", "
                                 f"а не {kind_of(time_zone)}")
    base = path.parent if path else Path.cwd()
    rule_dirs = tuple((base / Path(d)).resolve() for d in lists["rule_dirs"])
    return Config(profile, lists["select"], lists["ignore"], rule_dirs, params, options, path, max_characters,
                  time_zone)


def zone_of(name: str) -> Any:
    """The time zone of an IANA name («Europe/Samara»), or None when there is none by that name."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # a malformed name, an unknown one, no zone data
        return None


def _string_list(value: Any, key: str, wrong: Callable[[str, str], ConfigError]) -> tuple[str, ...]:
    if isinstance(value, (str, Path)):  # a frequent slip: select = "passive" for select = ["passive"]
        items = ", ".join(f'"{item.strip()}"' for item in str(value).split(",") if item.strip()) or '"..."'
        raise wrong(key, f"нужен список строк в квадратных скобках: {key} = [{items}], а не строка")
    if not isinstance(value, (list, tuple)):
        raise wrong(key, f"нужен список строк, а не {kind_of(value)}")
    for number, item in enumerate(value, 1):
        if not isinstance(item, (str, Path)) or not str(item).strip():
            raise wrong(key, f"элемент {number}: нужна строка с именем, а не {kind_of(item)}")
    return tuple(str(item).strip() for item in value)


def _number_table(value: Any, wrong: Callable[[str, str], ConfigError]) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise wrong("params", f"нужна таблица чисел [params], а не {kind_of(value)}")
    for name, number in value.items():
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            raise wrong(f"params.{name}", f"нужно число, а не {kind_of(number)}")
        if not math.isfinite(number):
            raise wrong(f"params.{name}", f"нужно обычное число, а не {number}")
    return {str(name): number for name, number in value.items()}


def _option_tables(value: Any, wrong: Callable[[str, str], ConfigError]) -> dict[str, dict[str, Any]]:
    if not isinstance(value, Mapping):
        raise wrong("options", f"нужны таблицы вида [options.ID_ПРАВИЛА], а не {kind_of(value)}")
    for rule, table in value.items():
        if not isinstance(table, Mapping):
            raise wrong(f"options.{rule}", f"нужна таблица параметров правила [options.{rule}], а не {kind_of(table)}")
    return {str(rule): dict(table) for rule, table in value.items()}


def kind_of(value: Any) -> str:
    """The kind of a TOML or YAML value in words, for messages: «строка "5"», «число 5»."""
    if isinstance(value, bool):
        return f"логическое значение {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"число {value}"
    if isinstance(value, str):
        return f"строка «{value[:40]}»" if value.strip() else "пустая строка"
    if isinstance(value, (datetime.date, datetime.time)):
        return f"дата или время {value}"
    if isinstance(value, Mapping):
        return "таблица"
    if isinstance(value, (list, tuple)):
        return "список"
    return type(value).__name__


def read_config_file(path: Path) -> Config:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: файл настроек не в кодировке UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: не удается прочитать файл настроек: {os_problem(exc)}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {toml_problem(exc)}") from None
    if path.name == "pyproject.toml":
        data = _plainreply_section(data, path)
    return from_mapping(data, path)


def _plainreply_section(data: Mapping[str, Any], path: Path) -> Any:
    tool = data.get("tool", {})
    if not isinstance(tool, Mapping):
        raise ConfigError(f"{path}: tool: нужна таблица [tool], а не {kind_of(tool)}")
    return tool.get("plainreply", {})


_TOML_PROBLEMS = {  # tomllib's messages, most frequent first
    "Invalid value": "неверное значение (строку возьмите в кавычки)",
    "Expected '=' after a key in a key/value pair": "после ключа нужен знак =",
    "Invalid statement": "неверная строка",
    "Cannot overwrite a value": "ключ задан дважды",
    "Cannot declare": "таблица объявлена дважды",
    "Unclosed array": "не закрыта квадратная скобка списка",
    "Unclosed inline table": "не закрыта фигурная скобка таблицы",
    "Unterminated string": "не закрыта кавычка",
    "Illegal character": "недопустимый символ",
    "Invalid initial character for a key part": "неверное начало ключа",
    "Expected newline or end of document after a statement": "после значения нужен перевод строки",
    "Invalid date or datetime": "неверная дата",
}
_TOML_POSITION = regexes.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    """A TOML syntax error in Russian: «ошибка TOML, строка 3, столбец 9: после ключа нужен знак =»."""
    message = str(exc)
    position = _TOML_POSITION.search(message)
    detail = _TOML_POSITION.sub("", message).strip()
    where = ""
    if position and position.group(1):
        where = f", строка {position.group(1)}, столбец {position.group(2)}"
    elif position:
        where = ", в конце файла"
    russian = next((text for english, text in _TOML_PROBLEMS.items() if detail.startswith(english)), None)
    return f"ошибка TOML{where}: {russian or detail}"


def find_config(start: Path) -> Config:
    """The nearest plainreply.toml, or pyproject.toml with [tool.plainreply], from `start` upwards."""
    start = start.resolve()
    for directory in [start, *start.parents]:
        own = directory / "plainreply.toml"
        if own.is_file():
            return read_config_file(own)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _mentions_plainreply(pyproject):
            return read_config_file(pyproject)
    return Config()


def _mentions_plainreply(pyproject: Path) -> bool:
    """Whether a pyproject.toml has [tool.plainreply]; an unreadable one belongs to someone else and is skipped."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, Mapping) and "plainreply" in tool
