"""Hostile Word packages: each gets a result or one Russian line naming the file, never a
traceback; the input is never written; memory stays bounded and reading does not slow down with
the number of findings. Every package is built here with zipfile and small XML strings."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest

from conftest import REPO
from plainreply.cli import main
from plainreply.docx import annotate as annotate_module
from plainreply.docx import package as package_module
from plainreply.docx import reader as reader_module
from plainreply.docx import read_docx
from plainreply.docx.annotate import annotate
from plainreply.engine.model import Finding
from plainreply.errors import InputError
from plainreply.report import Report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
LETTER = [
    "Уважаемая Анна Викторовна!",
    "Министерство рассмотрело Ваше обращение о предоставлении земельного участка в аренду.",
    "Договор аренды продлен до 31 декабря 2026 года; новый договор направлен Вам по почте.",
]
MEMORY_LIMIT_MB = 500


# --- building packages ------------------------------------------------------------------------

def paragraph(text: str, italic: bool = False) -> str:
    props = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return f'<w:p><w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def rels(*items: tuple[str, str, str], external: tuple[str, ...] = ()) -> str:
    body = "".join(f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"'
                   + (' TargetMode="External"' if rid in external else "") + "/>" for rid, kind, target in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PR}">{body}</Relationships>'


def make_docx(path: Path, body: str, parts: dict[str, str | bytes] | None = None,
              document_rels: str | None = rels(("rId1", "styles", "styles.xml"))) -> Path:
    """A package Word and python-docx open: content types, relationships, styles, the body."""
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{MAIN}"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.styles+xml"/></Types>'),
        "_rels/.rels": rels(("rId1", "officeDocument", "word/document.xml")),
        "word/document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
                              f"<w:body>{body}<w:sectPr/></w:body></w:document>"),
        "word/styles.xml": f'<w:styles xmlns:w="{W}"/>',
    }
    if document_rels is not None:
        members["word/_rels/document.xml.rels"] = document_rels
    members.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def letter_docx(path: Path, **options) -> Path:
    return make_docx(path, "".join(paragraph(text) for text in LETTER), **options)


def flip_compressed_bytes(path: Path, member: str) -> Path:
    """Invert bytes near the start of one member's deflate stream, where its code tables are, so
    that zlib itself fails (not only the CRC); the zip directory stays valid."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 2
    for k in range(start, start + min(30, info.compress_size - 4)):
        data[k] ^= 0xFF
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(zlib.error):
        archive.read(member)  # the stream itself is broken, not only its checksum
    return path


def rename_member(path: Path, placeholder: str, raw: bytes, utf8_flag: bool) -> Path:
    """Give a member raw name bytes of the same length in both its headers, flag bit 11 set or not."""
    old = placeholder.encode("ascii")
    assert len(raw) == len(old)
    data = bytearray(path.read_bytes())
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = data.find(signature)
        while data[at + name_at:at + name_at + len(old)] != old:
            at = data.find(signature, at + 4)
        data[at + name_at:at + name_at + len(old)] = raw
        flags = int.from_bytes(data[at + flag_at:at + flag_at + 2], "little")
        flags = flags | 0x800 if utf8_flag else flags & ~0x800
        data[at + flag_at:at + flag_at + 2] = flags.to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


