"""Files in plainreply's cache folder: where it is, and reading and writing them safely.

A cache file is read only when it is a regular file of this user that nobody else may write,
and, for the verified kind, when its digest still matches its body: the cache is an
optimisation, and whatever is wrong with a file means rebuilding what it held.

Where: PLAINREPLY_CACHE_DIR, else $XDG_CACHE_HOME/plainreply, else ~/.cache/plainreply.
PLAINREPLY_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

try:
    from _blake2 import blake2b  # what hashlib offers, without loading OpenSSL (3 ms at every start)
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b

MAGIC = b"plainreply-rules"  # 16 bytes, then a 32-byte BLAKE2b digest of the rest of the file
DIGEST_SIZE = 32
STALE_TEMP_SECONDS = 3600


def cache_dir() -> Path | None:
    """The folder for cache files, or None when caching is off or there is no home folder."""
    if os.environ.get("PLAINREPLY_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("PLAINREPLY_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative path is to be ignored
        return Path(xdg) / "plainreply"
    try:
        return Path.home() / ".cache" / "plainreply"
    except (RuntimeError, KeyError):
        return None


def read_verified(path: Path) -> bytes | None:
    """The body of a file `write_verified` wrote, or None: absent, not this user's own, written by
    something else, or changed since (its digest no longer matches)."""
    data = _read_own_file(path)
    if data is None or data[:len(MAGIC)] != MAGIC:
        return None
    body = data[len(MAGIC) + DIGEST_SIZE:]
    if blake2b(body, digest_size=DIGEST_SIZE).digest() != data[len(MAGIC):len(MAGIC) + DIGEST_SIZE]:
        return None
    return body


def write_verified(path: Path, body: bytes) -> None:
    """Write body with a header and its digest, atomically, in a private folder; OSError on failure."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _write_atomically(path, MAGIC + blake2b(body, digest_size=DIGEST_SIZE).digest() + body)


def _read_own_file(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file of this user that nobody else may write:
    unpickling runs code, so a file someone else could have put there is not read."""
    try:
        with open(path, "rb") as file:
            st = os.fstat(file.fileno())
            if not _is_private(st):
                return None
            return file.read()
    except OSError:
        return None


def _is_private(st: os.stat_result) -> bool:
    if not stat.S_ISREG(st.st_mode):
        return False
    if hasattr(os, "geteuid"):
        return st.st_uid == os.geteuid() and not st.st_mode & 0o022
    return True


def _write_atomically(path: Path, data: bytes) -> None:
    import tempfile

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _touch(path: Path) -> None:
    """Mark the file as used, so that pruning drops the rule sets nobody asks for."""
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(folder: Path, pattern: str, keep: int) -> None:
    try:
        now = time.time()
        for temp in folder.glob(pattern.split("*")[0] + "*.tmp"):
            if now - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[keep:]:
            old.unlink()
    except OSError:
        pass


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=DIGEST_SIZE).hexdigest()
