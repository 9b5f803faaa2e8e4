"""Issue #12: the conversation follows the family and answers the exact question (REST).

A wish to book stated at any question is kept: the booking follows with only the
questions it needs, and the family is never asked again whether it wants an appointment.
A question about one named benefit leads with that benefit's amount; a broad question
after the explanation gets the overview again; present danger without a violence verb
gets the emergency numbers first; "ich kann morgen nicht kommen" lets the family choose
between cancelling and moving.
"""

from __future__ import annotations

import re

import httpx
import pytest

from tests.e2e.conftest import Stack
from tests.e2e.test_conversation_branches_e2e import (
    BOOKED,
    CONTACT_QUESTION,
    NAME_QUESTION,
    REFERENCE,
    Chat,
    active_loop,
    assert_emergency_first,
    bookings,
    is_consent_question,
    joined,
    payloads,
    to_name_question,
)

pytestmark = pytest.mark.e2e

AGES_QUESTION = re.compile(r"Wie alt sind Ihre Kinder\?")
NOT_UNDERSTOOD_AGE = "kein Alter erkannt"
ASKED_AGAIN = "Möchten Sie einen gemeinsamen Termin?"
SGB2_QUESTION = re.compile(r"Bekommt Ihre Familie|Geld vom Jobcenter")


def slot_payloads(answers: list[dict]) -> list[str]:
    return [p for p in payloads(answers) if p.startswith("/choose_slot{")]


def finish_booking(chat: Chat, api: httpx.Client, slot_payload: str, name: str, phone: str) -> dict:
    """Pick the slot, give name and phone, consent; return the booking the API stored.

    Each test books with its own phone number: the API allows one active booking per
    contact."""
    assert NAME_QUESTION.search(joined(chat.say(slot_payload))), chat.log
    assert CONTACT_QUESTION.search(joined(chat.say(name))), chat.log
    assert is_consent_question(chat.say(phone)), chat.log
    confirmation = joined(chat.say("ja"))
    assert BOOKED in confirmation, chat.log
    reference = REFERENCE.search(confirmation).group(1)
    [stored] = [b for b in bookings(api) if b["reference"] == reference]
    return stored


def test_a_wish_to_book_at_the_age_question_is_honoured_without_asking_again(
    stack: Stack, rasa: httpx.Client, api: httpx.Client
) -> None:
    chat = Chat(rasa, stack.token)
    assert AGES_QUESTION.search(joined(chat.say("/greet"))), chat.log
    wish = joined(chat.say("Ich möchte einen gemeinsamen Termin"))
    assert NOT_UNDERSTOOD_AGE not in wish, chat.log
    assert "Termin" in wish and AGES_QUESTION.search(wish), chat.log
    assert active_loop(chat.tracker()) == "booking_form", chat.log
    assert SGB2_QUESTION.search(joined(chat.say("4 und 7"))), chat.log
    offer = chat.say("ja")
    assert slot_payloads(offer), chat.log
    stored = finish_booking(chat, api, slot_payloads(offer)[0], "Wiebke Wunsch", "0171 5550456")

    wish_at = chat.transcript.index("Familie: Ich möchte einen gemeinsamen Termin")
    after_wish = "\n".join(chat.transcript[wish_at:])
    assert len(AGES_QUESTION.findall(after_wish)) == 1, chat.log  # ages at most once
    assert ASKED_AGAIN not in "\n".join(chat.transcript), chat.log
    assert NOT_UNDERSTOOD_AGE not in "\n".join(chat.transcript), chat.log
    assert stored["contact"]["name"] == "Wiebke Wunsch"
    assert sorted(stored["children_ages"]) == [4, 7]


def test_a_wish_said_with_an_answer_is_remembered_after_the_explanation(
    stack: Stack, rasa: httpx.Client, api: httpx.Client
) -> None:
    chat = Chat(rasa, stack.token)
    chat.say("/greet")
    assert SGB2_QUESTION.search(
        joined(chat.say("Meine Kinder sind 4 und 7 und wir möchten gern einen Termin"))
    ), chat.log
    explained = chat.say("ja")
    text = joined(explained)
    assert "Jugendamt" in text and "Jobcenter" in text, chat.log  # the explanation …
    assert ASKED_AGAIN not in text and "/affirm" not in payloads(explained), chat.log
    assert slot_payloads(explained), chat.log  # … then straight on to the free slots
    stored = finish_booking(chat, api, slot_payloads(explained)[0], "Malte Merker", "0171 5550457")
    assert sorted(stored["children_ages"]) == [4, 7]
    assert len(AGES_QUESTION.findall("\n".join(chat.transcript))) == 1, chat.log


def test_a_wish_to_book_while_cancelling_starts_the_booking(
    stack: Stack, rasa: httpx.Client
) -> None:
    chat = Chat(rasa, stack.token)
    chat.say("Ich möchte meinen Termin absagen")
    answers = chat.say("Ich möchte einen gemeinsamen Termin")
    assert AGES_QUESTION.search(joined(answers)), chat.log
    assert "Namen in Buchstaben" not in joined(answers), chat.log
    tracker = chat.tracker()
    assert active_loop(tracker) == "booking_form", chat.log
    assert tracker["slots"]["manage_action"] is None, chat.log


