"""Fast start: the compiled rules cached on disk, the frequency table, and imports on demand.

The cache must never change a finding: a rule set read back from it gives the same findings as
one compiled anew, it is rebuilt whenever anything it was built from changes, and a broken,
foreign or unwritable cache only means compiling again."""

from __future__ import annotations

import io
import json
import math
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import plainreply
from plainreply import Config, Linter, RuleFileError
from plainreply import spelling
from plainreply.engine import cache
from plainreply.engine.loader import RuleSet, build_ruleset, load_ruleset
from plainreply.resources import rules_dir

from conftest import SHARED

CORPUS = SHARED / "corpus" / "replies-dev.jsonl"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLAINREPLY_CACHE_DIR", str(folder))
    monkeypatch.delenv("PLAINREPLY_NO_CACHE", raising=False)
    return folder


# A small rule folder of its own: a phrase list, a glossary, a word list and a user dictionary,
# each of which the cache key must cover.
PROFILES = """\
default: citizen
profiles:
  citizen:
    title: Ответ гражданину
"""
PHRASES = """\
rules:
  - id: kb-queue
    category: bureaucratese
    severity: warning
    message: "Штамп «{match}»"
    description: Пример правила из базы знаний отдела.
    source: "3.10.1"
    check: phrases
    entries:
      - match: в порядке живой? очереди
        suggest: по очереди
    examples:
      bad: ["Прием ведется в порядке живой очереди.", "Документы принимаем в порядке очереди."]
      good: ["Документы принимаем по очереди.", "Мы сообщим Вам о решении."]
"""
WORDS = """\
rules:
  - id: kb-spelling
    category: spelling
    severity: warning
    message: "Возможно, ошибка в слове «{{match}}»"
    description: Слова не из словаря.
    source: "3.10.2"
    check: python
    function: spelling
    options:
      dictionaries: [dictionary/words.txt]
      user_dictionary: "{user}"
    examples:
      bad: ["Документы можно забрать в приемной министества.", "Пришлите учасника."]
      good: ["Документы можно забрать в приемной.", "Пришлите участника."]
  - id: kb-consistency
    category: consistency
    severity: warning
    message: "«{{match}}» — другое название того же, что «{{detail}}»"
    description: Одно название для одной вещи.
    source: "3.10.3"
    check: python
    function: consistency
    options:
      glossary: glossary/synonyms.yaml
    examples:
      bad: ["Вы получите земельный участок. Выбрать надел можно на сайте.", "Участок земли и надел."]
      good: ["Вы получите земельный участок. Выбрать участок можно на сайте.", "Мы ответим."]
"""
SYNONYMS = "pointers: [ваш]\nsynonyms:\n  - [земельный участок, надел]\n"


@pytest.fixture
def folders(tmp_path) -> list[Path]:
    rules = tmp_path / "rules"
    (rules / "dictionary").mkdir(parents=True)
    (rules / "glossary").mkdir()
    user = tmp_path / "my-words.txt"
    user.write_text("кизнерский\n", encoding="utf-8")
    (rules / "profiles.yaml").write_text(PROFILES, encoding="utf-8")
    (rules / "kb.yaml").write_text(PHRASES, encoding="utf-8")
    (rules / "words.yaml").write_text(WORDS.format(user=user), encoding="utf-8")
    (rules / "dictionary" / "words.txt").write_text("минимущество\n", encoding="utf-8")
    (rules / "glossary" / "synonyms.yaml").write_text(SYNONYMS, encoding="utf-8")
    return [rules]


def cached(folders: list[Path]) -> RuleSet | None:
    return cache.load(folders, RuleSet)


def _names(ruleset: RuleSet) -> list[str]:
    return [e.match for e in ruleset.by_id["kb-consistency"].check.options["_names"].entries]


def _words(ruleset: RuleSet) -> set[str]:
    return ruleset.by_id["kb-spelling"].check.options["_lexicon"].extra


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_second_load_reads_the_cache(folders, cache_folder):
    first = load_ruleset(folders)
    assert [p.name for p in cache_folder.iterdir()] == [cache.cache_file(folders).name]
    restored = cached(folders)
    assert isinstance(restored, RuleSet) and restored is not first
    assert [r.id for r in restored.rules] == [r.id for r in first.rules] == ["kb-queue", "kb-spelling", "kb-consistency"]
    assert _names(restored) == ["земельный участок", "надел"] and "минимущество" in _words(restored)


