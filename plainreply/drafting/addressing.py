"""Addressing a person in a letter: the greeting and the addressee block in the dative.

pymorphy3 knows many Russian and Tatar surnames, first names and patronymics; what it does not
know is declined by the regular Russian endings, and surnames that Russian grammar leaves
unchanged (Черных, Шевченко, Гёте, Гарсиа, a woman's Смит) are kept as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from plainreply.analysis.morph import analyzer

MALE, FEMALE = "m", "f"
PYMORPHY_GENDER = {MALE: "masc", FEMALE: "femn"}

# Turkic patronymics are written as two words: «Гусейн оглы», «Сабир кызы».
MALE_PATRONYMIC_PARTICLES = frozenset({"оглы", "оглу", "угли", "улы", "уулу"})
FEMALE_PATRONYMIC_PARTICLES = frozenset({"кызы", "гызы", "кизи"})
PATRONYMIC_PARTICLES = MALE_PATRONYMIC_PARTICLES | FEMALE_PATRONYMIC_PARTICLES

FEMALE_PATRONYMIC_ENDINGS = ("вна", "чна", "шна")
MALE_PATRONYMIC_ENDINGS = ("ич",)

# Foreign surnames stressed on the final -а/-я stay unchanged; the ending alone cannot tell them
# from Окуджава or Берия, which decline.
STRESSED_FOREIGN_SURNAMES = frozenset({"дюма", "дега", "петипа", "тома", "золя", "труа"})

VOWELS = "аеёиоуыэюя"
HUSHING_AND_VELAR = "гкхжшщчц"

# Possessive surname endings: Иванов → Иванову, Иванова → Ивановой.
MALE_POSSESSIVE_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")
FEMALE_POSSESSIVE_ENDINGS = ("ова", "ева", "ёва", "ина", "ына")


@dataclass(frozen=True)
class Person:
    surname: str
    name: str
    patronymic: str | None
    gender: str  # "m" or "f"


# --- parsing a full name -------------------------------------------------------------------


def parse_person(full_name: str, gender: str | None = None) -> Person:
    """«Иванов Иван Петрович» (surname first), also «Иван Петрович Иванов» when the patronymic is
    recognisable in the middle, and names without a patronymic («Джон Смит» → surname last when the
    first word is a known first name). Gender: the given one, else from the patronymic, else from
    the first name, else from the surname ending."""
    if gender is not None and gender not in (MALE, FEMALE):
        raise ValueError("Пол адресата указывается буквой «m» (мужской) или «f» (женский).")
    words = _join_patronymic_particles([_normalise_case(word) for word in full_name.split()])
    if not words:
        raise ValueError("Не указаны фамилия, имя и отчество адресата.")
    if len(words) == 1:
        raise ValueError(
            f"«{words[0]}» — это одно слово. Укажите фамилию и имя адресата, а лучше и отчество."
        )
    if len(words) > 3:
        raise ValueError(
            f"Не удалось разобрать «{full_name.strip()}»: ожидаются фамилия, имя и отчество."
        )
    surname, name, patronymic = _order_parts(words)
    gender = gender or _infer_gender(name, patronymic, surname)
    return Person(surname=surname, name=name, patronymic=patronymic, gender=gender)


def _normalise_case(word: str) -> str:
    """All-lower or all-upper words become title case (each hyphen part); mixed case such as
    «МакДональд» and the particles «оглы»/«кызы» are kept."""
    if word.lower() in PATRONYMIC_PARTICLES:
        return word.lower()
    if word.islower() or word.isupper():
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    return word


def _join_patronymic_particles(words: list[str]) -> list[str]:
    joined: list[str] = []
    for word in words:
        if word in PATRONYMIC_PARTICLES and joined:
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


def _order_parts(words: list[str]) -> tuple[str, str, str | None]:
    """(surname, name, patronymic) in whatever order the words came."""
    if len(words) == 3:
        first, middle, last = words
        if not _looks_like_patronymic(last) and _looks_like_patronymic(middle):
            return last, first, middle
        return first, middle, last
    first, second = words
    # Without a patronymic the official order (surname first) wins unless the first word is
    # clearly the likelier first name: «Джон Смит», «Роман Ильин», but «Смит Джон».
    if _first_name_likelihood(first) > _first_name_likelihood(second):
        return second, first, None
    return first, second, None


def _looks_like_patronymic(word: str) -> bool:
    lowered = word.lower()
    if lowered.split()[-1] in PATRONYMIC_PARTICLES:
        return True
    return lowered.endswith(FEMALE_PATRONYMIC_ENDINGS + MALE_PATRONYMIC_ENDINGS)


def _first_name_likelihood(word: str) -> float:
    """How much likelier the word is a first name than a surname, by pymorphy3's dictionary."""
    likelihood = 0.0
    for parse in analyzer().parse(word.lower()):
        if not _from_dictionary(parse) or not {"sing", "nomn"} <= parse.tag.grammemes:
            continue
        if "Name" in parse.tag.grammemes:
            likelihood += parse.score
        elif "Surn" in parse.tag.grammemes:
            likelihood -= parse.score
    return likelihood


