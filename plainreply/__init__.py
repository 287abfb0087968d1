"""plainreply: plain-language checks for the ministry's replies to its clients.

The public names are imported on first use (PEP 562): `import plainreply` costs a few
milliseconds, and `plainreply --version` does not load morphology or the rules.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (13 ms)
__version__ = "0.1.0"

# Public name → the module that defines it (and its name there, when it differs).
_LAZY: dict[str, tuple[str, str]] = {
    "check": (".linter", "check"),
    "check_docx": (".linter", "check_docx"),
    "Linter": (".linter", "Linter"),
    "Report": (".report", "Report"),
    "Finding": (".engine.model", "Finding"),
    "CATEGORIES": (".engine.model", "CATEGORIES"),
    "SEVERITIES": (".engine.model", "SEVERITIES"),
    "Config": (".config", "Config"),
    "legal_references": (".legal", "find_references"),
    "LegalReference": (".legal", "LegalReference"),
    "PlainreplyError": (".errors", "PlainreplyError"),
    "RuleFileError": (".errors", "RuleFileError"),
    "InputError": (".errors", "InputError"),
    "ConfigError": (".errors", "ConfigError"),
}

__all__ = [
    "check", "check_docx", "draft", "Linter", "Report", "Finding", "Config", "CATEGORIES", "SEVERITIES",
    "legal_references", "LegalReference",
    "PlainreplyError", "RuleFileError", "InputError", "ConfigError", "__version__",
]

if TYPE_CHECKING:
    from .config import Config
    from .engine.model import CATEGORIES, SEVERITIES, Finding
    from .errors import ConfigError, InputError, PlainreplyError, RuleFileError
    from .legal import LegalReference
    from .legal import find_references as legal_references
    from .linter import Linter, check, check_docx
    from .report import Report


def __getattr__(name: str) -> object:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module, __name__), attribute)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def draft(kind: str, data: dict, organisation=None):
    """A reply of one kind from the case data: `.text`, `.check()`, `.to_docx(path)` (see README)."""
    from .drafting.letter import draft as _draft

    return _draft(kind, data, organisation)
