"""The Rasa response generator answers in the conversation's language (bot/translating_nlg.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.translating_nlg import TranslatingNLG

ROOT = Path(__file__).resolve().parents[2]
NOTICE_EN = "Note: this translation has not been checked by a person yet."


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


def tracker_with(domain: Domain, **slots: object) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events("nlg-test", [], slots=domain.slots)
    for name, value in slots.items():
        tracker.update(SlotSet(name, value))
    return tracker


async def test_german_stays_german_without_notice(domain: Domain) -> None:
    nlg = TranslatingNLG(domain=domain)
    response = await nlg.generate("utter_goodbye", tracker_with(domain), "rest")
    assert response["text"] == "Auf Wiedersehen! Sie können jederzeit wieder schreiben."


async def test_english_with_the_notice_once(domain: Domain) -> None:
    nlg = TranslatingNLG(domain=domain)
    tracker = tracker_with(domain, language="en")
    first = await nlg.generate("utter_greet", tracker, "rest")
    assert first["text"].startswith(
        "Hello! I am the Familienlotse (family guide) of the Stadt Ibbenbüren."
    )
    assert "youth welfare office (Jugendamt)" in first["text"]
    assert NOTICE_EN in first["text"]
    tracker.update(BotUttered(first["text"]))
    second = await nlg.generate("utter_goodbye", tracker, "rest")
    assert second["text"] == "Goodbye! You can write again at any time."


async def test_arabic_buttons_and_filled_slots(domain: Domain) -> None:
    nlg = TranslatingNLG(domain=domain)
    response = await nlg.generate("utter_no_slots", tracker_with(domain, language="ar"), "rest")
    assert response["text"].startswith("للأسف لا توجد حالياً مواعيد مشتركة متاحة.")
    assert "05451 931-5139" in response["text"]  # {family_office_contact} filled in
    assert [button["title"] for button in response["buttons"]] == ["طلب اتصال"]
    assert response["buttons"][0]["payload"] == "/request_callback"


async def test_einfache_sprache_is_german_only(domain: Domain) -> None:
    nlg = TranslatingNLG(domain=domain)
    german = await nlg.generate(
        "utter_ask_contact_name", tracker_with(domain, simple_language=True), "rest"
    )
    assert german["text"] == "Wie heißen Sie? Schreiben Sie Ihren Vornamen und Ihren Nachnamen."
    turkish = await nlg.generate(
        "utter_ask_contact_name", tracker_with(domain, simple_language=True, language="tr"), "rest"
    )
    assert turkish["text"].startswith("Randevuyu hangi isimle kaydedelim?")


async def test_unknown_language_value_means_german(domain: Domain) -> None:
    nlg = TranslatingNLG(domain=domain)
    response = await nlg.generate("utter_thank", tracker_with(domain, language="Arabisch"), "rest")
    assert response["text"] == "Gern geschehen!"


@pytest.mark.parametrize("code", ["en", "ar", "uk", "ru", "tr"])
async def test_emergency_answer_in_every_language_keeps_the_numbers(
    domain: Domain, code: str
) -> None:
    nlg = TranslatingNLG(domain=domain)
    response = await nlg.generate("utter_emergency", tracker_with(domain, language=code), "rest")
    for number in ("110", "112", "0800 111 0 111", "116 016", "0800 111 0 550", "116 111"):
        assert number in response["text"]
    assert "Auf Wiedersehen" not in response["text"]
    assert not response["text"].startswith("Es tut mir leid")


# German words of the local contact lines that must not stand untranslated in them (the
# names of helplines such as "TelefonSeelsorge" stay German).
GERMAN_LABELS = re.compile(r"\b(?:Telefon|Bürozeiten|Polizei|im Internet|früher)\b")


@pytest.mark.parametrize("code", ["en", "ar", "uk", "ru", "tr"])
@pytest.mark.parametrize("name", ["utter_emergency", "utter_ask_receives_sgb2", "utter_no_slots"])
async def test_local_contact_lines_and_the_benefit_are_in_the_family_language(
    domain: Domain, code: str, name: str
) -> None:
    """A walk through the chat in five languages found "Telefon 05451 …", "Außerhalb der
    Bürozeiten …" and "(früher Bürgergeld)" in German inside translated answers."""
    nlg = TranslatingNLG(domain=domain)
    response = await nlg.generate(name, tracker_with(domain, language=code), "rest")
    assert not GERMAN_LABELS.search(response["text"]), response["text"]
    # The German names of offices and benefits stay, for the family's letters and calls.
    if name == "utter_ask_receives_sgb2":
        assert "Grundsicherungsgeld" in response["text"] and "Bürgergeld" in response["text"]
    else:
        assert "Familienbüro der Stadt Ibbenbüren" in response["text"]


async def test_a_response_names_the_conversation_language_for_the_widget(domain: Domain) -> None:
    nlg = TranslatingNLG(domain=domain)
    english = await nlg.generate("utter_goodbye", tracker_with(domain, language="en"), "rest")
    back_to_german = await nlg.generate(
        "utter_goodbye", tracker_with(domain, language="de"), "rest"
    )
    unknown = await nlg.generate("utter_goodbye", tracker_with(domain), "rest")
    assert english["language"] == "en"
    assert back_to_german["language"] == "de"
    assert "language" not in unknown  # nothing recognised yet: the widget keeps its own


@pytest.mark.parametrize(
    ("code", "start"),
    [("en", "Of course. I will write in English"), ("tr", "Tabii. Bundan sonra Türkçe")],
)
async def test_a_variation_written_for_the_language_is_not_translated_again(
    domain: Domain, code: str, start: str
) -> None:
    """The German default was translated instead: "I am now writing in German"."""
    nlg = TranslatingNLG(domain=domain)
    response = await nlg.generate(
        "utter_language_changed", tracker_with(domain, language=code), "rest"
    )
    assert response["text"].startswith(start), response["text"]
