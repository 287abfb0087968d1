"""Findings for a person at a terminal: file:line:col, rule, message, the line with the span
marked, and the suggestion. Colour only when writing to a terminal."""

from __future__ import annotations

from ..engine.model import Finding
from ..report import Report
from .positions import LineIndex

SEVERITY_LABEL = {"error": "ошибка", "warning": "предупреждение", "info": "совет"}
_COLOURS = {"error": "31", "warning": "33", "info": "36", "rule": "2", "mark": "1;31", "fix": "32"}
_CONTEXT = 90


def paint(text: str, colour: str, enabled: bool) -> str:
    return f"\033[{_COLOURS[colour]}m{text}\033[0m" if enabled else text


def render_finding(name: str, lines: LineIndex, finding: Finding, colour: bool) -> str:
    line, column = lines.position(finding.start)
    severity = paint(SEVERITY_LABEL[finding.severity], finding.severity, colour)
    head = f"{name}:{line}:{column}: {severity} {paint(finding.rule, 'rule', colour)}: {finding.message}"
    text = lines.line_text(line)
    start = column - 1
    end = min(start + (finding.end - finding.start), len(text))
    window_start = max(0, min(start - 30, len(text) - _CONTEXT))
    window_end = min(len(text), max(end + 20, window_start + _CONTEXT))
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    shown = text[window_start:window_end]
    a, b = start - window_start, min(end, window_end) - window_start
    if colour:
        context = prefix + shown[:a] + paint(shown[a:b], "mark", True) + shown[b:] + suffix
        body = [f"    {context}"]
    else:
        body = [f"    {prefix}{shown}{suffix}", "    " + " " * (len(prefix) + a) + "^" * max(1, b - a)]
    if finding.suggestion:
        body.append("    " + paint(f"Как лучше: {finding.suggestion}", "fix", colour))
    return "\n".join([head, *body])


def render_report(name: str, report: Report, colour: bool) -> str:
    lines = LineIndex(report.text)
    parts = [render_finding(name, lines, f, colour) for f in report.findings]
    errors = len(report.errors)
    parts.append(
        f"{name}: замечаний: {len(report.findings)}, из них ошибок: {errors}. "
        f"Оценка простоты: {report.score:.1f} из 10."
    )
    return "\n".join(parts)
