"""Recognise the language of a family's message, only when it is safe to switch to it.

A wrong switch costs more than none: a German family that writes "ok" or "4 und 7" must
never get an English answer. So:
- no language for messages without letters (digits, dates, phone numbers) or with too few
  words to tell ("ok", "hallo", "Ayşe Yılmaz");
- Arabic script is Arabic, Cyrillic is Ukrainian or Russian (letters only one of them has,
  then the detector), each from two letters on: a German family does not type these;
- Latin script (German, English, Turkish) needs at least MIN_LATIN_WORDS words and the
  detector's confidence of at least MIN_CONFIDENCE.
The detector is Lingua (lingua-language-detector), restricted to the six languages, in its
low-accuracy mode: trigram models only, about 15 MB instead of about 250 MB with all
n-gram models (the Rasa server has a memory budget), and the Latin rule above asks for
several words anyway. Measured with scripts/language_detection_report.py.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

MIN_LATIN_WORDS = 3
MIN_CONFIDENCE = 0.8
# Ukrainian and Russian share most words; a short message may be either.
MIN_CYRILLIC_CONFIDENCE = 0.75

_CODES = {
    Language.GERMAN: "de",
    Language.ENGLISH: "en",
    Language.ARABIC: "ar",
    Language.UKRAINIAN: "uk",
    Language.RUSSIAN: "ru",
    Language.TURKISH: "tr",
}
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\d+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_ONLY_UKRAINIAN = set("іїєґІЇЄҐ")
_ONLY_RUSSIAN = set("ыэъёЫЭЪЁ")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_CODES).with_low_accuracy_mode().build()


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("ARABIC", "CYRILLIC", "LATIN"):
        if name.startswith(script):
            return script
    return ""


def _best(text: str, languages: set[str]) -> tuple[str | None, float]:
    values = _detector().compute_language_confidence_values(text)
    ranked = [(_CODES[v.language], v.value) for v in values if _CODES[v.language] in languages]
    total = sum(value for _, value in ranked)
    if not ranked or total <= 0:
        return None, 0.0
    code, value = ranked[0]
    return code, value / total


def detect_language(text: str) -> str | None:
    """The language of the text as an ISO 639-1 code, or None when it is not safe to say."""
    cleaned = _NOT_WORDS.sub(" ", text)
    letters = [c for c in cleaned if c.isalpha()]
    if len(letters) < 2:
        return None
    scripts = [_script(c) for c in letters]
    arabic, cyrillic = scripts.count("ARABIC"), scripts.count("CYRILLIC")
    # A mixed message ("meine Tochter ist 7، وابني 3") is in the family's own language.
    if arabic >= 2 and arabic >= cyrillic:
        return "ar"
    if cyrillic >= 2:
        if _ONLY_UKRAINIAN & set(cleaned) and not _ONLY_RUSSIAN & set(cleaned):
            return "uk"
        if _ONLY_RUSSIAN & set(cleaned) and not _ONLY_UKRAINIAN & set(cleaned):
            return "ru"
        code, confidence = _best(cleaned, {"uk", "ru"})
        return code if confidence >= MIN_CYRILLIC_CONFIDENCE else None
    if len(_WORD.findall(cleaned)) < MIN_LATIN_WORDS:
        return None
    code, confidence = _best(cleaned, {"de", "en", "tr"})
    return code if confidence >= MIN_CONFIDENCE else None
