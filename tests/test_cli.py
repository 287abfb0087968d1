from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from plainreply.cli import main

LETTER = (
    "Уважаемая Анна Викторовна!\n\n"
    "Ваше заявление рассмотрено. В настоящее время участок свободен.\n\n"
    "Вы не правы, полагая, что срок истек.\n"
)
SURVEY = "\nОцените, пожалуйста, наш ответ: https://mio.example.ru/opros\n"
CLEAN = ("Уважаемая Анна Викторовна!\n\nМы рассмотрели Ваше заявление. Участок свободен. Вы можете взять его "
         "в аренду. Приходите к нам с паспортом в любой день.\n" + SURVEY)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def letter(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_text_output_shows_position_rule_context_and_suggestion(letter, capsys):
    code, out, err = run(["check", str(letter)], capsys)
    assert code == 1 and err == ""
    assert f"{letter}:3:16: предупреждение passive:" in out
    assert "\n    Ваше заявление рассмотрено.\n" in out
    assert "\n" + " " * 19 + "^" * 11 + "\n" in out
    assert "Как лучше: скажите, кто действует: «мы рассмотрели», если это сделали вы" in out
    assert f"{letter}:5:1: ошибка forbidden-phrase:" in out
    assert "\033[" not in out


def test_json_output_is_one_report_per_line(letter, tmp_path, capsys):
    other = tmp_path / "clean.md"
    other.write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(["check", "--format", "json", str(letter), str(other)], capsys)
    first, second = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert first["path"] == str(letter) and {f["category"] for f in first["findings"]} >= {"passive", "forbidden-phrase"}
    assert second["findings"] == [] and second["score"] > first["score"]


def test_exit_zero_without_errors_even_with_warnings(tmp_path, capsys):
    path = tmp_path / "warn.txt"
    path.write_text("Данный участок свободен." + SURVEY, encoding="utf-8")
    code, out, _ = run(["check", str(path)], capsys)
    assert code == 0 and "bureaucratese" in out


def test_select_and_ignore_by_rule_and_category(letter, capsys):
    _, out, _ = run(["check", "--format", "json", "--select", "passive", str(letter)], capsys)
    assert {f["category"] for f in json.loads(out)["findings"]} == {"passive"}
    code, out, _ = run(["check", "--format", "json", "--ignore", "forbidden-phrase,bureaucratese,survey-link",
                        str(letter)], capsys)
    cats = {f["category"] for f in json.loads(out)["findings"]}
    assert code == 0 and "forbidden-phrase" not in cats and "bureaucratese" not in cats and "passive" in cats


def test_profile_option_and_config_files(tmp_path, capsys, monkeypatch):
    long = tmp_path / "long.txt"
    long.write_text(" ".join(["слово"] * 26) + ".", encoding="utf-8")
    assert "long-sentence" in run(["check", str(long)], capsys)[1]
    assert "long-sentence" not in run(["check", "--profile", "internal", str(long)], capsys)[1]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.plainreply]\nprofile = "internal"\n', encoding="utf-8")
    assert "long-sentence" not in run(["check", str(long)], capsys)[1]
    (tmp_path / "plainreply.toml").write_text('ignore = ["readability"]\n[params]\nmax_sentence_words = 10\n', encoding="utf-8")
    out = run(["check", str(long)], capsys)[1]
    assert "не больше 10" in out


def test_bad_input_gets_one_line_and_exit_two(tmp_path, capsys):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x00" * 50)
    unknown = tmp_path / "latin.txt"
    unknown.write_bytes("Grüße aus München, ça va? ".encode("latin-1") * 3)
    cases = {
        str(tmp_path / "missing.txt"): "файл не найден",
        str(tmp_path): "это папка",
        str(binary): "двоичный файл",
        str(unknown): "не в кодировке UTF-8",
    }
    for path, problem in cases.items():
        code, out, err = run(["check", path], capsys)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and path in err and problem in err


def test_cp1251_is_detected_and_checked(tmp_path, capsys):
    path = tmp_path / "old.txt"
    path.write_bytes(("Данный участок свободен." + SURVEY).encode("cp1251"))
    code, out, err = run(["check", str(path)], capsys)
    assert code == 0 and "Windows-1251" in err and "Данный" in out


@pytest.mark.parametrize("content", ["", "  \n\n\t \n"])
def test_an_empty_file_is_refused_in_one_line(tmp_path, capsys, content):
    # A clean report for a file with no letter in it would let a broken export pass a gate.
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["check", "--format", "json", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and str(path) in err and "пуст" in err


def test_usage_errors_exit_two(letter, capsys):
    assert run(["check", "--profile", "nobody", str(letter)], capsys)[0] == 2
    assert run(["check", "--select", "no-such-rule", str(letter)], capsys)[0] == 2
    assert run(["rules", "show", "no-such-rule"], capsys)[0] == 2
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml", str(letter)])
    assert info.value.code == 2


def test_malformed_rule_folder_in_config_exits_two(tmp_path, letter, capsys):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "bad.yaml").write_text("rules:\n  - id: kb-bad\n    check: phrases\n", encoding="utf-8")
    config = tmp_path / "plainreply.toml"
    config.write_text('rule_dirs = ["kb"]\n', encoding="utf-8")
    code, out, err = run(["check", "--config", str(config), str(letter)], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "bad.yaml" in err and "kb-bad" in err and "поле category" in err


def test_input_files_are_never_modified(letter, capsys):
    before = hashlib.sha256(letter.read_bytes()).hexdigest()
    run(["check", str(letter)], capsys)
    run(["check", "--format", "json", str(letter)], capsys)
    assert hashlib.sha256(letter.read_bytes()).hexdigest() == before


def test_rules_list_and_show(capsys):
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "passive" in out and "п. 3.10" in out and "passive-syntax" in out and "выключено" in out
    code, out, _ = run(["rules", "show", "split-predicate"], capsys)
    assert code == 0 and "Плохо:" in out and "Вам необходимо произвести оплату задолженности." in out


def test_stdin_and_module_entry_point(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "plainreply", "check", "--format", "json", "-"],
        input=LETTER.encode("utf-8"), capture_output=True, cwd=tmp_path,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["path"] == "<stdin>"


def test_readme_rule_catalogue_matches_the_rules():
    from conftest import REPO

    from plainreply.cli import rules_markdown
    from plainreply.linter import default_linter

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert rules_markdown(default_linter().ruleset) in readme, "run `plainreply rules --format markdown` and update README"
