"""Recognise the language of a family's message, only when it is safe to switch to it.

A wrong switch costs more than none: a German family that writes "ok" or "4 und 7" must
never get an English answer. So:
- no language for messages without letters (digits, dates, phone numbers), for codes such
  as a booking reference ("FL-7KQ3-M9TX" is neither Arabizi nor Turkish) or with too few
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
# Back to German only when very sure: English sentences with few words read as German in
# the trigram model ("we are in danger").
MIN_GERMAN_CONFIDENCE = 0.95
# Ukrainian and Russian share most words; a short message may be either.
MIN_CYRILLIC_CONFIDENCE = 0.9
# German names of offices and benefits that families keep in their own language ("what is
# Kindergeld?"): left out before deciding between German, English and Turkish.
_GERMAN_TERMS = re.compile(
    r"\b(?:jugendamt\w*|jobcenter\w*|kindergeld\w*|kinderzuschlag\w*|unterhaltsvorschuss\w*"
    r"|bürgergeld\w*|buergergeld\w*|grundsicherung\w*|elterngeld|wohngeld|kita\w*|ogs|but"
    r"|bildung und teilhabe|mehrbedarf|regelbedarf|termin\w*|tagesmutter|familienlotse)\b",
    re.IGNORECASE,
)
# Transliterated Arabic writes some sounds as digits: "3arabi", "a7joz", "maw3ed".
_ARABIZI = re.compile(r"^(?:[a-z]*[a-z][2357][a-z]+|[2357][a-z]{2,})$")
_MIN_ARABIZI_WORDS = 2
# Everyday words only one of the two languages has (the letters did not decide).
_UKRAINIAN_WORDS = set(
    [
        "що",
        "як",
        "яка",
        "який",
        "яке",
        "добре",
        "гаразд",
        "котра",
        "дуже",
        "це",
        "але",
        "або",
        "треба",
        "чи",
        "щиро",
        "мене",
        "тебе",
        "вдячна",
        "вдячний",
        "здрастуйте",
        "зараз",
        "тут",
    ]
)
_RUSSIAN_WORDS = set(
    [
        "что",
        "это",
        "как",
        "какой",
        "какая",
        "какое",
        "да",
        "нет",
        "хорошо",
        "ладно",
        "очень",
        "меня",
        "тебя",
        "мне",
        "но",
        "или",
        "нужно",
        "надо",
        "если",
        "здравствуйте",
        "сейчас",
        "здесь",
        "живем",
    ]
)

_CODES = {
    Language.GERMAN: "de",
    Language.ENGLISH: "en",
    Language.ARABIC: "ar",
    Language.UKRAINIAN: "uk",
    Language.RUSSIAN: "ru",
    Language.TURKISH: "tr",
}
# Booking and callback references (FL-7KQ3-M9TX, RR-…, also without the prefix) and other
# codes of capitals and digits are removed before anything else: the random letters of a
# reference otherwise read as Arabizi ("JB3T") or Turkish, and the chat switched language.
# Families also type them in small letters and with spaces ("fl 35ud dwtq").
# Codes in capitals only: Arabizi mixes small letters and digits ("a7joz").
# Without the prefix only with a digit: "Baby-Kurs" and "Mini-Kita" are words.
_CODES_AND_REFERENCES = re.compile(
    r"(?i:\b(?:fl|rr)[-\s]+[a-z0-9]{4}[-\s]*[a-z0-9]{4}\b)"
    r"|(?i:\b(?=[a-z-]*[0-9])[a-z0-9]{4}-[a-z0-9]{4}\b)"
    r"|\b(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,}\b"
)
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
    text = _CODES_AND_REFERENCES.sub(" ", text)
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
        return _cyrillic(cleaned)
    arabizi = [w for w in re.findall(r"[\w']+", text.lower()) if _ARABIZI.match(w)]
    if len(arabizi) >= _MIN_ARABIZI_WORDS:
        return "ar"
    latin = _GERMAN_TERMS.sub(" ", cleaned)
    if len(_WORD.findall(latin)) < MIN_LATIN_WORDS:
        return None
    code, confidence = _best(latin, {"de", "en", "tr"})
    needed = MIN_GERMAN_CONFIDENCE if code == "de" else MIN_CONFIDENCE
    return code if confidence >= needed else None


def _cyrillic(text: str) -> str | None:
    letters = set(text)
    words = set(re.findall(r"\w+", text.lower()))
    uk = bool(_ONLY_UKRAINIAN & letters or _UKRAINIAN_WORDS & words)
    ru = bool(_ONLY_RUSSIAN & letters or _RUSSIAN_WORDS & words)
    if uk != ru:
        return "uk" if uk else "ru"
    if uk and ru:
        return None
    code, confidence = _best(text, {"uk", "ru"})
    return code if confidence >= MIN_CYRILLIC_CONFIDENCE else None