def words(count: int, seed: int = 1) -> str:
    """Russian words in random order: about 5× compressible, never mistaken for a zip bomb."""
    rng = random.Random(seed)
    pool = ["договор", "аренды", "продлен", "участок", "заявление", "рассмотрено", "срок", "министерство"]
    chunk = " ".join(rng.choice(pool) for _ in range(5_000)) + " "
    return (chunk * (count // len(chunk) + 1))[:count]


def headers_with_runs(path: Path, parts: int, run_chars: int, referenced: bool = True) -> Path:
    run = words(run_chars)
    headers = {f"word/header{k}.xml": f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>{run}</w:t></w:r></w:p></w:hdr>'
               for k in range(parts)}
    sections = "".join(f'<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="h{k}"/></w:sectPr>'
                       "</w:pPr></w:p>" for k in range(parts)) if referenced else ""
    document_rels = rels(("rId1", "styles", "styles.xml"), *((f"h{k}", "header", f"header{k}.xml") for k in range(parts)))
    return make_docx(path, paragraph(LETTER[1]) + sections, headers, document_rels)


def long_font_name(path: Path, chars: int, runs: int) -> Path:
    chunk = "".join(random.Random(7).choices("abcdefghijklmnopqrstuvwxyz", k=50_000))  # > deflate's window
    name = (chunk * (chars // len(chunk) + 1))[:chars]
    styles = (f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:hAnsi="{name}"/>'
              "</w:rPr></w:rPrDefault></w:docDefaults></w:styles>")
    body = "".join(paragraph(f"Договор аренды номер {k} продлен.") for k in range(runs))
    return make_docx(path, body, {"word/styles.xml": styles})


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused_in_one_line(capsys, path: Path, *extra: str) -> str:
    """Run `plainreply check` and return its one line on stderr; exit code 2, nothing on stdout."""
    code = main(["check", str(path), *extra])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err and "внутренняя ошибка" not in err
    return err


def in_child(code: str, *arguments: str) -> dict:
    """Run `code` in a fresh interpreter; it leaves its result in `result`. Returns it with the
    child's own peak RSS (VmHWM: ru_maxrss would carry this test process's peak over exec)."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from plainreply.errors import PlainreplyError\n"
        "result = {}\n"
        "try:\n" + "".join(f"    {line}\n" for line in code.strip().splitlines()) +
        "except PlainreplyError as exc:\n"
        "    result['error'] = str(exc)\n"
        "status = open('/proc/self/status').read()\n"
        "result['peak_mb'] = int(status.split('VmHWM:')[1].split()[0]) / 1024\n"
        "print(json.dumps(result, ensure_ascii=False))\n")
    done = subprocess.run([sys.executable, "-c", script, *arguments], capture_output=True, text=True, timeout=60,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")


# --- 1. damaged archives --------------------------------------------------------------------------

def test_corrupt_deflate_stream_in_the_body_is_one_line(tmp_path, capsys):
    path = make_docx(tmp_path / "corrupt.docx", "".join(paragraph(t) for t in LETTER * 40))
    flip_compressed_bytes(path, "word/document.xml")
    with pytest.raises(InputError) as caught:
        read_docx(path)
    assert "word/document.xml не распаковывается" in str(caught.value)
    assert "не распаковывается" in refused_in_one_line(capsys, path)


def test_corrupt_deflate_stream_in_a_part_read_later_is_one_line(tmp_path, capsys):
    styles = f'<w:styles xmlns:w="{W}">' + "".join(
        f'<w:style w:type="paragraph" w:styleId="S{k}"><w:name w:val="Стиль {k}"/></w:style>' for k in range(300)
    ) + "</w:styles>"
    path = flip_compressed_bytes(letter_docx(tmp_path / "styles.docx", parts={"word/styles.xml": styles}),
                                 "word/styles.xml")
    assert "word/styles.xml не распаковывается" in refused_in_one_line(capsys, path)


def test_a_damaged_part_nobody_reads_does_not_stop_the_check(tmp_path):
    path = letter_docx(tmp_path / "media.docx", parts={"word/media/image1.png": words(20_000).encode()})
    flip_compressed_bytes(path, "word/media/image1.png")
    assert read_docx(path).text.startswith("Уважаемая Анна Викторовна!")


# --- 2. member names that are not UTF-8 ---------------------------------------------------------------

def test_member_name_flagged_utf8_but_not_utf8_is_one_line(tmp_path, capsys):
    path = letter_docx(tmp_path / "flagged.docx", parts={"word/media/XX.bin": b"\x00" * 64})
    rename_member(path, "word/media/XX.bin", b"word/media/\xff\xfe.bin", utf8_flag=True)
    assert "UTF-8" in refused_in_one_line(capsys, path)


def test_member_name_in_an_old_code_page_is_ignored(tmp_path, capsys):
    path = letter_docx(tmp_path / "cp437.docx", parts={"word/XX.xml": b"<broken"})
    rename_member(path, "word/XX.xml", b"word/\x8e\xa0.xml", utf8_flag=False)
    assert read_docx(path).text.split("\n\n") == LETTER
    assert main(["check", str(path)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


# --- 3. --annotate on broken relationships -----------------------------------------------------------

def anchored_texts(path: Path) -> dict[int, str]:
    """Comment id -> the body text between its range start and end."""
    with zipfile.ZipFile(path) as archive:
        root = docx.oxml.parse_xml(archive.read("word/document.xml"))
    texts: dict[int, str] = {}
    open_ids: set[str] = set()
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "commentRangeStart":
            open_ids.add(element.get(f"{{{W}}}id"))
        elif tag == "commentRangeEnd":
            open_ids.discard(element.get(f"{{{W}}}id"))
        elif tag == "t":
            for cid in open_ids:
                texts[int(cid)] = texts.get(int(cid), "") + (element.text or "")
    return texts


@pytest.mark.parametrize("case", ["missing-rels", "external-link"])
def test_annotate_writes_a_correct_copy_when_relationships_are_odd(tmp_path, capsys, case):
    if case == "missing-rels":
        source = letter_docx(tmp_path / "in.docx", document_rels=None)
    else:
        source = letter_docx(tmp_path / "in.docx", document_rels=rels(
            ("rId1", "styles", "styles.xml"), ("rId2", "hyperlink", "https://mio.example.ru/opros"),
            external=("rId2",)))
    before = sha(source)
    out = tmp_path / "out.docx"
    code = main(["check", str(source), "--annotate", str(out)])
    err = capsys.readouterr().err
    assert code in (0, 1) and "plainreply:" not in err and sha(source) == before
    report = plainreply_report(source)
    comments = [c for c in docx.Document(str(out)).comments if c.author == "plainreply"]
    assert len(comments) == len(report.findings) > 0
    assert [p.text for p in docx.Document(str(out)).paragraphs] == LETTER


def plainreply_report(path: Path) -> Report:
    from plainreply.linter import default_linter

    return default_linter().check_docx(path)


@pytest.mark.parametrize("case, message", [
    ("external-styles", "внешней ссылкой"),
    ("missing-part", "word/header9.xml, которой нет в архиве"),
    ("corrupt-unread-part", "поврежден"),
])
def test_annotate_refuses_in_one_line_what_it_cannot_copy(tmp_path, capsys, case, message):
    if case == "external-styles":
        source = letter_docx(tmp_path / "in.docx", document_rels=rels(
            ("rId1", "styles", "https://example.org/styles.xml"), external=("rId1",)))
    elif case == "missing-part":
        source = letter_docx(tmp_path / "in.docx", document_rels=rels(
            ("rId1", "styles", "styles.xml"), ("rId3", "header", "header9.xml")))
    else:  # a part the reader skips but python-docx loads
        source = letter_docx(tmp_path / "in.docx", document_rels=rels(
            ("rId1", "styles", "styles.xml"), ("rId4", "settings", "settings.xml")),
            parts={"word/settings.xml": f'<w:settings xmlns:w="{W}">' + "<w:zoom/>" * 400 + "</w:settings>"})
        flip_compressed_bytes(source, "word/settings.xml")
    before = sha(source)
    out = tmp_path / "out.docx"
    err = refused_in_one_line(capsys, source, "--annotate", str(out))
    assert message in err and "копию записать нельзя" in err
    assert sha(source) == before and not out.exists()


def report_with(text: str, spans: list[tuple[int, int]]) -> Report:
    findings = [Finding(f"r{k}", "bureaucratese", "warning", start, end, f"Замечание {k}", "")
                for k, (start, end) in enumerate(spans)]
    return Report(text=text, findings=findings, profile="default", words=len(text.split()), sentences=1,
                  readability=0.0)


def test_comments_cut_one_long_run_in_many_overlapping_places(tmp_path):
    text = "Министерство рассмотрело Ваше обращение о предоставлении земельного участка в аренду."
    source = make_docx(tmp_path / "in.docx", paragraph("Уважаемая Анна Викторовна!") + paragraph(text, italic=True))
    offset = len("Уважаемая Анна Викторовна!\n\n")
    wanted = ["рассмотрело", "рассмотрело Ваше обращение", "Ваше", "обращение о предоставлении",
              "земельного участка в аренду.", "аренду", "Министерство"]
    spans = [(offset + text.index(w), offset + text.index(w) + len(w)) for w in wanted] + [(0, 0)]
    full = read_docx(source).text
    report = report_with(full, spans)
    out = tmp_path / "out.docx"
    annotate(report, source, out)
    annotated = docx.Document(str(out))
    texts = anchored_texts(out)
    by_message = {c.text.split("\n")[0]: texts[c.comment_id] for c in annotated.comments}
    ordered = sorted(range(len(spans)), key=lambda k: spans[k])
    assert [by_message[f"Замечание {k}"] for k in ordered] == [
        "Уважаемая Анна Викторовна!" if spans[k] == (0, 0) else full[spans[k][0]:spans[k][1]] for k in ordered]
    assert [p.text for p in annotated.paragraphs] == ["Уважаемая Анна Викторовна!", text]
    italic = [r.font.italic for r in annotated.paragraphs[1].runs if r.text]
    assert italic and all(italic)  # every piece keeps the run's formatting


def test_more_findings_than_comments_say_how_many_are_left_out(tmp_path, monkeypatch):
    monkeypatch.setattr(annotate_module, "MAX_COMMENTS", 3)
    source = letter_docx(tmp_path / "in.docx")
    text = read_docx(source).text
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Министерство", "участка", "аренду", "Договор", "почте")]
    annotate(report_with(text, spans), source, tmp_path / "out.docx")
    comments = list(docx.Document(str(tmp_path / "out.docx")).comments)
    assert len(comments) == 4
    assert comments[-1].text == ("Замечаний всего 5; примечаниями показаны первые 3, остальные 2 — "
                                 "в отчете plainreply check.")


# --- 4. caps and bounded memory --------------------------------------------------------------------

READ = "text = read_docx(Path(sys.argv[1]))\nresult['chars'] = len(text.text)"
READ_IMPORT = "from plainreply.docx import read_docx\n"


@needs_proc
def test_twenty_headers_of_a_1_mb_run_are_refused_by_the_run_cap_in_bounded_memory(tmp_path):
    path = headers_with_runs(tmp_path / "stuffed.docx", 20, 550_000)  # 550,000 Cyrillic letters ≈ 1 MB
    result = in_child(READ_IMPORT + READ, str(path))
    assert "фрагмент текста длиннее 500 000 знаков" in result["error"] and str(path) in result["error"]
    assert result["peak_mb"] < MEMORY_LIMIT_MB


@needs_proc
def test_twenty_headers_under_the_run_cap_stop_at_the_text_cap_in_bounded_memory(tmp_path):
    path = headers_with_runs(tmp_path / "stuffed.docx", 20, 400_000)
    result = in_child(READ_IMPORT + READ, str(path))
    assert "текст документа длиннее 2 000 000 знаков" in result["error"]
    assert result["peak_mb"] < MEMORY_LIMIT_MB


@needs_proc
def test_parts_nobody_uses_are_never_parsed(tmp_path):
    runs = "".join(f"<w:r><w:t>{word} </w:t></w:r>" for word in words(1_000_000).split())  # 1 MB, 130,000 runs
    unused = {f"word/part{k}.xml": f'<w:hdr xmlns:w="{W}"><w:p>{runs}</w:p></w:hdr>' for k in range(20)}
    path = letter_docx(tmp_path / "unused.docx", parts=unused)
    result = in_child(READ_IMPORT + READ, str(path))
    assert result.get("chars") == len("\n\n".join(LETTER)) and "error" not in result
    assert result["peak_mb"] < 150  # parsed, as before, the twenty parts took almost 900 MB


@needs_proc
def test_five_megabyte_attribute_is_refused_through_the_command_line_in_bounded_memory(tmp_path):
    path = long_font_name(tmp_path / "attribute.docx", 5_000_000, 200)
    code = ("from plainreply.cli import main\n"
            "import contextlib, io\n"
            "err = io.StringIO()\n"
            "with contextlib.redirect_stderr(err):\n"
            "    result['code'] = main(['check', sys.argv[1]])\n"
            "result['stderr'] = err.getvalue()")
    result = in_child(code, str(path))
    assert result["code"] == 2 and result["stderr"].count("\n") == 1
    assert "значение атрибута длиннее 64 КБ" in result["stderr"] and str(path) in result["stderr"]
    assert result["peak_mb"] < MEMORY_LIMIT_MB


def test_an_inherited_font_name_is_shared_by_every_run(tmp_path):
    """Resolving a style anew for each run copied its strings: 2,000 runs of a 1 MB font name took
    gigabytes. Runs with the same formatting now share one format and one font name."""
    path = long_font_name(tmp_path / "font.docx", 60_000, 50)
    segments = read_docx(path).segments
    assert len(segments) == 50 and len(segments[0].font) == 60_000
    assert all(s.format is segments[0].format and s.font is segments[0].font for s in segments)


@pytest.mark.parametrize("cap, value, make, message", [
    ("MAX_PART_BYTES", 200, lambda p: letter_docx(p), "word/document.xml больше"),
    ("MAX_NODES", 20, lambda p: letter_docx(p), "элементов и атрибутов разметки"),
])
def test_package_caps_name_the_cap_and_what_to_do(tmp_path, capsys, monkeypatch, cap, value, make, message):
    path = make(tmp_path / "draft.docx")
    assert read_docx(path).text  # under the real caps this letter reads
    monkeypatch.setattr(package_module, cap, value)
    err = refused_in_one_line(capsys, path)
    assert message in err and "сохраните документ в Word заново" in err


def test_text_and_run_caps(tmp_path, monkeypatch):
    path = letter_docx(tmp_path / "draft.docx")
    with pytest.raises(InputError, match="текст документа длиннее 100 знаков"):
        read_docx(path, max_chars=100)
    assert len(read_docx(path, max_chars=None).text) > 100
    monkeypatch.setattr(reader_module, "MAX_RUN_CHARS", 50)
    with pytest.raises(InputError, match="фрагмент текста длиннее 50 знаков"):
        read_docx(path)


def test_odd_numbers_in_formatting_are_ignored_not_fatal(tmp_path):
    run = ('<w:p><w:r><w:rPr><w:rFonts w:hAnsi="Arial"/><w:sz w:val="²"/></w:rPr><w:t>Текст.</w:t></w:r></w:p>'
           f'<w:p><w:r><w:rPr><w:sz w:val="{"9" * 5000}"/></w:rPr><w:t>Еще.</w:t></w:r></w:p>')
    fonts = (f'<w:fonts xmlns:w="{W}"><w:font w:name="Arial"><w:panose1 w:val="02zz0604020202020204"/>'
             "</w:font></w:fonts>")
    path = make_docx(tmp_path / "odd.docx", run, {"word/fontTable.xml": fonts})
    assert main(["check", str(path)]) in (0, 1)
    assert [s.format.size for s in read_docx(path).segments] == [None, None]


# --- 5. locating findings does not scan the document -----------------------------------------------

class CountingList(list):
    def __init__(self, items):
        super().__init__(items)
        self.scans = 0

    def __iter__(self):
        self.scans += 1
        return super().__iter__()


def test_locations_match_a_plain_scan_and_cost_one_pass(tmp_path):
    body = ("".join(paragraph(f"Абзац {k}: договор продлен.", italic=k % 3 == 0) for k in range(300))
            + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ячейка</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>'
            "<w:t>скрыто</w:t></w:r><w:r><w:t xml:space=\"preserve\"> видна</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    source = read_docx(make_docx(tmp_path / "long.docx", body))
    text = source.text

    def plain_scan(offset: int):
        for segment in source.segments:
            if segment.start <= offset < segment.end or offset == segment.end == len(text):
                runs = list(segment.run.getparent().iter(f"{{{W}}}r"))
                return {"story": segment.story, "paragraph": segment.paragraph, "run": runs.index(segment.run),
                        "offset_in_run": segment.run_offset + offset - segment.start}
        return None

    expected = [plain_scan(offset) for offset in range(len(text) + 1)]
    source.segments = CountingList(source.segments)
    assert [source.location(offset) for offset in range(len(text) + 1)] == expected
    assert source.segments.scans == 1
    assert source.location(len(text) - 1)["run"] == 2  # the hidden run still counts as a run
