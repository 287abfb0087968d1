"""The command line under hostile or careless use, run as a real process: Russian argparse, --version
without the checker, a closed pipe, stdin without «-», wrong configuration values, draft data that a
Word file cannot hold, and the last-resort handler. Every refusal is one Russian line and exit 2."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from plainreply.drafting.templates import load_template

TIMEOUT_S = 60  # a guard against a hang, not a measurement
LETTER = (
    "Уважаемая Анна Викторовна!\n\n"
    "Ваше заявление рассмотрено. В настоящее время участок свободен.\n\n"
    "Вы не правы, полагая, что срок истек.\n"
)
ENGLISH = re.compile(r"usage:|error:|invalid choice|arguments are required|unrecognized|expected one|"
                     r"show this help|options:|positional arguments|Traceback|Exception ignored")
COMMANDS = [[], ["check"], ["draft"], ["deadline"], ["rules"]]
REQUIRED = {"draft": ["--kind", "primary", "-o", "reply.docx"], "deadline": ["--received", "2026-03-02 10:00"]}


def run_cli(*args: str, cwd: Path, stdin: bytes | None = b"", env: dict[str, str] | None = None,
            **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plainreply", *args], input=stdin, capture_output=True, cwd=cwd,
                          env=env or {**os.environ, "NO_COLOR": "1"}, timeout=TIMEOUT_S, **kwargs)


def text_of(result: subprocess.CompletedProcess) -> tuple[str, str]:
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


# ---- 1. argparse in Russian ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "plainreply")
def test_help_of_every_command_is_in_russian(command, tmp_path):
    result = run_cli(*command, "--help", cwd=tmp_path)
    out, err = text_of(result)
    assert result.returncode == 0 and err == ""
    assert out.startswith(f"использование: plainreply {' '.join(command)}".rstrip())
    assert "\nпараметры:\n" in out and re.search(r"\n  -h, --help\s+показать эту справку и выйти\n", out)
    if command in ([], ["check"], ["rules"]):
        assert "\nпозиционные аргументы:\n" in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "plainreply")
def test_a_wrong_option_of_every_command_is_refused_in_russian(command, tmp_path):
    result = run_cli(*command, *REQUIRED.get("".join(command), []), "--no-such-option", cwd=tmp_path)
    out, err = text_of(result)
    assert result.returncode == 2 and out == ""
    assert err.startswith("использование: plainreply")
    assert err.splitlines()[-1].endswith("ошибка в параметрах: неизвестный параметр: --no-such-option")
    assert not ENGLISH.search(err), err


@pytest.mark.parametrize("args, expected", [
    (["check", "--format", "xml", "letter.txt"], "plainreply check: ошибка в параметрах: --format: "
                                                 "неверный выбор «xml»; можно: text, json"),
    (["draft"], "plainreply draft: ошибка в параметрах: нужно указать --kind, -o/--output"),
    (["deadline"], "plainreply deadline: ошибка в параметрах: нужно указать --received"),
    (["check", "--profile"], "plainreply check: ошибка в параметрах: --profile: нужно значение"),
    (["check", "--fo", "text"], "plainreply check: ошибка в параметрах: неоднозначный параметр --fo: "
                                "подходят --format, --force"),
    (["send"], "plainreply: ошибка в параметрах: КОМАНДА: неверный выбор «send»; "
               "можно: check, draft, deadline, rules"),
    (["rules", "list"], "plainreply rules: ошибка в параметрах: show: неверный выбор «list»; можно: show"),
    (["check", "letter.txt", "--diff=yes"], "plainreply check: ошибка в параметрах: --diff: "
                                             "этому параметру не нужно значение «yes»"),
])
def test_argparse_errors_are_translated(args, expected, tmp_path, letter):
    result = run_cli(*args, cwd=letter.parent)
    out, err = text_of(result)
    assert result.returncode == 2 and out == ""
    assert err.splitlines()[-1] == expected
    assert not ENGLISH.search(err), err


# ---- 2. --version ------------------------------------------------------------------------------------------

def test_version_names_the_installed_package(tmp_path):
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.decode() == f"plainreply {metadata.version('plainreply')}\n"


def test_version_does_not_load_the_checker(tmp_path):
    heavy = ["plainreply.linter", "plainreply.engine.loader", "pymorphy3", "razdel", "natasha", "docx",
             "wordfreq", "jinja2"]
    script = textwrap.dedent(f"""
        import json, sys
        from plainreply.cli import main
        code = main(["--version"])
        print(json.dumps({{"code": code, "loaded": [m for m in {heavy!r} if m in sys.modules]}}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=tmp_path, timeout=TIMEOUT_S)
    assert result.returncode == 0, result.stderr.decode()
    version_line, report = result.stdout.decode().splitlines()
    assert version_line.startswith("plainreply ")
    assert json.loads(report) == {"code": 0, "loaded": []}


def test_version_falls_back_to_the_package_attribute(monkeypatch):
    import plainreply
    from plainreply import cli

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert cli.package_version() == plainreply.__version__


# ---- 3. a closed pipe ------------------------------------------------------------------------------------

def _run_into_closed_pipe(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run with stdout a pipe whose reader is gone before the first write: every write meets EPIPE."""
    reader, writer = os.pipe()
    process = subprocess.Popen([sys.executable, "-m", "plainreply", *args], stdout=writer,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=cwd)
    os.close(writer)
    os.close(reader)
    _, err = process.communicate(timeout=TIMEOUT_S)
    return process.returncode, err.decode("utf-8")


@pytest.mark.parametrize("args, code", [
    (["rules"], 0),
    (["rules", "show", "passive"], 0),
    (["check", "letter.txt", "letter.txt"], 1),  # the letter has errors: the exit code still says so
    (["check", "--format", "json", "letter.txt"], 1),
    (["--help"], 0),
    (["check", "--help"], 0),
    (["--version"], 0),
])
def test_output_into_a_closed_pipe_ends_quietly(args, code, letter):
    returncode, err = _run_into_closed_pipe(args, letter.parent)
    assert err == "" and returncode == code


def test_head_reads_one_line_and_the_rest_ends_quietly(letter):
    """Like `plainreply check letter.txt … | head -1`, with more output than a pipe buffer holds."""
    process = subprocess.Popen([sys.executable, "-m", "plainreply", "check", *["letter.txt"] * 80],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               cwd=letter.parent, env={**os.environ, "NO_COLOR": "1"})
    first = process.stdout.readline().decode("utf-8")
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    process.wait(timeout=TIMEOUT_S)
    assert first.startswith("letter.txt:3:16: предупреждение passive:")
    assert err == "" and process.returncode == 1


# ---- 4. standard input without «-» ------------------------------------------------------------------------

def test_check_reads_piped_stdin_without_a_dash(tmp_path):
    result = run_cli("check", "--format", "json", cwd=tmp_path, stdin=LETTER.encode("utf-8"))
    report = json.loads(result.stdout)
    assert result.returncode == 1 and result.stderr == b""
    assert report["path"] == "<stdin>" and "forbidden-phrase" in {f["category"] for f in report["findings"]}


def test_check_without_a_file_at_a_terminal_asks_for_one(tmp_path):
    pty = pytest.importorskip("pty")
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "plainreply", "check"], stdin=terminal,
                                capture_output=True, cwd=tmp_path, timeout=TIMEOUT_S)
    finally:
        os.close(controller)
        os.close(terminal)
    out, err = text_of(result)
    assert result.returncode == 2 and out == ""
    assert err.startswith("использование: plainreply check")
    assert "нужно указать ФАЙЛ письма" in err.splitlines()[-1] and not ENGLISH.search(err)


def test_empty_piped_stdin_without_a_dash_is_not_a_clean_letter(tmp_path):
    result = run_cli("check", cwd=tmp_path, stdin=b"")
    out, err = text_of(result)
    assert result.returncode == 2 and out == ""
    assert err == "plainreply: <stdin>: стандартный ввод пуст; укажите файл письма\n"


# ---- 5. configuration values of the wrong type -------------------------------------------------------------

@pytest.mark.parametrize("name, content, key", [
    ("plainreply.toml", 'select = "passive"\n', "select: нужен список строк в квадратных скобках: "
                                                 'select = ["passive"]'),
    ("plainreply.toml", 'ignore = "passive, bureaucratese"\n', 'ignore = ["passive", "bureaucratese"]'),
    ("plainreply.toml", "profile = 5\n", "profile: нужно имя профиля строкой"),
    ("plainreply.toml", "select = [1, 2]\n", "select: элемент 1: нужна строка с именем, а не число 1"),
    ("plainreply.toml", "rule_dirs = 5\n", "rule_dirs: нужен список строк, а не число 5"),
    ("plainreply.toml", "params = 5\n", "params: нужна таблица чисел"),
    ("plainreply.toml", '[params]\nmax_sentence_words = "много"\n',
     "params.max_sentence_words: нужно число, а не строка «много»"),
    ("plainreply.toml", "[params]\nmax_sentence_words = true\n", "params.max_sentence_words: нужно число"),
    ("plainreply.toml", "options = 5\n", "options: нужны таблицы вида [options.ID_ПРАВИЛА]"),
    ("plainreply.toml", "[options]\nabbreviation = 5\n", "options.abbreviation: нужна таблица параметров"),
    ("plainreply.toml", 'max_characters = "2 млн"\n', "max_characters: нужно целое число больше нуля"),
    ("plainreply.toml", "profile = 2026-01-01\n", "profile: нужно имя профиля строкой"),
    ("plainreply.toml", "profile = citizen\n", "ошибка TOML, строка 1, столбец 11: неверное значение"),
    ("pyproject.toml", '[tool.plainreply]\nselect = "passive"\n', "tool.plainreply.select: нужен список строк"),
    ("pyproject.toml", "[tool]\nplainreply = 5\n", "tool.plainreply: нужна таблица, а не число 5"),
    ("pyproject.toml", "[tool.plainreply]\ncolour = true\n", "неизвестный ключ tool.plainreply.colour"),
])
def test_a_wrong_configuration_value_is_one_line_naming_the_file_and_key(name, content, key, letter):
    config = letter.parent / name
    config.write_text(content, encoding="utf-8")
    for command in (["check", "letter.txt"], ["rules"]):
        result = run_cli(*command, cwd=letter.parent)
        out, err = text_of(result)
        assert result.returncode == 2 and out == ""
        assert err.count("\n") == 1 and str(config) in err and key in err, err


def test_a_pyproject_whose_tool_is_not_a_table_is_refused_when_named(letter):
    config = letter.parent / "pyproject.toml"
    config.write_text("tool = 5\n", encoding="utf-8")
    assert run_cli("check", "letter.txt", cwd=letter.parent).returncode == 1  # not ours: searched past
    result = run_cli("check", "--config", "pyproject.toml", "letter.txt", cwd=letter.parent)
    assert result.returncode == 2 and text_of(result)[1] == "plainreply: pyproject.toml: tool: нужна таблица [tool], " \
                                                            "а не число 5\n"


def test_the_cap_on_characters_is_read_from_the_configuration(tmp_path):
    from plainreply.config import read_config_file

    config = tmp_path / "plainreply.toml"
    config.write_text("max_characters = 50000\n", encoding="utf-8")
    assert read_config_file(config).max_characters == 50000
    assert read_config_file(config).merged(profile="internal").max_characters == 50000


@pytest.mark.parametrize("config, problem", [(".", "это папка, а не файл"), ("missing.toml", "файл не найден")])
def test_a_configuration_file_that_cannot_be_read(config, problem, letter):
    result = run_cli("check", "--config", config, "letter.txt", cwd=letter.parent)
    assert result.returncode == 2
    assert text_of(result)[1] == f"plainreply: {config}: не удается прочитать файл настроек: {problem}\n"


# ---- 6. draft data a Word file cannot hold -----------------------------------------------------------------

def _case_yaml() -> str:
    example = dict(load_template("refusal").example)
    example["date"] = example["date"].isoformat() if hasattr(example["date"], "isoformat") else example["date"]
    return yaml.safe_dump(example, allow_unicode=True, sort_keys=False, width=1000)


def _case_with(line_key: str, value: str) -> str:
    """The refusal example with one top-level field written exactly as `value` (raw YAML)."""
    lines = [f"{line_key}: {value}" if line.startswith(f"{line_key}:") else line for line in _case_yaml().splitlines()]
    return "\n".join(lines) + "\n"


DRAFT_CASES = {
    "escaped-nul": ("case.yaml", lambda: _case_with("help", '"Специалист\\x00 поможет."'),
                    "поле help: управляющий символ U+0000"),
    "escaped-vertical-tab": ("case.yaml", lambda: _case_with("help", '"Специалист\\v поможет."'),
                             "поле help: управляющий символ U+000B"),
    "escaped-form-feed": ("case.yaml", lambda: _case_with("refused", '"в предоставлении\\f участка"'),
                          "поле refused: управляющий символ U+000C"),
    "escaped-escape": ("case.yaml", lambda: _case_with("help", '"Специалист\\e[31m поможет."'),
                       "поле help: управляющий символ U+001B"),
    "escaped-fffe": ("case.yaml", lambda: _case_with("help", '"Специалист\\uFFFE поможет."'),
                     "поле help: несуществующий символ U+FFFE"),
    "raw-vertical-tab": ("case.yaml", lambda: _case_with("help", "Специалист\x0b поможет."),
                         "поле help, строка"),
    "raw-escape-in-list": ("case.yaml", lambda: _case_yaml().replace("школу", "школу\x1b", 1),
                           "поле reasons, пункт 1, строка"),
    "raw-nul": ("case.yaml", lambda: _case_with("help", "Специалист\x00 поможет."), "U+0000"),
    "json-nul": ("case.json", lambda: json.dumps({**yaml.safe_load(_case_yaml()), "help": "а\u0000б"}),
                 "поле help: управляющий символ U+0000"),
    "json-lone-surrogate": ("case.json", lambda: json.dumps({**yaml.safe_load(_case_yaml()),
                                                             "reasons": ["Участок занят.", "а\ud800б"]}),
                            "поле reasons, пункт 2: половина суррогатной пары U+D800"),
    "impossible-date": ("case.yaml", lambda: _case_with("date", "2026-02-30"),
                        "поле date: нет такой даты: 2026-02-30 (строка"),
    "impossible-quoted-date": ("case.yaml", lambda: _case_with("date", '"2026-13-01"'),
                               "поле date: нет такой даты: 2026-13-01"),
    "impossible-optional-date": ("case.yaml", lambda: _case_yaml() + "reply_to_date: 2026-04-31\n",
                                 "поле reply_to_date: нет такой даты"),
    "number-for-date": ("case.yaml", lambda: _case_with("date", "15"),
                        "поле date: нужна дата вида 2026-03-15, а не число 15"),
    "list-for-date": ("case.yaml", lambda: _case_with("date", "[2026, 3, 20]"),
                      "поле date: нужна дата вида 2026-03-15, а не список"),
    "date-for-text": ("case.yaml", lambda: _case_with("number", "2026-02-30"),
                      "поле number: нужна строка; 2026-02-30 похоже на дату, возьмите значение в кавычки"),
    "broken-yaml": ("case.yaml", lambda: _case_yaml() + "reasons: [одна\n", "ошибка YAML, строка"),
    "broken-json": ("case.json", lambda: '{"date": "2026-03-20",}', "ошибка JSON, строка 1, столбец 23"),
    "not-utf8": ("case.yaml", lambda: _case_yaml().encode("cp1251"), "не в кодировке UTF-8"),
}


@pytest.mark.parametrize("case", DRAFT_CASES, ids=str)
def test_draft_data_that_a_word_file_cannot_hold_is_refused(case, tmp_path):
    name, content, expected = DRAFT_CASES[case]
    data = tmp_path / name
    body = content()
    if isinstance(body, bytes):
        data.write_bytes(body)
    else:
        data.write_text(body, encoding="utf-8", newline="")
    output = tmp_path / "reply.docx"
    result = run_cli("draft", "--kind", "refusal", "--data", name, "-o", "reply.docx", "--force", cwd=tmp_path)
    out, err = text_of(result)
    assert result.returncode == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"plainreply: {name}: ") and expected in err, err
    assert "Traceback" not in err and not output.exists() and not list(tmp_path.glob(".*partial"))


def test_the_same_case_data_without_the_bad_character_is_drafted(tmp_path):
    """The refusals above are about the character, not about the rest of the data."""
    (tmp_path / "case.yaml").write_text(_case_with("help", '"Специалист поможет."'), encoding="utf-8")
    result = run_cli("draft", "--kind", "refusal", "--data", "case.yaml", "-o", "reply.docx", "--force",
                     cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr.decode()
    assert (tmp_path / "reply.docx").exists()


def test_the_api_refuses_a_control_character_before_python_docx(tmp_path):
    import plainreply
    from plainreply.errors import InputError

    data = {**load_template("refusal").example, "next_steps": ["Подайте заявление.", "Позвоните\x07 нам."]}
    with pytest.raises(InputError, match=r"поле next_steps, пункт 2: управляющий символ U\+0007"):
        plainreply.draft("refusal", data)


def test_an_organisation_file_with_wrong_values_is_one_line(tmp_path):
    organisation = tmp_path / "org.yaml"
    cases = {
        'name: "Министерство\\x0c"\nsurvey_url: https://x.ru\nsigner_position: Министр\nsigner_name: И. И. Иванов\n':
            "поле name: управляющий символ U+000C",
        "name: Министерство\nsurvey_url: https://x.ru\nsigner_position: Министр\nsigner_name: И. И. Иванов\n"
        "emblem: 5\n": "поле emblem: нужно имя файла рисунка, а не число 5",
        "name: Министерство\nsurvey_url: https://x.ru\nsigner_position: 5\nsigner_name: И. И. Иванов\n":
            "поле signer_position: нужна непустая строка, а не число 5",
        "name: Министерство\ncontacts: Ижевск\nsurvey_url: https://x.ru\nsigner_position: Министр\n"
        "signer_name: И. И. Иванов\n": "поле contacts: нужен список строк",
    }
    for content, expected in cases.items():
        organisation.write_text(content, encoding="utf-8")
        result = run_cli("draft", "--kind", "primary", "--organisation", "org.yaml", "-o", "reply.docx",
                         cwd=tmp_path)
        out, err = text_of(result)
        assert result.returncode == 2 and out == "" and not (tmp_path / "reply.docx").exists()
        assert err == f"plainreply: org.yaml: {expected}\n" or (err.count("\n") == 1 and expected in err), err


def test_an_emblem_that_is_not_a_picture_is_one_line(tmp_path):
    (tmp_path / "emblem.png").write_text("не рисунок", encoding="utf-8")
    (tmp_path / "org.yaml").write_text("name: Министерство\nsurvey_url: https://x.ru\nsigner_position: Министр\n"
                                       "signer_name: И. И. Иванов\nemblem: emblem.png\n", encoding="utf-8")
    result = run_cli("draft", "--kind", "primary", "--organisation", "org.yaml", "-o", "reply.docx", cwd=tmp_path)
    out, err = text_of(result)
    assert result.returncode == 2 and not (tmp_path / "reply.docx").exists()
    assert err.count("\n") == 1 and "emblem.png: герб на бланке должен быть рисунком PNG или JPEG" in err


# ---- 7. files that cannot be used, and the last resort ---------------------------------------------------

def test_files_that_cannot_be_read_or_written_are_one_line(tmp_path, letter):
    (tmp_path / "folder.docx").mkdir()
    cases = [
        (["check", "folder.docx"], "plainreply: folder.docx: это папка, а не файл\n"),
        (["draft", "--kind", "primary", "--data", "missing.yaml", "-o", "r.docx"],
         "plainreply: missing.yaml: не удается прочитать данные письма: файл не найден\n"),
        (["draft", "--kind", "primary", "--data", ".", "-o", "r.docx"],
         "plainreply: .: не удается прочитать данные письма: это папка, а не файл\n"),
        (["draft", "--kind", "primary", "-o", "no-such-folder/r.docx"],
         "plainreply: no-such-folder/r.docx: не удается записать письмо: нет такой папки\n"),
        (["draft", "--kind", "primary", "-o", "folder.docx"],
         "plainreply: folder.docx: не удается записать письмо: это папка, а не файл\n"),
    ]
    for args, expected in cases:
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2 and text_of(result)[1] == expected, (args, text_of(result))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_one_line(letter):
    letter.chmod(0)
    try:
        result = run_cli("check", "letter.txt", cwd=letter.parent)
    finally:
        letter.chmod(0o644)
    assert result.returncode == 2 and text_of(result)[1] == "plainreply: letter.txt: нет прав на чтение файла\n"


def _run_with_a_bug(exception: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run main() in a process where the deadline command has a bug: it raises `exception`."""
    script = textwrap.dedent(f"""
        import sys
        from plainreply import cli

        def broken(*args):
            raise {exception}

        cli._deadline = broken
        sys.exit(cli.main(["deadline", "--received", "2026-03-02 10:00"]))
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=tmp_path, env=env,
                          timeout=TIMEOUT_S)


def _env_outside_tests(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_CURRENT_TEST", "PLAINREPLY_DEBUG")}
    return {**env, **extra}


def test_an_internal_error_outside_tests_is_one_line_and_exit_three(tmp_path):
    result = _run_with_a_bug('RuntimeError("сломалось\\nна двух строках")', _env_outside_tests(), tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 3 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("plainreply: внутренняя ошибка (RuntimeError: сломалось на двух строках); "
                          "это ошибка plainreply, а не ваших данных")
    assert "PLAINREPLY_DEBUG=1" in err


@pytest.mark.parametrize("env", [{"PLAINREPLY_DEBUG": "1"}, {"PYTEST_CURRENT_TEST": "test_x.py::test_y (call)"}])
def test_an_internal_error_keeps_its_traceback_when_debugging_or_under_tests(env, tmp_path):
    result = _run_with_a_bug('RuntimeError("сломалось")', _env_outside_tests(**env), tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" in err and "RuntimeError: сломалось" in err


def test_an_interrupt_and_an_error_message_with_line_breaks_are_one_line(tmp_path):
    interrupted = _run_with_a_bug("KeyboardInterrupt", _env_outside_tests(), tmp_path)
    assert interrupted.returncode == 130 and interrupted.stderr.decode() == "plainreply: прервано\n"
    refused = _run_with_a_bug('__import__("plainreply.errors").errors.InputError("дело.yaml", "первая\\nвторая")',
                              _env_outside_tests(), tmp_path)
    assert refused.returncode == 2 and refused.stderr.decode() == "plainreply: дело.yaml: первая вторая\n"


def test_rules_show_of_an_unknown_rule_uses_russian_quotes(tmp_path):
    result = run_cli("rules", "show", "no-such-rule", cwd=tmp_path)
    assert result.returncode == 2
    assert text_of(result)[1] == "plainreply: нет правила «no-such-rule»; список: plainreply rules\n"


def test_rules_show_keeps_the_lines_of_an_example_together(tmp_path):
    out, _ = text_of(run_cli("rules", "show", "survey-link", cwd=tmp_path))
    good = out.split("Хорошо:\n", 1)[1]
    assert good.startswith("  — Мы продлили договор.\n\n    Оцените, пожалуйста, наш ответ: https://")


@pytest.mark.parametrize("received, problem", [
    ("9999-12-31 23:00", "В производственном календаре нет 9999 года."),
    ("9999-12-31T23:00-05:00", "--received: 9999-12-31T23:00-05:00: дата вне производственного календаря"),
    ("2026-02-30 10:00", "--received: время пишется как «2026-12-30 16:00»"),
])
def test_a_received_time_out_of_range_is_one_line(received, problem, tmp_path):
    result = run_cli("deadline", "--received", received, cwd=tmp_path)
    out, err = text_of(result)
    assert result.returncode == 2 and out == "" and err.count("\n") == 1 and problem in err, err


def test_draft_says_what_it_wrote_and_never_replaces_a_file_unasked(tmp_path):
    result = run_cli("draft", "--kind", "primary", "-o", "ответ.docx", cwd=tmp_path)
    assert result.returncode == 0 and text_of(result) == ("Письмо записано: ответ.docx\n", "")
    before = (tmp_path / "ответ.docx").read_bytes()
    again = run_cli("draft", "--kind", "primary", "-o", "ответ.docx", cwd=tmp_path)
    assert again.returncode == 2 and (tmp_path / "ответ.docx").read_bytes() == before
    assert text_of(again) == ("", "plainreply: ответ.docx: файл уже есть; укажите другое имя или добавьте --force, "
                                  "чтобы заменить его\n")
    forced = run_cli("draft", "--kind", "primary", "-o", "ответ.docx", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and text_of(forced)[0] == "Письмо записано: ответ.docx\n"


def test_draft_refuses_a_name_that_is_not_docx(tmp_path):
    result = run_cli("draft", "--kind", "primary", "-o", "ответ.pdf", cwd=tmp_path)
    assert result.returncode == 2 and not list(tmp_path.iterdir())
    assert text_of(result)[1] == ("plainreply: ответ.pdf: письмо записывается в формате Word, укажите имя "
                                  "с расширением .docx (PDF рядом с ним сделает --pdf)\n")
