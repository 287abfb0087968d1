"""Glossaries in rules/glossary/: data shared by Python checks (abbreviations, terms, synonyms).

A rule names its glossary in `options.glossary`, relative to the rule file. Problems stop loading
with a message naming the glossary file and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ..errors import RuleFileError
from .loader import read_yaml


def load_glossary(rule_path: Path, rule_id: str, relative: str, keys: Mapping[str, type]) -> dict[str, Any]:
    """Read a glossary file; `keys` maps each allowed top-level key to its type (dict or list)."""
    path = (Path(rule_path).parent / relative).resolve()
    if not path.is_file():
        raise RuleFileError(rule_path, f"нет файла словаря {relative}", rule_id, "options.glossary")
    data = read_yaml(path)
    if not isinstance(data, Mapping):
        raise RuleFileError(path, f"словарь должен содержать ключи: {', '.join(keys)}")
    unknown = set(data) - set(keys)
    if unknown:
        raise RuleFileError(path, f"неизвестный ключ; допустимые: {', '.join(keys)}", field=sorted(unknown)[0])
    result: dict[str, Any] = {}
    for key, kind in keys.items():
        value = data.get(key) or kind()
        if not isinstance(value, kind):
            raise RuleFileError(path, "ожидается " + ("словарь" if kind is dict else "список"), field=key)
        if kind is dict:
            for k, v in value.items():
                if not isinstance(k, str) or not isinstance(v, str) or not v.strip():
                    raise RuleFileError(path, "нужна непустая строка", field=f"{key}.{k}")
        result[key] = value
    result["_path"] = path
    return result


def string_list(path: Path, field: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleFileError(path, "нужен список непустых строк", field=field)
    return [v.strip() for v in value]
