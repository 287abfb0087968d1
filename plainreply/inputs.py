"""Reading drafts from files or standard input: encoding, binary files, formats."""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm"}
UNSUPPORTED_SUFFIXES = {
    ".doc": "это старый формат .doc; откройте файл в Word и сохраните как .docx",
    ".pdf": "файлы PDF не поддерживаются; сохраните письмо как .txt",
    ".odt": "файлы ODT не поддерживаются; сохраните письмо как .txt",
    ".rtf": "файлы RTF не поддерживаются; сохраните письмо как .txt",
}


@dataclass(frozen=True)
class Draft:
    name: str
    text: str
    markdown: bool
    note: str = ""  # e.g. that the file was read as Windows-1251


STDIN_NAME = "<stdin>"
_OS_PROBLEMS = {
    errno.ENOENT: "файл не найден",
    errno.EACCES: "нет прав на доступ к файлу",
    errno.EPERM: "нет прав на доступ к файлу",
    errno.EISDIR: "это папка, а не файл",
    errno.ENOTDIR: "в пути к файлу есть часть, которая не папка",
    errno.ENOSPC: "на диске нет места",
    errno.EROFS: "диск только для чтения",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.EMFILE: "открыто слишком много файлов",
}


def os_problem(exc: OSError, writing: bool = False) -> str:
    """What went wrong with a file, in plain Russian (the system's strerror is English)."""
    if writing and exc.errno == errno.ENOENT:
        return "нет такой папки"
    known = _OS_PROBLEMS.get(exc.errno or 0)
    if known:
        return known
    return f"ошибка ввода-вывода ({exc.strerror or type(exc).__name__})"


def read_draft(name: str) -> Draft:
    if name == "-":
        return read_stdin()
    path = Path(name)
    if path.is_dir():
        raise InputError(name, "это папка, а не файл")
    if not path.exists():
        raise InputError(name, "файл не найден")
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise InputError(name, UNSUPPORTED_SUFFIXES[suffix])
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(name, "нет прав на чтение файла") from None
    except OSError as exc:
        raise InputError(name, f"не удается прочитать файл: {os_problem(exc)}") from None
    draft = _decode(name, data, markdown=suffix in MARKDOWN_SUFFIXES)
    if not draft.text.strip():
        raise InputError(name, "файл пустой: в нем нет текста письма")
    return draft


def read_stdin() -> Draft:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_NAME, "стандартный ввод закрыт; укажите файл письма")
    try:
        data = stream.read()
    except OSError as exc:
        raise InputError(STDIN_NAME, f"не удается прочитать стандартный ввод: {os_problem(exc)}") from None
    return _decode(STDIN_NAME, data, markdown=False)


def stdin_is_piped() -> bool:
    """True when standard input comes from a file or a pipe, not from a person at a terminal."""
    try:
        return sys.stdin is not None and not sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):  # closed or replaced stdin
        return False


def _decode(name: str, data: bytes, markdown: bool) -> Draft:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Draft(name, data.decode("utf-16"), markdown)
        except UnicodeDecodeError:
            raise InputError(name, "файл поврежден: ошибка в кодировке UTF-16") from None
    if b"\x00" in data[:8192] or data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise InputError(name, "это двоичный файл, а не текст")
    try:
        return Draft(name, data.decode("utf-8-sig"), markdown)
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if "а" <= ch.lower() <= "я" or ch.lower() == "ё")
    if letters and cyrillic / len(letters) > 0.5 and "\ufffd" not in text:
        return Draft(name, text, markdown, note="файл в кодировке Windows-1251, а не UTF-8; проверили его, но лучше пересохранить в UTF-8")
    raise InputError(name, "файл не в кодировке UTF-8 и не похож на Windows-1251; пересохраните его в UTF-8")
