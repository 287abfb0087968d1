"""Reading and validating `rules/*.yaml` and `rules/profiles.yaml`.

Every problem stops loading with a message that names the file, the rule and the field.
Whatever loading reads goes through `read_text` (and `spelling.read_word_list`), so that the
disk cache of the compiled rules (cache.py) knows every file its validity depends on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from .. import regexes
from ..analysis.context import CONTEXT_KINDS
from ..errors import RuleFileError
from . import cache
from .metrics import MetricCheck
from .model import CATEGORIES, SEVERITIES, Examples, Rule
from .patterns import PatternCheck
from .phrases import PhraseCheck
from .python import PythonCheck

CHECK_TYPES: dict[str, Any] = {
    "phrases": PhraseCheck,
    "patterns": PatternCheck,
    "metric": MetricCheck,
    "python": PythonCheck,
}
COMMON_FIELDS = {
    "id", "category", "severity", "message", "description", "source", "examples", "check",
    "enabled", "suppressed_by", "context", "group",
}
GROUPINGS = ("", "paragraph")
REQUIRED_TEXT_FIELDS = ("message", "description", "source")
PROFILE_FIELDS = {"title", "params", "enable", "disable"}
PROFILES_FILE = "profiles.yaml"
MIN_EXAMPLES = 2
_RULE_ID = regexes.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_SOURCE = regexes.compile(r"\d+(?:\.\d+)+")


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    params: Mapping[str, Any]
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()


@dataclass
class RuleSet:
    rules: list[Rule]
    profiles: dict[str, Profile]
    default_profile: str
    by_id: dict[str, Rule] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {rule.id: rule for rule in self.rules}
        self._by_category: dict[str, list[str]] = {}
        for rule in self.rules:
            self._by_category.setdefault(rule.category, []).append(rule.id)

    def rules_of(self, category: str) -> list[str]:
        return self._by_category.get(category, [])


@lru_cache(maxsize=1)
def _strict_loader() -> type:
    """A safe YAML loader that refuses a key written twice in one mapping. Built on first use:
    a run that takes the rules from the cache never imports yaml for them."""
    import yaml

    def construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"ключ {key!r} повторяется", key_node.start_mark
                )
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses 5x faster
    loader = type("StrictLoader", (base,), {})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return loader


def read_text(path: Path) -> str:
    """A rule data file as text; its bytes go into the key of the rule cache."""
    data = Path(path).read_bytes()
    cache.note_read(path, data)
    # Decoded as read_text() would: UTF-8 and universal newlines.
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def read_yaml(path: Path) -> Any:
    import yaml

    try:
        text = read_text(path)
    except UnicodeDecodeError:
        raise RuleFileError(path, "файл не в кодировке UTF-8") from None
    except OSError as exc:
        raise RuleFileError(path, f"не удается прочитать файл: {exc.strerror}") from None
    try:
        return yaml.load(text, Loader=_strict_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"строка {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleFileError(path, f"ошибка YAML, {where}{problem}") from None


def load_rule_file(path: Path) -> list[Rule]:
    data = read_yaml(path)
    if not isinstance(data, Mapping) or set(data) != {"rules"}:
        raise RuleFileError(path, "файл правил должен содержать только ключ rules со списком правил")
    raw_rules = data["rules"]
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleFileError(path, "rules должен быть непустым списком", field="rules")
    return [_build_rule(raw, path, i) for i, raw in enumerate(raw_rules)]


def _build_rule(raw: Any, path: Path, index: int) -> Rule:
    if not isinstance(raw, Mapping):
        raise RuleFileError(path, f"правило №{index + 1} должно быть словарем")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise RuleFileError(path, "нужен id из латинских строчных букв, цифр и дефисов", f"№{index + 1}", "id")
    check_type = raw.get("check")
    if check_type not in CHECK_TYPES:
        known = ", ".join(CHECK_TYPES)
        raise RuleFileError(path, f"неизвестный тип проверки {check_type!r}; есть: {known}", rule_id, "check")
    check_class = CHECK_TYPES[check_type]
    unknown = set(raw) - COMMON_FIELDS - check_class.fields
    if unknown:
        raise RuleFileError(path, f"неизвестное поле для проверки {check_type}", rule_id, sorted(unknown)[0])
    category = raw.get("category")
    if category not in CATEGORIES:
        raise RuleFileError(path, f"неизвестная категория {category!r}", rule_id, "category")
    severity = raw.get("severity")
    if severity not in SEVERITIES:
        raise RuleFileError(path, "нужно error, warning или info", rule_id, "severity")
    for name in REQUIRED_TEXT_FIELDS:
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise RuleFileError(path, "поле обязательно и должно быть непустой строкой", rule_id, name)
    if not _SOURCE.search(raw["source"]):
        raise RuleFileError(path, "укажите пункт приказа, например 3.10", rule_id, "source")
    _check_placeholders(raw["message"], path, rule_id)
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RuleFileError(path, "значение должно быть true или false", rule_id, "enabled")
    suppressed_by = raw.get("suppressed_by", [])
    if not isinstance(suppressed_by, list) or not all(isinstance(x, str) for x in suppressed_by):
        raise RuleFileError(path, "нужен список id правил или категорий", rule_id, "suppressed_by")
    context = _context_kinds(raw.get("context", []), path, rule_id)
    group = raw.get("group", "")
    if group not in GROUPINGS:
        raise RuleFileError(path, "нужно paragraph или пусто", rule_id, "group")
    return Rule(
        id=rule_id,
        category=category,
        severity=severity,
        message=raw["message"].strip(),
        description=raw["description"].strip(),
        source=str(raw["source"]).strip(),
        examples=_examples(raw.get("examples"), path, rule_id),
        check=check_class.from_rule(raw, path, rule_id),
        check_type=check_type,
        path=path,
        enabled=enabled,
        suppressed_by=tuple(suppressed_by),
        context=context,
        group=group,
    )


def _context_kinds(raw: Any, path: Path, rule_id: str) -> frozenset[str] | None:
    """`context: all` or a list of kinds from analysis.context.CONTEXT_KINDS."""
    if raw == "all":
        return None
    known = ", ".join(CONTEXT_KINDS)
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise RuleFileError(path, f"нужно all или список видов: {known}", rule_id, "context")
    unknown = [x for x in raw if x not in CONTEXT_KINDS]
    if unknown:
        raise RuleFileError(path, f"неизвестный вид {unknown[0]!r}; есть: {known}", rule_id, "context")
    return frozenset(raw)


_PLACEHOLDER = regexes.compile(r"\{([^{}]*)\}")
_ALLOWED_PLACEHOLDERS = {"match", "suggestion", "value", "limit", "detail"}


def _check_placeholders(message: str, path: Path, rule_id: str) -> None:
    for name in _PLACEHOLDER.findall(message):
        if name not in _ALLOWED_PLACEHOLDERS:
            allowed = ", ".join("{" + p + "}" for p in sorted(_ALLOWED_PLACEHOLDERS))
            raise RuleFileError(path, f"неизвестная подстановка {{{name}}}; можно: {allowed}", rule_id, "message")


def _examples(raw: Any, path: Path, rule_id: str) -> Examples:
    if not isinstance(raw, Mapping):
        raise RuleFileError(path, "нужны примеры bad и good", rule_id, "examples")
    unknown = set(raw) - {"bad", "good"}
    if unknown:
        raise RuleFileError(path, "неизвестное поле", rule_id, f"examples.{sorted(unknown)[0]}")
    result = {}
    for kind in ("bad", "good"):
        items = raw.get(kind)
        if not isinstance(items, list) or len(items) < MIN_EXAMPLES:
            raise RuleFileError(path, f"нужно не меньше {MIN_EXAMPLES} примеров", rule_id, f"examples.{kind}")
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise RuleFileError(path, "пример должен быть непустой строкой", rule_id, f"examples.{kind}[{i}]")
        result[kind] = tuple(items)
    return Examples(bad=result["bad"], good=result["good"])


def load_profiles(path: Path) -> tuple[dict[str, Profile], str]:
    data = read_yaml(path)
    if not isinstance(data, Mapping) or set(data) - {"default", "profiles"} or "profiles" not in data:
        raise RuleFileError(path, "файл профилей должен содержать ключи default и profiles")
    raw_profiles = data["profiles"]
    if not isinstance(raw_profiles, Mapping) or not raw_profiles:
        raise RuleFileError(path, "profiles должен быть непустым словарем", field="profiles")
    profiles: dict[str, Profile] = {}
    for name, raw in raw_profiles.items():
        where = f"profiles.{name}"
        if not isinstance(raw, Mapping):
            raise RuleFileError(path, "профиль должен быть словарем", field=where)
        unknown = set(raw) - PROFILE_FIELDS
        if unknown:
            raise RuleFileError(path, "неизвестное поле", field=f"{where}.{sorted(unknown)[0]}")
        params = raw.get("params", {}) or {}
        if not isinstance(params, Mapping) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in params.values()
        ):
            raise RuleFileError(path, "params должен быть словарем чисел", field=f"{where}.params")
        lists = {}
        for key in ("enable", "disable"):
            value = raw.get(key, []) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RuleFileError(path, "нужен список id правил или категорий", field=f"{where}.{key}")
            lists[key] = tuple(value)
        profiles[str(name)] = Profile(str(name), str(raw.get("title", name)), dict(params), lists["enable"], lists["disable"])
    default = data.get("default")
    if default not in profiles:
        raise RuleFileError(path, f"профиля {default!r} нет в profiles", field="default")
    return profiles, str(default)


def rule_files(directory: Path) -> list[Path]:
    cache.note_listing(directory, "*.yaml")
    return sorted(p for p in directory.glob("*.yaml") if p.name != PROFILES_FILE)


def load_ruleset(directories: Iterable[Path]) -> RuleSet:
    """Load rules from the directories in order; the first directory must hold profiles.yaml.
    The compiled result is cached on disk (engine/cache.py) and reused while nothing it was
    built from has changed."""
    directories = list(directories)
    cached = cache.load(directories, RuleSet)
    if cached is not None:
        return cached
    with cache.recording() as recorded:
        ruleset = build_ruleset(directories)
    cache.store(directories, ruleset, recorded)
    return ruleset


def build_ruleset(directories: list[Path]) -> RuleSet:
    """Read, validate and compile the rules, without the cache."""
    profiles_path = directories[0] / PROFILES_FILE
    profiles, default = load_profiles(profiles_path)
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            raise RuleFileError(directory, "папка с правилами не найдена")
        for path in rule_files(directory):
            for rule in load_rule_file(path):
                if rule.id in seen:
                    raise RuleFileError(path, f"id уже занят правилом из {seen[rule.id]}", rule.id, "id")
                seen[rule.id] = path
                rules.append(rule)
    _cross_check(rules, profiles, profiles_path)
    return RuleSet(rules, profiles, default)


def _cross_check(rules: list[Rule], profiles: dict[str, Profile], profiles_path: Path) -> None:
    names = {rule.id for rule in rules} | set(CATEGORIES)
    for rule in rules:
        for target in rule.suppressed_by:
            if target not in names:
                raise RuleFileError(rule.path, f"нет правила или категории {target!r}", rule.id, "suppressed_by")
        needed = getattr(rule.check, "params", set())
        for profile in profiles.values():
            missing = set(needed) - set(profile.params)
            if missing:
                raise RuleFileError(
                    profiles_path, f"нет параметра {sorted(missing)[0]}, нужного правилу {rule.id}",
                    field=f"profiles.{profile.name}.params",
                )
    for profile in profiles.values():
        for key in ("enable", "disable"):
            for target in getattr(profile, key):
                if target not in names:
                    raise RuleFileError(profiles_path, f"нет правила или категории {target!r}", field=f"profiles.{profile.name}.{key}")
