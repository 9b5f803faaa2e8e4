"""Children's ages in English, Arabic (also transliterated), Ukrainian, Russian and Turkish.

German has its own, finer rules (german_ages.py); ChildAgeExtractor runs both and keeps
German mentions first, so mixed messages ("mein Sohn ist 4, my daughter 6") find both.

A number (digits, Arabic-Indic or Persian digits, or a number word 0–17) is an age when
- an age marker follows or precedes it ("5 yaşında", "5 років", "5 лет", "عمره 5",
  "5 years", "aged 5"), or
- the message is only numbers ("4 и 7", "٤ و ٦"), or
- the message names a child ("my son is five", "сыну 5", "ابني 5"),
and it is not a count, money, a time, a school class or a duration ("2 kids", "20 euro",
"at 5", "grade 2", "for 2 years", "3 çocuğum", "منذ 3 سنوات").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_AGE = 17

# Arabic-Indic (U+0660…) and Persian (U+06F0…) digits become ASCII, one character for one,
# so spans stay valid.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def normalise_digits(text: str) -> str:
    """The text with Arabic-Indic and Persian digits as ASCII digits (same length)."""
    return text.translate(_DIGITS)


def _words(spec: str) -> dict[str, int]:
    found = {}
    for item in spec.split(";"):
        value, names = item.split(":")
        for name in names.split():
            found[name] = int(value)
    return found


# Number words 0–17 per language (several spellings); two-word Turkish numbers below.
_NUMBER_WORDS = {
    **_words(
        "0:zero;1:one;2:two;3:three;4:four;5:five;6:six;7:seven;8:eight;9:nine;10:ten;"
        "11:eleven;12:twelve;13:thirteen;14:fourteen;15:fifteen;16:sixteen;17:seventeen"
    ),
    **_words("0:sıfır;1:bir;2:iki;3:üç;4:dört;5:beş;6:altı;7:yedi;8:sekiz;9:dokuz;10:on"),
    **_words(
        "0:ноль;1:один одна одного;2:два две двух;3:три трех трёх;4:четыре;5:пять;6:шесть;"
        "7:семь;8:восемь;9:девять;10:десять;11:одиннадцать;12:двенадцать;13:тринадцать;"
        "14:четырнадцать;15:пятнадцать;16:шестнадцать;17:семнадцать"
    ),
    **_words(
        "0:нуль;1:один одна;2:два дві;3:три;4:чотири;5:п'ять п’ять пʼять;6:шість;7:сім;"
        "8:вісім;9:дев'ять дев’ять девʼять;10:десять;11:одинадцять;12:дванадцять;"
        "13:тринадцять;14:чотирнадцять;15:п'ятнадцять п’ятнадцять;16:шістнадцять;"
        "17:сімнадцять"
    ),
    **_words(
        "0:صفر;1:واحد واحدة;2:اثنين اثنان اتنين ثنتين;3:ثلاث ثلاثة تلات تلاتة;"
        "4:أربع أربعة اربع اربعة;5:خمس خمسة;6:ست ستة;7:سبع سبعة;"
        "8:ثمان ثماني ثمانية تمان تماني تمانية;9:تسع تسعة;10:عشر عشرة;"
        "11:احدعش حداعش;12:اطنعش اثنعش;13:تلطعش;14:اربعطعش;15:خمسطعش;16:سطعش;17:سبعطعش"
    ),
    **_words(
        "1:wa7ad;2:etnen itnein;3:tlata talata;4:arba3a arb3a;5:khamsa 5amsa;6:sitta;"
        "7:sab3a;8:tamanya tmanye;9:tis3a;10:3ashra"
    ),
}
# Said alone these are rather articles ("a son", "bir oğlum", "одна дочь"): only with a
# marker ("one year old", "bir yaşında").
_MARKER_ONLY = {"one", "bir", "on", "один", "одна", "одного", "واحد", "واحدة"}
# Arabic duals and "a year" state the age in one word: "عمرها سنتين" (two years).
_AGE_WORDS = {"سنتين": 2, "سنتان": 2}

_AFTER = [
    "years",
    "year",
    "yrs",
    "yr",
    "yo",
    "y/o",
    "yaşında",
    "yaşındaki",
    "yaşlarında",
    "yaşındadır",
    "yaş",
    "yasinda",
    "yasında",
    "yaşına",
    "лет",
    "год",
    "года",
    "годик",
    "годика",
    "годиков",
    "років",
    "роки",
    "рік",
    "рочки",
    "рочків",
    "سنوات",
    "سنين",
    "سنة",
    "سنه",
    "عام",
    "أعوام",
    "اعوام",
    "snin",
    "sneen",
    "sanawat",
    "sana",
]
_BEFORE = [
    "aged",
    "age",
    "turned",
    "turns",
    "عمره",
    "عمرها",
    "عمرهم",
    "عمر",
    "عمري",
    "بعمر",
    "3omro",
    "3omra",
    "omro",
    "omra",
    "исполнилось",
    "виповнилося",
    "виповнилось",
]
# A duration, not an age: "for 2 years", "since", "уже 2 года", "منذ 3 سنوات".
_DURATION_BEFORE = [
    "for",
    "since",
    "already",
    "уже",
    "через",
    "вже",
    "протягом",
    "منذ",
    "صار",
    "صرلي",
    "صرلنا",
]
_DURATION_AFTER = ["ago", "назад", "тому", "önce", "süredir", "yıldır"]
# Counts, money, times and school classes.
_NOT_AGE_AFTER = [
    "kids",
    "children",
    "child",
    "people",
    "persons",
    "euro",
    "euros",
    "eur",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "times",
    "pm",
    "am",
    "o'clock",
    "grade",
    "class",
    "minutes",
    "percent",
    "детей",
    "ребенка",
    "ребёнка",
    "детьми",
    "человек",
    "евро",
    "месяц",
    "месяца",
    "месяцев",
    "недел",
    "дн",
    "час",
    "раз",
    "класс",
    "минут",
    "дітей",
    "дитини",
    "людей",
    "осіб",
    "євро",
    "місяц",
    "тижн",
    "годин",
    "клас",
    "хвилин",
    "çocuk",
    "çocuğum",
    "çocuğumuz",
    "kişi",
    "kişiyiz",
    "euro",
    "avro",
    "ay",
    "aylık",
    "hafta",
    "gün",
    "saat",
    "kez",
    "defa",
    "sınıf",
    "dakika",
    "أطفال",
    "اطفال",
    "أولاد",
    "اولاد",
    "ولاد",
    "يورو",
    "شهر",
    "أشهر",
    "اشهر",
    "شهور",
    "أسابيع",
    "اسبوع",
    "أيام",
    "ايام",
    "يوم",
    "ساعة",
    "مرات",
    "صف",
    "دقائق",
    "أشخاص",
    "اشخاص",
]
_NOT_AGE_BEFORE = [
    "grade",
    "class",
    "bus",
    "line",
    "number",
    "at",
    "um",
    "ab",
    "bis",
    "room",
    "класс",
    "клас",
    "номер",
    "автобус",
    "sınıf",
    "otobüs",
    "الصف",
    "صف",
    "رقم",
    "باص",
    "الساعة",
    "€",
]
# Words that name a child (English whole words, other languages' word beginnings): with
# one of them, a bare number is an age.
_CHILD_WORDS = set(
    [
        "son",
        "sons",
        "daughter",
        "daughters",
        "child",
        "children",
        "kid",
        "kids",
        "boy",
        "boys",
        "girl",
        "girls",
        "baby",
        "babies",
        "twins",
        "older",
        "oldest",
        "younger",
        "youngest",
        "eldest",
        "little",
        "he",
        "she",
        "they",
        "he's",
        "she's",
    ]
)
_CHILD = [
    "сын",
    "дочь",
    "дочк",
    "дочер",
    "ребен",
    "ребён",
    "дет",
    "малыш",
    "младш",
    "старш",
    "близнец",
    "двойн",
    "мальчик",
    "девочк",
    "ему",
    "ей",
    "им",
    "син",
    "доньк",
    "дитин",
    "діт",
    "малюк",
    "молодш",
    "старш",
    "близнюк",
    "двійн",
    "хлопчик",
    "дівчинк",
    "йому",
    "їй",
    "їм",
    "oğl",
    "kız",
    "çocu",
    "bebe",
    "ikiz",
    "büyü",
    "küçü",
    "ابن",
    "بنت",
    "طفل",
    "ولد",
    "أولاد",
    "اولاد",
    "ولاد",
    "الكبير",
    "الصغير",
    "توأم",
    "التوأم",
    "ibni",
    "binti",
    "walad",
    "awlad",
    "wlad",
]
_BOTH = [
    "both",
    "twins",
    "twin",
    "оба",
    "обе",
    "обоим",
    "близнецы",
    "двойняшки",
    "обом",
    "обидва",
    "близнюки",
    "двійнята",
    "ikisi",
    "ikiz",
    "كلاهما",
    "كلهم",
    "توأم",
    "التوأم",
]
_CONNECTORS = ["and", "und", "ve", "и", "і", "та", "й", "و", ",", "+", "&", "y"]

_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*|[,+&€]|y/o")


@dataclass(frozen=True)
class Mention:
    value: int
    start: int
    end: int


def _starts(word: str, prefixes: list[str]) -> bool:
    return any(word.startswith(p) for p in prefixes)


def _arabic_core(word: str) -> str:
    # "وخمس" (and five), "والصغير": the conjunction is written onto the word.
    if len(word) > 2 and word.startswith("و") and word[1:] in _NUMBER_WORDS:
        return word[1:]
    return word


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word) if len(word) <= 2 else None
    return _NUMBER_WORDS.get(_arabic_core(word))


def extract_ages(text: str) -> list[Mention]:
    """Children's ages in the text, one mention per child (twins: two)."""
    text = normalise_digits(text)
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    words = [t[0] for t in tokens]
    bare = bool(tokens) and all(
        _number(w) is not None or w in _CONNECTORS or w in _AFTER for w in words
    )
    # "وابني" (and my son): the conjunction is written onto the word.
    child = any(
        w in _CHILD_WORDS or _starts(w, _CHILD) or (w[:1] == "و" and _starts(w[1:], _CHILD))
        for w in words
    )
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        value = _number(word)
        last = i
        # Turkish "on iki" (twelve) … "on yedi".
        if word == "on" and i + 1 < len(tokens) and tokens[i + 1][0] in _NUMBER_WORDS:
            small = _NUMBER_WORDS[tokens[i + 1][0]]
            if 1 <= small <= 9 and tokens[i + 1][0] not in {"one", "ten", "on"}:
                value, last = 10 + small, i + 1
        if word in _AGE_WORDS:
            found.append(Mention(_AGE_WORDS[word], start, end))
            i += 1
            continue
        if value is None or value > MAX_AGE or _inside_number(text, start, tokens[last][2]):
            i += 1
            continue
        after = words[last + 1] if last + 1 < len(words) else ""
        after2 = words[last + 2] if last + 2 < len(words) else ""
        before = words[i - 1] if i > 0 else ""
        before2 = words[i - 2] if i > 1 else ""
        marked = after in _AFTER or before in _BEFORE or before2 in _BEFORE
        counted = _starts(after, _NOT_AGE_AFTER) or before in _NOT_AGE_BEFORE
        duration = before in _DURATION_BEFORE or before2 in _DURATION_BEFORE
        duration = (
            duration or after2 in _DURATION_AFTER or (after in _AFTER and after2 in _DURATION_AFTER)
        )
        if word in _MARKER_ONLY and not (after in _AFTER or before in _BEFORE):
            i = last + 1
            continue
        if not counted and not duration and (marked or bare or child):
            found.append(Mention(value, start, tokens[last][2]))
        i = last + 1
    if len(found) == 1 and any(w in _BOTH for w in words):
        found.append(found[0])
    return found


def _inside_number(text: str, start: int, end: int) -> bool:
    """Part of a decimal, date, time or phone number ("3.5", "12.03.", "10:30")."""
    before = text[start - 2 : start]
    after = text[end : end + 2]
    return (len(before) == 2 and before[0].isdigit() and before[1] in ".,:/") or (
        len(after) == 2 and after[0] in ".,:/" and after[1].isdigit()
    )
