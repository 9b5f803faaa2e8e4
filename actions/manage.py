"""Cancel or move a booking in the chat with its reference and a check.

The check is what only the family knows: the last four digits of the phone number or the
e-mail address given when booking. The API compares it and locks a booking after too many
wrong tries, so the chat never sees the stored contact data.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.clients.appointments import AppointmentsClient
from actions.common import slots
from actions.common.booking_texts import place_lines
from actions.common.buttons import yes_no
from actions.common.contact import find_email
from actions.common.dates import format_long, match_offered_slot, now
from actions.common.forms import PassThroughMixin
from actions.common.references import find_reference
from actions.common.slot_offers import narrow_offer, offer_slots
from actions.common.slots import CANCEL, MANAGE_SLOTS, RESCHEDULE
from actions.common.tracker import entity_values, is_interrupting, latest_intent
from actions.content import family_place
from actions.errors import (
    AppointmentsError,
    AppointmentsUnavailable,
    BookingNotChangeable,
    BookingNotFound,
    SlotTaken,
    TooManyAttempts,
)
from runtime.translations import family_language, tr

MAX_TRIES = 3
_DIGITS = re.compile(r"\d")

# The family's wish itself is an answer in this form, not an interruption: "Ja, absagen"
# at the confirmation, "ich habe keine Buchungsnummer" at the reference question.
_WISH_INTENTS = {CANCEL: "cancel_appointment", RESCHEDULE: "reschedule_appointment"}
_NO_REFERENCE = re.compile(
    r"\b(?:kein\w*|nicht|vergessen|verloren|weiß nicht|weiss nicht)\b", re.IGNORECASE
)


def _interrupts(tracker: Tracker) -> bool:
    intent = latest_intent(tracker)
    if intent == "book_appointment" and tracker.get_slot("requested_slot") in (
        slots.MANAGE_NEW_SLOT,
        slots.MANAGE_CONFIRM,
    ):
        # While moving a booking, "den neuen Termin am Dienstag" answers the question.
        return False
    return is_interrupting(intent) and intent not in _WISH_INTENTS.values()


def find_check(text: str) -> str | None:
    """An e-mail address, or the last four digits of a number (also of a full number)."""
    email = find_email(text)
    if email:
        return email
    digits = "".join(_DIGITS.findall(text))
    return digits[-4:] if len(digits) >= 4 else None


def cleared() -> list[EventType]:
    """Forget everything this request collected, the check first of all."""
    return [SlotSet(name, None) for name in MANAGE_SLOTS]


def _wish_said_again(dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    """ "Absagen" or "verschieben" said at the reference or check question: the family's
    wish, not a wrong answer. Take the (maybe changed) wish and ask the question again."""
    intent = latest_intent(tracker)
    text = tracker.latest_message.get("text") or ""
    if intent not in _WISH_INTENTS.values() or _NO_REFERENCE.search(text):
        return {}
    action = CANCEL if intent == "cancel_appointment" else RESCHEDULE
    language = family_language(tracker)
    if action == CANCEL:
        dispatcher.utter_message(text=tr("Gern, dann sagen wir Ihren Termin ab.", language))
    else:
        dispatcher.utter_message(text=tr("Gern, dann verschieben wir Ihren Termin.", language))
    return {slots.MANAGE_ACTION: action, tracker.get_slot("requested_slot"): None}


class ValidateManageBookingForm(PassThroughMixin, FormValidationAction):
    """Reference, check (tested against the API at once), new slot, confirmation."""

    pass_through = (
        slots.MANAGE_ACTION,
        slots.MANAGE_BOOKING,
        slots.MANAGE_STOPPED,
        slots.REPAIR_COUNT,
        slots.MANAGE_REFERENCE,
        slots.OFFERED_SLOTS,
        slots.SLOTS_SHOWN_NOW,
    )

    def name(self) -> str:
        return "validate_manage_booking_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Stop when the request cannot go on; ask for a new date only when moving."""
        if tracker.get_slot(slots.MANAGE_STOPPED):
            return []
        required = list(domain_slots)
        if tracker.get_slot(slots.MANAGE_ACTION) != RESCHEDULE:
            required.remove(slots.MANAGE_NEW_SLOT)
        return required

    def _asked(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot and not _interrupts(tracker)

    def _again(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, response: str, **reset: Any
    ) -> dict[str, Any]:
        """A failed answer; after MAX_TRIES the request stops with a phone contact."""
        count = int(tracker.get_slot(slots.REPAIR_COUNT) or 0) + 1
        if count >= MAX_TRIES:
            # No "noch einmal" here: the request ends and a person takes over.
            dispatcher.utter_message(response="utter_manage_give_up")
            dispatcher.utter_message(response="utter_human_contact")
            return {**reset, slots.MANAGE_STOPPED: True, slots.REPAIR_COUNT: 0}
        dispatcher.utter_message(response=response)
        return {**reset, slots.REPAIR_COUNT: count}

    async def extract_manage_reference(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Find FL-XXXX-XXXX in the answer, whatever the intent classifier thought."""
        if tracker.get_slot("requested_slot") != slots.MANAGE_REFERENCE:
            return {}
        reference = find_reference(tracker.latest_message.get("text") or "")
        if reference:
            return {slots.MANAGE_REFERENCE: reference}
        if _interrupts(tracker):
            return {}
        wish = _wish_said_again(dispatcher, tracker)
        if wish:
            return wish
        if _NO_REFERENCE.search(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_manage_no_reference")
            return {slots.MANAGE_REFERENCE: None, slots.MANAGE_STOPPED: True}
        return self._again(
            dispatcher, tracker, "utter_manage_reference_invalid", manage_reference=None
        )

    async def extract_manage_check(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Test reference and check against the API before asking anything else."""
        if not self._asked(tracker, slots.MANAGE_CHECK):
            return {}
        check = find_check(tracker.latest_message.get("text") or "")
        wish = {} if check else _wish_said_again(dispatcher, tracker)
        if wish:
            return wish
        if check is None:
            return self._again(dispatcher, tracker, "utter_manage_check_invalid", manage_check=None)
        reference = tracker.get_slot(slots.MANAGE_REFERENCE)
        try:
            if not reference:
                # The reference was refused in this same answer: ask for both again.
                raise BookingNotFound("not_found", "", 404)
            booking = await AppointmentsClient().check_booking(reference, check)
        except BookingNotFound:
            # Reference or check is wrong; asking for both again finds a typo in either.
            return self._again(
                dispatcher,
                tracker,
                "utter_manage_not_found",
                manage_check=None,
                manage_reference=None,
            )
        except TooManyAttempts:
            dispatcher.utter_message(response="utter_manage_locked")
            return {slots.MANAGE_CHECK: None, slots.MANAGE_STOPPED: True}
        except AppointmentsError:
            dispatcher.utter_message(response="utter_manage_unavailable")
            return {slots.MANAGE_CHECK: None, slots.MANAGE_STOPPED: True}
        if booking.status != "confirmed" or booking.start <= now():
            dispatcher.utter_message(response="utter_manage_not_changeable")
            return {slots.MANAGE_CHECK: None, slots.MANAGE_STOPPED: True}
        shown = {"start": booking.start.isoformat(), "location": family_place(booking.location)}
        return {slots.MANAGE_CHECK: check, slots.MANAGE_BOOKING: shown, slots.REPAIR_COUNT: 0}

    async def extract_manage_new_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A button (choose_slot) or a typed day or position, among the offered slots."""
        if not self._asked(tracker, slots.MANAGE_NEW_SLOT):
            return {}
        offered = tracker.get_slot(slots.OFFERED_SLOTS) or []
        chosen = next(iter(entity_values(tracker, "appointment_slot")), None)
        if chosen is None:
            text = tracker.latest_message.get("text") or ""
            chosen = match_offered_slot(text, offered, now())
        if chosen in {item["id"] for item in offered}:
            return {slots.MANAGE_NEW_SLOT: chosen, slots.REPAIR_COUNT: 0}
        narrowed = await narrow_offer(dispatcher, tracker.latest_message.get("text") or "", offered)
        if narrowed is not None:
            return {slots.MANAGE_NEW_SLOT: None, **narrowed}
        return self._again(dispatcher, tracker, "utter_slot_not_understood", manage_new_slot=None)

    async def extract_manage_confirm(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only an explicit yes changes the booking."""
        if not self._asked(tracker, slots.MANAGE_CONFIRM):
            return {}
        intent = latest_intent(tracker)
        if intent in ("affirm", "deny"):
            return {slots.MANAGE_CONFIRM: intent == "affirm", slots.REPAIR_COUNT: 0}
        # A typed "Ja, absagen" reads as the wish itself: it confirms that very wish.
        if intent == _WISH_INTENTS[tracker.get_slot(slots.MANAGE_ACTION) or CANCEL]:
            return {slots.MANAGE_CONFIRM: True, slots.REPAIR_COUNT: 0}
        return self._again(
            dispatcher, tracker, "utter_manage_confirm_not_understood", manage_confirm=None
        )


class ActionAskManageNewSlot(Action):
    """Offer free joint slots for the moved appointment."""

    def name(self) -> str:
        return "action_ask_manage_new_slot"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot(slots.SLOTS_SHOWN_NOW):
            return [SlotSet(slots.SLOTS_SHOWN_NOW, False)]  # the validation showed them
        language = family_language(tracker)
        question = tr(
            "Auf welchen Termin möchten Sie verschieben? Diese Termine sind frei.", language
        )
        events = await offer_slots(dispatcher, question, language)
        if events is None:
            return [*cleared(), SlotSet("requested_slot", None), ActiveLoop(None)]
        return events


def _booking_start(tracker: Tracker) -> datetime | None:
    shown = tracker.get_slot(slots.MANAGE_BOOKING) or {}
    return datetime.fromisoformat(shown["start"]) if shown.get("start") else None


def _offered_start(tracker: Tracker, slot_id: str | None) -> datetime | None:
    for item in tracker.get_slot(slots.OFFERED_SLOTS) or []:
        if item["id"] == slot_id:
            return datetime.fromisoformat(item["start"])
    return None


class ActionAskManageConfirm(Action):
    """Show the booking (and the new date) and ask for a clear yes."""

    def name(self) -> str:
        return "action_ask_manage_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = family_language(tracker)
        start = _booking_start(tracker)
        current = (
            tr("Ihr Termin: {when}.", language).format(when=format_long(start, language))
            if start
            else tr("Ihr Termin wurde gefunden.", language)
        )
        if tracker.get_slot(slots.MANAGE_ACTION) == RESCHEDULE:
            new = _offered_start(tracker, tracker.get_slot(slots.MANAGE_NEW_SLOT))
            # extract_manage_new_slot stores only a slot that is among the offered ones.
            assert new is not None
            moved = tr("Neuer Termin: {when}.", language).format(when=format_long(new, language))
            text = f"{current}\n{moved}\n\n{tr('Soll ich ihn verschieben?', language)}"
            yes = tr("Ja, verschieben", language)
        else:
            text = f"{current}\n\n{tr('Möchten Sie diesen Termin absagen?', language)}"
            yes = tr("Ja, absagen", language)
        dispatcher.utter_message(
            text=text,
            buttons=yes_no(yes, tr("Nein, Termin behalten", language)),
        )
        return []


class ActionManageBooking(Action):
    """Cancel or move the booking through the API and say what happened."""

    def name(self) -> str:
        return "action_manage_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot(slots.MANAGE_STOPPED):
            return cleared()
        if tracker.get_slot(slots.MANAGE_CONFIRM) is not True:
            dispatcher.utter_message(response="utter_manage_kept")
            return cleared()
        reference = tracker.get_slot(slots.MANAGE_REFERENCE)
        check = tracker.get_slot(slots.MANAGE_CHECK)
        client = AppointmentsClient()
        language = family_language(tracker)
        try:
            if tracker.get_slot(slots.MANAGE_ACTION) == RESCHEDULE:
                booking = await client.reschedule_by_check(
                    reference, check, tracker.get_slot(slots.MANAGE_NEW_SLOT)
                )
                when = format_long(booking.start, language)
                dispatcher.utter_message(
                    text=(
                        tr("Ihr Termin ist verschoben.", language)
                        + "\n\n"
                        + tr("Neuer Termin: {when}", language).format(when=when)
                        + "\n"
                        + place_lines(booking, language)
                        + tr("Ihre Buchungsnummer bleibt: {reference}", language).format(
                            reference=booking.reference
                        )
                        + "\n\n"
                        + tr("Beide Fachkräfte wissen Bescheid.", language)
                    )
                )
            else:
                await client.cancel_by_check(reference, check)
                start = _booking_start(tracker)
                cancelled = (
                    tr("Ihr Termin am {when} ist abgesagt.", language).format(
                        when=format_long(start, language)
                    )
                    if start
                    else tr("Ihr Termin ist abgesagt.", language)
                )
                dispatcher.utter_message(
                    text=(
                        f"{cancelled} {tr('Beide Fachkräfte wissen Bescheid.', language)}\n\n"
                        + tr(
                            "Möchten Sie später einen neuen Termin? "
                            "Schreiben Sie einfach „Termin“.",
                            language,
                        )
                    )
                )
        except SlotTaken:
            dispatcher.utter_message(response="utter_slot_taken")
            return [
                SlotSet(slots.MANAGE_NEW_SLOT, None),
                SlotSet(slots.MANAGE_CONFIRM, None),
                FollowupAction("manage_booking_form"),
            ]
        except BookingNotChangeable:
            dispatcher.utter_message(response="utter_manage_not_changeable")
        except TooManyAttempts:
            dispatcher.utter_message(response="utter_manage_locked")
        except BookingNotFound:
            dispatcher.utter_message(response="utter_manage_give_up")
            dispatcher.utter_message(response="utter_human_contact")
        except (AppointmentsUnavailable, AppointmentsError):
            dispatcher.utter_message(response="utter_manage_unavailable")
        return cleared()
