"""Text in → findings out: picks the rules for a profile, runs them, resolves overlaps."""

from __future__ import annotations

import gc
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import replace
from itertools import accumulate
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from . import regexes
from .analysis import Document, analyze
from .config import Config, from_mapping
from .engine.loader import Profile, RuleSet, load_ruleset
from .engine.model import Finding, Rule
from .engine.python import PythonCheck
from .engine.tidy import group_repeats, one_per_span
from .errors import ConfigError, TextTooLongError
from .markdown import markup_spans, mask_markdown
from .report import Report
from .resources import rules_dir
from .suppress import find_suppressions


# About 270,000 words: a check of that takes about 15 s and 350 MB on a two-core machine. A letter
# is a few thousand characters; anything near the cap is an archive or an attack, not a reply.
MAX_CHARACTERS = 2_000_000


@lru_cache(maxsize=8)
def ruleset_for(directories: tuple[Path, ...]) -> RuleSet:
    return load_ruleset(directories)


class Linter:
    def __init__(self, config: Config | Mapping[str, Any] | None = None):
        if config is None:
            config = Config()
        elif not isinstance(config, Config):
            config = from_mapping(config)
        self.config = config
        self.ruleset = ruleset_for((rules_dir(), *config.rule_dirs))
        self.max_characters: int = getattr(config, "max_characters", None) or MAX_CHARACTERS
        self._active: dict[str, list[Rule]] = {}

    def profile(self, name: str | None = None) -> Profile:
        name = name or self.config.profile or self.ruleset.default_profile
        if name not in self.ruleset.profiles:
            known = ", ".join(self.ruleset.profiles)
            raise ConfigError(f"нет профиля {name!r}; есть: {known}")
        return self.ruleset.profiles[name]

    def params(self, profile: Profile) -> dict[str, float]:
        params = dict(profile.params)
        for key, value in self.config.params.items():
            if key not in params:
                known = ", ".join(sorted(params))
                raise ConfigError(f"нет параметра {key!r}; есть: {known}")
            params[key] = value
        return params

    def active_rules(self, profile: Profile) -> list[Rule]:
        if profile.name not in self._active:
            self._active[profile.name] = self._select_rules(profile)
        return self._active[profile.name]

    def _select_rules(self, profile: Profile) -> list[Rule]:
        for name in (*self.config.select, *self.config.ignore, *self.config.options):
            if name not in self.ruleset.by_id and not any(r.category == name for r in self.ruleset.rules):
                raise ConfigError(f"нет правила или категории {name!r}")
        active = []
        for rule in self.ruleset.rules:
            on = rule.enabled
            if _named(rule, profile.enable):
                on = True
            if _named(rule, profile.disable):
                on = False
            if self.config.select:
                # Naming a rule by id turns it on even when it is off by default.
                on = rule.id in self.config.select or (on and rule.category in self.config.select)
            if _named(rule, self.config.ignore):
                on = False
            if on:
                active.append(self._configured(rule))
        return active

    def _configured(self, rule: Rule) -> Rule:
        overrides = self.config.options.get(rule.id)
        if not overrides:
            return rule
        if not isinstance(rule.check, PythonCheck):
            raise ConfigError(f"{self.config.path or 'config'}: у правила {rule.id} нет настраиваемых options")
        source = self.config.path or "config"
        return replace(rule, check=rule.check.with_options(overrides, f"{source}: options.{rule.id}"))

    def check(self, text: str, profile: str | None = None, *, markdown: bool = False) -> Report:
        self._within_cap(text)
        with _collector_paused():
            analysed_text, suppressions = find_suppressions(text)
            markup: list[tuple[int, int]] = []
            if markdown:
                markup = markup_spans(analysed_text)
                analysed_text = mask_markdown(analysed_text, markup)
            return self._run(text, analyze(analysed_text), profile, suppressions, markup)

    def check_docx(self, path: Path | str, profile: str | None = None) -> Report:
        """Check a Word draft: its visible text, its formatting and its links. Findings carry
        offsets into `report.text`; `report.to_dict()` adds where each one is in the document."""
        from .docx import read_docx

        source = read_docx(Path(path), max_chars=self.max_characters)
        self._within_cap(source.text)
        with _collector_paused():
            analysed_text, suppressions = find_suppressions(source.text)
            doc = analyze(analysed_text)
            doc.source = source
            report = self._run(source.text, doc, profile, suppressions)
        report.locate = source.location
        report.source = source
        return report

    def _within_cap(self, text: str) -> None:
        if len(text) > self.max_characters:
            raise TextTooLongError(len(text), self.max_characters)

    def _run(self, text: str, doc: Document, profile: str | None, suppressions: list,
             markup: list[tuple[int, int]] = ()) -> Report:
        chosen = self.profile(profile)
        params = self.params(chosen)
        findings: list[Finding] = []
        # Markdown markup and code are no letter text: a finding on them (two spaces where «**»
        # was blanked out, a «space before the dot» after a code span) is the markup's, not the writer's.
        in_markup = _SpanIndex.of(markup) if markup else None
        for rule in self.active_rules(chosen):
            for hit in rule.check.run(doc, params):
                if rule.context is not None and doc.context.blocks(hit.start, hit.end, rule.context):
                    continue
                if in_markup is not None and in_markup.overlaps(hit.start, hit.end):
                    continue
                findings.append(Finding(
                    rule=rule.id, category=rule.category, severity=rule.severity,
                    start=hit.start, end=hit.end, message=rule.format_message(text, hit),
                    suggestion=hit.suggestion, note=hit.note, replacement=hit.replacement,
                ))
        findings = _resolve_overlaps(findings, self.ruleset)
        findings = group_repeats(findings, self.ruleset.by_id, text, [p.start for p in doc.paragraphs])
        findings = one_per_span(findings)
        findings = [f for f in findings if not any(s.covers(f) for s in suppressions)]
        regexes.save()  # patterns compiled anew by this process (rules, first use of a check), if any
        return Report(text=text, findings=findings, profile=chosen.name, words=doc.word_count,
                      sentences=len(doc.sentences), readability=doc.readability, letters=doc.letter_count,
                      sentence_sizes=doc.sentence_sizes,
                      sentence_spans=[(s.start, s.end) for s in doc.sentences])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the length of one check. A check allocates a few objects
    per word (tokens, and parses of new word forms that stay cached), and the collector would
    traverse them again and again: about a tenth of the check time on RuREBus. The check builds
    no reference cycles that outlive it, and the collector runs as usual once it is back on.
    A caller that turned the collector off keeps it off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _named(rule: Rule, names: tuple[str, ...]) -> bool:
    return rule.id in names or rule.category in names


