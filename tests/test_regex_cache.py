"""Regexes compiled once per machine: a pattern rebuilt from the cache folder is the pattern
`re.compile` gives, and a broken, forged or foreign cache file only means compiling again."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plainreply import regexes
from plainreply.cache_files import write_verified
from plainreply.linter import default_linter

from conftest import SHARED

LETTERS = SHARED / "corpus" / "replies-dev.jsonl"


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> Path:
    """An empty cache folder and a process that has read nothing from it yet."""
    monkeypatch.setenv("PLAINREPLY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PLAINREPLY_NO_CACHE", raising=False)
    monkeypatch.setattr(regexes, "_stored", None)
    monkeypatch.setattr(regexes, "_added", {})
    return tmp_path / "cache"


def _texts() -> list[str]:
    texts = [text for rule in default_linter().ruleset.rules for text in (*rule.examples.bad, *rule.examples.good)]
    if LETTERS.exists():
        texts += [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8") if line.strip()]
    return texts


def test_every_pattern_a_check_compiles_is_rebuilt_as_re_compiles_it(fresh, tmp_path):
    """Two processes: the first fills the cache folder, the second rebuilds every pattern from it;
    each must equal re.compile's pattern in its groups and in what it finds on real letters."""
    script = """
import json, sys, plainreply
from plainreply import regexes
stored = len(regexes._known())  # what earlier processes left
plainreply.check(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps(stored))
"""
    texts = _texts()
    letter = tmp_path / "letter.txt"
    letter.write_text("\n\n".join(texts[:400]), encoding="utf-8")
    runs = [subprocess.run([sys.executable, "-c", script, str(letter)], capture_output=True, text=True, timeout=300)
            for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr[-2000:]
    assert json.loads(runs[0].stdout) == 0  # nothing stored yet: all compiled anew, then saved
    assert json.loads(runs[1].stdout) >= 150  # the second run rebuilt them from the file
    regexes._stored = None  # _texts() compiled the rules before the file was there
    known = regexes._known()
    assert len(known) >= 150
    found = 0
    for (source, flags), arguments in known.items():
        rebuilt, expected = regexes._sre.compile(*regexes._unpacked(arguments)), re.compile(source, flags)
        assert (rebuilt.pattern, rebuilt.flags, rebuilt.groups, rebuilt.groupindex) == \
            (expected.pattern, expected.flags, expected.groups, expected.groupindex), source
        for text in texts:
            spans = [m.regs for m in rebuilt.finditer(text)]
            assert spans == [m.regs for m in expected.finditer(text)], (source, text)
            found += len(spans)
    assert found > 1000


def test_a_compiled_pattern_matches_as_re_compiles_it(fresh):
    source = r"(?<!не\s)\b(?P<word>странно|удивительно),?\s+что"
    first = regexes.compile(source, re.IGNORECASE)
    regexes.save()
    regexes._stored = None
    second = regexes.compile(source, re.IGNORECASE)  # now from the file
    text = "Странно, что Вы не пришли. Не странно что. УДИВИТЕЛЬНО что"
    expected = [m.span("word") for m in re.finditer(source, text, re.IGNORECASE)]
    assert [m.span("word") for m in first.finditer(text)] == expected == [m.span("word") for m in second.finditer(text)]
    assert expected == [(0, 7), (43, 54)]  # «Странно», «УДИВИТЕЛЬНО»; «Не странно» is no reproach
    assert (source, int(re.IGNORECASE)) in regexes._known()


def test_a_bad_pattern_raises_as_re_does(fresh):
    with pytest.raises(re.error):
        regexes.compile(r"(незакрытая скобка")


def _store(content: object) -> Path:
    path = regexes._file()
    write_verified(path, pickle.dumps(content))
    return path


def test_forged_opcodes_are_refused_and_the_pattern_compiled_anew(fresh):
    source = r"\bсрок\w*"
    _store({(source, 0): (source, 32, [1, 2, 3, 99999], 0, {}, (None,))})
    pattern = regexes.compile(source)
    assert [m.group() for m in pattern.finditer("Сроки и срок.")] == ["срок"]


@pytest.mark.parametrize("damage", ["bytes", "class", "foreign"])
def test_a_damaged_forged_or_foreign_file_is_not_read(fresh, damage):
    source = r"\bсрок\w*"
    regexes.compile(source)
    regexes.save()
    path = regexes._file()
    if damage == "bytes":
        data = bytearray(path.read_bytes())
        data[-5] ^= 0xFF
        path.write_bytes(bytes(data))
    elif damage == "class":  # a pickle that would build an object of some class is refused
        write_verified(path, pickle.dumps({(source, 0): (Path("x"),)}))
    else:
        path.chmod(0o666)
    regexes._stored = None
    assert regexes._known() == {}
    assert regexes.compile(source).findall("сроков нет") == ["сроков"]
