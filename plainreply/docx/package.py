"""Opening a .docx safely: every hostile or broken file gets one clear line, never a traceback.

Checks, in order: the file exists and is not too large; it is a zip (an old binary .doc or an
encrypted document is an OLE file, said so); its member names can be read; it holds
word/document.xml; no member unpacks beyond the size and ratio caps (a decompression bomb).

Parts are read and parsed only when the reader asks for them, each once: a package may carry
hundreds of parts nobody reads. A part that is read must unpack cleanly, stay within the caps on
its size, on the elements and attributes of all parts read and on the length of an attribute
value, and declare no DTD or entities.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

from ..errors import InputError

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
# One XML part, unpacked. The body of a letter at the text cap (2 million characters) with Word's
# usual markup is 15-20 MB; anything bigger is padding, and its parsed tree would take ten times that.
MAX_PART_BYTES = 20 * 1024 * 1024
# Tags and attributes ("<" and "=") in all the parts read together. libxml2 takes about 120 bytes a
# tag and 250 an attribute, and the reader adds about 270 bytes per paragraph or run: 800,000 keep
# the trees and the map under about 320 MB. A letter has a few thousand, a 100-page report 250,000.
MAX_NODES = 800_000
# One attribute value. Names, colours, sizes and links are short (a long link is a few thousand
# characters); a value of megabytes is an attack, and every run that inherits it would copy it.
MAX_ATTRIBUTE_CHARS = 64 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# remove_blank_text drops the whitespace between tags, which is no text of the document (a w:t of
# spaces is kept) and would double the nodes of a part padded with it; python-docx parses the same way.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          remove_blank_text=True)
# Evaluated inside libxml2: no attribute value becomes a Python string to be measured.
_LONG_ATTRIBUTE = etree.XPath("boolean(//@*[string-length(.) > $cap])")
# What a damaged member raises while it is unpacked: a corrupt deflate or LZMA stream, a bad CRC, a
# stream cut short, an encrypted or unsupported compression method, a bad local header offset.
_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, RuntimeError,
                  NotImplementedError, ValueError, UnicodeDecodeError)
_MB = 1024 * 1024

Relationships = dict[str, tuple[str, str]]  # rId -> (type, target)


@dataclass
class Package:
    """The XML parts of a .docx. `part(name)` parses a part on first use; `parts` holds those parsed
    (or given), `relationships` the relationships read so far, keyed by the part that owns them."""

    path: Path
    parts: dict[str, etree._Element]
    relationships: dict[str, Relationships]
    load: Callable[[str], bytes | None] | None = field(default=None, repr=False)
    nodes: int = field(default=0, repr=False)

    def close(self) -> None:
        """Let go of the open archive; a part asked for later opens it again."""
        close = getattr(self.load, "close", None)
        if close is not None:
            close()

    def part(self, name: str) -> etree._Element | None:
        if name in self.parts:
            return self.parts[name]
        data = self.load(name) if self.load is not None else None
        if data is None:
            return None
        self.nodes += data.count(b"<") + data.count(b"=")
        if self.nodes > MAX_NODES:
            raise InputError(self.path, f"в документе больше {MAX_NODES:,} элементов и атрибутов разметки; такой "
                             "объем не похож на письмо — сохраните документ в Word заново или разделите его"
                             .replace(",", " "))
        root = parse_part(data, self.path, name)
        self.parts[name] = root
        return root

    def rels(self, owner: str) -> Relationships:
        """The relationships of part `owner` (empty if it has none)."""
        if owner not in self.relationships:
            root = self.part(rels_name(owner))
            self.relationships[owner] = relationships_of(root) if root is not None else {}
        return self.relationships[owner]


def rels_name(owner: str) -> str:
    folder, _, file = owner.rpartition("/")
    return f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"


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
        raise InputError(name, f"файл больше {MAX_FILE_BYTES // _MB} МБ; разделите письмо или уменьшите картинки")
    with path.open("rb") as f:
        head = f.read(8)
    if head == OLE_MAGIC:
        if _ole_is_encrypted(path):
            raise InputError(name, "документ защищен паролем; снимите пароль в Word и проверьте снова")
        raise InputError(name, "это старый формат .doc; откройте файл в Word и сохраните как .docx")
    if not zipfile.is_zipfile(path):
        raise InputError(name, "это не документ Word (.docx): файл не является zip-архивом")
    members = _members(path)
    if "word/document.xml" not in members or "[Content_Types].xml" not in members:
        raise InputError(name, "это zip-архив, но не документ Word: нет word/document.xml")
    _refuse_bombs(name, members)
    package = Package(path, {}, {}, load=_ZipMembers(path, members))
    try:
        package.part("word/document.xml")  # a broken main part is refused now, not halfway through reading
    except InputError:
        package.close()
        raise
    return package


def member_reader(path: Path) -> _ZipMembers:
    """Unpacks the members of the file at `path` on demand, within the part cap; `close()` it."""
    return _ZipMembers(path, _members(path))


def _members(path: Path) -> dict[str, zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            return {info.filename: info for info in archive.infolist()}
    except UnicodeDecodeError:
        raise InputError(path, "в архиве есть файл, имя которого не читается как UTF-8; архив поврежден — "
                         "сохраните документ в Word заново") from None
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, struct.error):
        raise InputError(path, "архив поврежден: не читается его оглавление; сохраните документ в Word заново") from None


def _refuse_bombs(name: str, members: dict[str, zipfile.ZipInfo]) -> None:
    total = 0
    for info in members.values():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _MB and ratio > MAX_RATIO or total > MAX_UNPACKED_BYTES:
            raise InputError(name, "архив распаковывается в слишком большой объем; файл похож на zip-бомбу")


class _ZipMembers:
    """Unpacks members on demand from one open archive, within the part cap. zipfile never returns
    more than the size the directory declares, and those sizes were checked for bombs."""

    def __init__(self, path: Path, members: dict[str, zipfile.ZipInfo]):
        self.path = path
        self.members = members
        self.archive: zipfile.ZipFile | None = None

    def __call__(self, member: str) -> bytes | None:
        info = self.members.get(member)
        if info is None or info.is_dir():
            return None
        if info.file_size > MAX_PART_BYTES:
            raise InputError(self.path, _too_big(member))
        try:
            if self.archive is None:
                self.archive = zipfile.ZipFile(self.path)
            with self.archive.open(info) as stream:
                return stream.read(MAX_PART_BYTES + 1)
        except _UNPACK_ERRORS:
            raise InputError(self.path, f"архив поврежден: часть {member} не распаковывается; сохраните документ "
                             "в Word заново") from None

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None


def _too_big(member: str) -> str:
    return (f"часть {member} больше {MAX_PART_BYTES // _MB} МБ; такой объем не похож на письмо — "
            "сохраните документ в Word заново или разделите его")


def parse_part(data: bytes, path: object, member: str) -> etree._Element:
    """Parse one XML part safely: no DTD or entities, no attribute value longer than the cap."""
    if len(data) > MAX_PART_BYTES:
        raise InputError(path, _too_big(member))
    head = data[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise InputError(path, f"в части {member} есть объявления DTD или сущностей; такие файлы не открываем")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        # libxml2's own text is English and may end in a newline: say what and where, in one line.
        what = "слишком велика для разбора" if "XML_PARSE_HUGE" in str(exc.msg) else "повреждена"
        where = f" (строка {exc.lineno})" if exc.lineno else ""
        raise InputError(path, f"часть {member} {what}{where}; сохраните документ в Word заново") from None
    if _LONG_ATTRIBUTE(root, cap=MAX_ATTRIBUTE_CHARS):
        raise InputError(path, f"в части {member} есть значение атрибута длиннее {MAX_ATTRIBUTE_CHARS // 1024} КБ; "
                         "в документе Word таких не бывает — сохраните документ в Word заново")
    return root


def relationships_of(root: etree._Element) -> Relationships:
    """rId -> (type, target) of a .rels part; external targets (links) are kept as they are."""
    return {rel.get("Id"): (rel.get("Type", "").rsplit("/", 1)[-1], rel.get("Target", ""))
            for rel in root if isinstance(rel.tag, str)}


def _ole_is_encrypted(path: Path) -> bool:
    """Encrypted .docx files are OLE containers with an EncryptedPackage stream."""
    with path.open("rb") as f:
        data = f.read(2 * _MB)
    return "EncryptedPackage".encode("utf-16-le") in data
