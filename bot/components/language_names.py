"""The conversation languages and how families name them, in each of these languages.

Adding a language is data: its code in SUPPORTED and the ways to name it below (plus
training data, texts and a line in bot/domain/language.yml).
"""

from __future__ import annotations

import re

# ISO 639-1 codes of the languages the assistant speaks; German is the default.
SUPPORTED = ("de", "en", "ar", "uk", "ru", "tr")
DEFAULT = "de"

# Word beginnings that name a language (matched at a word start, case-insensitive), in
# German, English, Turkish, Russian, Ukrainian, Arabic and transliterated Arabic.
_NAMES: dict[str, tuple[str, ...]] = {
    "de": (
        "deutsch", "german", "almanca", "almance", "немецк", "по-немецки", "німецьк",
        "по-німецьки", "الألماني", "الالماني", "ألماني", "الماني", "بالألماني",
        "بالالماني", "almani",
    ),
    "en": (
        "englisch", "english", "ingilizce", "i̇ngilizce", "английск", "по-английски",
        "англійськ", "по-англійськи", "الإنجليزي", "الانجليزي", "إنجليزي", "انجليزي",
        "الإنكليزي", "الانكليزي", "انكليزي", "بالإنجليزي", "بالانجليزي", "inglizi",
    ),
    "ar": (
        "arabisch", "arabic", "arapça", "arapca", "арабск", "по-арабски", "по-арабськи",
        "العربي", "عربي", "بالعربي", "بالعربية", "3arabi", "arabi",
    ),
    "uk": (
        "ukrainisch", "ukrainian", "ukraynaca", "украинск", "по-украински", "українськ",
        "по-українськи", "الأوكراني", "الاوكراني", "أوكراني", "اوكراني",
    ),
    "ru": (
        "russisch", "russian", "rusça", "rusca", "русск", "по-русски", "російськ",
        "по-російськи", "الروسي", "روسي", "بالروسي", "rusi",
    ),
    "tr": (
        "türkisch", "tuerkisch", "turkish", "türkçe", "turkce", "türkce", "турецк",
        "по-турецки", "турецьк", "по-турецьки", "التركي", "تركي", "بالتركي", "torki",
    ),
}  # fmt: skip


def _alternatives(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# A name starts a word ("Englisch", "по-русски", "بالعربي"); the longest spelling wins.
_NAME_RE = re.compile(
    "|".join(
        rf"(?P<{code}>(?<![\w-])(?:{_alternatives(names)}))" for code, names in _NAMES.items()
    ),
    re.IGNORECASE,
)


def named_languages(text: str) -> list[tuple[str, int, int]]:
    """(code, start, end) of every supported language named in the text, in order."""
    found = []
    for match in _NAME_RE.finditer(text):
        code = next(c for c, v in match.groupdict().items() if v)
        found.append((code, match.start(), match.end()))
    return found
