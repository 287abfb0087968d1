"""Safe fixes: exact replacements applied to a copy (text, Markdown, Word), the diff they make, and
the round trip — after a fix, the same rule is silent at the replaced place and no spelling error
appears."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import shared_path
from plainreply import Config, Linter, RuleFileError
from plainreply.cli import main
from plainreply.docx.fix import fix_docx
from plainreply.engine.loader import load_rule_file
from plainreply.engine.model import Finding
from plainreply.fix import apply_fixes, checked_text, unified_diff
from plainreply.linter import default_linter

# A rule whose replacements are known, so the fix machinery is tested whatever the shipped rules do.
FIX_RULE = r"""
rules:
  - id: test-this
    category: bureaucratese
    severity: error
    message: "«{match}» — лучше «этот»"
    description: Проверочное правило с точной заменой.
    source: "3.10.1"
    check: patterns
    case_sensitive: true
    patterns:
      - regex: '\b([Вв])\s+данном\s+(случае|письме)\b'
        replace: '\1 этом \2'
        suggest: 'напишите «\1 этом \2»'
      - regex: '\bданный\s+(?P<noun>участок|дом)\b'
        replace: 'этот \g<noun>'
    examples:
      bad: ["В данном случае срок продлен.", "Мы осмотрели данный участок."]
      good: ["В этом случае срок продлен.", "Мы осмотрели этот участок."]
