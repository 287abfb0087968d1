"""Findings for a person at a terminal: file:line:col, rule, message, the line with the span
marked, the exact replacement (what `--fix` puts in) and the advice. Colour only when writing to a terminal."""

from __future__ import annotations

from ..engine.model import Finding
from ..report import Report
from ..positions import LineIndex

SEVERITY_LABEL = {"error": "ошибка", "warning": "предупреждение", "info": "совет"}
_COLOURS = {"error": "31", "warning": "33", "info": "36", "rule": "2", "mark": "1;31", "fix": "32"}
_CONTEXT = 90
_SHOWN_SPAN = 60


def paint(text: str, colour: str, enabled: bool) -> str:
    return f"\033[{_COLOURS[colour]}m{text}\033[0m" if enabled else text


STORY_LABEL = {"body": "абзац", "header": "верхний колонтитул, абзац", "footer": "нижний колонтитул, абзац",
               "footnote": "сноска, абзац", "endnote": "примечание, абзац"}


def render_finding(name: str, report: Report, lines: LineIndex, finding: Finding, colour: bool) -> str:
    line, column = lines.position(finding.start)
    severity = paint(SEVERITY_LABEL[finding.severity], finding.severity, colour)
    where = f"{line}:{column}"
    location = report.locate(finding.start) if report.locate is not None else None
    if location:  # a Word draft: name the story and the paragraph, not a line of extracted text
        where = f"{STORY_LABEL.get(str(location['story']), 'абзац')} {int(location['paragraph']) + 1}"
    head = f"{name}:{where}: {severity} {paint(finding.rule, 'rule', colour)}: {finding.message}"
    s_start, s_end = report.sentence_of(finding.start)
    if finding.end > s_end:  # a finding about the whole text: no single sentence to show
        return "\n".join([head, *_advice(report, finding, colour)])
    # Only the shown window of the sentence is copied: a sentence may be a whole 300 KB line.
    length = s_end - s_start
    start = finding.start - s_start
    end = min(finding.end, s_end) - s_start
    if (start, end) == (0, length):  # the whole sentence: show it, no marks needed
        shown = _one_line(report.text[s_start:s_start + min(length, 2 * _CONTEXT)])
        body = [f"    {shown}" + ("…" if length > 2 * _CONTEXT else "")]
    else:
        end = min(end, start + _CONTEXT)  # a very long span is marked up to the context width
        window_start = max(0, min(start - 30, length - _CONTEXT))
        window_end = min(length, max(end + 20, window_start + _CONTEXT))
        prefix = "…" if window_start > 0 else ""
        suffix = "…" if window_end < length else ""
        shown = _one_line(report.text[s_start + window_start:s_start + window_end])
        a, b = start - window_start, min(end, window_end) - window_start
        if colour:
            body = [f"    {prefix}{shown[:a]}{paint(shown[a:b], 'mark', True)}{shown[b:]}{suffix}"]
        else:
            body = [f"    {prefix}{shown}{suffix}", "    " + " " * (len(prefix) + a) + "^" * max(1, b - a)]
    body.extend(_advice(report, finding, colour))
    if finding.note:
        body.append(f"    Пояснение: {finding.note}")
    return "\n".join([head, *body])


def _advice(report: Report, finding: Finding, colour: bool) -> list[str]:
    """«Замена: «было» → «станет»» for an exact replacement (what --fix puts in), then «Как лучше»
    for advice, unless the advice only repeats the replacement."""
    lines = []
    if finding.replacement:
        was = report.text[finding.start:finding.end]
        if len(was) > _SHOWN_SPAN:  # the replacement is shown whole: it is what gets pasted
            half = _SHOWN_SPAN // 2
            was = was[:half] + "…" + was[-half:]
        was = _one_line(was)
        lines.append("    " + paint(f"Замена: «{was}» → «{_one_line(finding.replacement)}»", "fix", colour))
    if finding.suggestion and finding.suggestion != finding.replacement:
        lines.append("    " + paint(f"Как лучше: {finding.suggestion}", "fix", colour))
    return lines


_FLAT = str.maketrans("\r\n\t", "   ")


def _one_line(text: str) -> str:
    """Line breaks and tabs become spaces (one for one), so the caret line stays under the span."""
    return text.translate(_FLAT)


def render_report(name: str, report: Report, colour: bool) -> str:
    lines = LineIndex(report.text)
    parts = [render_finding(name, report, lines, f, colour) for f in report.findings]
    score = f"{report.score:.1f}".replace(".", ",")
    parts.append(
        f"{name}: замечаний: {len(report.findings)}, из них ошибок: {len(report.errors)}. "
        f"Оценка простоты: {score} из 10."
    )
    return "\n".join(parts)
