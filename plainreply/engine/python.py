"""Check type `python`: a named check written in Python, configured from the rule file.

The functions live in `plainreply.checks`; each declares the options it accepts, so a
misspelt option in YAML stops loading instead of being ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..analysis import Document
from ..errors import RuleFileError
from .model import Hit

CheckFunction = Callable[[Document, Mapping[str, Any], Mapping[str, Any]], Iterable[Hit]]


# prepare(options, rule file path, rule id) -> options, run once when the rule loads:
# it reads glossaries and compiles phrase lists, raising RuleFileError on bad data.
Prepare = Callable[[dict[str, Any], Path, str], dict[str, Any]]


@dataclass(frozen=True)
class PythonCheckSpec:
    name: str
    function: CheckFunction
    options: Mapping[str, Any]  # option name -> default value (its type is the accepted type)
    needs_syntax: bool = False
    doc: str = ""
    prepare: Prepare | None = None
    needs_docx: bool = False  # reads Word formatting: its examples are built as .docx


REGISTRY: dict[str, PythonCheckSpec] = {}


def python_check(name: str, *, options: Mapping[str, Any] | None = None, needs_syntax: bool = False,
                 prepare: Prepare | None = None, needs_docx: bool = False):
    """Register `function(doc, params, options)` under `name` for rule files to use."""

    def register(function: CheckFunction) -> CheckFunction:
        REGISTRY[name] = PythonCheckSpec(name, function, dict(options or {}), needs_syntax,
                                         function.__doc__ or "", prepare, needs_docx)
        return function

    return register


@dataclass
class PythonCheck:
    spec: PythonCheckSpec
    options: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    rule_id: str = ""
    fields = {"function", "options"}

    @property
    def needs_syntax(self) -> bool:
        return self.spec.needs_syntax

    @property
    def needs_docx(self) -> bool:
        return self.spec.needs_docx

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
        options = _validated(spec, dict(spec.options), raw, path, rule_id)
        return cls(spec, _prepared(spec, options, path, rule_id), Path(str(path)), rule_id)

    def with_options(self, overrides: Mapping[str, Any], source: object) -> PythonCheck:
        """A copy with options from the user's configuration: lists are extended, other values replaced."""
        options = {k: v for k, v in self.options.items() if not k.startswith("_")}
        merged = dict(options)
        for key, value in overrides.items():
            if key in options and isinstance(options[key], list) and isinstance(value, list):
                merged[key] = options[key] + list(value)
            elif key in options and isinstance(options[key], dict) and isinstance(value, Mapping):
                merged[key] = {**options[key], **value}
            else:
                merged[key] = value
        checked = _validated(self.spec, dict(self.spec.options), merged, source, self.rule_id)
        return PythonCheck(self.spec, _prepared(self.spec, checked, self.path or Path("."), self.rule_id),
                           self.path, self.rule_id)

    def run(self, doc: Document, params: Mapping[str, Any]) -> Iterable[Hit]:
        return self.spec.function(doc, params, self.options)


def _prepared(spec: PythonCheckSpec, options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    return spec.prepare(options, path, rule_id) if spec.prepare else options


def _validated(spec: PythonCheckSpec, options: dict[str, Any], raw: Mapping[str, Any], path: object,
               rule_id: str) -> dict[str, Any]:
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
        if expected is dict and not all(isinstance(k, str) and _string_or_strings(v) for k, v in value.items()):
            raise RuleFileError(path, "ожидается словарь, где значения — строки или списки строк", rule_id, f"options.{key}")
        options[key] = value
    return options


def _string_or_strings(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _type_name(t: type) -> str:
    return {bool: "true или false", int: "целое число", float: "число", str: "строка",
            list: "список", dict: "словарь"}.get(t, t.__name__)
