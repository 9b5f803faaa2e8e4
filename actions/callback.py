"""A callback from the Familienbüro: name, phone number and consent, stored by the API.

Only the Familienbüro's staff see callback requests in their workspace
(APPOINTMENTS_CALLBACK_AGENCY), so the consent and every message name them."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import content
from actions.clients.appointments import AppointmentsClient, CallbackRequest
from actions.common import slots
from actions.common.consent_question import ask_consent
from actions.common.consent_record import consent_time
from actions.common.contact import find_phone
from actions.common.dates import now
from actions.common.forms import FamilySlotsMixin
from actions.common.offer_texts import contact_line
from actions.common.slots import CALLBACK_ATTEMPT, CALLBACK_TIME, CONSENT_CALLBACK
from actions.common.time_wishes import parse_wishes
from actions.common.tracker import latest_intent
from actions.errors import AppointmentsError, AppointmentsUnavailable
from runtime.translations import family_language, tr

MAX_TIME_TEXT = 200
CALLBACK_REFERENCE = "callback_reference"


def callback_consent() -> content.Consent:
    """The versioned consent text for a callback (data/content/consent_callback.yml)."""
    return content.consent("consent_callback")


# Intents a short time answer may be mistaken for; questions and other wishes keep their rules.
_TIME_MISREAD_AS = frozenset({"book_appointment", "greet", "thank"})
# "ab 14 Uhr", "gegen 10" (weekdays and times of day: time_wishes.py). Not "Abend" or
# "Mittag": "Guten Abend" is a greeting.
_CLOCK_TIME = re.compile(
    r"\b(?:\d{1,2}(?:[:.]\d{2})?\s*uhr|(?:ab|bis|gegen|nach|vor|um)\s+\d{1,2}(?:[:.]\d{2})?)\b",
    re.IGNORECASE,
)
# A time answer is short and names no appointment: "Lieber doch einen Termin am Dienstag"
# or "Pazartesi randevu almak istiyorum" are wishes to book, in any of the chat's languages.
_MAX_TIME_WORDS = 5
_BOOKING_WORDS = re.compile(
    r"termin|buch|appointment|book|randevu|موعد|حجز|запис|прийом|приём|прием|зустріч|встреч",
    re.IGNORECASE,
)


class ValidateCallbackForm(FamilySlotsMixin, FormValidationAction):
    """Name, a phone number (a callback needs one) and an explicit yes."""

    def name(self) -> str:
        return "validate_callback_form"

    async def extract_contact_phone(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only a phone number: an e-mail address cannot be called back."""
        if not self._is_requested(tracker, slots.CONTACT_PHONE):
            return {}
        phone = find_phone(tracker.latest_message.get("text") or "")
        if phone:
            return {slots.CONTACT_PHONE: phone, slots.REPAIR_COUNT: 0}
        return self._repair(
            dispatcher, tracker, slots.CONTACT_PHONE, "utter_callback_phone_invalid"
        )

    async def extract_callback_time(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take a time the classifier read as a wish to book or as small talk.

        The slot mapping leaves book_appointment to its rule, so "am liebsten vormittags"
        (read as book_appointment) turned the callback into a booking.
        """
        if tracker.get_slot("requested_slot") != CALLBACK_TIME:
            return {}
        if latest_intent(tracker) not in _TIME_MISREAD_AS:
            return {}
        text = " ".join((tracker.latest_message.get("text") or "").split())
        if len(text.split()) > _MAX_TIME_WORDS or "?" in text or _BOOKING_WORDS.search(text):
            return {}
        if parse_wishes(text) is None and not _CLOCK_TIME.search(text):
            return {}
        return {CALLBACK_TIME: text}

    def validate_callback_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Any short answer will do; staff read it as written."""
        text = " ".join(str(value or "").split())
        if not text:
            return {CALLBACK_TIME: None}
        if len(text) > MAX_TIME_TEXT:
            dispatcher.utter_message(response="utter_callback_time_too_long")
            return {CALLBACK_TIME: None}
        return {CALLBACK_TIME: text, slots.REPAIR_COUNT: 0}

    async def extract_consent_callback(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only an explicit yes is consent; a no passes nothing on."""
        if not self._is_requested(tracker, CONSENT_CALLBACK):
            return {}
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {
                CONSENT_CALLBACK: True,
                slots.CONSENT_VERSION: callback_consent().version,
                slots.CONSENT_GIVEN_AT: now().isoformat(),
                slots.CONSENT_LANGUAGE: family_language(tracker),
                slots.REPAIR_COUNT: 0,
            }
        if intent == "deny":
            dispatcher.utter_message(response="utter_callback_refused")
            return {CONSENT_CALLBACK: False, slots.REPAIR_COUNT: 0}
        return self._repair(
            dispatcher, tracker, CONSENT_CALLBACK, "utter_callback_consent_not_understood"
        )


class ActionAskConsentCallback(Action):
    """Say what is passed on, to whom and why, and ask for a clear yes."""

    def name(self) -> str:
        return "action_ask_consent_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        ask_consent(dispatcher, tracker, callback_consent())
        return []


class ActionRequestCallback(Action):
    """Store the callback request in the API, then forget the contact data here."""

    def name(self) -> str:
        return "action_request_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        forget = [SlotSet(name, None) for name in CALLBACK_ATTEMPT]
        if tracker.get_slot(CONSENT_CALLBACK) is not True:
            return forget
        request = CallbackRequest(
            name=tracker.get_slot(slots.CONTACT_NAME),
            phone=tracker.get_slot(slots.CONTACT_PHONE),
            consent_version=tracker.get_slot(slots.CONSENT_VERSION),
            consent_given_at=consent_time(tracker),
            preferred_time=tracker.get_slot(CALLBACK_TIME),
            # Only what the callback consent names: no ages, no situation.
            consent_language=tracker.get_slot(slots.CONSENT_LANGUAGE) or family_language(tracker),
        )
        language = family_language(tracker)
        call_us = tr("Bitte rufen Sie selbst an – {contact}.", language).format(
            contact=contact_line(language)
        )
        try:
            reference = await AppointmentsClient().request_callback(request)
        except AppointmentsUnavailable:
            dispatcher.utter_message(
                text=tr(
                    "Ihr Rückrufwunsch konnte gerade leider nicht gespeichert werden.", language
                )
                + f" {call_us}"
            )
            return forget
        except AppointmentsError as error:
            if error.code == "invalid_input":
                # The API checks phone numbers more strictly than the chat: ask again.
                dispatcher.utter_message(response="utter_callback_phone_rejected")
                again = (slots.CONTACT_PHONE, CONSENT_CALLBACK, slots.CONSENT_GIVEN_AT)
                return [*[SlotSet(name, None) for name in again], FollowupAction("callback_form")]
            dispatcher.utter_message(
                text=tr("Ihr Rückrufwunsch konnte leider nicht gespeichert werden.", language)
                + f" {call_us}"
            )
            return forget
        dispatcher.utter_message(
            text=tr(
                "Ihr Rückrufwunsch ist angekommen. Eine Fachkraft im Familienbüro ruft Sie an.",
                language,
            )
            + "\n\n"
            + tr("Ihre Nummer für Rückfragen: {reference}", language).format(reference=reference)
        )
        return [*forget, SlotSet(CALLBACK_REFERENCE, reference)]
