"""Command line: `plainreply check`, `plainreply rules`, `plainreply rules show ID`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

import razdel

from .config import Config, find_config, read_config_file
from .engine.loader import RuleSet
from .errors import InputError, PlainreplyError
from .inputs import DOCX_SUFFIXES, read_draft
from .linter import Linter
from .output.text import SEVERITY_LABEL, render_report
from .report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits with 2 as well; the text is ours
        self.print_usage(sys.stderr)
        print(f"plainreply: ошибка в параметрах: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plainreply",
        description="Проверяет, понятно ли написан ответ клиенту: канцелярит, длинные предложения, "
                    "отрицания, запрещенные фразы и другие правила порядка министерства.",
    )
    commands = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=_Parser)

    check = commands.add_parser("check", help="проверить письма (.txt, .md) или стандартный ввод (-)",
                                description="Проверяет письма и печатает замечания. "
                                            "Код выхода: 0 — ошибок нет, 1 — есть ошибки, 2 — ошибка в параметрах или файле.")
    check.add_argument("paths", nargs="+", metavar="ФАЙЛ", help="файл письма; «-» — читать со стандартного ввода")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text — для человека (по умолчанию), json — по объекту JSON на строку для программ")
    check.add_argument("--profile", help="профиль адресата: citizen (по умолчанию), legal_entity, internal")
    check.add_argument("--select", type=_names, default=[], metavar="ПРАВИЛА",
                       help="проверять только эти правила или категории, через запятую")
    check.add_argument("--ignore", type=_names, default=[], metavar="ПРАВИЛА",
                       help="не проверять эти правила или категории, через запятую")
    check.add_argument("--config", type=Path, metavar="ФАЙЛ",
                       help="файл настроек (plainreply.toml или pyproject.toml); по умолчанию ищется от текущей папки вверх")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="цвет в выводе: auto — только в терминале")
    check.add_argument("--annotate", type=Path, metavar="КОПИЯ.docx",
                       help="для одного файла .docx: записать копию с замечаниями в виде примечаний Word")
    check.add_argument("--fix", type=Path, metavar="КОПИЯ",
                       help="для одного файла: записать копию, в которой сделаны все точные замены, "
                            "и показать замечания к копии; сам файл не меняется")
    check.add_argument("--diff", action="store_true",
                       help="показать, что изменит --fix, в виде unified diff; ничего не записывать")
    check.add_argument("--force", action="store_true", help="перезаписать копию из --fix, если файл уже есть")

    drafting = commands.add_parser("draft", help="составить письмо по шаблону и данным дела",
                                   description="Составляет письмо на бланке по шаблону из templates/ и данным дела "
                                               "(YAML), проверяет его и записывает .docx. Письмо с ошибками не "
                                               "записывается без --force.")
    drafting.add_argument("--kind", required=True, metavar="ВИД",
                          help="вид письма: primary, redirect, merits, refusal, mailing")
    drafting.add_argument("--data", type=Path, metavar="ДЕЛО.yaml",
                          help="данные письма; без него берется пример из шаблона")
    drafting.add_argument("-o", "--output", type=Path, required=True, metavar="ПИСЬМО.docx")
    drafting.add_argument("--organisation", type=Path, metavar="ФАЙЛ", help="данные организации для бланка")
    drafting.add_argument("--force", action="store_true", help="записать письмо, даже если в нем есть ошибки")
    drafting.add_argument("--pdf", action="store_true", help="также сохранить PDF (нужен LibreOffice)")

    deadline = commands.add_parser("deadline", help="срок первичного ответа: 24 часа рабочих дней",
                                   description="Считает срок первичного ответа (пункт 3.5 порядка): 24 часа, "
                                               "в которые не входят выходные и нерабочие праздничные дни.")
    deadline.add_argument("--received", required=True, metavar="«ГГГГ-ММ-ДД ЧЧ:ММ»", help="когда пришло сообщение")

    rules = commands.add_parser("rules", help="список правил или описание одного правила",
                                description="Без аргументов печатает список правил. «rules show ID» печатает описание и примеры правила.")
    rules.add_argument("action", nargs="?", choices=["show"], help="show — показать одно правило")
    rules.add_argument("rule_id", nargs="?", metavar="ID", help="id правила")
    rules.add_argument("--config", type=Path, metavar="ФАЙЛ", help="файл настроек с дополнительными папками правил")
    rules.add_argument("--format", choices=["text", "markdown"], default="text",
                       help="markdown — таблица для README")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        config_file = getattr(args, "config", None)
        config = read_config_file(config_file) if config_file else find_config(Path.cwd())
        if args.command == "rules":
            return _rules(Linter(config).ruleset, args, parser)
        if args.command == "draft":
            return _draft(config, args)
        if args.command == "deadline":
            return _deadline(args)
        return _check(config, args)
    except PlainreplyError as exc:
        print(f"plainreply: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _check(config: Config, args: argparse.Namespace) -> int:
    config = config.merged(profile=args.profile, select=tuple(args.select),
                           ignore=tuple(config.ignore) + tuple(args.ignore))
    linter = Linter(config)
    linter.active_rules(linter.profile())  # unknown profile or rule names stop here, before any file
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    if args.annotate and (len(args.paths) != 1 or Path(args.paths[0]).suffix.lower() not in DOCX_SUFFIXES):
        print("plainreply: --annotate работает с одним файлом .docx", file=sys.stderr)
        return EXIT_USAGE
    refusal = _fix_refusal(args)
    if refusal:
        print(f"plainreply: {refusal}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for name in args.paths:
        shown = name
        markdown = False
        try:
            if Path(name).suffix.lower() in DOCX_SUFFIXES:
                report = linter.check_docx(Path(name))
            else:
                draft = read_draft(name)
                shown, markdown = draft.name, draft.markdown
                if draft.note:
                    print(f"plainreply: {draft.name}: {draft.note}", file=sys.stderr)
                report = linter.check(draft.text, markdown=markdown)
            if args.annotate:
                from .docx.annotate import annotate

                annotate(report, Path(name), args.annotate)
            if args.diff:
                _print_diff(report, name, shown, markdown)
                if report.has_errors and status == EXIT_OK:
                    status = EXIT_FINDINGS
                continue
            if args.fix:
                report, shown = _write_fixed_copy(linter, report, name, shown, markdown, args.fix), str(args.fix)
        except PlainreplyError as exc:
            print(f"plainreply: {exc}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        report.path = shown
        if args.format == "json":
            print(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            print(render_report(shown, report, colour))
        if report.has_errors and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status


def _fix_refusal(args: argparse.Namespace) -> str:
    """Why `--fix`, `--diff` or `--force` cannot run as asked; empty if they can. The input is never overwritten."""
    if args.force and not args.fix:
        return "--force нужен только вместе с --fix"
    if not args.fix:
        return ""
    if args.diff:
        return "--diff ничего не записывает; укажите либо --fix, либо --diff"
    if len(args.paths) != 1:
        return "--fix работает с одним файлом"
    source, target = args.paths[0], Path(args.fix)
    docx_in = source != "-" and Path(source).suffix.lower() in DOCX_SUFFIXES
    if docx_in != (target.suffix.lower() in DOCX_SUFFIXES):
        return (f"{target}: копия письма .docx тоже должна быть файлом .docx" if docx_in
                else f"{target}: копия текстового письма не может быть файлом .docx")
    if target.is_dir():
        return f"{target}: это папка, а не файл"
    if source != "-" and Path(source).exists() and (
            Path(source).resolve() == target.resolve() or (target.exists() and os.path.samefile(source, target))):
        return f"{target}: копия не может заменить исходный файл; укажите другое имя"
    if target.exists() and not args.force:
        return f"{target}: файл уже есть; укажите другое имя или добавьте --force"
    return ""


def _fixed_text(report: Report, name: str, markdown: bool) -> tuple[str, int, int]:
    """The text with the replacements that can be made, how many were made and how many not."""
    from .fix import apply_fixes, checked_text

    if Path(name).suffix.lower() in DOCX_SUFFIXES:
        from .docx.fix import fix_docx

        made = fix_docx(report, Path(name), None)
        return apply_fixes(report.text, made.applied)[0], len(made.applied), len(made.skipped)
    fixed, applied = apply_fixes(report.text, report.findings, checked_text(report.text, markdown))
    return fixed, len(applied), 0


def _print_diff(report: Report, name: str, shown: str, markdown: bool) -> None:
    from .fix import unified_diff

    fixed, made, skipped = _fixed_text(report, name, markdown)
    diff = unified_diff(report.text, fixed, shown)
    if diff:
        print(diff, end="")
    print(f"plainreply: {shown}: {_fix_summary(made, skipped, done=False)}", file=sys.stderr)


def _write_fixed_copy(linter: Linter, report: Report, name: str, shown: str, markdown: bool, target: Path) -> Report:
    """Write the fixed copy and return the report on it: what is left to fix by hand."""
    if Path(name).suffix.lower() in DOCX_SUFFIXES:
        from .docx.fix import fix_docx

        made = fix_docx(report, Path(name), target)
        print(f"plainreply: {shown} → {target}: {_fix_summary(len(made.applied), len(made.skipped))}", file=sys.stderr)
        return linter.check_docx(target)
    fixed, made, _ = _fixed_text(report, name, markdown)
    try:
        target.write_text(fixed, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(str(target), f"не удается записать копию: {exc.strerror}") from None
    print(f"plainreply: {shown} → {target}: {_fix_summary(made, 0)}", file=sys.stderr)
    return linter.check(fixed, markdown=markdown)


def _fix_summary(made: int, skipped: int, done: bool = True) -> str:
    if not made and not skipped:
        return "точных замен нет"
    summary = f"сделано замен: {made}" if done else f"точных замен: {made}"
    if skipped:
        summary += f"; в Word нельзя сделать еще {skipped}: замена задевает другой абзац, поле или рисунок"
    return summary


def _draft(config: Config, args: argparse.Namespace) -> int:
    from .drafting.letter import Organisation, draft
    from .drafting.templates import load_template
    from .engine.loader import read_yaml

    template = load_template(args.kind)
    data = read_yaml(args.data) if args.data else template.example
    if args.data and not args.data.exists():
        print(f"plainreply: {args.data}: файл не найден", file=sys.stderr)
        return EXIT_USAGE
    organisation = Organisation.load(args.organisation) if args.organisation else None
    letter = draft(args.kind, data or {}, organisation, source=str(args.data or args.kind))
    report = letter.check(config)
    if report.findings:
        print(render_report(str(args.output), report, colour=False))
    if report.has_errors and not args.force:
        print(f"plainreply: {args.output}: в письме есть ошибки, файл не записан; исправьте данные или добавьте --force",
              file=sys.stderr)
        return EXIT_FINDINGS
    letter.to_docx(args.output)
    if args.pdf:
        from .drafting.pdf import to_pdf

        to_pdf(args.output)
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def _deadline(args: argparse.Namespace) -> int:
    from datetime import datetime

    from .drafting.deadlines import acknowledgement_deadline

    try:
        received = datetime.fromisoformat(args.received)
    except ValueError:
        print("plainreply: --received: время пишется как «2026-12-30 16:00»", file=sys.stderr)
        return EXIT_USAGE
    try:
        due = acknowledgement_deadline(received)
    except ValueError as exc:
        print(f"plainreply: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Первичный ответ нужно отправить до {due:%d.%m.%Y %H:%M}.")
    return EXIT_OK


def _rules(ruleset: RuleSet, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.action is None and args.format == "markdown":
        print(rules_markdown(ruleset))
        return EXIT_OK
    if args.action is None:
        width = max(len(r.id) for r in ruleset.rules)
        for rule in ruleset.rules:
            state = "" if rule.enabled else "  (выключено)"
            print(f"{rule.id:<{width}}  {rule.category:<25} {SEVERITY_LABEL[rule.severity]:<15} п. {rule.source}{state}")
        return EXIT_OK
    if not args.rule_id:
        print("plainreply: укажите id правила: plainreply rules show ID", file=sys.stderr)
        return EXIT_USAGE
    rule = ruleset.by_id.get(args.rule_id)
    if rule is None:
        print(f"plainreply: нет правила {args.rule_id!r}; список: plainreply rules", file=sys.stderr)
        return EXIT_USAGE
    print(f"{rule.id} — {rule.category}, {SEVERITY_LABEL[rule.severity]}, пункт порядка {rule.source}")
    print(f"Файл: {rule.path}")
    print(f"Тип проверки: {rule.check_type}{'' if rule.enabled else ' (выключено по умолчанию)'}")
    if rule.check.needs_syntax:
        print("Нужен синтаксический разбор natasha: проверка идет медленнее.")
    print()
    print(rule.description)
    print()
    print("Плохо:")
    for text in rule.examples.bad:
        print(f"  — {text}")
    print("Хорошо:")
    for text in rule.examples.good:
        print(f"  — {text}")
    entries = getattr(rule.check, "entries", None)
    if entries:
        print(f"\nФраз в списке: {len(entries)}. Первые:")
        for entry in entries[:10]:
            print(f"  {entry.match}" + (f" → {entry.suggest}" if entry.suggest else ""))
    return EXIT_OK


def rules_markdown(ruleset: RuleSet) -> str:
    """The rule catalogue as a Markdown table (README, section «Правила»)."""
    rows = ["| id | категория | уровень | пункт порядка | проверка | что находит |", "|---|---|---|---|---|---|"]
    for rule in ruleset.rules:
        summary = next(razdel.sentenize(rule.description)).text
        entries = getattr(rule.check, "entries", None)
        kind = f"{rule.check_type}, {len(entries)} фраз" if entries else rule.check_type
        if not rule.enabled:
            kind += ", выключено"
        rows.append(f"| `{rule.id}` | {rule.category} | {rule.severity} | {rule.source} | {kind} | {summary} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
