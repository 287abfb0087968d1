"""Start-up time of the command line, measured as whole processes.

    python benchmarks/startup.py [--runs 5] [--letter FILE]

Runs `python -m plainreply check letter.txt` (a letter of about 300 words), `--version` and
`rules`, each `--runs` times, with a warm rule cache (filled by one run beforehand) and with a
cold one (PLAINREPLY_CACHE_DIR set to a new empty folder for every run). Prints the median, the
fastest and the slowest wall time, the median CPU time (user + system: less disturbed by other
load on the machine) and the peak RSS of each, next to the targets of issue 10.

Python's bytecode is cached in a private folder (PYTHONPYCACHEPREFIX) and compiled by a first
run, as pip does when it installs the wheel, even where the environment sets
PYTHONDONTWRITEBYTECODE (this machine does; compiling every module anew costs about 0.1 s per
process): `--source` measures that case instead.

The letter is dev-002…dev-004 of ../shared/corpus/replies-dev.jsonl (or the bad examples of the
rules when that corpus is absent). dev-001 is measured apart as `check-syntax`: one of its
sentences has a «который» clause that only natasha's parser can decide, and loading natasha
(about a second) is the price of such a letter, whatever the start-up costs (2 of the 36 dev
letters pay it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "replies-dev.jsonl"
LETTER_WORDS = 300
TARGETS_S = {"check": 0.5, "check-syntax": None, "--version": 0.15, "rules": 0.5}
COMMANDS = {"check": ["check", "letter.txt"], "check-syntax": ["check", "syntax.txt"], "--version": ["--version"],
            "rules": ["rules"]}


def corpus_texts() -> list[str]:
    return [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def letter_text(words: int = LETTER_WORDS) -> tuple[str, str]:
    """A letter of at least `words` words and where it comes from."""
    if CORPUS.is_file():
        texts = corpus_texts()[1:]
        source = f"{CORPUS.name} from dev-002"
    else:
        import yaml

        texts = []
        for path in sorted((REPO / "rules").glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for rule in data.get("rules", []) if isinstance(data, dict) else []:
                texts.extend(rule.get("examples", {}).get("bad", []))
        source = "bad examples of rules/*.yaml"
    chosen: list[str] = []
    count = 0
    for text in texts:
        if count >= words:
            break
        chosen.append(text)
        count += len(text.split())
    return "\n\n".join(chosen), f"{count} words from {source}"


def run_once(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS in MB and the exit code of one process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "plainreply", *args], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def measure(name: str, cwd: Path, env: dict[str, str], runs: int, cold: bool) -> dict[str, float]:
    times, cpu, peaks, codes = [], [], [], set()
    if not cold:
        run_once(COMMANDS[name], cwd, env)  # fills the cache
    for _ in range(runs):
        run_env = dict(env)
        if cold:
            run_env["PLAINREPLY_CACHE_DIR"] = tempfile.mkdtemp(prefix="cold-", dir=cwd)
        elapsed, used, peak, code = run_once(COMMANDS[name], cwd, run_env)
        times.append(elapsed)
        cpu.append(used)
        peaks.append(peak)
        codes.add(code)
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "cpu": statistics.median(cpu), "rss": max(peaks), "codes": ",".join(str(c) for c in sorted(codes))}


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--letter", type=Path, help="a letter to check instead of the dev letters")
    options.add_argument("--source", action="store_true",
                         help="no bytecode cache: every process compiles plainreply's modules from source")
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="plainreply-startup-") as folder:
        cwd = Path(folder)
        if args.letter:
            text, source = args.letter.read_text(encoding="utf-8"), str(args.letter)
        else:
            text, source = letter_text()
        (cwd / "letter.txt").write_text(text, encoding="utf-8")
        commands = dict(COMMANDS)
        if CORPUS.is_file():
            (cwd / "syntax.txt").write_text(corpus_texts()[0], encoding="utf-8")
        else:
            del commands["check-syntax"]
        env = dict(os.environ, NO_COLOR="1", PLAINREPLY_CACHE_DIR=str(cwd / "warm-cache"))
        env.pop("PLAINREPLY_NO_CACHE", None)
        if args.source:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(cwd / "bytecode")
            for name in commands:
                run_once(COMMANDS[name], cwd, env)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}; letter: {source}; median of {args.runs} runs; "
              f"bytecode {'compiled by every process' if args.source else 'cached'}")
        print(f"{'command':<12} {'cache':<5} {'median s':>9} {'min s':>7} {'max s':>7} {'cpu s':>6} {'peak MB':>8} "
              f"{'target s':>9}  exit")
        for name in commands:
            for cold in (False, True):
                row = measure(name, cwd, env, args.runs, cold)
                target = TARGETS_S[name]
                verdict = "" if target is None else "ok" if row["median"] <= target else "SLOW"
                shown = "—" if target is None else f"{target:.2f}"
                print(f"{name:<12} {'cold' if cold else 'warm':<5} {row['median']:>9.3f} {row['min']:>7.3f} "
                      f"{row['max']:>7.3f} {row['cpu']:>6.3f} {row['rss']:>8.1f} {shown:>7} {verdict:<4} {row['codes']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
