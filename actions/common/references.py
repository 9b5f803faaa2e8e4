"""Booking references as families type them."""

from __future__ import annotations

import re

# FL-7KQ3-M9TX, also typed as "fl 7kq3 m9tx" or "FL7KQ3M9TX"; the alphabet has no 0/O, 1/I/L.
_REFERENCE = re.compile(r"\bFL[\s-]*([2-9A-HJKMNP-Z]{4})[\s-]*([2-9A-HJKMNP-Z]{4})\b")


def find_reference(text: str) -> str | None:
    """Return the booking reference in the text in its printed form, else None."""
    match = _REFERENCE.search(text.upper())
    return f"FL-{match.group(1)}-{match.group(2)}" if match else None
