"""Drafting replies: every template with its example data gives a clean letter on the letterhead,
with real endnotes, a survey hyperlink and a QR code that decodes to it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

import plainreply
from plainreply.cli import main
from plainreply.drafting.letter import Organisation
from plainreply.drafting.templates import kinds, load_template, _renumber, NOTE_MARK
from plainreply.errors import InputError

KINDS = kinds()
SURVEY_URL = Organisation.load().survey_url


def test_all_reply_kinds_ship():
    assert KINDS == ["mailing", "merits", "primary", "redirect", "refusal"]


@pytest.mark.parametrize("kind", KINDS)
def test_example_letter_passes_the_linter(kind, tmp_path):
    letter = plainreply.draft(kind, load_template(kind).example)
    report = letter.check()
    serious = [(f.rule, report.text[f.start:f.end]) for f in report.findings if f.severity != "info"]
    assert serious == []
    assert letter.greeting in letter.text and SURVEY_URL in letter.text


@pytest.mark.parametrize("kind", KINDS)
def test_example_letter_is_a_valid_word_file(kind, tmp_path):
    path = plainreply.draft(kind, load_template(kind).example).to_docx(tmp_path / f"{kind}.docx")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.left_margin.mm >= 20 and section.right_margin.mm >= 10
    assert section.top_margin.mm >= 20 and section.bottom_margin.mm >= 20
    assert "Министерство имущественных отношений" in section.header.paragraphs[0].text
    audit = subprocess.run([sys.executable, "-m", "openxml_audit", str(path)], capture_output=True, text=True)
    problems = [line for line in audit.stdout.splitlines() if re.match(r"\d+\. ", line) and "w:pos" not in line]
    assert problems == [] and "Errors: 0" in audit.stdout, audit.stdout


def test_legal_references_become_real_endnotes_in_order(tmp_path):
    letter = plainreply.draft("merits", load_template("merits").example)
    assert letter.notes == ["Земельный кодекс Российской Федерации, статья 39.20.",
                            "Постановление Правительства Удмуртской Республики от 25.12.2015 № 601."]
    assert "Земельного кодекса" not in letter.text.split("Примечания:")[0]
    path = letter.to_docx(tmp_path / "merits.docx")
    with zipfile.ZipFile(path) as archive:
        endnotes = archive.read("word/endnotes.xml").decode()
        document = archive.read("word/document.xml").decode()
        settings = archive.read("word/settings.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert re.findall(r'w:endnoteReference w:id="(\d+)"', document) == ["1", "2"]
    assert re.findall(r'<w:endnote w:id="(\d+)"', endnotes) == ["1", "2"]
    assert 'w:type="separator"' in endnotes and 'w:type="continuationSeparator"' in endnotes
    assert "<w:endnotePr>" in settings and 'w:numFmt w:val="decimal"' in document
    assert "relationships/endnotes" in rels and "endnotes+xml" in types


def test_notes_are_numbered_in_order_of_appearance_and_adjacent_marks_kept_apart(tmp_path):
    body = f"Второе{NOTE_MARK.format(2)} и первое{NOTE_MARK.format(1)}."
    renumbered, notes = _renumber(body, ["Акт А.", "Акт Б."])
    assert notes == ["Акт Б.", "Акт А."] and renumbered.index(NOTE_MARK.format(1)) < renumbered.index(NOTE_MARK.format(2))
    data = dict(load_template("merits").example)
    data["answer"] = ["Плату считаем по статье 614 Гражданского кодекса Российской Федерации "
                      "по статье 65 Земельного кодекса Российской Федерации."]
    path = plainreply.draft("merits", data).to_docx(tmp_path / "adjacent.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert re.search(r'w:id="1"/></w:r><w:r><w:t>,</w:t></w:r><w:r><w:rPr><w:rStyle w:val="EndnoteReference"/>'
                     r'</w:rPr><w:endnoteReference w:id="2"', xml)


def test_survey_link_is_a_hyperlink_and_its_qr_code_decodes(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    image_module = pytest.importorskip("PIL.Image")
    path = plainreply.draft("primary", load_template("primary").example).to_docx(tmp_path / "p.docx")
    document = docx.Document(str(path))
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert targets == [SURVEY_URL]
    with zipfile.ZipFile(path) as archive:
        [image] = [n for n in archive.namelist() if n.startswith("word/media/")]
        (tmp_path / "qr.png").write_bytes(archive.read(image))
    decoded = [b.text for b in zxingcpp.read_barcodes(image_module.open(tmp_path / "qr.png"))]
    assert decoded == [SURVEY_URL]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are not installed (.ci/run installs them)")
def test_pdf_shows_body_endnotes_marks_and_survey_address(tmp_path):
    from plainreply.drafting.pdf import to_pdf

    letter = plainreply.draft("merits", load_template("merits").example)
    pdf = to_pdf(letter.to_docx(tmp_path / "merits.docx"))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Вы спросили, можно ли выкупить участок" in text
    assert SURVEY_URL in text
    first = text.index("Земельный кодекс Российской Федерации, статья 39.20.")
    second = text.index("Постановление Правительства Удмуртской Республики от 25.12.2015 № 601.")
    assert first < second
    assert re.search(r"1\s*Земельный кодекс", text) and re.search(r"2\s*Постановление Правительства", text)
    assert re.search(r"без аукциона1", text)  # the mark stands where the reference was


# --- data, CLI and API ------------------------------------------------------------------------------

def test_data_errors_name_the_field():
    example = dict(load_template("refusal").example)
    missing = {k: v for k, v in example.items() if k != "reasons"}
    with pytest.raises(InputError, match="поле reasons: нет значения"):
        plainreply.draft("refusal", missing)
    with pytest.raises(InputError, match="поле colour: такого поля нет"):
        plainreply.draft("refusal", {**example, "colour": "red"})
    with pytest.raises(InputError, match="поле date: дата пишется как"):
        plainreply.draft("refusal", {**example, "date": "вчера"})
    with pytest.raises(InputError, match="поле consent: рассылку можно отправить только с согласия"):
        plainreply.draft("mailing", {**load_template("mailing").example, "consent": False})


def test_cli_refuses_a_letter_with_errors_and_writes_nothing(tmp_path, capsys):
    import yaml

    data = dict(load_template("refusal").example)
    data["reasons"] = ["Вы не правы, участок занят."]
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "reply.docx"
    assert main(["draft", "--kind", "refusal", "--data", str(case), "-o", str(out)]) == 1
    assert not out.exists() and not list(tmp_path.glob(".*partial"))
    assert "файл не записан" in capsys.readouterr().err
    assert main(["draft", "--kind", "refusal", "--data", str(case), "-o", str(out), "--force"]) == 1
    assert out.exists()


def test_cli_drafts_the_example_and_prints_the_deadline(tmp_path, capsys):
    out = tmp_path / "primary.docx"
    assert main(["draft", "--kind", "primary", "-o", str(out)]) == 0 and out.exists()
    assert main(["deadline", "--received", "2026-12-30 16:00"]) == 0
    captured = capsys.readouterr()
    assert "до 16:00 11 января 2027 года (понедельник); время Europe/Samara, UTC+4." in captured.out
    assert "в производственном календаре 2027 года еще нет постановления" in captured.err
    assert main(["deadline", "--received", "завтра"]) == 2
    assert main(["draft", "--kind", "letter", "-o", str(out)]) == 2


def test_letter_api_text_check_and_docx(tmp_path):
    letter = plainreply.draft("refusal", load_template("refusal").example)
    assert letter.text.startswith("Уважаемая Ольга Николаевна!")
    assert "Примечания:\n1. Земельный кодекс Российской Федерации, статья 39.16." in letter.text
    assert letter.addressee == ["Сомовой Ольге Николаевне"]
    report = letter.check()
    assert not report.has_errors
    path = letter.to_docx(tmp_path / "r.docx")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Сомовой Ольге Николаевне" in texts and "Уважаемая Ольга Николаевна!" in texts
    run_fonts = docx.Document(str(path)).styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert run_fonts.get(qn("w:hAnsi")) == "PT Sans"


def test_an_organisation_is_addressed_by_position_and_name():
    data = {**load_template("merits").example, "addressee": "Иванов Олег Викторович",
            "addressee_position": "генеральный директор ООО «Северный склад»"}
    letter = plainreply.draft("merits", data)
    assert letter.addressee == ["Генеральному директору ООО «Северный склад»", "Иванову О. В."]
    assert letter.greeting == "Уважаемый Олег Викторович!"
    with pytest.raises(InputError, match="поле addressee"):
        plainreply.draft("merits", {**data, "addressee": "Иванов"})
