"""plainreply: plain-language checks for the ministry's replies to its clients."""

from .config import Config
from .engine.model import CATEGORIES, SEVERITIES, Finding
from .errors import ConfigError, InputError, PlainreplyError, RuleFileError
from .legal import LegalReference
from .legal import find_references as legal_references
from .linter import Linter, check, check_docx


def draft(kind: str, data: dict, organisation=None):
    """A reply of one kind from the case data: `.text`, `.check()`, `.to_docx(path)` (see README)."""
    from .drafting.letter import draft as _draft

    return _draft(kind, data, organisation)
from .report import Report

__version__ = "0.1.0"

__all__ = [
    "check", "check_docx", "draft", "Linter", "Report", "Finding", "Config", "CATEGORIES", "SEVERITIES",
    "legal_references", "LegalReference",
    "PlainreplyError", "RuleFileError", "InputError", "ConfigError", "__version__",
]