def _first_name_gender(word: str) -> str | None:
    """The gender of the likeliest dictionary reading of the word as a first name."""
    for parse in analyzer().parse(word.lower()):
        if _from_dictionary(parse) and {"Name", "sing", "nomn"} <= parse.tag.grammemes:
            if "masc" in parse.tag.grammemes:
                return MALE
            if "femn" in parse.tag.grammemes:
                return FEMALE
    return None


def _infer_gender(name: str, patronymic: str | None, surname: str) -> str:
    gender = (
        _patronymic_gender(patronymic)
        or _first_name_gender(name)
        or _surname_gender(surname)
    )
    if gender is None:
        raise ValueError(
            f"Не удалось понять, мужчина или женщина «{surname} {name}». "
            "Укажите пол адресата явно: «m» или «f»."
        )
    return gender


def _patronymic_gender(patronymic: str | None) -> str | None:
    if not patronymic:
        return None
    lowered = patronymic.lower()
    last_word = lowered.split()[-1]
    if last_word in MALE_PATRONYMIC_PARTICLES:
        return MALE
    if last_word in FEMALE_PATRONYMIC_PARTICLES:
        return FEMALE
    if lowered.endswith(FEMALE_PATRONYMIC_ENDINGS):
        return FEMALE
    if lowered.endswith(MALE_PATRONYMIC_ENDINGS):
        return MALE
    return None


def _surname_gender(surname: str) -> str | None:
    last_part = surname.lower().split("-")[-1]
    if last_part.endswith(FEMALE_POSSESSIVE_ENDINGS + ("ая", "яя")):
        return FEMALE
    if last_part.endswith(MALE_POSSESSIVE_ENDINGS + ("ий", "ый", "ой")):
        return MALE
    return None


# --- the forms used in a letter --------------------------------------------------------------


def greeting(person: Person) -> str:
    """«Уважаемый Иван Петрович!», «Уважаемая Анна Сергеевна!»; without a patronymic:
    «Уважаемый Джон Смит!»."""
    respected = "Уважаемая" if person.gender == FEMALE else "Уважаемый"
    second = person.patronymic or person.surname
    return f"{respected} {person.name} {second}!"


def dative_full(person: Person) -> str:
    """The addressee block in the dative: «Иванову Ивану Петровичу», «Ивановой Анне Сергеевне»."""
    parts = [
        _surname_dative(person.surname, person.gender),
        _name_dative(person.name, person.gender),
    ]
    if person.patronymic:
        parts.append(_patronymic_dative(person.patronymic))
    return " ".join(parts)


def dative_short(person: Person) -> str:
    """«Иванову И. П.», «Ивановой А. С.», «Смиту Д.» (initials with a dot and a space)."""
    initials = [_initial(person.name)]
    if person.patronymic:
        initials.append(_initial(person.patronymic))
    return f"{_surname_dative(person.surname, person.gender)} {' '.join(initials)}"