CHANGES = [
    ("rules/kb.yaml", "suggest: по очереди", "suggest: в очередь",
     lambda rs: rs.by_id["kb-queue"].check.entries[0].suggest, "в очередь"),
    ("rules/profiles.yaml", "title: Ответ гражданину", "title: Ответ жителю",
     lambda rs: rs.profiles["citizen"].title, "Ответ жителю"),
    ("rules/glossary/synonyms.yaml", "[земельный участок, надел]", "[земельный участок, надел, ЗУ]",
     _names, ["земельный участок", "надел", "ЗУ"]),
    ("rules/dictionary/words.txt", "минимущество\n", "минимущество\nсельхозназначение\n",
     lambda rs: "сельхозназначение" in _words(rs), True),
    ("my-words.txt", "кизнерский\n", "кизнерский\nувинский\n", lambda rs: "увинский" in _words(rs), True),
]


@pytest.mark.parametrize(("name", "old", "new", "observe", "expected"), CHANGES, ids=[c[0] for c in CHANGES])
def test_a_change_in_any_file_loading_read_rebuilds(folders, tmp_path, name, old, new, observe, expected):
    assert observe(load_ruleset(folders)) != expected
    _edit(tmp_path / name, old, new)
    assert cached(folders) is None
    assert observe(load_ruleset(folders)) == expected
    assert observe(cached(folders)) == expected  # and the new rules are cached in turn


def test_a_rule_file_added_or_removed_rebuilds(folders):
    load_ruleset(folders)
    extra = folders[0] / "extra.yaml"
    extra.write_text(PHRASES.replace("kb-queue", "kb-queue-two"), encoding="utf-8")
    assert cached(folders) is None
    assert "kb-queue-two" in load_ruleset(folders).by_id
    extra.unlink()
    assert cached(folders) is None
    assert "kb-queue-two" not in load_ruleset(folders).by_id


def test_the_same_bytes_written_again_keep_the_cache(folders):
    load_ruleset(folders)
    path = folders[0] / "kb.yaml"
    path.write_bytes(path.read_bytes())
    os.utime(path, (1, 1))  # only the content counts, not the time
    assert cached(folders) is not None


def test_a_user_rule_folder_is_covered(folders, tmp_path):
    user = tmp_path / "user-rules"
    user.mkdir()
    (user / "mine.yaml").write_text(PHRASES.replace("kb-queue", "kb-mine"), encoding="utf-8")
    both = [*folders, user]
    assert "kb-mine" in load_ruleset(both).by_id and cached(both) is not None
    _edit(user / "mine.yaml", "suggest: по очереди", "suggest: в порядке общей очереди")
    assert cached(both) is None
    assert cached(folders) is None  # never built alone
    load_ruleset(folders)
    assert cached(folders) is not None and cached(both) is None


def test_another_version_of_plainreply_or_python_rebuilds(folders, monkeypatch):
    load_ruleset(folders)
    with monkeypatch.context() as patch:
        patch.setattr(plainreply, "__version__", "99.0")
        assert cached(folders) is None
    assert cached(folders) is not None
    with monkeypatch.context() as patch:
        patch.setattr(sys, "version", sys.version + " (another build)")
        assert cached(folders) is None


