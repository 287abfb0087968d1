"""The compiled rule set kept on disk between runs.

Reading, validating and compiling `rules/` takes about half a second per process (YAML, and a
pymorphy3 parse of every word of every phrase list); a run that finds the same rules again reads
the pickled result instead. The cache is an optimisation only: whatever goes wrong with it (no
home folder, a read-only disk, a truncated, foreign or outdated file) means the rules are
compiled anew, never an error and never a stale rule.

A cache file is valid when all of these are unchanged since it was written:
  - the content of every file that loading read (rule files, profiles, glossaries, word lists,
    the user's dictionary) and the names of the rule files in every rule folder;
  - plainreply's version and the modification times of its modules, the Python version, and the
    installed pymorphy3 and its dictionary (the phrase lists hold lemmas it found).

Where: PLAINREPLY_CACHE_DIR, else $XDG_CACHE_HOME/plainreply, else ~/.cache/plainreply.
PLAINREPLY_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..cache_files import (DIGEST_SIZE, MAGIC, _prune, _read_own_file, _touch, _write_atomically, blake2b,  # noqa: F401
                           cache_dir, digest, read_verified, write_verified)  # (the format's names, read by tests)

FORMAT = 1
KEEP_DATA_FILES = 64  # parsed data files (`parsed_data`): a few per rule folder
KEEP_FILES = 16  # rule sets of other rule folders (and of test runs) are dropped, oldest first
_PACKAGE = Path(__file__).resolve().parent.parent

_reads: ContextVar[dict[str, str] | None] = ContextVar("plainreply_cache_reads", default=None)
_listings: ContextVar[dict[str, str] | None] = ContextVar("plainreply_cache_listings", default=None)


def note_read(path: Path | str, data: bytes) -> None:
    """Called by every reader of rule data with the bytes it read: they become part of the key."""
    reads = _reads.get()
    if reads is not None:
        reads[os.path.abspath(path)] = digest(data)


def note_listing(directory: Path | str, pattern: str) -> None:
    """Called when loading lists a rule folder: a file added or removed there invalidates the cache."""
    listings = _listings.get()
    if listings is not None:
        listings[os.path.abspath(directory)] = pattern


@contextmanager
def recording() -> Iterator[dict[str, Any]]:
    """Collect what loading reads; the result is what `store` needs."""
    reads: dict[str, str] = {}
    listings: dict[str, str] = {}
    read_token, listing_token = _reads.set(reads), _listings.set(listings)
    try:
        yield {"reads": reads, "listings": listings}
    finally:
        _reads.reset(read_token)
        _listings.reset(listing_token)


def cache_file(directories: Iterable[Path | str]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    given = [str(d) for d in directories]
    # Relative rule folders mean other files from another working folder.
    where = os.getcwd() if any(not os.path.isabs(d) for d in given) else ""
    name = blake2b(repr((given, where)).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return folder / f"rules-{name}-{sys.implementation.cache_tag}.pickle"


def environment() -> tuple:
    """What besides the rule files decides the compiled rules: the code and the morphology."""
    from .. import __version__

    return (FORMAT, __version__, sys.version, sys.implementation.cache_tag, _code_fingerprint(),
            _installed("pymorphy3", "version.py"), _installed("pymorphy3_dicts_ru", "data/meta.json"),
            os.environ.get("PYMORPHY2_DICT_PATH", ""), os.environ.get("PYMORPHY3_DICT_PATH", ""))


def _code_fingerprint() -> str:
    """Size and modification time of every module: a change to the checks' code outdates objects
    they compiled, even when the version number stays (a working copy, an editable install)."""
    stamps = []
    for root, folders, files in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(root, name))
                stamps.append(f"{os.path.relpath(os.path.join(root, name), _PACKAGE)}:{st.st_size}:{st.st_mtime_ns}")
    return digest("\n".join(stamps).encode("utf-8", "surrogatepass"))


def _installed(package: str, marker: str) -> str:
    """Where a package is and when its marker file changed, found without importing it."""
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return ""
    if spec is None or not spec.submodule_search_locations:
        return ""
    path = Path(list(spec.submodule_search_locations)[0]) / marker
    try:
        st = path.stat()
    except OSError:
        return str(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def load(directories: Iterable[Path | str], kind: type) -> Any | None:
    """The rule set (an instance of `kind`) cached for these rule folders, or None when there is
    none that can be trusted."""
    directories = list(directories)
    path = cache_file(directories)
    if path is None:
        return None
    try:
        body = read_verified(path)
        if body is None:
            return None
        stream = io.BytesIO(body)
        manifest = _Unpickler(stream).load()
        if not _still_valid(manifest, directories):
            return None
        ruleset = _Unpickler(stream).load()
    except Exception:  # a cache that cannot be read is rebuilt, whatever the reason
        return None
    if not isinstance(ruleset, kind):
        return None
    _touch(path)
    return ruleset


def parsed_data(path: Path, parse: Callable[[Path], Any]) -> Any:
    """`parse(path)` for a file of plain data (mappings, lists, strings, numbers), kept as JSON in
    the cache folder under the digest of the file's bytes: a start then needs neither PyYAML nor a
    parse. Used only when the JSON gives back exactly what the parse gave; JSON runs no code, and
    a cached file of another user or one that cannot be read is ignored. Errors are parse's own."""
    folder = cache_dir()
    try:
        data = path.read_bytes()
    except OSError:
        folder = None  # parse reports the problem
    if folder is None:
        return parse(path)
    name = f"{getattr(parse, '__module__', '')}.{getattr(parse, '__qualname__', '')}"
    key = digest(name.encode() + b"\0" + data)[:40]
    file = folder / f"data-{key}.json"
    cached = _read_own_file(file)
    if cached is not None:
        try:
            value = json.loads(cached)
        except ValueError:
            pass
        else:
            _touch(file)
            return value
    value = parse(path)
    try:
        text = json.dumps(value, ensure_ascii=False)
        if json.loads(text) == value:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_atomically(file, text.encode("utf-8"))
            _prune(folder, "data-*.json", KEEP_DATA_FILES)
    except (TypeError, ValueError, OSError):
        pass  # a date, a key that is no string, a read-only disk: no cache, same data
    return value


