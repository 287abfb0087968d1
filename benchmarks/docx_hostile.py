#!/usr/bin/env python3
"""Word drafts, long and hostile: time per paragraph, and what each crafted package gets.

Usage: python benchmarks/docx_hostile.py [--sizes 1000,10000,100000] [--only NAME] [--no-hostile] [--timeout 600]

Every measurement runs in its own process, which prints its outcome, wall time and peak RSS:
  - scaling: drafts of 1k, 10k and 100k paragraphs, of real letters (../shared/corpus, some runs
    italic) and of one short sentence each, read with `read_docx` (under the default caps, and with
    the caps lifted to see the slope), checked whole with `default_linter().check_docx(path)` plus
    the JSON locations of every finding, and (letters up to 10k) annotated with `--annotate`'s
    function; time per paragraph should stay flat;
  - hostile packages: a corrupt deflate stream, member names that are not UTF-8, `--annotate` on
    broken relationships, 199 parts with a 1 MB run each, attributes of 1 and 5 MB, a million
    empty paragraphs. Each must end in a result or one line, within 30 s and 500 MB.

The packages are built with zipfile and small XML strings, not with plainreply, so the script can
measure an older checkout too: `PYTHONPATH=/path/to/old python benchmarks/docx_hostile.py`.
`benchmarks/hostile.py` runs CLI_CASES through the command line.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Callable, Iterable
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
LETTERS = REPO.parent / "shared" / "corpus" / "replies-dev.jsonl"
LIMIT_SECONDS, LIMIT_MB = 30, 500

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
FALLBACK_PARAGRAPHS = [
    "Уважаемая Анна Викторовна!",
    "Министерство рассмотрело Ваше обращение о предоставлении земельного участка в аренду.",
    "Договор аренды продлен до 31 декабря 2026 года; новый договор направлен Вам по почте.",
    "Если у Вас остались вопросы, позвоните нам по телефону 8 (3412) 22-33-44.",
]


# --- building packages ------------------------------------------------------------------------

def content_types(overrides: dict[str, str]) -> str:
    items = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{items}</Types>')


def relationships(items: list[tuple[str, str, str]], external: set[str] = frozenset()) -> str:
    rels = "".join(f'<Relationship Id="{rid}" Type="{RT}/{kind}" Target="{escape(target)}"'
                   + (' TargetMode="External"' if rid in external else "") + "/>" for rid, kind, target in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PR}">{rels}</Relationships>'


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}'
            '<w:sectPr/></w:body></w:document>')


def paragraph_xml(text: str, italic_first_word: bool = False) -> str:
    if italic_first_word and " " in text:
        first, rest = text.split(" ", 1)
        return (f'<w:p><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{escape(first)} </w:t></w:r>'
                f'<w:r><w:t xml:space="preserve">{escape(rest)}</w:t></w:r></w:p>')
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def package(path: Path, body: str, parts: dict[str, str | bytes] | Iterable[tuple[str, str | bytes]] | None = None,
            document_rels: str | None = None, overrides: dict[str, str] | None = None) -> Path:
    """A minimal valid .docx: content types, package relationships, the body, and extra parts
    (pairs may come from a generator, so that big parts are made one at a time)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types({"word/document.xml": MAIN, **(overrides or {})}))
        archive.writestr("_rels/.rels", relationships([("rId1", "officeDocument", "word/document.xml")]))
        archive.writestr("word/document.xml", document_xml(body))
        if document_rels is not None:
            archive.writestr("word/_rels/document.xml.rels", document_rels)
        for name, data in parts.items() if isinstance(parts, dict) else parts or ():
            archive.writestr(name, data)
    return path


