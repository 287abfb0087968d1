"""The wheel carries rules/ and templates/ and works installed outside the repository."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True)
    wheels = list(dist.glob("plainreply-*.whl"))
    assert len(wheels) == 1
    env = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    pip = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", str(wheels[0])],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-2000:]
    return env, wheels[0]


def test_wheel_contains_rules_and_templates(installed):
    import zipfile

    _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "plainreply/_data/rules/profiles.yaml" in names
    assert "plainreply/_data/rules/passive.yaml" in names
    assert "plainreply/_data/rules/glossary/terms.yaml" in names
    assert "plainreply/_data/templates/refusal.j2" in names and "plainreply/_data/rules/calendar/ru-working-days.yaml" in names
    assert any(n.startswith("plainreply/_data/templates/") for n in names)


def test_installed_cli_checks_a_letter_from_another_folder(installed, tmp_path):
    env, _ = installed
    letter = tmp_path / "letter.txt"
    letter.write_text("Ваше заявление рассмотрено. Данный участок свободен. Документы примут в МФЦ.\n\n"
                      "Оцените, пожалуйста, наш ответ: https://mio.example.ru/opros", encoding="utf-8")
    result = subprocess.run([str(env / "bin" / "plainreply"), "check", "--format", "json", "letter.txt"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"passive", "bureaucratese", "abbreviation"} <= set(report["counts"])
    expansions = [f["suggestion"] for f in report["findings"] if f["rule"] == "abbreviation"]
    assert expansions == ["многофункциональном центре (МФЦ)"]  # the glossary ships in the wheel


def test_installed_cli_checks_its_shipped_examples(installed, tmp_path):
    env, _ = installed
    for example, status in (("flawed", 1), ("clean", 0), ("flawed.docx", 1), ("clean.docx", 0)):
        result = subprocess.run([str(env / "bin" / "plainreply"), "check", "--example", example], cwd=tmp_path,
                                capture_output=True, text=True)
        assert result.returncode == status, (example, result.stdout[-500:], result.stderr)
        assert "Оценка простоты" in result.stdout


def test_installed_package_reads_its_own_rules(installed, tmp_path):
    env, _ = installed
    code = "import plainreply.resources as r; print(r.rules_dir())"
    out = subprocess.run([str(env / "bin" / "python"), "-c", code], cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout.strip()
    assert Path(out).is_relative_to(env) and not Path(out).is_relative_to(REPO)
