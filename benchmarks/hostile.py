#!/usr/bin/env python3
"""Hostile inputs against the command line: each gets a result or one clear line, in bounded time.

Usage: python benchmarks/hostile.py [--only NAME] [--timeout SECONDS]

Builds each input of issue 10 in a temporary folder, runs `python -m plainreply check …` on it as
a whole process and prints, per case: the exit code, the wall time, the peak RSS of the process,
the number of lines on stderr and the first of them. A case passes when the process ends within
30 s and 500 MB and, if it fails, says so in one line without a traceback. DOCX cases come from
benchmarks/docx_hostile.py when it is there.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 30
LIMIT_MB = 500

PROSE = "Министерство рассмотрело Ваше обращение о предоставлении земельного участка в аренду. "
NESTED_RULE = """\
rules:
  - id: kb-greedy
    category: bureaucratese
    severity: warning
    message: "Штамп «{match}»"
    description: Правило из базы знаний с множеством необязательных слов.
    source: "3.10.1"
    check: phrases
    entries:
      - match: в? на? по? за? под? над? при? для? без? из? от? до? к? о? у? с? очереди
    examples:
      bad: ["Прием в порядке очереди.", "Выдача в порядке очереди."]
      good: ["Прием по записи.", "Выдача по записи."]
"""
NESTED_REGEX_RULE = NESTED_RULE.replace(
    "    check: phrases\n    entries:\n      - match: в? на? по? за? под? над? при? для? без? из? от? до? к? о? у? с? очереди\n",
    "    check: patterns\n    patterns:\n      - regex: '(?:\\w+\\s?)+$'\n")

# No repeat inside a repeat, so it loads; on a long run of «а» without «б» it would try 2^n splits.
BACKTRACKING_REGEX_RULE = NESTED_REGEX_RULE.replace("'(?:\\w+\\s?)+$'", "'(?:а|аа)+б'").replace(
    "Прием в порядке очереди.", "Ааб.").replace("Выдача в порядке очереди.", "Аб.")


def text_case(text: str, name: str = "letter.txt") -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / name).write_text(text, encoding="utf-8")
        return [name]
    return build


def rule_case(rule: str, letter: str = PROSE * 20) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / "kb").mkdir()
        (folder / "kb" / "greedy.yaml").write_text(rule, encoding="utf-8")
        (folder / "pyproject.toml").write_text('[tool.plainreply]\nrule_dirs = ["kb"]\n', encoding="utf-8")
        (folder / "letter.txt").write_text(letter, encoding="utf-8")
        return ["letter.txt"]
    return build


def bytes_case(data: bytes, name: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / name).write_bytes(data)
        return [name]
    return build


CASES: dict[str, Callable[[Path], list[str]]] = {
    "word-8000-letters": text_case("Прошу рассмотреть " + "а" * 8_000),
    "word-32000-letters": text_case("а" * 32_000),
    "single-line-5MB": text_case(PROSE.replace(". ", ", ") * 60_000),
    "single-line-1.9M-chars": text_case(PROSE.replace(". ", ", ") * 22_000),
    "unbalanced-quotes-300KB": text_case("Вы написали «заявление о выкупе " * 9_500),
    "url-crafted": text_case("Смотрите http://" + "a." * 100_000 + " и " + "a" * 100_000 + "@"),
    "letter-10MB": text_case((PROSE * 8 + "\n\n") * 17_000),
    "capitals-heading-200KB": text_case("ПЛАН МЕРОПРИЯТИЙ ГУП РЭП " * 8_000),
    "initials-150KB": text_case("А. " * 50_000),
    "empty-file": text_case(""),
    "wrong-encoding": bytes_case(PROSE.encode("cp1251") * 10, "letter.txt"),
    "nested-optional-rule": rule_case(NESTED_RULE),
    "nested-repeat-regex-rule": rule_case(NESTED_REGEX_RULE),
    "backtracking-regex-rule": rule_case(BACKTRACKING_REGEX_RULE, PROSE + "а" * 60 + "."),
}


def docx_cases() -> dict[str, Callable[[Path], list[str]]]:
    try:
        sys.path.insert(0, str(REPO / "benchmarks"))
        import docx_hostile  # noqa: PLC0415 — optional: the DOCX builders live there
    except ImportError:
        return {}
    return dict(getattr(docx_hostile, "CLI_CASES", {}))


def run(name: str, build: Callable[[Path], list[str]], timeout: float) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        arguments = build(folder)
        command = [sys.executable, "-m", "plainreply", "check", *arguments]
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        stderr = process.stderr.read()  # type: ignore[union-attr]
        # wait4 rather than Popen.wait: it also gives this child's own peak memory.
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss / 1024
        if code == -9 and seconds >= timeout:
            return False, f"{name:28s} killed after {timeout:.0f} s"
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    traceback = any(line.startswith("Traceback") for line in lines)
    ok = seconds <= LIMIT_SECONDS and rss <= LIMIT_MB and not traceback and (code in (0, 1) or len(lines) == 1)
    first = lines[0][:110] if lines else ""
    return ok, (f"{name:28s} exit {code}  {seconds:6.2f} s  {rss:6.0f} MB  "
                f"{len(lines)} line(s) on stderr  {'ok' if ok else 'FAIL'}  {first}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the cases whose name contains this text")
    parser.add_argument("--timeout", type=float, default=120.0, help="kill a case after this many seconds")
    args = parser.parse_args()
    cases = {**CASES, **docx_cases()}
    failures = 0
    print(f"limits: {LIMIT_SECONDS} s and {LIMIT_MB} MB per case; one line on stderr when refused")
    for name, build in cases.items():
        if args.only and args.only not in name:
            continue
        ok, line = run(name, build, args.timeout)
        failures += not ok
        print(line, flush=True)
    print(f"{failures} case(s) over the limits" if failures else "every case within the limits")


if __name__ == "__main__":
    main()
