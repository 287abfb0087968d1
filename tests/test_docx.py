"""Word drafts: faithful reading, effective formatting, annotated copies and hostile files."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import plainreply
from plainreply.cli import main
from plainreply.docx import read_docx
from plainreply.docx.examples import build_docx

SURVEY = "Оцените, пожалуйста, наш ответ: https://mio.example.ru/opros"


def spans(report, category=None, rule=None):
    return [report.text[f.start:f.end] for f in report.findings
            if (category is None or f.category == category) and (rule is None or f.rule == rule)]


# --- reading ----------------------------------------------------------------------------------

def _rich_draft(path: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Министерство имущественных отношений"
    document.sections[0].footer.paragraphs[0].text = "Исполнитель: Д. С. Зорина"
    document.add_paragraph("Уважаемая Анна Викторовна!")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Верх"
    table.cell(0, 1).text = "Справа"
    merged = table.cell(0, 0).merge(table.cell(1, 0))  # vertical merge: read once
    merged.paragraphs[0].text = "Слитая ячейка"
    table.cell(1, 1).text = "Низ"
    nested = table.cell(1, 1).add_table(rows=1, cols=1)
    nested.cell(0, 0).text = "Вложенная"
    paragraph = document.add_paragraph("Текст ")
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">вставлен </w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:delText>удален </w:delText></w:r></w:del>'))
    hidden = paragraph.add_run("скрыт ")
    hidden.font.hidden = True
    paragraph.add_run("и виден.")
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Из поля содержимого.</w:t></w:r>'
        '</w:p></w:sdtContent></w:sdt>')
    document.element.body.insert(len(document.element.body) - 1, sdt)
    document.add_paragraph(SURVEY)
    document.save(path)
    return path


def test_reading_order_stories_tables_changes_and_hidden_text(tmp_path):
    text = read_docx(_rich_draft(tmp_path / "rich.docx")).text
    # An empty paragraph (Word puts one after a nested table) stays empty.
    assert [p for p in text.split("\n\n") if p] == [
        "Министерство имущественных отношений",
        "Уважаемая Анна Викторовна!",
        "Слитая ячейка", "Справа", "Низ", "Вложенная",
        "Текст вставлен и виден.",
        "Из поля содержимого.",
        SURVEY,
        "Исполнитель: Д. С. Зорина",
    ]


def _with_notes(path: Path) -> Path:
    """Add footnotes and endnotes parts (python-docx has no API for them) with separators."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = {
        kind: (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {w}>'
               f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
               f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
               f'<w:{kind} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>').encode()
        for kind, text in (("footnote", "Сноска: данный порядок действует с 2015 года."),
                           ("endnote", "Земельный кодекс Российской Федерации, статья 39.6."))
    }
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    types = members["[Content_Types].xml"].decode()
    rels = members["word/_rels/document.xml.rels"].decode()
    for kind in notes:
        types = types.replace("</Types>", f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
                              f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/></Types>')
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdNotes{kind}" Type="http://schemas.'
                            f'openxmlformats.org/officeDocument/2006/relationships/{kind}s" Target="{kind}s.xml"/>'
                            "</Relationships>")
        members[f"word/{kind}s.xml"] = notes[kind]
    members["[Content_Types].xml"] = types.encode()
    members["word/_rels/document.xml.rels"] = rels.encode()
    return _zip(path, members)


def test_footnotes_and_endnotes_are_read_without_separators(tmp_path):
    path = _with_notes(build_docx("Мы продлили договор.\n\n" + SURVEY, tmp_path / "notes.docx"))
    report = plainreply.check_docx(path)
    assert report.text.split("\n\n")[-2:] == ["Сноска: данный порядок действует с 2015 года.",
                                               "Земельный кодекс Российской Федерации, статья 39.6."]
    [finding] = [f for f in report.findings if f.rule == "bureaucratese-word"]
    assert report.locate(finding.start)["story"] == "footnote"


def test_findings_map_back_to_story_paragraph_and_run(tmp_path):
    path = build_docx("Уважаемая Анна Викторовна!\n\nДанный участок свободен.\n\n" + SURVEY, tmp_path / "d.docx")
    report = plainreply.check_docx(path)
    [finding] = [f for f in report.findings if f.rule == "bureaucratese-word"]
    data = report.to_dict()
    [item] = [f for f in data["findings"] if f["rule"] == "bureaucratese-word"]
    assert item["location"] == {"story": "body", "paragraph": 1, "run": 0, "offset_in_run": 0}
    assert report.text[finding.start:finding.end] == "Данный"


