"""A reply letter: the requisites of an official reply, its text, and its Word file.

    letter = plainreply.draft("refusal", data)   # data: the template's fields
    letter.text                                    # what the reader will read
    letter.check()                                 # the linter's report on the Word file
    letter.to_docx("reply.docx")                   # A4, PT Sans, letterhead, endnotes, survey link and QR
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import docx
import segno
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ..config import kind_of
from ..docx.build import Endnotes, add_hyperlink, set_body_font
from ..errors import InputError, RuleFileError
from ..inputs import os_problem
from ..report import Report
from ..resources import templates_dir
from .addressing import dative_full, greeting, organisation_greeting, parse_person
from .casedata import read_case_data, unwritable_problem, visible
from .templates import NOTE_PATTERN, load_template, render, validate

BODY_FONT, BODY_SIZE = "PT Sans", 13
MARGINS_MM = {"left": 25, "right": 15, "top": 20, "bottom": 20}  # ГОСТ Р 7.0.97-2016: ≥ 20, 10, 20, 20
ORGANISATION_FIELDS = {"name", "contacts", "survey_url", "signer_position", "signer_name", "emblem"}


@dataclass
class Organisation:
    name: str
    contacts: list[str]
    survey_url: str
    signer_position: str
    signer_name: str
    emblem: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Organisation:
        path = path or templates_dir() / "organisation.yaml"
        data = read_case_data(path, "файл организации")
        if not isinstance(data, Mapping):
            raise InputError(str(path), f"файл организации должен быть словарем полей, а не {kind_of(data)}")
        unknown = set(data) - ORGANISATION_FIELDS
        if unknown:
            raise InputError(str(path), f"поле {visible(str(sorted(map(str, unknown))[0]))}: такого поля нет")
        for name in ("name", "survey_url", "signer_position", "signer_name"):
            if not isinstance(data.get(name), str) or not data[name].strip():
                raise InputError(str(path), f"поле {name}: нужна непустая строка, а не {kind_of(data.get(name))}"
                                 if data.get(name) is not None else f"поле {name}: нет значения")
        contacts = data.get("contacts") or []
        if not isinstance(contacts, list) or not all(isinstance(c, str) for c in contacts):
            raise InputError(str(path), "поле contacts: нужен список строк")
        emblem = data.get("emblem")
        if emblem is not None and (not isinstance(emblem, str) or not emblem.strip()):
            raise InputError(str(path), f"поле emblem: нужно имя файла рисунка, а не {kind_of(emblem)}")
        return cls(data["name"], list(contacts), data["survey_url"], data["signer_position"], data["signer_name"],
                   (path.parent / emblem) if emblem else None)


@dataclass
class Letter:
    kind: str
    organisation: Organisation
    data: dict[str, Any]
    body: str  # paragraphs separated by blank lines, with note marks
    notes: list[str]
    addressee: list[str] = field(default_factory=list)
    greeting: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]

    @property
    def survey_sentence(self) -> str:
        return "Оцените, пожалуйста, наш ответ: "

    @property
    def text(self) -> str:
        """The letter as plain text, notes written as «(примечание 1)» and listed at the end."""
        parts = [self.greeting, *[NOTE_PATTERN.sub(lambda m: f" (примечание {m.group(1)})", p) for p in self.paragraphs]]
        if self.notes:
            parts.append("Примечания:\n" + "\n".join(f"{i}. {n}" for i, n in enumerate(self.notes, 1)))
        parts.append(self.survey_sentence + self.organisation.survey_url)
        parts.append(f"{self.organisation.signer_position}\n{self.organisation.signer_name}")
        return "\n\n".join(parts)

    def check(self, config: Any = None) -> Report:
        from ..linter import Linter, default_linter

        linter = default_linter() if config is None else Linter(config)
        with tempfile.TemporaryDirectory() as folder:
            path = self.to_docx(Path(folder) / "draft.docx")
            return linter.check_docx(path)

    def to_docx(self, path: Path | str) -> Path:
        """Write the letter; the file appears only when it is complete."""
        path = Path(path)
        document = build_document(self)
        temporary = path.with_name(f".{path.name}.partial")
        try:
            document.save(str(temporary))
            os.replace(temporary, path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise InputError(str(path), f"не удается записать письмо: {os_problem(exc, writing=True)}") from None
        return path


def draft(kind: str, data: Mapping[str, Any], organisation: Organisation | None = None,
          source: str = "данные письма") -> Letter:
    template = load_template(kind)
    clean = validate(template, data, source)
    organisation = organisation or Organisation.load()
    try:
        person = parse_person(clean["addressee"], clean.get("addressee_gender"))
    except ValueError as exc:
        raise InputError(source, f"поле addressee: {exc}") from None
    if clean.get("addressee_position"):  # an organisation: position and name, then the short name
        addressee = organisation_greeting(clean["addressee_position"], person).split("\n")
    else:
        addressee = [dative_full(person)]
    body, notes = render(template, {**clean, "org": organisation})
    for text in (body, *notes):
        problem = unwritable_problem(text)
        if problem:  # the data are clean, so the template itself holds it
            raise RuleFileError(template.path, f"текст письма: {problem}")
    return Letter(kind, organisation, clean, body, notes, addressee, greeting(person))


def build_document(letter: Letter) -> docx.Document:
    document = docx.Document()
    # python-docx's template carries a stylesWithEffects part that goes out of sync with
    # styles.xml once styles are added; Word repairs such files. Dropping it is harmless.
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rid)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    set_body_font(document, BODY_FONT, BODY_SIZE)
    _letterhead(document, letter.organisation)
    data = letter.data
    requisites = document.add_paragraph(f"{_date(data.get('date'))} № {data.get('number') or 'без номера'}")
    if data.get("reply_to_number"):
        requisites.add_run(f"\nНа № {data['reply_to_number']} от {_date(data.get('reply_to_date'))}")
    for line in letter.addressee:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Mm(95)
    if data.get("heading"):
        document.add_paragraph(str(data["heading"]))
    document.add_paragraph(letter.greeting).alignment = WD_ALIGN_PARAGRAPH.CENTER
    endnotes = Endnotes(document)
    for text in letter.paragraphs:
        paragraph = document.add_paragraph()
        pos = 0
        for m in NOTE_PATTERN.finditer(text):
            if m.start() > pos:
                paragraph.add_run(text[pos:m.start()])
            endnotes.reference(paragraph, letter.notes[int(m.group(1)) - 1])
            pos = m.end()
        if pos < len(text):
            paragraph.add_run(text[pos:])
    survey = document.add_paragraph(letter.survey_sentence)
    add_hyperlink(document, survey, letter.organisation.survey_url, letter.organisation.survey_url)
    survey.add_run("\n").add_picture(_qr_png(letter.organisation.survey_url), width=Mm(25))
    document.add_paragraph(letter.organisation.signer_position)
    document.add_paragraph(letter.organisation.signer_name)
    if data.get("executor"):
        document.add_paragraph(f"Исполнитель: {data['executor']}")
    endnotes.save()
    return document


def _letterhead(document: docx.Document, organisation: Organisation) -> None:
    header = document.sections[0].header
    first = header.paragraphs[0]
    if organisation.emblem and organisation.emblem.exists():
        from docx.image.exceptions import UnrecognizedImageError

        try:
            first.add_run().add_picture(str(organisation.emblem), height=Mm(15))
        except UnrecognizedImageError:
            raise InputError(str(organisation.emblem), "герб на бланке должен быть рисунком PNG или JPEG") from None
        except OSError as exc:
            raise InputError(str(organisation.emblem), f"не удается прочитать герб: {os_problem(exc)}") from None
        first = header.add_paragraph()
    first.add_run(organisation.name).font.size = Pt(BODY_SIZE)
    for line in organisation.contacts:
        header.add_paragraph(line)


def _qr_png(url: str) -> io.BytesIO:
    stream = io.BytesIO()
    segno.make(url, error="m").save(stream, kind="png", scale=6, border=2)
    stream.seek(0)
    return stream


def _date(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value or date.today().strftime("%d.%m.%Y"))