def _resolve_overlaps(findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
    """Drop a finding that overlaps a finding of a rule or category its rule yields to
    (never its own rule: a rule of category «passive» may yield to the other «passive» rules)."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    index = {rule: _SpanIndex(group) for rule, group in by_rule.items()}
    kept = []
    for finding in findings:
        rules = {
            other for name in ruleset.by_id[finding.rule].suppressed_by
            for other in ([name] if name in ruleset.by_id else ruleset.rules_of(name))
            if other != finding.rule and other in index
        }
        if any(index[rule].overlaps(finding.start, finding.end) for rule in rules):
            continue
        kept.append(finding)
    return kept


class _SpanIndex:
    """Answers «does any span overlap [start, end)?» in O(log n): spans sorted by start, with the
    running maximum of their ends."""

    def __init__(self, findings: list[Finding]):
        self._index(sorted((f.start, f.end) for f in findings))

    @classmethod
    def of(cls, spans: list[tuple[int, int]] | tuple = ()) -> _SpanIndex:
        index = cls.__new__(cls)
        index._index(sorted(spans))
        return index

    def _index(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.max_end = list(accumulate((e for _, e in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before_end = bisect_left(self.starts, end)  # spans that start before `end`
        return before_end > 0 and self.max_end[before_end - 1] > start


_default: Linter | None = None


def default_linter() -> Linter:
    global _default
    if _default is None:
        _default = Linter()
    return _default


def check(text: str, profile: str | None = None, config: Config | Mapping[str, Any] | None = None,
          *, markdown: bool = False) -> Report:
    """Check a draft reply and return its report (see README: Python API)."""
    linter = default_linter() if config is None else Linter(config)
    return linter.check(text, profile, markdown=markdown)


def check_docx(path: Path | str, profile: str | None = None,
               config: Config | Mapping[str, Any] | None = None) -> Report:
    """Check a Word draft (see README: Word drafts)."""
    linter = default_linter() if config is None else Linter(config)
    return linter.check_docx(path, profile)
