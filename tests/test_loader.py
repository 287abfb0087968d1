"""A malformed rule or profile file stops loading with one line naming file, rule and field."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from plainreply import Linter, RuleFileError
from plainreply.engine.loader import load_rule_file, load_ruleset
from plainreply.resources import rules_dir

GOOD_RULE = """\
rules:
  - id: kb-extra
    category: bureaucratese
    severity: warning
    message: "Штамп «{match}»"
    description: Пример правила из базы знаний отдела.
    source: "3.10.1"
    check: phrases
    entries:
      - match: в порядке живой? очереди
        suggest: по очереди
        example: Прием в порядке живой очереди.
    examples:
      bad: ["Прием ведется в порядке живой очереди.", "Документы принимаем в порядке очереди."]
      good: ["Документы принимаем по очереди.", "Мы сообщим Вам о решении."]
"""


ENTRIES = GOOD_RULE[GOOD_RULE.index("    check: phrases"):GOOD_RULE.index("    examples:")]


def write(tmp_path: Path, text: str, name: str = "kb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> RuleFileError:
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return info.value


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("    check: phrases\n", "    check: phrases\n    colour: red\n"), "colour"),
        (("    severity: warning\n", "    severity: fatal\n"), "severity"),
        (("    category: bureaucratese\n", "    category: officialese\n"), "category"),
        (("    source: \"3.10.1\"\n", "    source: \"порядок\"\n"), "source"),
        (("      bad: [\"Прием ведется в порядке живой очереди.\", \"Документы принимаем в порядке очереди.\"]\n",
          "      bad: [\"Прием ведется в порядке живой очереди.\"]\n"), "examples.bad"),
        (("      - match: в порядке живой? очереди\n", "      - match: в порядке[VERBB] очереди\n"), "entries[0].match"),
        (("        suggest: по очереди\n", "        suggest: по очереди\n        hint: x\n"), "entries[0]"),
        (("    message: \"Штамп «{match}»\"\n", "    message: \"Штамп «{word}»\"\n"), "message"),
    ],
)
def test_each_problem_names_file_rule_and_field(tmp_path, change, field):
    old, new = change
    assert old in GOOD_RULE
    error = load_error(tmp_path, GOOD_RULE.replace(old, new))
    assert error.rule == "kb-extra" and error.field == field
    assert f"правило kb-extra: поле {field}" in str(error)


def test_broken_regular_expression(tmp_path):
    text = GOOD_RULE.replace(ENTRIES,
                             "    check: patterns\n    patterns:\n      - regex: '(ставим'\n")
    error = load_error(tmp_path, text)
    assert error.field == "patterns[0].regex" and "регулярном выражении" in str(error)


def test_unknown_python_check_option(tmp_path):
    text = GOOD_RULE.replace(ENTRIES,
                             "    check: python\n    function: passive\n    options:\n      subjekt: мы\n")
    assert load_error(tmp_path, text).field == "options.subjekt"


def test_yaml_syntax_error_and_duplicate_key_give_the_line(tmp_path):
    error = load_error(tmp_path, GOOD_RULE.replace("    severity: warning\n", "    severity: [warning\n"))
    assert "ошибка YAML" in str(error)
    error = load_error(tmp_path, GOOD_RULE.replace("    severity: warning\n", "    severity: warning\n    severity: info\n"))
    assert "повторяется" in str(error) and "строка" in str(error)


def test_duplicate_id_across_folders(tmp_path):
    write(tmp_path, GOOD_RULE.replace("kb-extra", "passive"))
    with pytest.raises(RuleFileError) as info:
        load_ruleset([rules_dir(), tmp_path])
    assert info.value.rule == "passive" and info.value.field == "id" and "passive.yaml" in str(info.value)


def test_extra_rule_folder_from_config_adds_rules(tmp_path):
    write(tmp_path, GOOD_RULE)
    linter = Linter({"rule_dirs": [str(tmp_path)]})
    report = linter.check("Прием ведется в порядке живой очереди.")
    assert [f.rule for f in report.findings if f.rule == "kb-extra"] == ["kb-extra"]


def test_broken_profiles_file(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    profiles = folder / "profiles.yaml"
    profiles.write_text(profiles.read_text(encoding="utf-8").replace("max_sentence_words: 27", "max_words: 27", 1),
                        encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_ruleset([folder])
    assert "max_sentence_words" in str(info.value) and "profiles.legal_entity.params" in str(info.value)


@pytest.mark.parametrize(
    ("glossary", "old", "new", "field"),
    [
        ("abbreviations.yaml", "acronyms:", "acronymz:", "acronymz"),
        ("terms.yaml", "    definition:", "    defenition:", "terms[0]"),
        ("synonyms.yaml", "  - [кадастровый номер, КН]", "  - [кадастровый номер, КН, надел]", "synonyms[6]"),
        ("synonyms.yaml", "заявка], refers_back: true}", "заявка], refers_bak: true}", "synonyms[3]"),
        ("synonyms.yaml", "заявка], refers_back: true}", "заявка], refers_back: да}", "synonyms[3].refers_back"),
    ],
)
def test_broken_glossary_names_its_file_and_field(tmp_path, glossary, old, new, field):
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    path = folder / "glossary" / glossary
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_ruleset([folder])
    message = str(info.value)
    assert str(path) in message and f"поле {field}" in message and "\n" not in message
