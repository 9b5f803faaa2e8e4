"""German number words 0–17 (cardinal, ordinal, "-jährig", "-einhalb") for age extraction."""

from __future__ import annotations

import re

# Users type umlauts as "ä", "ae" or plain "a" ("fünf", "fuenf", "funf"). Folding all three
# to the plain vowel lets one lexicon entry cover every spelling. Collisions such as
# "Tochter"/"Töchter" do not matter here: callers that need the difference use `lower()`.
_FOLDS = (("ß", "ss"), ("ä", "a"), ("ö", "o"), ("ü", "u"), ("ae", "a"), ("oe", "o"))
# "fuenf" is "fünf", but in "neuen" or "teuer" the "ue" follows a vowel and is no umlaut.
_UE_AS_UMLAUT = re.compile(r"(?<![aeiou])ue")

CARDINALS: dict[str, int] = {
    "eins": 1,
    "zwei": 2,
    # "zwo" is the spoken form used to avoid confusion with "drei", e.g. on the phone.
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "funf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwolf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "funfzehn": 15,
    # The teens drop letters ("sech-zehn", "sieb-zehn"); the long forms are common typos.
    "sechzehn": 16,
    "sechszehn": 16,
    "siebzehn": 17,
    "siebenzehn": 17,
}

# In compounds the "s" of "eins" disappears: "einjährig", "eineinhalb".
_PREFIXES: dict[str, int] = {**{k: v for k, v in CARDINALS.items() if k != "eins"}, "ein": 1}

# Ordinals are cardinal stems plus "-t" (2–19) with irregular 1, 3, 7, 8:
# "erste", "dritte", "siebte"/"siebente", "achte" (not "achtte").
_ORDINAL_STEMS: dict[str, int] = {
    "erst": 1,
    "zweit": 2,
    "dritt": 3,
    "viert": 4,
    "funft": 5,
    "sechst": 6,
    "siebt": 7,
    "siebent": 7,
    "acht": 8,
    "neunt": 9,
    "zehnt": 10,
    "elft": 11,
    "zwolft": 12,
    "dreizehnt": 13,
    "vierzehnt": 14,
    "funfzehnt": 15,
    "sechzehnt": 16,
    "siebzehnt": 17,
}
# Adjective endings after the ordinal stem, longest first ("dritten" before "dritte").
_ORDINAL_ENDINGS = ("en", "er", "es", "em", "e")

# "dreieinhalb" = 3½ and "anderthalb" = 1½; a child of 3½ is 3 years old.
_HALF_RE = re.compile(r"^(?P<base>[a-z]+?)einhalb$")
# "dreijährig", "dreieinhalbjährigen", "Vierjährige": number + "jährig" + adjective ending.
_YEARS_OLD_RE = re.compile(r"^(?P<base>[a-z]*?)(?:einhalb)?jahrig(?:e|en|er|es|em)?$")


def fold(word: str) -> str:
    """Return the lower-case, umlaut-folded form of a word without trailing dot or hyphens."""
    folded = word.lower().rstrip(".").replace("-", "")
    for original, replacement in _FOLDS:
        folded = folded.replace(original, replacement)
    return _UE_AS_UMLAUT.sub("u", folded)


def parse_cardinal(folded: str) -> int | None:
    """Return the value of a cardinal or "-einhalb" number word, else None."""
    if folded in CARDINALS:
        return CARDINALS[folded]
    if folded == "anderthalb":
        return 1
    match = _HALF_RE.match(folded)
    if match:
        return _PREFIXES.get(match["base"])
    return None


def parse_ordinal(folded: str) -> int | None:
    """Return the value of an inflected ordinal word ("dritten" → 3), else None."""
    for ending in _ORDINAL_ENDINGS:
        if folded.endswith(ending) and folded[: -len(ending)] in _ORDINAL_STEMS:
            return _ORDINAL_STEMS[folded[: -len(ending)]]
    return None


def is_years_old_suffix(folded: str) -> bool:
    """Return True for the "-jährig…" part of "5-jährigen" or "6jährige"."""
    return _YEARS_OLD_RE.match(folded) is not None and folded.startswith(("jahrig", "einhalb"))


def parse_years_old_word(folded: str) -> int | None:
    """Return the age in a "dreijährig"-style compound ("anderthalbjährig" → 1), else None."""
    match = _YEARS_OLD_RE.match(folded)
    if not match or not match["base"]:
        return None
    base = match["base"]
    if base == "anderthalb":
        return 1
    return _PREFIXES.get(base)
