"""The catalogue (offers, amounts, "Stand", answers, contacts, labels) in the family's language.

The translations are data (data/i18n/<code>/content.yml); tests/i18n checks that every text
exists and is current. Here: the actions render them, with the German office names beside
the translation, amounts and dates formatted for the language, and German unchanged.
"""

from __future__ import annotations

import pytest

from actions import content
from actions.answers import ActionAnswerQuestion
from actions.fallback import ActionDefaultAskAffirmation
from actions.settings import get_settings
from actions.support import ActionExplainSupport
from runtime.content_texts import content_sources
from runtime.translations import target_codes
from tests.actions.conftest import texts

FAMILY = {"child_ages": [4, 7], "receives_sgb2": True, "situation": ["alleinerziehend"]}


def benefit(value: str) -> dict:
    return {"entity": "benefit", "value": value, "extractor": "RegexEntityExtractor"}


def age(value: int) -> dict:
    return {"entity": "child_age", "value": value, "extractor": "ChildAgeExtractor"}


@pytest.mark.parametrize("code", target_codes())
async def test_explanation_is_in_the_language_without_german_only_note(
    code, tracker_factory, dispatcher
):
    await ActionExplainSupport().run(dispatcher, tracker_factory({**FAMILY, "language": code}), {})
    shown = "\n".join(texts(dispatcher))
    german = "\n".join(
        [content.support()["agencies"]["jugendamt"]["intro"], content.support()["joint"]]
    )
    for sentence in german.split("\n"):
        assert sentence not in shown, sentence  # translated, not German
    # German office terms stay visible beside the translation.
    for term in ("Jugendamt", "Jobcenter", "Kita"):
        assert term in shown, (code, term)
    assert "noch nicht in Ihrer Sprache" not in shown


async def test_amount_and_stand_formatted_for_the_language(tracker_factory, dispatcher):
    tracker = tracker_factory(
        {"language": "en"},
        text="How much is Unterhaltsvorschuss?",
        intent="ask_money",
        entities=[benefit("unterhaltsvorschuss"), age(7)],
    )
    await ActionAnswerQuestion().run(dispatcher, tracker, {})
    [reply] = texts(dispatcher)
    assert "For a child aged 7 years: 299 € a month (as of March 2026, „Stand“)" in reply
    assert "Unterhaltsvorschuss" in reply  # the German name of the offer stays
    assert "How it works: Apply for Unterhaltsvorschuss at the Jugendamt." in reply
    assert "Contact: Jugendamt der Stadt Ibbenbüren" in reply
    assert "So geht es" not in reply and "im Monat" not in reply


async def test_amount_with_decimals_in_russian(tracker_factory, dispatcher):
    offer = content.offer("mehrbedarf_alleinerziehend", "ru")
    assert "202,68 € в месяц" in offer.text and "Mehrbedarf für Alleinerziehende" in offer.text
    tracker = tracker_factory(
        {"language": "tr", "child_ages": [4]},
        text="Kindergeld?",
        intent="ask_money",
        entities=[benefit("kindergeld")],
    )
    await ActionAnswerQuestion().run(dispatcher, tracker, {})
    [reply] = texts(dispatcher)
    assert "Kindergeld" in reply and "Familienkasse" in reply
    assert "Mart 2026" in reply  # the Stand month in Turkish (Babel)


async def test_answer_and_contact_in_arabic(tracker_factory, dispatcher):
    tracker = tracker_factory({"language": "ar"}, text="أين؟", intent="ask_location")
    await ActionAnswerQuestion().run(dispatcher, tracker, {})
    [reply] = texts(dispatcher)
    assert "Familienbüro der Stadt Ibbenbüren" in reply  # the German name, for the office
    assert "هاتف 05451 931-5139" in reply
    assert "لم يتم تأكيد مواعيد العمل بعد." in reply
    assert "Telefon" not in reply


async def test_did_you_mean_buttons_in_ukrainian(tracker_factory, dispatcher):
    tracker = tracker_factory({"language": "uk"}, text="гроші")
    tracker.latest_message["intent_ranking"] = [
        {"name": "ask_money", "confidence": 0.4},
        {"name": "ask_costs", "confidence": 0.3},
    ]
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    message = dispatcher.messages[0]
    assert message["text"] == "Я не впевнений. Ви мали на увазі це?"
    assert [b["title"] for b in message["buttons"]] == [
        "Гроші для сім'ї",
        "Скільки це коштує?",
        "Нічого з цього",
    ]


def test_german_catalogue_unchanged_and_every_text_keyed() -> None:
    assert content.support("de") == content.support()
    assert content.offer("kindergeld").text.startswith("Für jedes Kind gibt es 259 € Kindergeld")
    keys = content_sources(get_settings().content_dir)
    assert "support.offers.kindergeld.text" in keys and "answers.ask_costs.0.text" in keys
    # Einfache Sprache and official names are German only: never a translation key.
    assert not any(key.endswith((".simple", ".apply_simple", ".official")) for key in keys)
