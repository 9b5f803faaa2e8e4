"""The content files are complete: amounts are dated and sourced, contacts exist."""

from __future__ import annotations

import re

import pytest
import yaml

from actions import content
from actions.settings import PROJECT_ROOT

AMOUNT = re.compile(r"\d+(?:,\d+)? ?€")
PHONE = re.compile(r"\b0\d{3,5}[ /-]?\d[\d -]{3,}\d\b")


def offers() -> list:
    return [
        offer for agency in content.support()["agencies"].values() for offer in agency["offers"]
    ]


@pytest.mark.parametrize("offer", offers(), ids=lambda offer: offer.id)
def test_offer_amounts_carry_stand_and_source(offer) -> None:
    if AMOUNT.search(offer.text):
        assert offer.stand and offer.quelle and offer.quelle.startswith("https://")
    assert 0 <= offer.min_age <= offer.max_age <= 17


def test_offer_ids_are_unique() -> None:
    ids = [offer.id for offer in offers()]
    assert len(ids) == len(set(ids))


def test_every_phone_number_shown_is_a_configured_contact() -> None:
    # Only numbers from the municipality file may appear: nothing invented in texts.
    known = {content.municipality()["familienbuero"]["phone"]}
    texts = [offer.text for offer in offers()]
    texts += [part.get("text", "") for parts in content.answers().values() for part in parts]
    texts += [content.consent().text]
    for text in texts:
        for number in PHONE.findall(text):
            assert number in known, number


def test_unconfirmed_contact_data_is_marked_and_empty() -> None:
    jobcenter = content.municipality()["agencies"]["jobcenter"]
    assert jobcenter["zu_bestaetigen"] is True
    assert jobcenter["address"] is None


def domain_intents() -> set[str]:
    intents: set[str] = set()
    for path in (PROJECT_ROOT / "bot" / "domain").glob("*.yml"):
        intents |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("intents", []))
    return intents


def test_intent_labels_and_answers_name_real_intents() -> None:
    intents = domain_intents()
    assert set(content.intent_labels()) <= intents
    assert set(content.answers()) <= intents


def test_more_buttons_ask_answered_questions() -> None:
    for agency in content.support()["agencies"].values():
        for more in agency.get("more", []):
            assert more["intent"] in content.answers()