def organisation_greeting(position: str, person: Person) -> str:
    """The addressee block for an official of an organisation: the position in the dative, then the
    surname and initials: «Генеральному директору ООО «Северный склад»\\nИванову И. П.»."""
    return f"{_position_dative(position)}\n{dative_short(person)}"


def _initial(word: str) -> str:
    return f"{word[:1].upper()}."


# --- declining the parts of a name ------------------------------------------------------------


def _surname_dative(surname: str, gender: str) -> str:
    # Each half of a double-barrelled surname declines on its own: Римскому-Корсакову.
    return "-".join(_surname_part_dative(part, gender) for part in surname.split("-"))


def _surname_part_dative(part: str, gender: str) -> str:
    if _surname_is_indeclinable(part, gender):
        return part
    from_dictionary = _dictionary_dative(part, "Surn", gender)
    if from_dictionary is not None:
        return from_dictionary
    return _restore_case(part, _regular_surname_dative(part.lower(), gender))


def _surname_is_indeclinable(part: str, gender: str) -> bool:
    lowered = part.lower()
    if lowered in STRESSED_FOREIGN_SURNAMES:
        return True
    if lowered.endswith(("их", "ых")):
        return True  # Черных, Седых, Долгих: old genitive plural forms
    last = lowered[-1:]
    if last in VOWELS and last not in "ая":
        return True  # Шевченко, Дурново, Живаго, Гёте, Руставели
    if last == "а" and lowered[-2:-1] in VOWELS:
        return True  # Гарсиа, Моравиа
    if gender == FEMALE and last not in "ая":
        return True  # a woman's Смит, Кравец, Гоголь
    return False


def _regular_surname_dative(word: str, gender: str) -> str:
    if gender == FEMALE:
        return _regular_female_surname_dative(word)
    return _regular_male_surname_dative(word)


def _regular_female_surname_dative(word: str) -> str:
    if word.endswith(FEMALE_POSSESSIVE_ENDINGS):
        return word[:-1] + "ой"
    if word.endswith("ая"):
        return word[:-2] + "ой"
    if word.endswith("яя"):
        return word[:-2] + "ей"
    return _first_declension_dative(word)


def _regular_male_surname_dative(word: str) -> str:
    if word.endswith(("ый", "ой")):
        return word[:-2] + "ому"
    if word.endswith("ий"):
        return word[:-2] + ("ому" if word[-3:-2] in "гкх" else "ему")
    if word.endswith(("а", "я")):
        return _first_declension_dative(word)
    return _second_declension_dative(word)


def _name_dative(name: str, gender: str) -> str:
    return "-".join(_name_part_dative(part, gender) for part in name.split("-"))


def _name_part_dative(part: str, gender: str) -> str:
    from_dictionary = _dictionary_dative(part, "Name", gender)
    if from_dictionary is not None:
        return from_dictionary
    lowered = part.lower()
    if lowered.endswith(("а", "я")):
        declined = _first_declension_dative(lowered)
    elif gender == FEMALE or lowered[-1:] in VOWELS:
        declined = lowered  # Айгуль, Гульназ; Али, Хуго
    else:
        declined = _second_declension_dative(lowered)
    return _restore_case(part, declined)


def _patronymic_dative(patronymic: str) -> str:
    if " " in patronymic:
        return patronymic  # «Гусейн оглы» stays as written
    lowered = patronymic.lower()
    gender = _patronymic_gender(patronymic) or MALE
    from_dictionary = _dictionary_dative(patronymic, "Patr", gender)
    if from_dictionary is not None:
        return from_dictionary
    if lowered.endswith("на"):
        return _restore_case(patronymic, lowered[:-1] + "е")
    return _restore_case(patronymic, lowered + "у")


def _first_declension_dative(word: str) -> str:
    """Nouns in -а/-я: Окуджава → Окуджаве, Мария → Марии, Головня → Головне."""
    if word.endswith("ия"):
        return word[:-1] + "и"
    return word[:-1] + "е"


