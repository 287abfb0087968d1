"""Reading drafts from files or standard input: encoding, binary files, formats."""

from __future__ import annotations

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


def read_draft(name: str) -> Draft:
    if name == "-":
        return _decode("<stdin>", sys.stdin.buffer.read(), markdown=False)
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
        raise InputError(name, f"не удается прочитать файл: {exc.strerror}") from None
    return _decode(name, data, markdown=suffix in MARKDOWN_SUFFIXES)


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
