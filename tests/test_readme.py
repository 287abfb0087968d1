"""The README's first command works on a fresh clone as printed, and prints what the README shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"


def _first_command_and_output() -> tuple[str, str]:
    section = README.read_text(encoding="utf-8").split("## Проверить письмо", 1)[1]
    blocks = re.findall(r"```(\w*)\n(.*?)```", section, re.DOTALL)
    (kind, command), (_, output) = blocks[0], blocks[1]
    assert kind == "sh"
    return command.strip(), output


def test_the_readme_shows_what_its_first_command_prints(tmp_path):
    command, shown = _first_command_and_output()
    assert command == ".venv/bin/plainreply check --example"
    arguments = command.split()[1:]
    # Run where a newcomer stands, the repository's root, as the README's commands are written.
    done = subprocess.run([sys.executable, "-m", "plainreply", *arguments], cwd=REPO, capture_output=True,
                          text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1",
                                                        "PLAINREPLY_CACHE_DIR": str(tmp_path / "cache"),
                                                        "PYTHONPATH": str(REPO)})
    assert done.stderr == ""
    assert done.returncode == 1  # the README says so: the example has errors
    assert done.stdout == shown
    assert "Оценка простоты" in done.stdout and "examples/letter-flawed.txt:" in done.stdout


def test_the_clean_example_has_no_findings_in_text_and_in_word(tmp_path):
    for example in ("clean", "clean.docx"):
        done = subprocess.run([sys.executable, "-m", "plainreply", "check", "--example", example], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "замечаний: 0, из них ошибок: 0" in done.stdout


def test_the_word_examples_hold_the_text_of_the_plain_ones():
    done = subprocess.run([sys.executable, str(REPO / "tools" / "build_examples.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_flawed_word_example_shows_what_only_word_can_hold(tmp_path):
    done = subprocess.run([sys.executable, "-m", "plainreply", "check", "--example", "flawed.docx", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    rules = {f["rule"] for f in __import__("json").loads(done.stdout)["findings"]}
    assert {"italic", "underline", "letterhead", "forbidden-phrase", "survey-link"} <= rules
