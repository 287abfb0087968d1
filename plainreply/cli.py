"""Command line: `plainreply check`, `plainreply rules`, `plainreply rules show ID`, `draft`, `deadline`.

Imports stay light here: `plainreply --version` and `--help` must not load the linter, the dictionaries or
python-docx; each subcommand imports what it needs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from .errors import InputError, PlainreplyError, TextTooLongError
from .inputs import DOCX_SUFFIXES, os_problem, read_draft, stdin_is_piped

if TYPE_CHECKING:
    from datetime import datetime

    from .config import Config
    from .engine.loader import RuleSet
    from .linter import Linter
    from .report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXAMPLES = {"flawed": "letter-flawed.txt", "clean": "letter-clean.txt",
            "flawed.docx": "letter-flawed.docx", "clean.docx": "letter-clean.docx"}
EXIT_INTERRUPTED = 130
DEBUG_VARIABLE = "PLAINREPLY_DEBUG"


# ---- argparse in Russian ---------------------------------------------------------------------------------
# argparse builds its English through gettext; there is no Russian catalogue in the standard library, so the
# headings, the usage prefix and the help of -h are set here, and its error messages are translated by pattern
# (compiled with re itself: a dozen short patterns cost less than reading the stored ones).

def _quoted(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return f"«{value}»"


def _choices(text: str) -> str:
    return ", ".join(part.strip().strip("'\"") for part in text.split(","))


def _unrecognized(arguments: str) -> str:
    return ("неизвестный параметр: " if len(arguments.split()) == 1 else "неизвестные параметры: ") + arguments


_ARGPARSE_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"the following arguments are required: (.+)"), lambda m: f"нужно указать {m[1]}"),
    (re.compile(r"unrecognized arguments: (.+)"), lambda m: _unrecognized(m[1])),
    (re.compile(r"invalid choice: (.+?) \(choose from (.+)\)"),
     lambda m: f"неверный выбор {_quoted(m[1])}; можно: {_choices(m[2])}"),
    (re.compile(r"expected one argument"), lambda m: "нужно значение"),
    (re.compile(r"expected at most one argument"), lambda m: "нужно не больше одного значения"),
    (re.compile(r"expected at least one argument"), lambda m: "нужно хотя бы одно значение"),
    (re.compile(r"expected (\d+) arguments?"), lambda m: f"нужно значений: {m[1]}"),
    (re.compile(r"ambiguous option: (\S+?)(?:=\S*)? could match (.+)"),
     lambda m: f"неоднозначный параметр {m[1]}: подходят {m[2]}"),
    (re.compile(r"invalid \S+ value: (.+)"), lambda m: f"неверное значение {_quoted(m[1])}"),
    (re.compile(r"not allowed with argument (.+)"), lambda m: f"нельзя указывать вместе с {m[1]}"),
    (re.compile(r"ignored explicit argument (.+)"), lambda m: f"этому параметру не нужно значение {_quoted(m[1])}"),
    (re.compile(r"one of the arguments (.+) is required"), lambda m: f"нужно указать один из параметров {m[1]}"),
    (re.compile(r"unexpected option string: (.+)"), lambda m: f"неожиданный параметр {m[1]}"),
    (re.compile(r"unknown parser (.+?) \(choices: (.+)\)"),
     lambda m: f"нет команды {_quoted(m[1])}; есть: {_choices(m[2])}"),
]
_ARGUMENT_PREFIX = re.compile(r"argument (.+?): (.*)", re.DOTALL)


def russian_argparse_message(message: str) -> str:
    """argparse's English error message in Russian; a message it does not know passes unchanged."""
    prefix = _ARGUMENT_PREFIX.fullmatch(message)
    if prefix:
        return f"{prefix[1]}: {russian_argparse_message(prefix[2])}"
    for pattern, russian in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            return russian(match)
    return message


class RussianHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "использование: " if prefix is None else prefix)


class RussianArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, headings, -h and errors are in Russian; errors exit with 2."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", RussianHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "позиционные аргументы"
        self._optionals.title = "параметры"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="показать эту справку и выйти")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: ошибка в параметрах: {russian_argparse_message(message)}\n")


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="plainreply",
        description="Проверяет, понятно ли написан ответ клиенту: канцелярит, длинные предложения, "
                    "отрицания, запрещенные фразы и другие правила порядка министерства.",
    )
    parser.add_argument("--version", action="store_true", help="показать версию plainreply и выйти")
    commands = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=RussianArgumentParser)

    check = commands.add_parser("check", help="проверить письма (.txt, .md, .docx) или стандартный ввод",
                                description="Проверяет письма и печатает замечания. Без файла читает стандартный "
                                            "ввод, если он не терминал: plainreply check < письмо.txt. "
                                            "Код выхода: 0 — ошибок нет, 1 — есть ошибки, 2 — ошибка в параметрах или файле.")
    check.set_defaults(command_parser=check)
    check.add_argument("paths", nargs="*", metavar="ФАЙЛ",
                       help="файл письма (.txt, .md, .docx); «-» или ничего — читать со стандартного ввода")
    check.add_argument("--example", nargs="?", const="flawed", choices=list(EXAMPLES), metavar="ПРИМЕР",
                       help="проверить пример письма, который идет с plainreply: flawed — с ошибками (по умолчанию), "
                            "clean — без замечаний, flawed.docx и clean.docx — они же в Word; "
                            "в копии репозитория файлы лежат в папке examples")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text — для человека (по умолчанию), json — по объекту JSON на строку для программ")
    check.add_argument("--profile", metavar="ПРОФИЛЬ",
                       help="профиль адресата: citizen (по умолчанию), legal_entity, internal")
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
                                               "(YAML или JSON), проверяет его и записывает .docx. Письмо с ошибками не "
                                               "записывается без --force.")
    drafting.add_argument("--kind", required=True, metavar="ВИД",
                          help="вид письма: primary, redirect, merits, refusal, mailing")
    drafting.add_argument("--data", type=Path, metavar="ДЕЛО.yaml",
                          help="данные письма (YAML или JSON); без него берется пример из шаблона")
    drafting.add_argument("-o", "--output", type=Path, required=True, metavar="ПИСЬМО.docx",
                          help="куда записать письмо: файл .docx; если он уже есть, нужен --force")
    drafting.add_argument("--organisation", type=Path, metavar="ФАЙЛ", help="данные организации для бланка")
    drafting.add_argument("--force", action="store_true",
                          help="записать письмо, даже если в нем есть ошибки или такой файл уже есть (он будет заменен)")
    drafting.add_argument("--pdf", action="store_true", help="также сохранить PDF (нужен LibreOffice)")

    deadline = commands.add_parser("deadline", help="срок первичного ответа: 24 часа рабочих дней",
                                   description="Считает срок первичного ответа (пункт 3.5 порядка): 24 часа, "
                                               "в которые не входят выходные и нерабочие праздничные дни.")
    deadline.add_argument("--received", required=True, metavar="«ГГГГ-ММ-ДД ЧЧ:ММ»",
                          help="когда пришло сообщение: дата и время по местному времени министерства "
                               "(часовой пояс — time_zone в настройках, по умолчанию Europe/Samara, UTC+4)")
    deadline.add_argument("--config", type=Path, metavar="ФАЙЛ", help="файл настроек с часовым поясом time_zone")

    rules = commands.add_parser("rules", help="список правил или описание одного правила",
                                description="Без аргументов печатает список правил. «rules show ID» печатает описание и примеры правила.")
    rules.add_argument("action", nargs="?", choices=["show"], metavar="show", help="показать одно правило")
    rules.add_argument("rule_id", nargs="?", metavar="ID", help="id правила")
    rules.add_argument("--config", type=Path, metavar="ФАЙЛ", help="файл настроек с дополнительными папками правил")
    rules.add_argument("--format", choices=["text", "markdown"], default="text",
                       help="markdown — таблица для README")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. However it ends, the result is an exit code and one line on stderr at most (after the
    usage, for a usage error): 0 and 1 as documented, 2 for bad parameters or input, 3 for an internal error
    (a traceback instead under tests or with PLAINREPLY_DEBUG=1), 130 when interrupted."""
    try:
        status = _dispatch(argv)
        _flush_stdout()
        _save_regexes()
        return status
    except SystemExit:  # argparse after --help or a usage error; its output may meet a closed pipe too
        _flush_stdout()
        raise
    except BrokenPipeError:  # the reader has gone (| head): nothing more to say, and nothing went wrong
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _fail("прервано")
        return EXIT_INTERRUPTED
    except PlainreplyError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        _fail(file_problem(exc))
        return EXIT_USAGE
    except Exception as exc:
        if _debugging():
            raise
        _fail(f"внутренняя ошибка ({type(exc).__name__}: {exc}); это ошибка plainreply, а не ваших данных; "
              f"сообщите о ней разработчикам, приложив команду и файл; подробности покажет {DEBUG_VARIABLE}=1")
        return EXIT_INTERNAL


def example_path(name: str) -> Path:
    from .resources import data_dir

    return data_dir("examples") / EXAMPLES[name]


def _save_regexes() -> None:
    """Keep the patterns this run compiled anew for the next run. The module is loaded only if
    something used it: --version and --help compile their few patterns with re."""
    regexes = sys.modules.get(f"{__package__}.regexes")
    if regexes is not None:
        regexes.save()


def _dispatch(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        _out(f"plainreply {package_version()}")
        return EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from .config import find_config, read_config_file  # tomllib and the settings: not for --version

    config_file = getattr(args, "config", None)
    config = read_config_file(config_file) if config_file else find_config(Path.cwd())
    if args.command == "deadline":
        return _deadline(config, args)
    if args.command == "rules":
        from .linter import Linter

        return _rules(Linter(config).ruleset, args)
    if args.command == "draft":
        return _draft(config, args)
    return _check(config, args)


def package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("plainreply")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return str(getattr(sys.modules.get(__package__ or "plainreply"), "__version__", "неизвестна"))


def _debugging() -> bool:
    """Under tests and with PLAINREPLY_DEBUG=1 a bug keeps its traceback instead of the one-line notice."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0") or "PYTEST_CURRENT_TEST" in os.environ


