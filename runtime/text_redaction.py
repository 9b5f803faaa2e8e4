"""Replace personal data in a family's message by typed markers such as [TELEFON].

Used for the review inbox: the action server redacts before it sends a message, and the
appointments API redacts again before it stores one (it imports this module; standard
library only, so both environments can). Redaction errs on the side of removing too much:
a maintainer can read "[NAME]" and still see what went wrong, a phone number never helps.

Markers: [NAME], [TELEFON], [E-MAIL], [ADRESSE], [GEBURTSDATUM], [DATUM],
[BUCHUNGSNUMMER], [IBAN], [LINK], [NUMMER]. Redacting a redacted text changes nothing.
"""

from __future__ import annotations

import re

MARKERS = (
    "[NAME]",
    "[TELEFON]",
    "[E-MAIL]",
    "[ADRESSE]",
    "[GEBURTSDATUM]",
    "[DATUM]",
    "[BUCHUNGSNUMMER]",
    "[IBAN]",
    "[LINK]",
    "[NUMMER]",
)
# Longer texts are cut: the inbox needs the gist of a message, not a letter.
MAX_CHARS = 500

# Every repeat is bounded, so each search stays linear in the text length.
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]{1,300}", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[^\W\d_]{2,63}")
# "anna(at)gmx.de", "anna [at] gmx punkt de", "anna at gmx dot de"
_EMAIL_SPELLED = re.compile(
    r"[\w.+-]{1,64}\s{0,3}(?:\(at\)|\[at\]|\{at\}|\bat\b|\bät\b)\s{0,3}[\w-]{1,63}"
    r"(?:\s{0,3}(?:\.|\(dot\)|\[dot\]|\(punkt\)|\bpunkt\b|\bdot\b)\s{0,3}[\w-]{1,63}){1,4}",
    re.IGNORECASE,
)
# Booking and callback references (appointments/bookings/reference.py), also typed with
# spaces, without dashes or in lower case.
_REFERENCE = re.compile(
    r"\b(?:FL|RR)[\s-]{0,2}[2-9A-HJ-KM-NP-Z]{4}[\s-]{0,2}[2-9A-HJ-KM-NP-Z]{4}\b",
    re.IGNORECASE,
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b")

_MONTHS = (
    r"(?:januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober"
    r"|november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez|january|february"
    r"|march|may|june|july|october|december|oct|dec)"
)
_DATE = re.compile(
    r"\b\d{1,2}\s{0,2}[./-]\s{0,2}\d{1,2}\s{0,2}[./-]\s{0,2}(?:\d{4}|\d{2})\b"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b"
    rf"|\b\d{{1,2}}\.?\s{{1,3}}{_MONTHS}\.?\s{{1,3}}\d{{4}}\b"
    rf"|\b{_MONTHS}\.?\s{{1,3}}\d{{1,2}},?\s{{1,3}}\d{{4}}\b",
    re.IGNORECASE,
)
# Words that make a date a date of birth (German, English, Turkish, Russian, Ukrainian,
# Arabic); looked for shortly before the date.
_BIRTH_CUE = re.compile(
    r"(?:geboren|geb\.|geburtsdatum|geburtstag|born|birth|dob|doğum|dogum|родил|рождени"
    r"|народж|ميلاد|مواليد|ولد)",
    re.IGNORECASE,
)

_STREET_WORDS = (
    r"(?i:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|pfad|steig"
    r"|markt|wall|graben)"
)
_ADDRESS = re.compile(
    # German: "Große Straße 12", "Hauptstr. 5a", "Alte Münsterstraße 16"
    rf"(?:\b[A-ZÄÖÜ][a-zäöüß]{{1,30}}[ -])?\b[A-ZÄÖÜa-zäöüß-]{{0,40}}{_STREET_WORDS}"
    r"\s{0,3}\d{1,4}\s?[a-zA-Z]?\b"
    # a postcode with the town: "49477 Ibbenbüren"
    r"|\b\d{5}\s{1,3}[A-ZÄÖÜ][\wäöüß-]{1,40}"
    # English: "12 Baker Street"
    r"|\b\d{1,5}\s{1,3}(?:[A-Z][a-z]{1,30}\s{1,3}){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Close)\b\.?"
    # Turkish: "Atatürk Caddesi No: 5", "Gül Sokak 7"
    r"|\b[A-ZÇĞİÖŞÜ][\wçğıöşü]{1,30}\s{1,3}(?i:caddesi|cad\.|sokak|sokağı|sk\.|mahallesi"
    r"|mah\.)\s{0,3}(?:[Nn]o\s{0,2}[:.]?\s{0,2})?\d{0,4}"
    # Russian / Ukrainian: "ул. Ленина, д. 5", "вулиця Шевченка 12"
    r"|(?i:\bул\.|\bулица|\bвулиця|\bвул\.)\s{0,3}[^\d,\n]{1,40}?,?\s{0,3}(?:д\.\s{0,2})?\d{1,4}",
)
# Phone numbers: a run of digits with the usual separators and at least six digits.
_PHONE = re.compile(r"\+?\(?\d[\d\s()/.\-]{4,40}\d")
# Spelled-out numbers: "null eins sieben eins …" (six or more digit words in a row).
_DIGIT_WORDS = (
    r"(?:null|eins|ein|zwei|zwo|drei|vier|fünf|fuenf|sechs|sieben|acht|neun|zero|one|two"
    r"|three|four|five|six|seven|eight|nine)"
)
_SPELLED_NUMBER = re.compile(
    rf"\b{_DIGIT_WORDS}(?:[\s,-]{{1,3}}{_DIGIT_WORDS}){{5,30}}\b", re.IGNORECASE
)
# Any word holding five or more digits: customer numbers, "12345BG0012345", tax ids.
_NUMBER_WORD = re.compile(r"[\w-]*\d[\w-]*")

# Phrases after which a name follows (German, English, Turkish, Russian, Ukrainian, Arabic).
_NAME_CUE = re.compile(
    r"(?:\bich\s{1,3}hei(?:ß|ss|s)e\b|\bmein\s{1,3}name\s{1,3}(?:ist|lautet)\b"
    r"|\bmein\s{1,3}name\b\s{0,2}:|\bname\s{0,2}:|\bhier\s{1,3}(?:ist|spricht|schreibt)\b"
    r"|\b(?:mein|meine|unser|unsere)\s{1,3}(?:sohn|tochter|kind|kleine|kleiner|mann|frau"
    r"|partner|partnerin|freund|freundin)\s{1,3}hei(?:ß|ss|s)t\b|\b(?:er|sie)\s{1,3}hei(?:ß|ss|s)t\b"
    r"|\b(?:herr|frau|hr\.|fr\.)(?=\s{1,3}[A-ZÄÖÜ])"
    r"|\bmy\s{1,3}name\s{1,3}is\b|\bi\s{1,3}am\s{1,3}called\b|\bcall\s{1,3}me\b"
    r"|\bbenim\s{1,3}ad[ıi]m\b|\bad[ıi]m\b|\bismim\b"
    r"|меня\s{1,3}зовут|мене\s{1,3}звати|(?:моё|мое|моє)\s{1,3}(?:имя|ім['’]я)"
    r"|اسمي|إسمي)"
    r"[\s:,\-]{0,4}",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]{0,40}")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Lower-case words that end a name in German or English, never part of it.
_NOT_NAME = frozenset({"und", "and", "ich", "i", "wir", "habe", "bin", "aus", "von", "from"})


def _name_end(text: str, start: int) -> int:
    """Return where the name that starts at `start` ends (0 words: `start`)."""
    end = start
    for count in range(3):
        gap = re.match(r"[ \t]{1,3}", text[end:]) if count else None
        position = end + (gap.end() if gap else 0)
        if count and not gap:
            break
        word = _WORD.match(text, position)
        if not word:
            break
        value = word.group(0)
        if value.lower() in _NOT_NAME:
            break
        if count:
            # A further word belongs to the name only when it looks like one: capitalised,
            # or Arabic script without the joined "و" (and).
            arabic = bool(_ARABIC.match(value))
            if arabic and value.startswith("و"):
                break
            if not arabic and not value[0].isupper():
                break
        end = word.end()
    return end


def _redact_names(text: str) -> str:
    parts: list[str] = []
    position = 0
    for cue in _NAME_CUE.finditer(text):
        if cue.start() < position:
            continue
        end = _name_end(text, cue.end())
        if end == cue.end():
            continue
        parts.append(text[position : cue.end()])
        parts.append("[NAME]")
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _date_marker(text: str, match: re.Match[str]) -> str:
    before = text[max(0, match.start() - 30) : match.start()]
    return "[GEBURTSDATUM]" if _BIRTH_CUE.search(before) else "[DATUM]"


def _phone_marker(match: re.Match[str]) -> str:
    value = match.group(0)
    digits = sum(character.isdigit() for character in value)
    return "[TELEFON]" if digits >= 6 else value


def _number_marker(match: re.Match[str]) -> str:
    value = match.group(0)
    return "[NUMMER]" if sum(c.isdigit() for c in value) >= 5 else value


def redact_text(text: str) -> str:
    """Return `text` with personal data replaced by typed markers (at most MAX_CHARS)."""
    text = (text or "")[: MAX_CHARS * 2]
    text = _LINK.sub("[LINK]", text)
    text = _EMAIL.sub("[E-MAIL]", text)
    text = _EMAIL_SPELLED.sub("[E-MAIL]", text)
    text = _REFERENCE.sub("[BUCHUNGSNUMMER]", text)
    text = _IBAN.sub("[IBAN]", text)
    text = _DATE.sub(lambda match: _date_marker(text, match), text)
    text = _ADDRESS.sub("[ADRESSE]", text)
    text = _PHONE.sub(_phone_marker, text)
    text = _SPELLED_NUMBER.sub("[TELEFON]", text)
    text = _NUMBER_WORD.sub(_number_marker, text)
    text = _redact_names(text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rstrip() + "…"
    return text


def digits_left(text: str) -> int:
    """Return the longest run of digits (ignoring separators) a redacted text still holds."""
    longest = 0
    for match in re.finditer(r"\d[\d\s/.\-]*", text):
        longest = max(longest, sum(c.isdigit() for c in match.group(0)))
    return longest