def test_links_in_all_three_forms_count_for_the_survey(tmp_path):
    base = "Мы продлили договор.\n\nОцените, пожалуйста, наш ответ: "
    hyperlink = build_docx(base + "[link=https://mio.example.ru/opros]анкета[/link]", tmp_path / "h.docx")
    assert spans(plainreply.check_docx(hyperlink), "survey-link") == []
    for kind in ("simple", "complex"):
        document = docx.Document(str(build_docx(base, tmp_path / f"{kind}.docx")))
        paragraph = document.paragraphs[-1]._p
        if kind == "simple":
            paragraph.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=\' HYPERLINK "https://mio.example.ru/opros" \'>'
                                       '<w:r><w:t>анкета</w:t></w:r></w:fldSimple>'))
        else:
            for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://mio.example.ru/opros" </w:instrText></w:r>',
                        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                        '<w:r><w:t>анкета</w:t></w:r>',
                        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
                paragraph.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
        document.save(tmp_path / f"{kind}.docx")
        report = plainreply.check_docx(tmp_path / f"{kind}.docx")
        assert "HYPERLINK" not in report.text and report.text.endswith("анкета")
        assert spans(report, "survey-link") == [], kind


# --- effective formatting -------------------------------------------------------------------------

def _styled_draft(path: Path) -> Path:
    document = docx.Document(str(build_docx("x", path)))
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    styles = document.styles.element
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Slanted"><w:name w:val="Slanted"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="Upright"><w:name w:val="Upright"/>'
        '<w:rPr><w:i/></w:rPr></w:style>'))
    first = document.add_paragraph(style="Slanted")
    first.add_run("Курсив из стиля абзаца. ")
    upright = first.add_run("Прямой через стиль знаков.")
    upright._r.get_or_add_rPr().insert(0, parse_xml(f'<w:rStyle {nsdecls("w")} w:val="Upright"/>'))
    theme = document.add_paragraph()
    run = theme.add_run("Шрифт темы с засечками.")
    run._r.get_or_add_rPr().append(parse_xml(f'<w:rFonts {nsdecls("w")} w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>'))
    slots = document.add_paragraph()
    mixed = slots.add_run("Кириллица в слоте hAnsi.")
    mixed._r.get_or_add_rPr().append(parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="Arial" w:hAnsi="Times New Roman"/>'))
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Ячейка с заливкой."
    table.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="FFFF00"/>'))
    document.add_paragraph(SURVEY)
    document.save(path)
    return path


def test_effective_formatting_through_styles_themes_and_slots(tmp_path):
    report = plainreply.check_docx(_styled_draft(tmp_path / "styled.docx"))
    assert spans(report, rule="italic") == ["Курсив из стиля абзаца."]
    assert spans(report, rule="serif-font") == ["Шрифт темы с засечками.", "Кириллица в слоте hAnsi."]
    assert spans(report, rule="shaded-paragraph") == ["Ячейка с заливкой."]


def test_one_finding_per_stretch_and_links_keep_their_underline(tmp_path):
    markup = ("Срок — [i]до 15 мая[/i] [i]включительно[/i].\n\n"
              "Анкета: [link=https://mio.example.ru/opros]опрос[/link]. [u]Важно[/u].")
    report = plainreply.check_docx(build_docx(markup, tmp_path / "s.docx"))
    assert spans(report, rule="italic") == ["до 15 мая включительно"]
    assert spans(report, rule="underline") == ["Важно"]


def test_page_background_and_letterhead(tmp_path):
    report = plainreply.check_docx(build_docx("[background]Мы продлили договор.\n\n" + SURVEY, tmp_path / "b.docx"))
    assert spans(report, rule="shaded-paragraph") == ["Мы продлили договор."]
    assert len(spans(report, rule="letterhead")) == 1
    config = {"options": {"letterhead": {"organisation": "Мы продлили"}}}
    assert spans(plainreply.check_docx(tmp_path / "b.docx", config=config), rule="letterhead") == []


# --- annotated copy ---------------------------------------------------------------------------------

def _anchored_texts(path: Path) -> dict[int, str]:
    document = docx.Document(str(path))
    texts: dict[int, str] = {}
    open_ids: set[str] = set()
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for cid in open_ids:
                texts[int(cid)] = texts.get(int(cid), "") + (element.text or "")
    return texts


def test_annotated_copy_anchors_each_comment_on_the_flagged_words(tmp_path, capsys):
    source = build_docx("[header]Министерство имущественных отношений[/header]Уважаемая Анна Викторовна!\n\n"
                        "Данный участок [i]предоставлен в аренду[/i]. Заявление рассмотрено.", tmp_path / "in.docx")
    document = docx.Document(str(source))
    document.add_comment(document.paragraphs[0].runs, text="Мой комментарий", author="Зорина")
    document.save(source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "out.docx"
    code = main(["check", str(source), "--annotate", str(out)])
    capsys.readouterr()
    assert code == 1 and hashlib.sha256(source.read_bytes()).hexdigest() == before
    report = plainreply.check_docx(source)
    annotated = docx.Document(str(out))
    comments = list(annotated.comments)
    assert comments[0].author == "Зорина" and len(comments) == 1 + len(report.findings)
    anchored = _anchored_texts(out)
    ours = [c for c in comments if c.author == "plainreply"]
    expected = []
    for f in sorted(report.findings, key=lambda f: (f.start, f.end)):
        whole = f.end <= f.start or "\n\n" in report.text[f.start:f.end]
        expected.append("Уважаемая Анна Викторовна!" if whole else report.text[f.start:f.end])
    assert [anchored[c.comment_id] for c in ours] == expected
    assert "Данный" in expected and "предоставлен в аренду" in expected
    assert [p.text for p in annotated.paragraphs] == [p.text for p in docx.Document(str(source)).paragraphs]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are not installed (.ci/run installs them)")
def test_annotated_copy_renders_with_libreoffice(tmp_path):
    source = build_docx("Уважаемая Анна Викторовна!\n\nДанный участок [i]предоставлен в аренду[/i].", tmp_path / "in.docx")
    out = tmp_path / "out.docx"
    main(["check", str(source), "--annotate", str(out)])
    profile = tmp_path / "profile"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)], check=True, capture_output=True,
                   timeout=180)
    pdf = tmp_path / "out.pdf"
    assert pdf.exists()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Данный участок предоставлен в аренду." in " ".join(text.split())