def file_problem(exc: OSError) -> str:
    names = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    return f"{' → '.join(names)}: {os_problem(exc)}" if names else os_problem(exc)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fail(message: str) -> None:
    try:
        print(f"plainreply: {_one_line(message)}", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed too: the exit code is all that is left
        pass


def _out(text: str = "", end: str = "\n") -> None:
    """Write to stdout. Once the reader has gone (| head), the rest goes nowhere and the command still
    finishes, so the exit code tells the truth about every file."""
    try:
        sys.stdout.write(text + end)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point stdout at os.devnull, as the Python documentation advises for SIGPIPE, so that the
    interpreter's last flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):  # stdout is not a real file
        sys.stdout = open(os.devnull, "w", encoding="utf-8")


def _check(config: Config, args: argparse.Namespace) -> int:
    from .linter import Linter
    from .output.text import render_report

    shown_as: dict[str, str] = {}
    if args.example:
        if args.paths:
            args.command_parser.error("укажите файл письма или --example, но не то и другое")
        example = example_path(args.example)
        args.paths = [str(example)]
        shown_as[str(example)] = f"examples/{example.name}"  # as in a copy of the repository
    implicit_stdin = not args.paths
    if implicit_stdin and not stdin_is_piped():
        args.command_parser.error("нужно указать ФАЙЛ письма; стандартный ввод читается, если он не терминал: "
                                  "plainreply check < письмо.txt")
    paths = args.paths or ["-"]
    args.paths = paths
    config = config.merged(profile=args.profile, select=tuple(args.select),
                           ignore=tuple(config.ignore) + tuple(args.ignore))
    linter = Linter(config)
    linter.active_rules(linter.profile())  # unknown profile or rule names stop here, before any file
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    if args.annotate and (len(paths) != 1 or Path(paths[0]).suffix.lower() not in DOCX_SUFFIXES):
        _fail("--annotate работает с одним файлом .docx")
        return EXIT_USAGE
    refusal = _fix_refusal(args)
    if refusal:
        _fail(refusal)
        return EXIT_USAGE
    status = EXIT_OK
    for name in paths:
        shown = name
        markdown = False
        try:
            if name != "-" and Path(name).suffix.lower() in DOCX_SUFFIXES:
                report = linter.check_docx(Path(name))
                shown = shown_as.get(name, name)
            else:
                draft = read_draft(name)
                shown, markdown = shown_as.get(name, draft.name), draft.markdown
                if draft.note:
                    _fail(f"{draft.name}: {draft.note}")
                if implicit_stdin and not draft.text:
                    raise InputError(draft.name, "стандартный ввод пуст; укажите файл письма")
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
        except TextTooLongError as exc:  # raised on the text, which does not know its file
            _fail(f"{shown}: {exc}")
            status = EXIT_USAGE
            continue
        except PlainreplyError as exc:
            _fail(str(exc))
            status = EXIT_USAGE
            continue
        except OSError as exc:  # e.g. a Word file that cannot be opened; the other files are still checked
            _fail(file_problem(exc) if exc.filename else f"{name}: {os_problem(exc)}")
            status = EXIT_USAGE
            continue
        report.path = shown
        if args.format == "json":
            _out(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            _out(render_report(shown, report, colour))
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
        _out(diff, end="")
    _fail(f"{shown}: {_fix_summary(made, skipped, done=False)}")


def _write_fixed_copy(linter: Linter, report: Report, name: str, shown: str, markdown: bool, target: Path) -> Report:
    """Write the fixed copy and return the report on it: what is left to fix by hand."""
    if Path(name).suffix.lower() in DOCX_SUFFIXES:
        from .docx.fix import fix_docx

        made = fix_docx(report, Path(name), target)
        _fail(f"{shown} → {target}: {_fix_summary(len(made.applied), len(made.skipped))}")
        return linter.check_docx(target)
    fixed, made, _ = _fixed_text(report, name, markdown)
    try:
        target.write_text(fixed, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(str(target), f"не удается записать копию: {os_problem(exc, writing=True)}") from None
    _fail(f"{shown} → {target}: {_fix_summary(made, 0)}")
    return linter.check(fixed, markdown=markdown)


def _fix_summary(made: int, skipped: int, done: bool = True) -> str:
    if not made and not skipped:
        return "точных замен нет"
    summary = f"сделано замен: {made}" if done else f"точных замен: {made}"
    if skipped:
        summary += f"; в Word нельзя сделать еще {skipped}: замена задевает другой абзац, поле или рисунок"
    return summary


def _draft(config: Config, args: argparse.Namespace) -> int:
    from .drafting.casedata import read_case_data
    from .drafting.letter import Organisation, draft
    from .drafting.templates import load_template
    from .output.text import render_report

    output: Path = args.output
    if output.suffix.lower() != ".docx":
        _fail(f"{output}: письмо записывается в формате Word, укажите имя с расширением .docx "
              "(PDF рядом с ним сделает --pdf)")
        return EXIT_USAGE
    written = [output, output.with_suffix(".pdf")] if args.pdf else [output]
    folders = [str(path) for path in written if path.is_dir()]
    if folders:
        _fail(f"{folders[0]}: не удается записать письмо: это папка, а не файл")
        return EXIT_USAGE
    present = [str(path) for path in written if path.exists()]
    if present and not args.force:
        _fail(f"{', '.join(present)}: файл уже есть; укажите другое имя или добавьте --force, чтобы заменить его")
        return EXIT_USAGE
    template = load_template(args.kind)
    data = read_case_data(args.data) if args.data else template.example
    organisation = Organisation.load(args.organisation) if args.organisation else None
    letter = draft(args.kind, {} if data is None else data, organisation, source=str(args.data or args.kind))
    report = letter.check(config)
    if report.findings:
        _out(render_report(str(args.output), report, colour=False))
    if report.has_errors and not args.force:
        _fail(f"{args.output}: в письме есть ошибки, файл не записан; исправьте данные или добавьте --force")
        return EXIT_FINDINGS
    letter.to_docx(output)
    _out(f"Письмо записано: {output}")
    if args.pdf:
        from .drafting.pdf import to_pdf

        _out(f"PDF записан: {to_pdf(output)}")
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


_MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                    "октября", "ноября", "декабря")
_WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")


def spoken_moment(moment: datetime) -> str:
    """«18:00 12 января 2027 года (вторник)»; a deadline at midnight is the end of the day before,
    «24:00 11 января 2027 года (понедельник)», so that nobody reads it as the next evening."""
    from datetime import timedelta

    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        day, clock = moment - timedelta(days=1), "24:00"
    else:
        day, clock = moment, f"{moment:%H:%M}"
    return f"{clock} {day.day} {_MONTHS_GENITIVE[day.month - 1]} {day.year} года ({_WEEKDAYS[day.weekday()]})"


def _deadline(config: Config, args: argparse.Namespace) -> int:
    from datetime import datetime

    from .config import DEFAULT_TIME_ZONE, zone_of
    from .drafting.deadlines import IZHEVSK, acknowledgement_deadline, incomplete_years

    text = args.received.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        _fail(f"--received: укажите и время, когда пришло сообщение: «{text} 16:00»")
        return EXIT_USAGE
    try:
        received = datetime.fromisoformat(text)
    except ValueError:
        _fail("--received: время пишется как «2026-12-30 16:00»")
        return EXIT_USAGE
    zone = zone_of(config.time_zone)
    if zone is None:  # no time zone data on this machine: Izhevsk's offset is fixed, UTC+4
        zone = IZHEVSK if config.time_zone == DEFAULT_TIME_ZONE else None
    if zone is None:
        _fail(f"часовой пояс {config.time_zone} не найден: установите пакет tzdata или укажите другой time_zone")
        return EXIT_USAGE
    try:
        due = acknowledgement_deadline(received, zone=zone)
    except ValueError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except OverflowError:  # a time zone shift past the year 9999
        _fail(f"--received: {args.received}: дата вне производственного календаря")
        return EXIT_USAGE
    offset = due.utcoffset() if due.tzinfo is not None else due.replace(tzinfo=zone).utcoffset()
    hours = int(offset.total_seconds() // 3600)
    where = f"время {config.time_zone}, UTC{hours:+d}" if received.utcoffset() is None else f"время UTC{hours:+d}"
    _out(f"Первичный ответ нужно отправить до {spoken_moment(due)}; {where}.")
    for year in incomplete_years(received.date(), due.date()):
        _fail(f"внимание: в производственном календаре {year} года еще нет постановления о переносе выходных; "
              "когда его добавят, срок может сдвинуться")
    return EXIT_OK


def _rules(ruleset: RuleSet, args: argparse.Namespace) -> int:
    from .output.text import SEVERITY_LABEL

    if args.action is None and args.format == "markdown":
        _out(rules_markdown(ruleset))
        return EXIT_OK
    if args.action is None:
        width = max(len(r.id) for r in ruleset.rules)
        _out("\n".join(f"{rule.id:<{width}}  {rule.category:<25} {SEVERITY_LABEL[rule.severity]:<15} п. {rule.source}"
                       + ("" if rule.enabled else "  (выключено)") for rule in ruleset.rules))
        return EXIT_OK
    if not args.rule_id:
        _fail("укажите id правила: plainreply rules show ID")
        return EXIT_USAGE
    rule = ruleset.by_id.get(args.rule_id)
    if rule is None:
        _fail(f"нет правила «{args.rule_id}»; список: plainreply rules")
        return EXIT_USAGE
    lines = [f"{rule.id} — {rule.category}, {SEVERITY_LABEL[rule.severity]}, пункт порядка {rule.source}",
             f"Файл: {rule.path}",
             f"Тип проверки: {rule.check_type}{'' if rule.enabled else ' (выключено по умолчанию)'}"]
    if rule.check.needs_syntax:
        lines.append("Нужен синтаксический разбор natasha: проверка идет медленнее.")
    lines += ["", rule.description, "", "Плохо:", *map(_example, rule.examples.bad),
              "Хорошо:", *map(_example, rule.examples.good)]
    entries = getattr(rule.check, "entries", None)
    if entries:
        lines.append(f"\nФраз в списке: {len(entries)}. Первые:")
        lines += [f"  {entry.match}" + (f" → {entry.suggest}" if entry.suggest else "") for entry in entries[:10]]
    _out("\n".join(lines))
    return EXIT_OK


def _example(text: str) -> str:
    """«  — » before the first line of an example; its other lines under the first one."""
    first, *rest = text.rstrip("\n").split("\n")
    return "\n".join([f"  — {first}", *(f"    {line}" if line.strip() else "" for line in rest)])


def rules_markdown(ruleset: RuleSet) -> str:
    """The rule catalogue as a Markdown table (README, section «Правила»)."""
    import razdel

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