"""

LETTER = ("Уважаемая Анна Викторовна!\n\n"
          "В данном случае срок аренды продлен. Мы осмотрели данный участок и данный дом.\n")
FIXED = ("Уважаемая Анна Викторовна!\n\n"
         "В этом случае срок аренды продлен. Мы осмотрели этот участок и этот дом.\n")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def finding(start: int, end: int, replacement: str | None, rule: str = "r") -> Finding:
    return Finding(rule, "bureaucratese", "warning", start, end, "m", "", replacement=replacement)


@pytest.fixture
def rule_dir(tmp_path) -> Path:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "test-this.yaml").write_text(FIX_RULE, encoding="utf-8")
    return folder


@pytest.fixture
def linter(rule_dir) -> Linter:
    return Linter(Config(rule_dirs=(rule_dir,)))


@pytest.fixture
def config_file(tmp_path, rule_dir) -> Path:
    path = tmp_path / "plainreply.toml"
    path.write_text(f'rule_dirs = ["{rule_dir.name}"]\n', encoding="utf-8")
    return path


# --- applying replacements to a text ---------------------------------------------------------------

def test_replacements_are_applied_and_their_new_places_are_known():
    text = "В данном случае данный участок свободен."
    fixed, applied = apply_fixes(text, [finding(16, 22, "этот"), finding(2, 8, "этом")])
    assert fixed == "В этом случае этот участок свободен."
    assert [fixed[a.start:a.end] for a in applied] == ["этом", "этот"]
    assert [a.finding.start for a in applied] == [2, 16]


def test_overlapping_replacements_keep_the_first_then_the_longer():
    text = "в данном случае"
    whole = finding(0, 15, "в этом случае")
    inner = finding(2, 8, "том")
    shorter_same_start = finding(0, 8, "в этом")
    fixed, applied = apply_fixes(text, [inner, shorter_same_start, whole])
    assert fixed == "в этом случае" and [a.finding for a in applied] == [whole]
    touching = finding(8, 15, " деле")
    fixed, applied = apply_fixes(text, [touching, finding(2, 8, "этом")])
    assert fixed == "в этом деле" and len(applied) == 2  # spans that only touch do not overlap


def test_advice_only_empty_and_unchanged_replacements_are_skipped():
    text = "Данный участок свободен."
    fixed, applied = apply_fixes(text, [finding(0, 6, None), finding(0, 6, ""), finding(7, 14, "участок")])
    assert fixed == text and applied == []


def test_markdown_markup_inside_a_span_is_never_eaten():
    text = "Мы осмотрели **данный** участок и данный дом."
    checked = checked_text(text, markdown=True)
    assert len(checked) == len(text)
    across_markup = finding(13, 31, "этот участок")  # «**данный** участок»
    plain = finding(34, 44, "этот дом")
    fixed, applied = apply_fixes(text, [across_markup, plain], checked)
    assert fixed == "Мы осмотрели **данный** участок и этот дом." and len(applied) == 1


def test_unified_diff_names_the_file_and_shows_changed_lines():
    diff = unified_diff(LETTER, FIXED, "letter.txt")
    assert diff.startswith("--- letter.txt\n+++ letter.txt\n@@ ")
    assert "\n-В данном случае срок аренды продлен." in diff and "\n+В этом случае срок аренды продлен." in diff
    assert " Уважаемая Анна Викторовна!\n" in diff
    assert unified_diff(LETTER, LETTER, "letter.txt") == ""
    assert "\\ No newline at end of file" in unified_diff("Данный дом.", "Этот дом.", "a.txt")


# --- `replace:` in pattern rules -------------------------------------------------------------------

def test_pattern_replacement_expands_numbered_and_named_groups(linter):
    report = linter.check(LETTER)
    ours = [f for f in report.findings if f.rule == "test-this"]
    assert [(LETTER[f.start:f.end], f.replacement) for f in ours] == [
        ("В данном случае", "В этом случае"), ("данный участок", "этот участок"), ("данный дом", "этот дом")]
    assert ours[0].suggestion == "напишите «В этом случае»"
    assert apply_fixes(LETTER, report.findings)[0] == FIXED


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("replace", r"'этот \3'", "ссылке на группу"),
    ("replace", r"'этот \g<name>'", "ссылке на группу"),
    ("suggest", r"'напишите \2'", "ссылке на группу"),
    ("replace", "''", "непустой строкой"),
])
def test_bad_replacement_templates_stop_loading(tmp_path, field, value, problem):
    text = FIX_RULE.replace(r"replace: 'этот \g<noun>'", f"{field}: {value}")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert info.value.field == f"patterns[1].{field}" and problem in str(info.value)
    assert "\n" not in str(info.value)


# --- round trip: fixing does not bring the finding or a spelling error back ------------------------

def round_trip(linter: Linter, text: str, profile: str | None = None, markdown: bool = False) -> int:
    """Fix the text, check it again, assert the round-trip contract; return how many fixes were made."""
    report = linter.check(text, profile, markdown=markdown)
    fixed, applied = apply_fixes(text, report.findings, checked_text(text, markdown))
    if not applied:
        return 0
    again = linter.check(fixed, profile, markdown=markdown)
    for fix in applied:
        back = [f for f in again.findings if f.rule == fix.finding.rule and f.start < fix.end and fix.start < f.end]
        assert not back, (f"{fix.finding.rule}: «{text[fix.finding.start:fix.finding.end]}» → "
                          f"«{fix.finding.replacement}» is flagged again: {back[0].message}")
    before = Counter((f.rule, text[f.start:f.end]) for f in report.findings if f.category == "spelling")
    after = Counter((f.rule, fixed[f.start:f.end]) for f in again.findings if f.category == "spelling")
    assert not after - before, f"fixes brought spelling findings: {sorted(after - before)} in {fixed!r}"
    return len(applied)


def test_round_trip_on_a_letter_with_known_replacements(linter):
    assert round_trip(linter, LETTER) == 3
    assert not [f for f in linter.check(FIXED).findings if f.rule == "test-this"]


@pytest.mark.parametrize(("replace", "caught"), [
    ("данный  дом", "is flagged again"),    # the fix leaves the same problem in place
    ("этот дамм", "spelling findings"),     # the fix brings a misspelt word
])
def test_round_trip_catches_a_fix_that_does_not_fix(tmp_path, replace, caught):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "broken.yaml").write_text(
        FIX_RULE.replace(r"replace: 'этот \g<noun>'", f"replace: '{replace}'").replace("участок|дом", "дом"),
        encoding="utf-8")
    with pytest.raises(AssertionError, match=caught):
        round_trip(Linter(Config(rule_dirs=(folder,))), "Мы осмотрели данный дом на улице Ленина.")


RULES = [r for r in default_linter().ruleset.rules if not getattr(r.check, "needs_docx", False)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_round_trip_over_every_rule_example(rule):
    for text in (*rule.examples.bad, *rule.examples.good):
        round_trip(default_linter(), text)


def test_round_trip_over_the_dev_letters():
    corpus = shared_path("corpus", "replies-dev.jsonl")
    letters = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert letters
    for letter in letters:
        round_trip(default_linter(), letter["text"], letter.get("profile"))


# --- Word drafts -----------------------------------------------------------------------------------

def _draft(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Уважаемая Анна Викторовна!")
    paragraph = document.add_paragraph()
    paragraph.add_run("В данном случае").bold = True
    paragraph.add_run(" срок аренды продлен. Мы осмотрели данный ")
    paragraph.add_run("участок").italic = True
    paragraph.add_run(" и дом.")
    document.save(str(path))
    return path


def _run_xml(path: Path) -> list[tuple[str, bytes]]:
    paragraph = docx.Document(str(path)).paragraphs[1]
    return [(run.text, etree.tostring(run._r.rPr) if run._r.rPr is not None else b"") for run in paragraph.runs]


def test_word_copy_keeps_the_runs_formatting_and_the_source(tmp_path, linter):
    source = _draft(tmp_path / "draft.docx")
    before = sha(source)
    runs_before = _run_xml(source)
    report = linter.check_docx(source)
    target = tmp_path / "fixed.docx"
    made = fix_docx(report, source, target)
    assert sha(source) == before
    assert [report.text[f.start:f.end] for f in made.applied] == ["В данном случае", "данный участок"]
    assert made.skipped == []
    fixed = docx.Document(str(target)).paragraphs[1]
    assert fixed.text == "В этом случае срок аренды продлен. Мы осмотрели этот участок и дом."
    assert [(r.text, r.bold, r.italic) for r in fixed.runs] == [
        ("В этом случае", True, None), (" срок аренды продлен. Мы осмотрели ", None, None),
        ("этот участок", None, None), (" и дом.", None, None)]
    # Runs outside every span keep their formatting byte for byte.
    assert _run_xml(target)[-1] == runs_before[-1] and _run_xml(target)[0][1] == runs_before[0][1]
    again = linter.check_docx(target)
    assert not [f for f in again.findings if f.rule == "test-this"]


def test_word_replacement_across_paragraphs_is_left_out(tmp_path, linter):
    document = docx.Document()
    document.add_paragraph("Мы осмотрели данный")
    document.add_paragraph("участок и данный дом.")
    source = tmp_path / "split.docx"
    document.save(str(source))
    report = linter.check_docx(source)
    made = fix_docx(report, source, tmp_path / "fixed.docx")
    assert [report.text[f.start:f.end] for f in made.skipped] == ["данный\n\nучасток"]
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "fixed.docx")).paragraphs]
    assert paragraphs == ["Мы осмотрели данный", "участок и этот дом."]


# --- command line ----------------------------------------------------------------------------------

def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def letter(tmp_path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_fix_writes_a_fixed_copy_and_reports_what_is_left(letter, config_file, tmp_path, capsys):
    before = sha(letter)
    out = tmp_path / "fixed.txt"
    code, stdout, err = run(["check", letter, "--config", config_file, "--fix", out], capsys)
    assert sha(letter) == before
    assert out.read_text(encoding="utf-8") == FIXED
    assert f"{letter} → {out}: сделано замен: 3" in err
    assert "test-this" not in stdout and f"{out}: замечаний:" in stdout
    assert code in (0, 1)


def test_fix_keeps_markdown_and_crlf(tmp_path, config_file, capsys):
    source = tmp_path / "letter.md"
    source.write_bytes("# Ответ\r\n\r\nМы осмотрели **данный** участок и данный дом.\r\n".encode("utf-8"))
    out = tmp_path / "fixed.md"
    run(["check", source, "--config", config_file, "--fix", out], capsys)
    assert out.read_bytes().decode("utf-8") == "# Ответ\r\n\r\nМы осмотрели **этот** участок и этот дом.\r\n"


def test_fix_never_overwrites_the_input(letter, config_file, capsys):
    before = sha(letter)
    for target in (letter, letter.parent / "." / letter.name):
        code, _, err = run(["check", letter, "--config", config_file, "--fix", target, "--force"], capsys)
        assert code == 2 and err.strip().endswith("копия не может заменить исходный файл; укажите другое имя")
    link = letter.parent / "link.txt"
    link.symlink_to(letter)
    assert run(["check", letter, "--config", config_file, "--fix", link, "--force"], capsys)[0] == 2
    assert sha(letter) == before


def test_fix_refuses_an_existing_copy_unless_forced(letter, config_file, tmp_path, capsys):
    out = tmp_path / "fixed.txt"
    out.write_text("старая копия", encoding="utf-8")
    code, _, err = run(["check", letter, "--config", config_file, "--fix", out], capsys)
    assert code == 2 and err == f"plainreply: {out}: файл уже есть; укажите другое имя или добавьте --force\n"
    assert out.read_text(encoding="utf-8") == "старая копия"
    run(["check", letter, "--config", config_file, "--fix", out, "--force"], capsys)
    assert out.read_text(encoding="utf-8") == FIXED


@pytest.mark.parametrize(("extra", "message"), [
    (["--diff"], "--diff ничего не записывает"),
    (["second"], "--fix работает с одним файлом"),
])
def test_fix_needs_one_file_and_no_diff(letter, config_file, tmp_path, capsys, extra, message):
    paths = [letter, letter] if extra == ["second"] else [letter]
    argv = ["check", *paths, "--config", config_file, "--fix", tmp_path / "fixed.txt"]
    argv += [] if extra == ["second"] else extra
    code, _, err = run(argv, capsys)
    assert code == 2 and message in err and not (tmp_path / "fixed.txt").exists()


def test_fix_copy_keeps_the_format(letter, tmp_path, capsys):
    code, _, err = run(["check", letter, "--fix", tmp_path / "fixed.docx"], capsys)
    assert code == 2 and "копия текстового письма не может быть файлом .docx" in err
    source = _draft(tmp_path / "draft.docx")
    code, _, err = run(["check", source, "--fix", tmp_path / "fixed.txt"], capsys)
    assert code == 2 and "копия письма .docx тоже должна быть файлом .docx" in err
    assert run(["check", letter, "--force"], capsys)[0] == 2


def test_diff_prints_the_changes_and_writes_nothing(letter, config_file, tmp_path, capsys):
    files_before = sorted(p.name for p in tmp_path.iterdir())
    before = sha(letter)
    code, stdout, err = run(["check", letter, "--config", config_file, "--diff"], capsys)
    assert code == 1  # the letter has errors: the same code as a plain check
    assert stdout == unified_diff(LETTER, FIXED, str(letter))
    assert err == f"plainreply: {letter}: точных замен: 3\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before and sha(letter) == before


def test_diff_of_a_word_draft_shows_its_text(tmp_path, config_file, capsys):
    source = _draft(tmp_path / "draft.docx")
    before = sha(source)
    code, stdout, _ = run(["check", source, "--config", config_file, "--diff"], capsys)
    assert "\n+В этом случае срок аренды продлен. Мы осмотрели этот участок и дом.\n" in stdout
    assert sha(source) == before and code == 1


def test_fix_on_a_word_draft_from_the_command_line(tmp_path, config_file, capsys):
    source = _draft(tmp_path / "draft.docx")
    before = sha(source)
    out = tmp_path / "fixed.docx"
    code, stdout, err = run(["check", source, "--config", config_file, "--fix", out], capsys)
    assert sha(source) == before and "сделано замен: 2" in err
    assert "test-this" not in stdout
    assert docx.Document(str(out)).paragraphs[1].runs[0].bold is True


def test_text_output_shows_the_replacement_apart_from_the_advice(letter, config_file, capsys):
    _, stdout, _ = run(["check", letter, "--config", config_file, "--select", "test-this"], capsys)
    assert "    Замена: «В данном случае» → «В этом случае»\n    Как лучше: напишите «В этом случае»" in stdout
    assert "    Замена: «данный участок» → «этот участок»\n" in stdout
    assert stdout.count("Как лучше:") == 1  # the other patterns give no advice beyond the replacement