# --- hostile and broken files -------------------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _minimal_docx(document_xml: bytes) -> dict[str, bytes]:
    return {"[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": document_xml}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


HOSTILE = {
    "not_zip": (lambda p: _write(p, b"Just some text, not a zip at all."), "не является zip-архивом"),
    "zip_not_docx": (lambda p: _zip(p, {"hello.txt": b"hi"}), "нет word/document.xml"),
    "old_doc": (lambda p: _write(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), "старый формат .doc"),
    "encrypted": (lambda p: _write(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
                                   + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100),
                  "защищен паролем"),
    "bomb": (lambda p: _zip(p, {**_minimal_docx(b"<w:document/>"), "word/media/big.bin": b"\x00" * (250 * 1024 * 1024)}),
             "zip-бомбу"),
    "entities": (lambda p: _zip(p, _minimal_docx(
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&b;</w:document>')),
                 "объявления DTD"),
    "broken_xml": (lambda p: _zip(p, _minimal_docx(b"<w:document><w:body>")), "повреждена"),
    "empty": (lambda p: _write(p, b""), "файл пустой"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_get_one_line_and_exit_two(tmp_path, capsys, case):
    make, message = HOSTILE[case]
    path = make(tmp_path / f"{case}.docx")
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err and message in err


def test_too_large_file_is_refused_clearly(tmp_path, capsys, monkeypatch):
    from plainreply.docx import package

    path = build_docx("Мы продлили договор.", tmp_path / "big.docx")
    monkeypatch.setattr(package, "MAX_FILE_BYTES", 1024)
    code = main(["check", str(path)])
    _, err = capsys.readouterr()
    assert code == 2 and "файл больше" in err


def test_annotate_needs_one_docx_and_never_overwrites_the_source(tmp_path, capsys):
    source = build_docx("Мы продлили договор.", tmp_path / "in.docx")
    assert main(["check", str(source), "--annotate", str(source)]) == 2
    assert "не может заменить исходный файл" in capsys.readouterr().err
    text = tmp_path / "a.txt"
    text.write_text("Текст.", encoding="utf-8")
    assert main(["check", str(text), "--annotate", str(tmp_path / "o.docx")]) == 2
