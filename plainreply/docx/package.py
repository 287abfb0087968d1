"""Opening a .docx safely: every hostile or broken file gets one clear line, never a traceback.

Checks, in order: the file exists and is not too large; it is a zip (an old binary .doc or an
encrypted document is an OLE file, said so); it holds word/document.xml; no member unpacks beyond
the size and ratio caps (a decompression bomb); no XML part declares a DTD or entities.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


@dataclass
class Package:
    """The XML parts of a .docx, parsed; `parts` maps a part name to its root element."""

    path: Path
    parts: dict[str, etree._Element]
    relationships: dict[str, dict[str, tuple[str, str]]]  # part -> rId -> (type, target)

    def part(self, name: str) -> etree._Element | None:
        return self.parts.get(name)


def open_package(path: Path) -> Package:
    name = str(path)
    if not path.exists():
        raise InputError(name, "файл не найден")
    if path.is_dir():
        raise InputError(name, "это папка, а не файл")
    size = path.stat().st_size
    if size == 0:
        raise InputError(name, "файл пустой")
    if size > MAX_FILE_BYTES:
        raise InputError(name, f"файл больше {MAX_FILE_BYTES // (1024 * 1024)} МБ; разделите письмо или уменьшите картинки")
    with path.open("rb") as f:
        head = f.read(8)
    if head == OLE_MAGIC:
        if _ole_is_encrypted(path):
            raise InputError(name, "документ защищен паролем; снимите пароль в Word и проверьте снова")
        raise InputError(name, "это старый формат .doc; откройте файл в Word и сохраните как .docx")
    if not zipfile.is_zipfile(path):
        raise InputError(name, "это не документ Word (.docx): файл не является zip-архивом")
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if "word/document.xml" not in members or "[Content_Types].xml" not in members:
                raise InputError(name, "это zip-архив, но не документ Word: нет word/document.xml")
            total = 0
            for info in members.values():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1024 * 1024 and ratio > MAX_RATIO or total > MAX_UNPACKED_BYTES:
                    raise InputError(name, "архив распаковывается в слишком большой объем; файл похож на zip-бомбу")
            parts = {}
            for member in members:
                if member.endswith(".xml") or member.endswith(".rels"):
                    parts[member] = _parse(archive.read(member), name, member)
    except zipfile.BadZipFile as exc:
        raise InputError(name, f"архив поврежден: {exc}") from None
    except RuntimeError as exc:  # zipfile raises it for encrypted members
        raise InputError(name, f"архив зашифрован или поврежден: {exc}") from None
    return Package(path, parts, _relationships(parts))


def _parse(data: bytes, name: str, member: str) -> etree._Element:
    head = data[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise InputError(name, f"в части {member} есть объявления DTD или сущностей; такие файлы не открываем")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(name, f"часть {member} повреждена: {exc.msg}") from None


def _relationships(parts: dict[str, etree._Element]) -> dict[str, dict[str, tuple[str, str]]]:
    result: dict[str, dict[str, tuple[str, str]]] = {}
    for name, root in parts.items():
        if not name.endswith(".rels"):
            continue
        folder, _, rels_file = name.rpartition("_rels/")
        owner = folder + rels_file[: -len(".rels")]
        result[owner] = {
            rel.get("Id"): (rel.get("Type", "").rsplit("/", 1)[-1], rel.get("Target", ""))
            for rel in root
        }
    return result


def _ole_is_encrypted(path: Path) -> bool:
    """Encrypted .docx files are OLE containers with an EncryptedPackage stream."""
    data = path.read_bytes()[: 2 * 1024 * 1024]
    return "EncryptedPackage".encode("utf-16-le") in data
