"""Recognise a phone number or an e-mail address in what the family typed."""

from __future__ import annotations

import re

# No dot at the start or end of the local part and no ".." (the API refuses those).
_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9%+_-]+(?:\.[A-Za-z0-9%+_-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,}"
)
# Digits with spaces, slashes, hyphens and brackets on one line (no line breaks).
_PHONE = re.compile(r"\+?[\d(][\d ()/-]{4,}\d")
# Short answers that are no names, although they are made of letters.
_NOT_NAMES = frozenset(
    {"ja", "jo", "nein", "nee", "nö", "ok", "okay", "danke", "hallo", "hi", "weiß nicht",
     "weiss nicht", "keine ahnung", "egal", "vielleicht", "tschüss", "bitte"}
)  # fmt: skip
MIN_PHONE_DIGITS = 6
MAX_PHONE_DIGITS = 20


def find_email(text: str) -> str | None:
    """Return the first e-mail address in the text."""
    match = _EMAIL.search(text)
    return match.group(0) if match else None


def find_phone(text: str) -> str | None:
    """Return the first plausible phone number (6–20 digits) in the text."""
    # A number typed over two lines is one number; the API accepts no line breaks.
    for match in _PHONE.finditer(" ".join(text.split())):
        candidate = match.group(0).strip()
        digits = re.sub(r"\D", "", candidate)
        if MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
            return candidate
    return None


def clean_name(text: str) -> str | None:
    """Return a plausible name (letters, 2–100 characters, one line), else None."""
    # A line break in a name could forge e-mail headers or CSV rows; the API refuses it too.
    if re.search(r"[\r\n\u2028\u2029]", text.strip()):
        return None
    name = " ".join(text.split())
    for prefix in ("ich heiße ", "ich heisse ", "mein name ist ", "name: "):
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    name = name.strip(" .,!")
    if not 2 <= len(name) <= 100 or name.lower() in _NOT_NAMES:
        return None
    if find_email(name) or re.search(r"\d", name) or not re.search(r"[^\W\d_]", name):
        return None
    return name


# Words of the families' questions; a short answer with one of them is no name even when
# every word is capitalised ("Kita Kosten").
_QUESTION_WORDS = frozenset(
    {"kita", "kosten", "geld", "schule", "jobcenter", "jugendamt", "termin", "termine",
     "bürgergeld", "grundsicherung", "hilfe", "datenschutz", "dolmetscher", "dolmetscherin",
     "adresse", "ort", "wo", "was", "wie", "wann", "wer", "warum", "kinder", "kind",
     "ogs", "nachhilfe", "arbeit", "ausbildung", "kindergeld", "unterhalt", "beratung",
     "familienbüro", "telefon", "video", "danke", "hallo", "tschüss", "nein", "ja", "notfall"}
)  # fmt: skip
# Greetings and thanks: capitalised at the start of a message, "Vielen Dank" or "Guten Tag"
# look like a first and last name.
_GREETING_WORDS = frozenset(
    {"guten", "tag", "morgen", "abend", "dank", "dankeschön", "vielen", "herzlichen", "schön",
     "schönen", "liebe", "grüße", "gruß", "hi", "hey", "moin", "servus", "grüß", "gott",
     "bitte", "ok", "okay", "super", "prima", "toll", "hello", "good", "morning", "thanks",
     "thank", "merhaba", "selam", "günaydın", "teşekkürler", "teşekkür", "ederim",
     "willkommen", "hallöchen", "zusammen", "mittag", "evening", "afternoon",
     "assalamu", "assalam", "salam", "salaam", "alaikum", "aleikum", "alaykum", "selamun",
     "aleyküm", "aleykum", "iyi", "günler", "akşamlar", "sağ", "sağol", "olun", "kolay",
     "gelsin", "merci", "beaucoup", "bonjour", "добрый", "доброе", "день", "утро",
     "вечер", "спасибо", "большое", "привет", "здравствуйте", "привіт", "добрий", "доброго",
     "дня", "ранку", "вечора", "дякую", "щиро", "всім", "вітаю"}
)  # fmt: skip


def plain_name(text: str) -> str | None:
    """A short answer that can only be a name: 1–4 capitalised words, no question."""
    name = clean_name(text)
    if name is None or "?" in text:
        return None
    words = re.split(r"[\s-]+", name)
    not_names = _QUESTION_WORDS | _GREETING_WORDS
    if not 1 <= len(words) <= 4 or any(w.lower() in not_names for w in words):
        return None
    return name if all(w[:1].isupper() for w in words) else None