def test_a_question_about_one_benefit_leads_with_its_amount(
    stack: Stack, rasa: httpx.Client
) -> None:
    chat = Chat(rasa, stack.token)
    chat.say("/greet")
    chat.say("Mein Sohn ist 4")
    assert ASKED_AGAIN in joined(chat.say("ja")), chat.log
    answer = joined(chat.say("Wie hoch ist der Unterhaltsvorschuss für meinen Sohn?"))
    first = answer.split("\n")[0]
    assert "Unterhaltsvorschuss" in first and "Stand:" in first, chat.log
    assert "Für ein Kind mit 4 Jahren: 227 € im Monat" in answer, chat.log
    assert "Quelle: https://" in answer and "So geht es:" in answer, chat.log
    assert "Kontakt:" in answer and "Regelsatz" not in answer, chat.log

    kindergeld = joined(chat.say("wieviel kindergelt gibt es?"))
    assert "259 €" in kindergeld.split("\n")[0], chat.log


def test_a_broad_question_after_the_explanation_gets_the_overview_again(
    stack: Stack, rasa: httpx.Client
) -> None:
    chat = Chat(rasa, stack.token)
    chat.say("/greet")
    chat.say("Meine Kinder sind 4 und 7")
    chat.say("ja")
    for question in ("Was gibt es für uns?", "was steht uns zu"):
        answers = chat.say(question)
        text = joined(answers)
        assert "Jugendamt" in text and "Jobcenter" in text and "Familienkasse" in text, chat.log
        assert "Schulsachen" in text and "Kita" in text, chat.log  # for a 4- and a 7-year-old
        assert "/ask_childcare" in payloads(answers), chat.log


@pytest.mark.parametrize(
    "message", ["Wir sind hier jetzt in Gefahr", "Ich glaube, wir sind zu Hause nicht sicher"]
)
def test_present_danger_without_a_violence_verb_gets_the_emergency_answer_first(
    stack: Stack, rasa: httpx.Client, message: str
) -> None:
    chat = Chat(rasa, stack.token)
    to_name_question(chat)
    after = assert_emergency_first(chat, chat.say(message))
    assert NAME_QUESTION.search(joined(after)), chat.log
    assert chat.tracker()["slots"]["contact_name"] is None, chat.log


def test_cannot_come_lets_the_family_choose_between_cancelling_and_moving(
    stack: Stack, rasa: httpx.Client
) -> None:
    chat = Chat(rasa, stack.token)
    answers = chat.say("Ich kann morgen leider nicht kommen")
    assert {"/cancel_appointment", "/reschedule_appointment"} <= set(payloads(answers)), chat.log
    assert "Buchungsnummer" in joined(answers), chat.log
    moved = joined(chat.say("/reschedule_appointment"))
    assert "verschieben" in moved and "Buchungsnummer" in moved, chat.log
    assert "sieht nicht wie eine Buchungsnummer aus" not in moved, chat.log
    tracker = chat.tracker()
    assert active_loop(tracker) == "manage_booking_form", chat.log
    assert tracker["slots"]["manage_action"] == "reschedule", chat.log


# --- the questions of moving a real booking ------------------------------------------------


def to_new_slot_question(rasa: httpx.Client, stack: Stack, phone: str) -> Chat:
    """Book, then in a new conversation: cannot come → move → reference → check."""
    from tests.e2e.test_manage_e2e import book_in_chat

    reference = book_in_chat(rasa, "Nele Neutermin", phone)
    chat = Chat(rasa, stack.token)
    chat.say("Ich kann morgen leider nicht kommen")
    chat.say("/reschedule_appointment")
    assert "letzten vier Ziffern" in joined(chat.say(reference)), chat.log
    offer = chat.say(phone[-4:])
    assert slot_payloads(offer), chat.log
    assert chat.tracker()["slots"]["requested_slot"] == "manage_new_slot", chat.log
    return chat


@pytest.mark.parametrize(
    ("message", "expected", "form_goes_on", "phone"),
    [
        ("Was kostet das?", "kostet", True, "0171 5551201"),
        ("Ich möchte mit einem Menschen sprechen", "Menschen", True, "0171 5551202"),
        ("Wir sind hier gerade nicht mehr sicher", "110", True, "0171 5551203"),
        ("Stopp", "Wiedersehen", False, "0171 5551204"),
    ],
)
def test_at_the_new_slot_question_other_wishes_are_handled_as_such(
    stack: Stack, rasa: httpx.Client, message: str, expected: str, form_goes_on: bool, phone: str
) -> None:
    chat = to_new_slot_question(rasa, stack, phone)
    answers = chat.say(message)
    assert expected in joined(answers), chat.log
    assert "Ich konnte keinen der Termine zuordnen" not in joined(answers), chat.log
    tracker = chat.tracker()
    if form_goes_on:
        assert slot_payloads(answers), chat.log  # the free slots are offered again
        assert active_loop(tracker) == "manage_booking_form", chat.log
        assert tracker["slots"]["requested_slot"] == "manage_new_slot", chat.log
    else:
        assert active_loop(tracker) is None and not slot_payloads(answers), chat.log
