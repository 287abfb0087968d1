"""Regular expressions compiled once per machine, not once per process.

plainreply compiles about three hundred regexes at every start (the checks' own, the rules', the
context layer's), and `re` spends about a fifth of a `plainreply check` doing so: its parser and
compiler are Python code, and only its last step, `_sre.compile`, is C. That step's arguments
(the pattern's opcodes and its groups) depend on the pattern, its flags and the Python version
alone, so they are kept in the cache folder and handed to `_sre.compile` again by the next
process. `_sre.compile` validates the opcodes it is given and refuses invalid ones, and the file
is read only when it is this user's and nobody else may write it, with an intact digest.

Anything unexpected (another Python whose `re` internals differ, a broken file, no cache folder)
means `re.compile`, never a wrong pattern: the stored arguments are checked against what
`re.compile` builds by the tests.
"""

from __future__ import annotations

import io
import pickle
import re
import sys
from array import array
from typing import Any

_stored: dict[tuple[str, int], tuple] | None = None
_added: dict[tuple[str, int], tuple] = {}
_MAX_KEPT = 4000  # patterns of other versions of the rules accumulate; past this, only the current ones are kept

try:
    import _sre
    from re import _compiler, _parser

    _VERSION = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - an interpreter without these internals
    _sre = None  # type: ignore[assignment]
    _VERSION = ""


def compile(source: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re's own name, on purpose
    """What `re.compile(source, flags)` gives, for a str pattern."""
    if _sre is None or not isinstance(source, str):
        return re.compile(source, flags)
    flags = int(flags)
    key = (source, flags)
    stored = _known().get(key) or _added.get(key)
    if stored is not None:
        try:
            return _sre.compile(*_unpacked(stored))
        except Exception:  # a stored entry _sre refuses: compiled anew below
            pass
    try:
        arguments = _arguments(source, flags)
        pattern = _sre.compile(*arguments)
    except re.error:
        raise
    except Exception:  # re's internals differ from those of 3.11-3.13: the public way
        return re.compile(source, flags)
    _added[key] = _packed(arguments)
    return pattern


# The opcodes are stored as the bytes of an array of SRE_CODE-sized numbers: a list of thousands
# of ints per pattern made loading the file take 27 ms, bytes take one.
_CODE_TYPE = next((t for t in "IL" if _sre is not None and array(t).itemsize == _sre.CODESIZE), "")


def _packed(arguments: tuple) -> tuple:
    if not _CODE_TYPE:
        return arguments
    source, flags, code, groups, groupindex, indexgroup = arguments
    return source, flags, array(_CODE_TYPE, code).tobytes(), groups, groupindex, indexgroup


def _unpacked(stored: tuple) -> tuple:
    source, flags, code, groups, groupindex, indexgroup = stored
    if isinstance(code, bytes):
        code = array(_CODE_TYPE, code).tolist() if _CODE_TYPE else None
    return source, flags, code, groups, groupindex, indexgroup


def _arguments(source: str, flags: int) -> tuple:
    """re._compiler.compile, stopped before its call of _sre.compile."""
    if flags & re.DEBUG or flags & re.LOCALE:
        raise ValueError("not cached")  # re.DEBUG prints; a LOCALE pattern depends on the locale
    parsed = _parser.parse(source, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are named int constants: plain ints for pickle
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (source, int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))


def _file() -> Any:
    from .cache_files import cache_dir, digest

    folder = cache_dir()
    if folder is None or not _VERSION:
        return None
    return folder / f"regexes-{digest(_VERSION.encode())[:24]}.pickle"


def _known() -> dict[tuple[str, int], tuple]:
    global _stored
    if _stored is None:
        _stored = {}
        path = _file()
        if path is not None:
            from .cache_files import read_verified

            body = read_verified(path)
            if body is not None:
                try:
                    loaded = _PlainData(io.BytesIO(body)).load()
                except Exception:  # whatever a damaged file raises: compiled anew
                    loaded = None
                if isinstance(loaded, dict):
                    _stored = loaded
    return _stored


def save() -> None:
    """Write the patterns compiled anew by this process, if any; a failure leaves the cache as it
    was. Called after a check, not at exit: the command line leaves with os._exit."""
    global _stored
    if not _added:
        return
    path = _file()
    if path is None:
        _added.clear()
        return
    from .cache_files import write_verified

    known = _known()
    merged = {**known, **_added} if len(known) + len(_added) <= _MAX_KEPT else dict(_added)
    try:
        write_verified(path, pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # an unwritable folder, a full disk: compiled again next time
        return
    _stored = merged
    _added.clear()


class _PlainData(pickle.Unpickler):
    """Strings, numbers, lists, tuples, dicts and None; no class, no function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")
