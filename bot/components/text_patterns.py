"""Character spans that must stay whole: phone numbers, e-mail addresses and URLs."""

from __future__ import annotations

import re

# A phone number is a "+49"/"0049" or "0…" prefix followed by digit groups joined by
# "/", "-" or spaces ("0171 1234567", "05451 931-5139", "+49 (0) 171 123 45 67").
# A group after a bare space needs two digits, so "0171 1234567 4 Kinder" keeps the 4.
_GROUP = r"(?:[ \t]?[/-][ \t]?\d+|[ \t]\d{2,})"
PHONE_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)\d{{2,}}(?:[ \t]?\(0\))?|\(?0\d{{2,}}\)?){_GROUP}*(?!\w)"
)
# Below seven digits a leading-zero number is a postcode ("04109") or an age ("05"), not a phone.
_MIN_PHONE_DIGITS = 7
# Bounded repeats keep the search linear in the text length: an unbounded `[\w.+-]+@`
# rescans the rest of a long word from every start position (quadratic on 100,000
# characters). 64 and 63 are the RFC limits for the local part and a domain label.
_ADDRESS_RE = re.compile(
    r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}|(?:https?://|www\.)\S{1,2000}"
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of phone numbers in the text."""
    return [
        match.span()
        for match in PHONE_RE.finditer(text)
        if sum(char.isdigit() for char in match.group()) >= _MIN_PHONE_DIGITS
    ]


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Return sorted, non-overlapping spans of phone numbers, e-mail addresses and URLs."""
    spans = sorted([m.span() for m in _ADDRESS_RE.finditer(text)] + phone_spans(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