def letter_paragraphs(count: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8")] if LETTERS.exists() else []
    pool = [" ".join(p.split()) for text in texts for p in text.split("\n\n") if p.strip()] or FALLBACK_PARAGRAPHS
    return [pool[k % len(pool)] for k in range(count)]


def long_draft(path: Path, paragraphs: int, short: bool = False) -> Path:
    """Paragraphs of real letters (every seventh with an italic word), or (short) plain list items of
    one sentence: 100,000 of those stay under the caps, so a draft that long is checked, not refused."""
    texts = [f"Пункт {k % 100:02d} выполнен." for k in range(paragraphs)] if short else letter_paragraphs(paragraphs)
    body = "".join(paragraph_xml(text, italic_first_word=not short and k % 7 == 0) for k, text in enumerate(texts))
    return package(path, body)


def flip_inside_compressed(path: Path, member: str) -> Path:
    """Invert 30 bytes near the start of `member`'s deflate stream, where its code tables are:
    zlib fails to inflate it (bytes flipped later may inflate to garbage that only the CRC catches).
    The zip directory stays intact."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    header = info.header_offset
    name_length = int.from_bytes(data[header + 26:header + 28], "little")
    extra_length = int.from_bytes(data[header + 28:header + 30], "little")
    start = header + 30 + name_length + extra_length + 2
    for k in range(start, start + min(30, info.compress_size - 4)):
        data[k] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def rename_member(path: Path, placeholder: str, raw: bytes, utf8_flag: bool) -> Path:
    """Give member `placeholder` the raw name bytes `raw` (same length) in both of its headers,
    with the UTF-8 flag (bit 11) set or unset."""
    assert len(raw) == len(placeholder.encode("ascii"))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(placeholder)
    data = bytearray(path.read_bytes())
    old = placeholder.encode("ascii")
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = info.header_offset if signature == b"PK\x03\x04" else _central_entry(data, old)
        assert data[at:at + 4] == signature and data[at + name_at:at + name_at + len(old)] == old
        data[at + name_at:at + name_at + len(old)] = raw
        flags = int.from_bytes(data[at + flag_at:at + flag_at + 2], "little")
        flags = flags | 0x800 if utf8_flag else flags & ~0x800
        data[at + flag_at:at + flag_at + 2] = flags.to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


def _central_entry(data: bytearray, name: bytes) -> int:
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == name:
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise ValueError(f"no central entry for {name!r}")


def words_text(size: int, seed: int = 1) -> str:
    """`size` characters of Russian words in random order: compressible about 5×, so a few
    hundred megabytes fit in a file under the size cap without looking like a zip bomb."""
    rng = random.Random(seed)
    words = ["договор", "аренды", "продлен", "участок", "заявление", "рассмотрено", "срок", "министерство",
             "ответ", "решение", "письмо", "адрес", "дом", "кадастровый", "номер", "выписка"]
    chunk = " ".join(rng.choice(words) for _ in range(20_000)) + " "
    return (chunk * (size // len(chunk) + 1))[:size]


def stuffed_parts(path: Path, parts: int, run_chars: int, referenced: bool) -> Path:
    """`parts` header parts with one run of `run_chars` characters each, used by the sections
    (referenced) or merely lying in the archive."""
    run = escape(words_text(run_chars))
    names = [f"word/header{k}.xml" for k in range(parts)]
    headers = ((name, f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>{run}</w:t></w:r></w:p></w:hdr>') for name in names)
    sections = "".join(f'<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId{k}"/></w:sectPr>'
                       '</w:pPr></w:p>' for k in range(parts)) if referenced else ""
    rels = relationships([(f"rId{k}", "header", f"header{k}.xml") for k in range(parts)])
    body = paragraph_xml("Министерство рассмотрело Ваше обращение.") + sections
    return package(path, body, headers, rels, {name: HEADER for name in names})


def long_attributes(path: Path, attribute_chars: int, runs: int) -> Path:
    """A style font name of `attribute_chars` Latin letters inherited by `runs` runs."""
    rng = random.Random(2)
    chunk = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(50_000))
    name = (chunk * (attribute_chars // len(chunk) + 1))[:attribute_chars]
    styles = (f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:hAnsi="{name}"/>'
              '</w:rPr></w:rPrDefault></w:docDefaults></w:styles>')
    body = "".join(paragraph_xml(f"Договор аренды номер {k} продлен.") for k in range(runs))
    return package(path, body, {"word/styles.xml": styles}, relationships([("rId1", "styles", "styles.xml")]),
                   {"word/styles.xml": STYLES})


def empty_paragraphs(path: Path, count: int) -> Path:
    rng = random.Random(3)
    body = "".join(f'<w:p w:rsidR="{rng.getrandbits(32):08X}"/>' for _ in range(count))
    return package(path, body)


def annotate_base(path: Path) -> Path:
    body = (paragraph_xml("Уважаемая Анна Викторовна!")
            + paragraph_xml("В целях обеспечения доступа данный участок предоставлен в аренду.", True))
    return package(path, body, {"word/styles.xml": f'<w:styles xmlns:w="{W}"/>'},
                   relationships([("rId1", "styles", "styles.xml")]), {"word/styles.xml": STYLES})


def annotate_broken(kind: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        base = annotate_base(path)
        if kind == "missing-rels":
            return _drop_member(base, "word/_rels/document.xml.rels")
        items = [("rId1", "styles", "styles.xml")]
        external: set[str] = set()
        if kind == "external-styles":
            items = [("rId1", "styles", "https://example.org/styles.xml")]
            external = {"rId1"}
        elif kind == "external-link":
            items.append(("rId2", "hyperlink", "https://mio.example.ru/opros"))
            external = {"rId2"}
        elif kind == "missing-part":
            items.append(("rId3", "header", "header9.xml"))
        return _replace_member(base, "word/_rels/document.xml.rels", relationships(items, external))
    return build


def _drop_member(path: Path, member: str) -> Path:
    return _rewrite(path, lambda name, data: None if name == member else data)


def _replace_member(path: Path, member: str, text: str) -> Path:
    return _rewrite(path, lambda name, data: text.encode("utf-8") if name == member else data)


def _rewrite(path: Path, edit: Callable[[str, bytes], bytes | None]) -> Path:
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            new = edit(name, data)
            if new is not None:
                archive.writestr(name, new)
    return path


def corrupt_deflate(path: Path) -> Path:
    body = "".join(paragraph_xml(text) for text in letter_paragraphs(200))
    return flip_inside_compressed(package(path, body), "word/document.xml")


def odd_name(utf8_flag: bool) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        package(path, paragraph_xml("Министерство рассмотрело Ваше обращение."), {"word/media/XX.bin": b"\x00" * 64})
        return rename_member(path, "word/media/XX.bin", b"word/media/\xff\xfe.bin", utf8_flag)
    return build


# name -> (builder, what the process does with it)
HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "corrupt-deflate": (corrupt_deflate, "check"),
    "name-not-utf8-flagged": (odd_name(True), "check"),
    "name-not-utf8-cp437": (odd_name(False), "check"),
    "annotate-missing-rels": (annotate_broken("missing-rels"), "annotate"),
    "annotate-external-styles": (annotate_broken("external-styles"), "annotate"),
    "annotate-external-link": (annotate_broken("external-link"), "annotate"),
    "annotate-missing-part": (annotate_broken("missing-part"), "annotate"),
    # 550,000 Cyrillic characters are about 1 MB of XML: 199 of them just fit the 200 MB archive cap.
    "199-headers-1MB-run": (lambda p: stuffed_parts(p, 199, 550_000, referenced=True), "check"),
    "199-parts-1MB-unused": (lambda p: stuffed_parts(p, 199, 550_000, referenced=False), "check"),
    "20-headers-400k-run": (lambda p: stuffed_parts(p, 20, 400_000, referenced=True), "check"),
    "attribute-1MB-2000-runs": (lambda p: long_attributes(p, 1_000_000, 2_000), "check"),
    "attribute-5MB": (lambda p: long_attributes(p, 5_000_000, 200), "check"),
    "390k-empty-paragraphs": (lambda p: empty_paragraphs(p, 390_000), "check"),
    "800k-empty-paragraphs": (lambda p: empty_paragraphs(p, 800_000), "check"),
}


def _cli_case(build: Callable[[Path], Path], action: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        build(folder / "draft.docx")
        return ["draft.docx", "--annotate", "annotated.docx"] if action == "annotate" else ["draft.docx"]
    return make


CLI_CASES = {f"docx-{name}": _cli_case(build, action) for name, (build, action) in HOSTILE.items()}


# --- measuring in a child process ---------------------------------------------------------------

def child(action: str, path: Path) -> dict[str, object]:
    """Run one action and describe its outcome; the parent adds time and memory."""
    from plainreply.errors import PlainreplyError

    try:
        if action.startswith("read"):
            return _read(path, lifted=action == "read-lifted")
        from plainreply.linter import default_linter

        linter = default_linter()
        linter.check("Мы продлили договор.")  # rules and dictionaries loaded before the clock starts
        started = time.perf_counter()
        report = linter.check_docx(path)
        if action == "annotate":  # the time is the annotating alone
            from plainreply.docx.annotate import annotate

            before = hashlib.sha256(path.read_bytes()).hexdigest()
            started = time.perf_counter()
            annotate(report, path, path.with_name("annotated.docx"))
            seconds = time.perf_counter() - started
            unchanged = hashlib.sha256(path.read_bytes()).hexdigest() == before
            return {"outcome": f"annotated copy written ({len(report.findings)} findings); input "
                               f"{'unchanged' if unchanged else 'MODIFIED'}", "seconds": seconds}
        located = report.to_dict()["findings"]
        return {"outcome": f"{len(report.text):,} chars, {len(located)} findings located",
                "seconds": time.perf_counter() - started}
    except PlainreplyError as exc:
        return {"outcome": f"refused: {exc}", "lines": str(exc).count("\n") + 1}
    except MemoryError:
        return {"outcome": f"OVER {MEMORY_CEILING_MB} MB of address space (MemoryError)"}
    except Exception as exc:  # noqa: BLE001 — a traceback is exactly what this benchmark looks for
        return {"outcome": f"TRACEBACK {type(exc).__name__}: {str(exc)[:120]}"}


def _read(path: Path, lifted: bool) -> dict[str, object]:
    from plainreply.docx import package, read_docx

    options = {}
    if lifted:  # the caps off, to see how reading itself scales
        for cap in ("MAX_PART_BYTES", "MAX_NODES"):
            if hasattr(package, cap):
                setattr(package, cap, 1 << 40)
        if "max_chars" in inspect.signature(read_docx).parameters:
            options["max_chars"] = None
    started = time.perf_counter()
    text = read_docx(path, **options)
    return {"outcome": f"{len(text.text):,} chars, {len(text.segments):,} segments",
            "seconds": time.perf_counter() - started}


MEMORY_CEILING_MB = 4000  # address space per measured process: an old checkout must not take the machine down


def _limit_memory() -> None:
    import resource

    ceiling = MEMORY_CEILING_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


def measure(action: str, path: Path, timeout: float) -> dict[str, object]:
    """Run `action` on `path` in a fresh process: its outcome, wall time and its own peak RSS."""
    command = [sys.executable, __file__, "--child", action, str(path)]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=path.parent, preexec_fn=_limit_memory)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)  # wait4, not wait: it gives this child's own peak
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        printed, complaint = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    rss = usage.ru_maxrss / 1024
    if process.returncode == -9 and wall >= timeout:
        return {"outcome": f"did not finish in {timeout:.0f} s", "wall": wall, "rss": rss}
    try:
        result = json.loads(printed.strip().splitlines()[-1])
    except (ValueError, IndexError):
        last = complaint.strip().splitlines()[-1:] or ["(no output)"]
        result = {"outcome": f"process failed (exit {process.returncode}): {last[0][:120]}"}
    result["wall"] = wall
    result["rss"] = result.pop("peak_mb", rss)
    return result


def _child_main(action: str, path: str) -> None:
    result = child(action, Path(path))
    result["peak_mb"] = peak_rss_mb()
    print(json.dumps(result, ensure_ascii=False))


def peak_rss_mb() -> float:
    """This process's peak RSS. Linux carries ru_maxrss across fork and exec, so a child of a big
    parent would report the parent's peak; VmHWM belongs to the process's own memory."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scaling(sizes: list[int], timeout: float, folder: Path) -> None:
    print("scaling (seconds are the action alone; per paragraph in microseconds)")
    for short, title in ((False, "paragraphs of real letters, about 106 characters each"),
                         (True, "short paragraphs, «Пункт 12 выполнен.» (18 characters)")):
        print(f"  {title}")
        for paragraphs in sizes:
            path = long_draft(folder / f"draft-{paragraphs}-{'short' if short else 'letters'}.docx", paragraphs, short)
            for action in ("read", "read-lifted", "check", "annotate"):
                if action == "annotate" and (short or paragraphs > 10_000):
                    continue  # the letters up to 10k paragraphs show the slope; more are refused anyway
                _scaling_row(paragraphs, action, measure(action, path, timeout))


def _scaling_row(paragraphs: int, action: str, result: dict[str, object]) -> None:
    seconds = result.get("seconds")
    per = f"{seconds / paragraphs * 1e6:8.0f} us/par" if isinstance(seconds, float) else " " * 15
    shown = f"{seconds:7.2f} s" if isinstance(seconds, float) else "      — "
    print(f"  {paragraphs:>9,} paragraphs  {action:<11s} {shown} {per}  {result['rss']:6.0f} MB  "
          f"{str(result['outcome'])[:110]}", flush=True)


def hostile(only: str | None, timeout: float, folder: Path) -> int:
    print(f"hostile packages (limits: {LIMIT_SECONDS} s and {LIMIT_MB} MB per process, one line when refused)")
    over = 0
    for name, (build, action) in HOSTILE.items():
        if only and only not in name:
            continue
        case = folder / name
        case.mkdir()
        path = build(case / "draft.docx")
        size = path.stat().st_size / 1024 / 1024
        result = measure(action, path, timeout)
        outcome = str(result["outcome"])
        ok = (result["wall"] <= LIMIT_SECONDS and result["rss"] <= LIMIT_MB and "TRACEBACK" not in outcome
              and "MODIFIED" not in outcome and result.get("lines", 1) == 1 and "failed" not in outcome)
        over += not ok
        print(f"  {name:26s} {size:6.1f} MB file  {action:<8s} {result['wall']:6.2f} s  {result['rss']:6.0f} MB  "
              f"{'ok  ' if ok else 'FAIL'}  {outcome[:150]}", flush=True)
    return over


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="paragraph counts, comma-separated ('' to skip)")
    parser.add_argument("--only", help="run only the hostile cases whose name contains this text")
    parser.add_argument("--no-hostile", action="store_true", help="only the scaling series")
    parser.add_argument("--timeout", type=float, default=600.0, help="kill a measurement after this many seconds")
    parser.add_argument("--child", nargs=2, metavar=("ACTION", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child_main(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        if sizes and not args.only:
            scaling(sizes, args.timeout, folder)
        if args.no_hostile:
            return
        over = hostile(args.only, args.timeout, folder)
    print(f"{over} hostile case(s) over the limits" if over else "every hostile case within the limits")


if __name__ == "__main__":
    main()
