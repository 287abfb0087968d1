"""User configuration: `[tool.plainreply]` in pyproject.toml or a plainreply.toml.

    profile = "citizen"              # the default profile
    select = ["bureaucratese"]       # only these rule ids or categories
    ignore = ["passive-reflexive"]   # never these rule ids or categories
    rule_dirs = ["kb/rules"]         # extra folders of rule files, relative to the config file
    [tool.plainreply.params]         # profile thresholds to override
    max_sentence_words = 20
    [tool.plainreply.options.abbreviation]   # options of one rule: lists extend, values replace
    allow = ["КУМИ"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

CONFIG_KEYS = {"profile", "select", "ignore", "rule_dirs", "params", "options"}


@dataclass(frozen=True)
class Config:
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[Path, ...] = ()
    params: Mapping[str, float] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    path: Path | None = None

    def merged(self, **overrides: Any) -> Config:
        values = {k: getattr(self, k) for k in ("profile", "select", "ignore", "rule_dirs", "params", "options", "path")}
        values.update({k: v for k, v in overrides.items() if v not in (None, (), [])})
        return Config(**values)


def from_mapping(data: Mapping[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    unknown = set(data) - CONFIG_KEYS
    if unknown:
        raise ConfigError(f"{where}: неизвестный ключ {sorted(unknown)[0]}; допустимые: {', '.join(sorted(CONFIG_KEYS))}")
    profile = data.get("profile")
    if profile is not None and not isinstance(profile, str):
        raise ConfigError(f"{where}: profile должен быть строкой")
    lists = {}
    for key in ("select", "ignore", "rule_dirs"):
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, Path)) for v in value):
            raise ConfigError(f"{where}: {key} должен быть списком строк")
        lists[key] = tuple(value)
    params = data.get("params", {})
    if not isinstance(params, Mapping) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in params.values()
    ):
        raise ConfigError(f"{where}: params должен быть таблицей чисел")
    options = data.get("options", {})
    if not isinstance(options, Mapping) or not all(isinstance(v, Mapping) for v in options.values()):
        raise ConfigError(f"{where}: options должен быть таблицей вида [options.ID_ПРАВИЛА]")
    base = path.parent if path else Path.cwd()
    rule_dirs = tuple((base / Path(d)).resolve() for d in lists["rule_dirs"])
    return Config(profile, tuple(map(str, lists["select"])), tuple(map(str, lists["ignore"])), rule_dirs,
                  dict(params), {str(k): dict(v) for k, v in options.items()}, path)


def read_config_file(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: не удается прочитать файл настроек: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: ошибка TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("plainreply", {})
    return from_mapping(data, path)


def find_config(start: Path) -> Config:
    """The nearest plainreply.toml, or pyproject.toml with [tool.plainreply], from `start` upwards."""
    start = start.resolve()
    for directory in [start, *start.parents]:
        own = directory / "plainreply.toml"
        if own.is_file():
            return read_config_file(own)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "plainreply" in data.get("tool", {}):
                return read_config_file(pyproject)
    return Config()
