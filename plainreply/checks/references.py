"""Too many references to legal acts in the body of a letter: they belong in endnotes (clause 3.11).

One reference is one citation of an act: «статьями 44, 45, 46 Земельного кодекса» is one, and
so is the same citation repeated later. A citation of an article and of a chapter of the same act
(«статьи 217 и § 1 главы 30 Гражданского кодекса») sends the reader to two places and counts as
two. Not counted: references in the «Примечания:» block, inside the quoted title of another act,
on heading lines («О внесении изменений в постановление …», «Приложение к постановлению …»), and
bare mentions that name no act («федеральным законом», «региональными законами»).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import regexes
from ..analysis import Document
from ..engine.model import Hit
from ..engine.python import python_check
from ..legal import LegalReference, find_references

# A line that is a heading, not prose: the document's own title or an appendix's header.
_TITLE_LINE = regexes.compile(r"^\s*(?:О|Об|УТВЕРЖДЕН\w*|Утвержден\w*)(?:\s|$)")
_APPENDIX_HEAD = regexes.compile(r"^\s*(?:Приложение\s*(?:№\s*\d+\s*)?)?(?:к|К)\s*$")
# «(в редакции постановления от 12.01.2017 № 5)»: the history of an act, not a reference in prose.
_EDITION = regexes.compile(r"\(\s*в\s+ред(?:\.|акции)[^)]*$")
_NUMBER_SUFFIX = regexes.compile(r"[\s-]*(?:фз|рз|оз|кз)$")
_CODE_KEYS = {"ЗК": "земельн", "ГК": "гражданск", "ГрК": "градостроительн", "НК": "налогов",
              "ЖК": "жилищн", "БК": "бюджетн", "ЛК": "лесн", "ВК": "водн", "ТК": "трудов",
              "УК": "уголовн", "СК": "семейн"}


@python_check("legal_references", options={"max_references": 2})
def legal_references(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """One finding, on the first counted reference, when the body cites more than `max_references`
    distinct provisions of acts."""
    body = [r for r in find_references(doc.text) if _counts(doc.text, r)]
    seen: dict[tuple[str | None, ...], LegalReference] = {}
    count = 0
    for reference in body:
        key = _citation_key(reference)
        if key not in seen:
            seen[key] = reference
            count += _places(reference)
    if count <= options["max_references"]:
        return
    listed = "; ".join(f"{i}) {r.text}" for i, r in enumerate(seen.values(), 1))
    first = body[0]
    yield Hit(first.start, first.end,
              suggestion=f"вынесите реквизиты в примечания (концевые сноски), а в тексте объясните суть: {listed}",
              values={"value": str(count), "limit": str(options["max_references"])})


def _counts(text: str, reference: LegalReference) -> bool:
    if reference.in_endnotes or not _names_an_act(reference):
        return False
    line_start = text.rfind("\n", 0, reference.start) + 1
    before = text[line_start:reference.start]
    if before.count("«") > before.count("»"):  # inside the quoted title of another act
        return False
    if _EDITION.search(before) or _APPENDIX_HEAD.match(before):
        return False
    line_end = text.find("\n", reference.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].rstrip()
    return not (_TITLE_LINE.match(line) and not line.endswith((".", ";")))


def _names_an_act(reference: LegalReference) -> bool:
    """A code, an act with its date or number, or a provision of an act; not «федеральным законом»."""
    if reference.kind in ("code", "anaphora"):
        return True
    return bool(reference.date or reference.number or reference.article or reference.part
                or reference.point or reference.chapter or "«" in reference.act)


def _citation_key(reference: LegalReference) -> tuple[str | None, ...]:
    return (_act_key(reference), reference.article, reference.part, reference.point,
            reference.subpoint, reference.chapter, reference.paragraph)


def _act_key(reference: LegalReference) -> str:
    if reference.kind == "code":
        words = reference.act.split()
        return _CODE_KEYS.get(words[0], words[0].lower()[:8])
    if reference.number:  # «№ 261-ФЗ» and «№ 261» (with or without the date) are one act
        return _NUMBER_SUFFIX.sub("", reference.number.lower())
    if reference.date:
        return reference.date
    return reference.act.lower()


def _places(reference: LegalReference) -> int:
    """How many places in the act the citation sends the reader to: a list of articles is one place;
    an article and a chapter are two."""
    return 2 if reference.article and (reference.chapter or reference.paragraph) else 1