def _second_declension_dative(word: str) -> str:
    """Masculine nouns ending in a consonant, -й or -ь: Смит → Смиту, Гайдай → Гайдаю,
    Гоголь → Гоголю. Only surnames pymorphy3 does not know reach here; their fleeting vowel
    (Мазурец → Мазурецу) is kept, since the family's own usage cannot be guessed."""
    if word.endswith(("й", "ь")):
        return word[:-1] + "ю"
    return word + "у"


def _dictionary_dative(word: str, kind: str, gender: str) -> str | None:
    """The dative from pymorphy3's own dictionary, or None when the word is not there as a name of
    this kind and gender. Guessed (predicted) readings are not trusted."""
    lowered = word.lower()
    wanted = {kind, PYMORPHY_GENDER[gender], "sing", "nomn"}
    for parse in analyzer().parse(lowered):
        if not _from_dictionary(parse) or not wanted <= parse.tag.grammemes:
            continue
        if "Fixd" in parse.tag.grammemes:
            return word
        inflected = parse.inflect({"datv"})
        if inflected is None or not _shares_stem(lowered, inflected.word):
            return None
        return _restore_case(word, _keep_written_yo(lowered, inflected.word))
    return None


def _from_dictionary(parse) -> bool:
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _shares_stem(word: str, inflected: str) -> bool:
    """Guards against a dictionary lexeme whose forms stray from the written name."""
    stem = word.replace("ё", "е")[: max(len(word) - 3, 1)]
    return inflected.replace("ё", "е").startswith(stem)


def _keep_written_yo(written: str, inflected: str) -> str:
    """pymorphy3 may return «ё» where the name was written with «е», and the other way round."""
    if "ё" not in written:
        return inflected.replace("ё", "е")
    return inflected


def _restore_case(template: str, word: str) -> str:
    """Copy the letter case of the written form onto the declined one, letter by letter."""
    return "".join(
        char.upper() if index < len(template) and template[index].isupper() else char
        for index, char in enumerate(word)
    )


# --- positions ------------------------------------------------------------------------------


def _position_dative(position: str) -> str:
    """«генеральный директор ООО «Северный склад»» → «Генеральному директору ООО «Северный склад»»:
    the adjectives and the head noun go into the dative, everything after them is a genitive or a
    name and stays."""
    words = position.split()
    declined: list[str] = []
    for index, word in enumerate(words):
        kind = _position_word_kind(word)
        if kind is None:
            declined.extend(words[index:])
            break
        declined.append(_position_word_dative(word))
        if kind == "head":
            declined.extend(words[index + 1 :])
            break
    phrase = " ".join(declined)
    return phrase[:1].upper() + phrase[1:]


def _position_word_kind(word: str) -> str | None:
    """"modifier" for an adjective or participle in the nominative, "head" for the noun, None when
    the word is quoted or not in the nominative."""
    if not word[:1].isalpha():
        return None
    parses = _nominative_parses(word.split("-")[0])
    # Prefer the adjective reading: «ведущий специалист», «управляющий делами».
    if any(parse.tag.POS in ("ADJF", "PRTF") for parse in parses):
        return "modifier"
    if any(parse.tag.POS == "NOUN" for parse in parses):
        return "head"
    return None


def _nominative_parses(word: str) -> list:
    return [
        parse
        for parse in analyzer().parse(word.lower())
        if {"nomn", "sing"} <= parse.tag.grammemes and "Fixd" not in parse.tag.grammemes
    ]


def _position_word_dative(word: str) -> str:
    """«специалист-эксперт» declines in both halves."""
    return "-".join(_position_part_dative(part) for part in word.split("-"))


def _position_part_dative(part: str) -> str:
    for parse in _nominative_parses(part):
        if parse.tag.POS in ("ADJF", "PRTF", "NOUN"):
            inflected = parse.inflect({"datv"})
            if inflected is not None:
                return _restore_case(part, _keep_written_yo(part.lower(), inflected.word))
    return part
