"""The regular expressions in bot/components and bot/privacy run in linear time.

Each input below made a pattern rescan the rest of the text from every position before
(20 s to 130 s for 100,000 characters). The bound is generous for a busy machine and far
below what a quadratic pattern needs.
"""

from __future__ import annotations

import time

import pytest

from bot.components.child_age_extractor import MAX_TEXT_CHARS
from bot.components.german_age_tokens import tokenize
from bot.components.german_ages import extract_child_ages
from bot.components.text_patterns import masked_spans
from bot.privacy.redaction import mask_contact_patterns
from runtime.crisis_patterns import is_crisis
from runtime.text_redaction import redact_text

N = 100_000
ADVERSARIAL = {
    "one long word": "a" * N,
    "digits": "1" * N,
    "dotted word": "a." * (N // 2),
    "at signs": "a@" * (N // 2),
    "word then at": "a" * N + "@",
    "dotted domain": "a@" + "b." * (N // 2),
    "digit groups": "0" + " 1" * (N // 2),
    "hyphenated": "1-" * (N // 2),
    "slashes": "01/" * (N // 3),
    "threat words": "droht" * (N // 5),
    "crisis lead-ins": "mir " * (N // 4),
    "night": "heute nacht " * (N // 12),
}
FUNCTIONS = {
    "masked_spans": (masked_spans, 1.0),
    "is_crisis": (is_crisis, 1.0),
    "mask_contact_patterns": (mask_contact_patterns, 1.0),
    # The review inbox: cut to 1,000 characters first, so a long text costs nothing extra.
    "redact_text": (redact_text, 1.0),
    # Pure-Python token loops: linear, but slower per character.
    "tokenize": (tokenize, 4.0),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_long_adversarial_texts_are_handled_in_linear_time(name: str) -> None:
    function, bound = FUNCTIONS[name]
    for label, text in ADVERSARIAL.items():
        started = time.perf_counter()
        function(text)
        elapsed = time.perf_counter() - started
        assert elapsed < bound, f"{name} on {label!r}: {elapsed:.2f} s"


def test_age_rules_are_quick_up_to_the_chat_input_limit() -> None:
    # The age rules scan token neighbourhoods (not linear), so the extractor skips texts
    # over the channel's limit; up to that limit a turn stays fast.
    assert MAX_TEXT_CHARS == 2000
    for label, text in ADVERSARIAL.items():
        started = time.perf_counter()
        extract_child_ages(text[:MAX_TEXT_CHARS])
        elapsed = time.perf_counter() - started
        assert elapsed < 1.0, f"{label!r}: {elapsed:.2f} s"


def test_bounded_patterns_still_find_contact_data() -> None:
    text = "Schreiben Sie an lena.sommer@example.de oder 0171 2345678."
    assert mask_contact_patterns(text) == "Schreiben Sie an [E-Mail] oder [Telefon]."
    assert len(masked_spans(text)) == 2
    assert is_crisis("Er droht, mich umzubringen")
    assert is_crisis("mein Mann bedrohte uns und drohte uns umzubringen")