def test_a_changed_module_of_plainreply_rebuilds(folders, tmp_path, monkeypatch):
    package = tmp_path / "package"
    (package / "checks").mkdir(parents=True)
    module = package / "checks" / "some_check.py"
    module.write_text("LIMIT = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    load_ruleset(folders)
    assert cached(folders) is not None
    module.write_text("LIMIT = 22\n", encoding="utf-8")
    assert cached(folders) is None


def _cache_bytes(folders: list[Path]) -> bytes:
    load_ruleset(folders)
    return cache.cache_file(folders).read_bytes()


def _signed(body: bytes) -> bytes:
    import hashlib

    return cache.MAGIC + hashlib.blake2b(body, digest_size=cache.DIGEST_SIZE).digest() + body


def _manifest_and_rules(data: bytes) -> tuple[bytes, bytes]:
    body = data[len(cache.MAGIC) + cache.DIGEST_SIZE:]
    stream = io.BytesIO(body)
    pickle.load(stream)
    return body[:stream.tell()], body[stream.tell():]


class _Runs:
    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


BROKEN = {
    "empty": lambda data, tmp: b"",
    "truncated": lambda data, tmp: data[:len(data) // 2],
    "one byte changed": lambda data, tmp: data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
    "not a cache file": lambda data, tmp: b"\x80\x04" + os.urandom(4000),
    "another program's pickle": lambda data, tmp: _signed(pickle.dumps({"rules": []})),
    "a rule set that is not one": lambda data, tmp: _signed(_manifest_and_rules(data)[0] + pickle.dumps(["kb-queue"])),
    "a pickle that runs code": lambda data, tmp: _signed(_manifest_and_rules(data)[0]
                                                         + pickle.dumps(_Runs(str(tmp / "ran")))),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_or_foreign_cache_file_is_rebuilt_never_trusted(folders, tmp_path, kind):
    path = cache.cache_file(folders)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(BROKEN[kind](_cache_bytes(folders), tmp_path))
    assert cached(folders) is None
    ruleset = load_ruleset(folders)
    assert [r.id for r in ruleset.rules] == ["kb-queue", "kb-spelling", "kb-consistency"]
    assert not (tmp_path / "ran").exists()
    assert cached(folders) is not None  # written anew


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file ownership is a POSIX notion")
def test_a_cache_file_others_may_write_is_not_read(folders):
    load_ruleset(folders)
    path = cache.cache_file(folders)
    path.chmod(0o666)
    assert cached(folders) is None
    path.chmod(0o600)
    assert cached(folders) is not None


def test_an_unwritable_cache_folder_means_no_cache(folders, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PLAINREPLY_CACHE_DIR", str(blocker / "cache"))
    assert "kb-queue" in load_ruleset(folders).by_id
    assert cached(folders) is None


def test_a_failed_write_leaves_neither_a_cache_nor_a_temporary_file(folders, cache_folder, monkeypatch):
    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    assert "kb-queue" in load_ruleset(folders).by_id
    assert list(cache_folder.iterdir()) == []


def test_no_cache_when_turned_off(folders, cache_folder, monkeypatch):
    monkeypatch.setenv("PLAINREPLY_NO_CACHE", "1")
    load_ruleset(folders)
    assert not cache_folder.exists() and cached(folders) is None


def test_where_the_cache_lives(tmp_path, monkeypatch):
    monkeypatch.delenv("PLAINREPLY_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "plainreply"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says: ignore it
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "plainreply"
    monkeypatch.setenv("PLAINREPLY_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def test_old_cache_files_are_dropped(folders, cache_folder):
    cache_folder.mkdir()
    for k in range(cache.KEEP_FILES + 4):
        old = cache_folder / f"rules-old{k}-x.pickle"
        old.write_bytes(b"")
        os.utime(old, (1000 + k, 1000 + k))
    load_ruleset(folders)
    left = sorted(p.name for p in cache_folder.glob("rules-*.pickle"))
    assert len(left) == cache.KEEP_FILES and cache.cache_file(folders).name in left
    assert "rules-old0-x.pickle" not in left


def test_the_shipped_rules_are_cached(cache_folder):
    """Every object of the shipped rule set can be stored and read back (a new kind of object in
    a check's options would otherwise silently mean compiling on every run)."""
    with cache.recording() as recorded:
        fresh = build_ruleset([rules_dir()])
    cache.store([rules_dir()], fresh, recorded)
    restored = cache.load([rules_dir()], RuleSet)
    assert restored is not None and [r.id for r in restored.rules] == [r.id for r in fresh.rules]
    names = {Path(p).name for p in recorded["reads"]}
    assert {"profiles.yaml", "bureaucratese.yaml", "synonyms.yaml", "terms.yaml", "domain.txt"} <= names


# The same findings from a rule set read from the cache, in a new process, as from one compiled
# anew: nothing a check needs may live outside the cached objects, and nothing in them may depend
# on object identities of the process that compiled them.
FINDINGS_SCRIPT = r"""
import json, sys, tempfile
from pathlib import Path
from plainreply import Config, Linter
from plainreply.docx.examples import build_docx
from plainreply.engine import cache
from plainreply.engine.loader import RuleSet
from plainreply.resources import rules_dir

print(json.dumps({"from_cache": cache.load([rules_dir()], RuleSet) is not None}))
corpus = Path(sys.argv[1])
if corpus.is_file():
    for line in corpus.read_text(encoding="utf-8").splitlines():
        letter = json.loads(line)
        report = Linter().check(letter["text"], letter["profile"])
        print(json.dumps([letter["id"], report.to_dict()], ensure_ascii=False, sort_keys=True))
for rule in Linter().ruleset.rules:
    linter = Linter(Config(select=(rule.id,)))
    for text in (*rule.examples.bad, *rule.examples.good):
        if getattr(rule.check, "needs_docx", False):
            with tempfile.TemporaryDirectory() as folder:
                report = linter.check_docx(build_docx(text, Path(folder) / "example.docx"))
            data = report.to_dict()
            data.pop("path", None)
        else:
            data = linter.check(text).to_dict()
        print(json.dumps([rule.id, text, data], ensure_ascii=False, sort_keys=True))
"""


def _findings_in_new_process(cache_folder: Path) -> tuple[bool, list[str]]:
    env = dict(os.environ, PLAINREPLY_CACHE_DIR=str(cache_folder), NO_COLOR="1")
    result = subprocess.run([sys.executable, "-c", FINDINGS_SCRIPT, str(CORPUS)], capture_output=True,
                            text=True, env=env, timeout=300, cwd=cache_folder.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    return json.loads(lines[0])["from_cache"], lines[1:]


def test_cached_rules_give_byte_identical_findings_on_letters_and_rule_examples(cache_folder):
    code = cache.environment()
    compiled_from_cache, fresh = _findings_in_new_process(cache_folder)
    restored_from_cache, cached = _findings_in_new_process(cache_folder)
    if cache.environment() != code:
        pytest.skip("plainreply's modules changed while the test ran (a shared working copy)")
    assert not compiled_from_cache and restored_from_cache
    letters = len(CORPUS.read_text(encoding="utf-8").splitlines()) if CORPUS.is_file() else 0  # else examples only
    assert len(fresh) > 250 and sum(line.startswith('["dev-') for line in fresh) == letters
    differing = [(a, b) for a, b in zip(fresh, cached) if a != b]
    assert not differing and len(fresh) == len(cached), differing[:3]
    assert any('"rule": "consistency"' in line for line in cached)  # the synonym sets work from the cache


def test_rules_from_the_cache_are_those_compiled_in_the_same_process(cache_folder):
    """The same in one process: the ranks of phrase entries and the synonym sets are rebuilt from
    the unpickled objects, not looked up by the ids of the compiled ones."""
    with cache.recording() as recorded:
        fresh = build_ruleset([rules_dir()])
    cache.store([rules_dir()], fresh, recorded)
    restored = cache.load([rules_dir()], RuleSet)
    assert restored is not None
    text = ("Ваша семья получит земельный участок. Выбрать надел можно на сайте. В связи с тем, что "
            "срок истек, в настоящее время денежные средства возвращены. Мы рассчитали арендную плату. "
            "Арендный платеж вырос.")
    reports = []
    for ruleset in (fresh, restored):
        linter = Linter()
        linter.ruleset = ruleset
        reports.append(linter.check(text))
    assert json.dumps(reports[0].to_dict(), ensure_ascii=False) == json.dumps(reports[1].to_dict(), ensure_ascii=False)
    assert {"consistency", "bureaucratese-phrase"} <= {f.rule for f in reports[1].findings}


# The frequency table.

def _wordfreq_dict() -> dict[str, float]:
    wordfreq = pytest.importorskip("wordfreq", reason="wordfreq (the source of the table) is not installed")
    return wordfreq.get_frequency_dict("ru", "large")


def _old_zipf(frequencies: dict[str, float], word: str) -> float | None:
    """spelling.zipf as it was, over wordfreq's own dictionary."""
    f = frequencies.get(word)
    if f is None:
        return None
    return math.log10(f * 1e9) if f > 0 else 0.0


def test_every_word_has_the_zipf_value_wordfreq_gives():
    frequencies = _wordfreq_dict()
    wrong = [w for w in frequencies if spelling.zipf(w) != _old_zipf(frequencies, w)]
    assert not wrong, wrong[:10]
    assert len(frequencies) > 700_000
    assert spelling.zipf("участок") == pytest.approx(wordfreq_zipf("участок"), abs=0.005) and spelling.zipf("участок") > 4


def wordfreq_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ru", "large")


def test_words_wordfreq_lacks_are_not_in_the_table():
    frequencies = _wordfreq_dict()
    missing = [w for w in ("министества", "учасники", "арендадателя", "zzzz", "", "Москва", "жилойдом")
               if w not in frequencies]
    assert len(missing) == 7
    assert all(spelling.listed_zipf(w) is None and spelling.zipf(w) == 0.0 for w in missing)
    near = {w for w in spelling._edits1("участок") if w not in frequencies}
    assert near and all(spelling.listed_zipf(w) is None for w in near)


def test_spelling_findings_on_the_dev_letters_are_those_of_wordfreq(monkeypatch):
    if not CORPUS.is_file():
        pytest.skip(f"{CORPUS} is absent")
    frequencies = _wordfreq_dict()
    letters = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    config = Config(select=("spelling", "punctuation"))

    def findings() -> list[dict]:
        linter = Linter(config)
        linter.ruleset = build_ruleset([rules_dir()])  # word verdicts are cached per rule set
        return [linter.check(letter["text"], letter["profile"]).to_dict()["findings"] for letter in letters]

    with_table = findings()
    monkeypatch.setattr(spelling, "listed_zipf", lambda word: _old_zipf(frequencies, word))
    with_wordfreq = findings()
    assert with_table == with_wordfreq
    assert sum(f["category"] == "spelling" for letter in with_table for f in letter) >= 5


@pytest.mark.parametrize("content", [b"", b"\x00" * 100, b"not a table at all"])
def test_a_missing_or_damaged_table_is_one_line_naming_the_file(tmp_path, monkeypatch, content):
    (tmp_path / "dictionary").mkdir()
    monkeypatch.setattr(spelling, "_table", None)
    monkeypatch.setattr(spelling, "rules_dir", lambda: tmp_path)
    with pytest.raises(RuleFileError) as info:
        spelling.zipf("участок")
    assert "\n" not in str(info.value) and "frequencies-ru.dawg" in str(info.value) and "нет таблицы" in str(info.value)
    (tmp_path / "dictionary" / "frequencies-ru.dawg").write_bytes(content)
    with pytest.raises(RuleFileError) as info:
        spelling.zipf("участок")
    assert "\n" not in str(info.value) and "повреждена" in str(info.value)


def test_the_shipped_table_is_small_and_loads_on_first_use():
    table = rules_dir() / spelling.FREQUENCY_TABLE
    assert table.stat().st_size < 8_000_000
    script = ("import sys, plainreply; from plainreply import spelling; linter = plainreply.Linter(); "
              "before = spelling._table is not None; linter.check('Все документы в парядке.'); "
              "print(before, spelling._table is not None, 'wordfreq' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "True", "False"]  # read by the check; wordfreq never loaded


# Imports on demand.

MODULES_AFTER = r"""
import json, sys
mode = sys.argv[1]
if mode == "import":
    import plainreply
elif mode == "check":
    import plainreply
    plainreply.check(open(sys.argv[2], encoding="utf-8").read())
else:
    # What `python -m plainreply check` runs (its __main__ then leaves with os._exit).
    from plainreply.cli import main
    main(["check", sys.argv[2]])
loaded = {name: name in sys.modules for name in ("natasha", "docx", "wordfreq", "plainreply.linter", "yaml", "lxml")}
print(json.dumps(loaded), file=sys.stderr)
"""


def _modules_after(mode: str, letter: Path) -> dict[str, bool]:
    result = subprocess.run([sys.executable, "-c", MODULES_AFTER, mode, str(letter)], capture_output=True,
                            text=True, timeout=120, cwd=letter.parent)
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("mode", ["import", "check", "cli"])
def test_natasha_and_python_docx_load_only_when_used(tmp_path, mode):
    letter = tmp_path / "letter.txt"
    letter.write_text("Уважаемая Анна Викторовна!\n\nВаш участок поставлен на учет. Выписку из реестра "
                      "пришлем по почте до 20 декабря 2026 года.\n\nС уважением,\nминистр И. И. Иванов",
                      encoding="utf-8")
    loaded = _modules_after(mode, letter)
    assert not loaded["natasha"] and not loaded["docx"] and not loaded["wordfreq"], loaded
    assert loaded["plainreply.linter"] == (mode != "import")  # the lazy import does load what is used


def test_a_second_check_of_plain_text_reads_neither_yaml_nor_lxml(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Ваш участок поставлен на учет. Выписку пришлем по почте.", encoding="utf-8")
    first = _modules_after("cli", letter)
    assert first["yaml"]  # the first run compiles the rules and fills the cache
    second = _modules_after("cli", letter)
    assert not second["yaml"] and not second["lxml"], second


def _count_calls(parse):
    calls = []

    def counted(path):
        calls.append(path)
        return parse(path)
    counted.__qualname__ = parse.__qualname__
    return counted, calls


def test_parsed_data_is_read_back_from_the_cache_as_parsed(tmp_path, cache_folder):
    from plainreply.engine.loader import read_yaml

    source = tmp_path / "words.yaml"
    source.write_text("улицы: [проспект, переулок]\nчисла: {a: 1, b: 2.5, c: null, d: true}\n", encoding="utf-8")
    parse, calls = _count_calls(read_yaml)
    first = cache.parsed_data(source, parse)
    second = cache.parsed_data(source, parse)
    assert first == second == {"улицы": ["проспект", "переулок"], "числа": {"a": 1, "b": 2.5, "c": None, "d": True}}
    assert len(calls) == 1
    source.write_text("улицы: [тупик]\n", encoding="utf-8")  # new content, new key
    assert cache.parsed_data(source, parse) == {"улицы": ["тупик"]} and len(calls) == 2


def test_parsed_data_that_json_cannot_hold_or_a_broken_cache_file_means_parsing_again(tmp_path, cache_folder):
    from plainreply.engine.loader import read_yaml

    dated = tmp_path / "dated.yaml"
    dated.write_text("срок: 2026-12-20\n", encoding="utf-8")
    parse, calls = _count_calls(read_yaml)
    assert str(cache.parsed_data(dated, parse)["срок"]) == "2026-12-20"
    assert str(cache.parsed_data(dated, parse)["срок"]) == "2026-12-20" and len(calls) == 2  # never cached
    plain = tmp_path / "plain.yaml"
    plain.write_text("слова: [дом]\n", encoding="utf-8")
    cache.parsed_data(plain, parse)
    stored = list(cache_folder.glob("data-*.json"))
    assert len(stored) == 1
    stored[0].write_text("{broken", encoding="utf-8")
    assert cache.parsed_data(plain, parse) == {"слова": ["дом"]} and len(calls) == 4
    stored[0].write_text('{"слова": ["подмена"]}', encoding="utf-8")
    stored[0].chmod(0o666)  # a file others may write is not read
    assert cache.parsed_data(plain, parse) == {"слова": ["дом"]} and len(calls) == 5


def test_the_public_api_is_there():
    for name in plainreply.__all__:
        assert getattr(plainreply, name) is not None, name
    assert plainreply.CATEGORIES[0] == "bureaucratese" and callable(plainreply.check_docx)
    assert "check" in dir(plainreply)
    with pytest.raises(AttributeError):
        plainreply.no_such_name  # noqa: B018
