"""Errors that name the file and the problem in one line."""

from __future__ import annotations


class PlainreplyError(Exception):
    """Base class: every error the user can cause carries a one-line message."""


class RuleFileError(PlainreplyError):
    """A rule or profile file that cannot be used as it is."""

    def __init__(self, path: object, problem: str, rule: str | None = None, field: str | None = None):
        self.path = str(path)
        self.rule = rule
        self.field = field
        self.problem = problem
        where = self.path
        if rule:
            where += f": правило {rule}"
        if field:
            where += f": поле {field}"
        super().__init__(f"{where}: {problem}")


class InputError(PlainreplyError):
    """A text file that cannot be checked."""

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ConfigError(PlainreplyError):
    """A configuration file or option that cannot be used."""


class TextTooLongError(PlainreplyError):
    """A text longer than the checker's cap: refused at once rather than checked for minutes."""

    def __init__(self, length: int, limit: int):
        self.length = length
        self.limit = limit
        super().__init__(f"текст слишком длинный: {_grouped(length)} знаков при пределе {_grouped(limit)}; "
                         "разделите его на части или поднимите предел max_characters в настройках")


def _grouped(number: int) -> str:
    """2 000 000: thousands set apart by spaces, as Russian writes them."""
    return f"{number:,}".replace(",", " ")
