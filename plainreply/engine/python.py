"""Check type `python`: a named check written in Python, configured from the rule file.

The functions live in `plainreply.checks`; each declares the options it accepts, so a
misspelt option in YAML stops loading instead of being ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from ..analysis import Document
from ..errors import RuleFileError
from .model import Hit

CheckFunction = Callable[[Document, Mapping[str, Any], Mapping[str, Any]], Iterable[Hit]]


@dataclass(frozen=True)
class PythonCheckSpec:
    name: str
    function: CheckFunction
    options: Mapping[str, Any]  # option name -> default value (its type is the accepted type)
    needs_syntax: bool = False
    doc: str = ""


REGISTRY: dict[str, PythonCheckSpec] = {}


def python_check(name: str, *, options: Mapping[str, Any] | None = None, needs_syntax: bool = False):
    """Register `function(doc, params, options)` under `name` for rule files to use."""

    def register(function: CheckFunction) -> CheckFunction:
        REGISTRY[name] = PythonCheckSpec(name, function, dict(options or {}), needs_syntax, function.__doc__ or "")
        return function

    return register


@dataclass
class PythonCheck:
    spec: PythonCheckSpec
    options: dict[str, Any] = field(default_factory=dict)
    fields = {"function", "options"}

    @property
    def needs_syntax(self) -> bool:
        return self.spec.needs_syntax

    @classmethod
    def from_rule(cls, data: Mapping[str, Any], path: object, rule_id: str) -> PythonCheck:
        from .. import checks  # noqa: F401  (registers the built-in checks)

        name = data.get("function")
        if name not in REGISTRY:
            known = ", ".join(sorted(REGISTRY))
            raise RuleFileError(path, f"нет такой проверки {name!r}; есть: {known}", rule_id, "function")
        spec = REGISTRY[name]
        raw = data.get("options", {}) or {}
        if not isinstance(raw, Mapping):
            raise RuleFileError(path, "options должно быть словарем", rule_id, "options")
        options = dict(spec.options)
        for key, value in raw.items():
            if key not in spec.options:
                known = ", ".join(sorted(spec.options)) or "нет"
                raise RuleFileError(path, f"неизвестный параметр; допустимые: {known}", rule_id, f"options.{key}")
            expected = type(spec.options[key])
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise RuleFileError(path, f"ожидается {_type_name(expected)}", rule_id, f"options.{key}")
            if expected is list and not all(isinstance(v, str) for v in value):
                raise RuleFileError(path, "ожидается список строк", rule_id, f"options.{key}")
            if expected is dict and not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise RuleFileError(path, "ожидается словарь строк", rule_id, f"options.{key}")
            options[key] = value
        return cls(spec, options)

    def run(self, doc: Document, params: Mapping[str, Any]) -> Iterable[Hit]:
        return self.spec.function(doc, params, self.options)


def _type_name(t: type) -> str:
    return {bool: "true или false", int: "целое число", float: "число", str: "строка",
            list: "список", dict: "словарь"}.get(t, t.__name__)
