"""Recognise a phone number or an e-mail address in what the family typed."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[\d(][\d\s()/-]{4,}\d")
MIN_PHONE_DIGITS = 6
MAX_PHONE_DIGITS = 20


def find_email(text: str) -> str | None:
    """Return the first e-mail address in the text."""
    match = _EMAIL.search(text)
    return match.group(0) if match else None


def find_phone(text: str) -> str | None:
    """Return the first plausible phone number (6–20 digits) in the text."""
    for match in _PHONE.finditer(text):
        candidate = match.group(0).strip()
        digits = re.sub(r"\D", "", candidate)
        if MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
            return candidate
    return None


def clean_name(text: str) -> str | None:
    """Return a plausible name (letters, 2–100 characters), else None."""
    name = " ".join(text.split())
    for prefix in ("ich heiße ", "ich heisse ", "mein name ist ", "name: "):
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    name = name.strip(" .,!")
    if not 2 <= len(name) <= 100:
        return None
    if find_email(name) or re.search(r"\d", name) or not re.search(r"[^\W\d_]", name):
        return None
    return name