def store(directories: Iterable[Path | str], ruleset: Any, recorded: dict[str, Any]) -> None:
    """Write the rule set and what it was built from; any failure just leaves no cache."""
    directories = list(directories)
    path = cache_file(directories)
    if path is None:
        return
    manifest = {
        "environment": environment(),
        "directories": [str(d) for d in directories],
        "reads": dict(recorded["reads"]),
        "listings": {folder: (pattern, _listing(folder, pattern)) for folder, pattern in recorded["listings"].items()},
    }
    try:
        rules = _dumps(ruleset)
        _Unpickler(io.BytesIO(rules)).load()  # what cannot be read back is not written
    except Exception:  # an object that cannot be pickled or is not allowed: no cache rather than no rules
        return
    try:
        write_verified(path, pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL) + rules)
    except OSError:
        return
    _prune(path.parent, "rules-*.pickle", KEEP_FILES)


def _still_valid(manifest: Any, directories: list[Path | str]) -> bool:
    if not isinstance(manifest, dict) or manifest.get("environment") != environment():
        return False
    if manifest.get("directories") != [str(d) for d in directories]:
        return False
    for folder, (pattern, names) in manifest["listings"].items():
        if _listing(folder, pattern) != names:
            return False
    for name, expected in manifest["reads"].items():
        try:
            with open(name, "rb") as file:
                if digest(file.read()) != expected:
                    return False
        except OSError:
            return False
    return True


def _listing(folder: str, pattern: str) -> list[str] | None:
    if not os.path.isdir(folder):
        return None  # a folder that is gone is an error the loader reports
    return sorted(p.name for p in Path(folder).glob(pattern))


def _registered_spec(name: str) -> Any:
    """A Python check's definition, found again by name in the registry of the running code."""
    from .. import checks  # noqa: F401  (registers the built-in checks)
    from .python import REGISTRY

    return REGISTRY[name]


class _Pickler(pickle.Pickler):
    """Python checks are stored by name (their functions live in the code, not in the cache);
    a phrase list is stored as its entries and rebuilt by its constructor, so that its indexes
    are made of the objects of the running process."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        from .phrases import PhraseCheck
        from .python import REGISTRY, PythonCheckSpec

        from ..regexes import compile

        self._phrases, self._spec, self._registry, self._compile = PhraseCheck, PythonCheckSpec, REGISTRY, compile

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is self._spec and self._registry.get(obj.name) is obj:
            return _registered_spec, (obj.name,)
        if kind is self._phrases:
            return self._phrases, (obj.entries,)
        if kind is re.Pattern and isinstance(obj.pattern, str):
            return self._compile, (obj.pattern, obj.flags)  # re's own pickling would compile with re
        return NotImplemented


def _dumps(obj: Any) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer).dump(obj)
    return buffer.getvalue()


class _Unpickler(pickle.Unpickler):
    """Objects of plainreply's own classes and the few standard ones compiled rules hold, nothing
    else. A second line of defence: the first is that only a file of this user that nobody else
    may write is read at all."""

    _STANDARD = frozenset({
        ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "PurePosixPath"),
        ("pathlib", "PureWindowsPath"), ("re", "_compile"), ("builtins", "set"), ("builtins", "frozenset"),
        ("builtins", "slice"), ("builtins", "range"), ("collections", "OrderedDict"),
        ("collections", "defaultdict"), ("collections", "Counter"),
    })

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._STANDARD and module.split(".")[0] != "plainreply":
            raise pickle.UnpicklingError(f"{module}.{name}")
        return super().find_class(module, name)
