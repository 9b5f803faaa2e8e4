"""The booking form: a joint slot, contact, consent, then the booking through the API."""

from __future__ import annotations

import contextlib
import hashlib
from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import content
from actions.clients.appointments import AppointmentsClient, Booking, BookingRequest
from actions.common import slots
from actions.common.booking_attempt import end_attempt
from actions.common.booking_texts import place_lines
from actions.common.consent_question import ask_consent
from actions.common.consent_record import consent_time
from actions.common.contact import find_email, find_phone
from actions.common.dates import format_long, match_offered_slot, now
from actions.common.forms import FamilySlotsMixin
from actions.common.needs import needs_lines
from actions.common.offer_texts import contact_line, not_target_group_message
from actions.common.slot_offers import narrow_offer, offer_slots
from actions.common.tracker import child_ages, latest_intent, target_group_gap
from actions.common.waitlist_offer import join_asked_waitlist, wants_waitlist
from actions.errors import (
    AppointmentsError,
    AppointmentsUnavailable,
    BookingRejected,
    HoldLost,
    SlotTaken,
)
from runtime.translations import SOURCE_LANGUAGE, family_language, tr


class ValidateBookingForm(FamilySlotsMixin, FormValidationAction):
    """Validate slot choice, contact and consent; ask for the family first if needed."""

    def name(self) -> str:
        return "validate_booking_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Stop after the family questions when the family is outside the target group.

        Answered slots stay in the list even when the form stops early: the SDK only
        returns values of required slots, and a refusal must reach the tracker too.
        """
        # Whole numbers: a button payload may carry the ages as strings.
        ages, sgb2 = child_ages(tracker), tracker.get_slot(slots.RECEIVES_SGB2)
        if target_group_gap(ages, sgb2):
            # Bürgergeld is not asked when the children's ages already rule the family out.
            return [slots.CHILD_AGES] if sgb2 is None else [slots.CHILD_AGES, slots.RECEIVES_SGB2]
        required = list(domain_slots)
        if tracker.get_slot(slots.CONTACT_EMAIL):
            required.remove(slots.CONTACT_PHONE)
        return required

    async def extract_appointment_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Match a typed answer ("den zweiten", "Dienstag um 10") to an offered slot."""
        offered = tracker.get_slot(slots.OFFERED_SLOTS) or []
        text = tracker.latest_message.get("text") or ""
        if tracker.get_slot("requested_slot") == slots.APPOINTMENT_SLOT and wants_waitlist(text):
            # No offered slot fits: the ask action hands over to the waitlist.
            return {slots.APPOINTMENT_SLOT: None, slots.WAITLIST_JOIN: True}
        if (
            tracker.get_slot("requested_slot") == slots.APPOINTMENT_SLOT
            and latest_intent(tracker) == "book_appointment"
        ):
            # "Den Termin am Dienstag möchte ich" names a slot; "ich möchte einen Termin"
            # alone is the wish the form is already fulfilling (a rule answers it).
            chosen = match_offered_slot(text, offered, now())
            return {slots.APPOINTMENT_SLOT: chosen, slots.REPAIR_COUNT: 0} if chosen else {}
        if not self._is_requested(tracker, slots.APPOINTMENT_SLOT):
            return {}
        if latest_intent(tracker) == "choose_slot" and tracker.latest_message.get("entities"):
            return {}  # a button: the from_entity mapping fills the slot
        chosen = match_offered_slot(text, offered, now())
        if chosen:
            return {slots.APPOINTMENT_SLOT: chosen, slots.REPAIR_COUNT: 0}
        narrowed = await narrow_offer(
            dispatcher, text, offered, family_language(tracker), waitlist=True
        )
        if narrowed is not None:
            return {slots.APPOINTMENT_SLOT: None, **narrowed}
        return self._repair(
            dispatcher, tracker, slots.APPOINTMENT_SLOT, "utter_slot_not_understood"
        )

    async def validate_appointment_slot(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept only a slot offered in this conversation, and hold it while we ask on."""
        if value is None:
            return {slots.APPOINTMENT_SLOT: None}  # the extraction has answered already
        offered = {item["id"] for item in tracker.get_slot(slots.OFFERED_SLOTS) or []}
        if value not in offered:
            return self._repair(
                dispatcher, tracker, slots.APPOINTMENT_SLOT, "utter_slot_not_understood"
            )
        try:
            hold = await AppointmentsClient().hold_slot(value)
        except SlotTaken:
            dispatcher.utter_message(response="utter_slot_taken")
            return {slots.APPOINTMENT_SLOT: None, slots.APPOINTMENT_HOLD: None}
        except AppointmentsError:
            # Without a hold the booking is tried directly at the end; nothing is lost.
            hold = None
        return {slots.APPOINTMENT_SLOT: value, slots.APPOINTMENT_HOLD: hold, slots.REPAIR_COUNT: 0}

    async def extract_contact_phone(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take a phone number or an e-mail address from one answer."""
        if not self._is_requested(tracker, slots.CONTACT_PHONE):
            return {}
        text = tracker.latest_message.get("text") or ""
        email, phone = find_email(text), find_phone(text)
        if email or phone:
            return {slots.CONTACT_EMAIL: email, slots.CONTACT_PHONE: phone, slots.REPAIR_COUNT: 0}
        return self._repair(dispatcher, tracker, slots.CONTACT_PHONE, "utter_contact_invalid")

    async def extract_consent_joint_counselling(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only an explicit yes is consent; a no ends the booking with other ways to help."""
        if not self._is_requested(tracker, slots.CONSENT):
            return {}
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {
                slots.CONSENT: True,
                slots.CONSENT_VERSION: content.consent().version,
                slots.CONSENT_GIVEN_AT: now().isoformat(),
                # The language of the consent text shown (its version names the German text).
                slots.CONSENT_LANGUAGE: family_language(tracker),
                slots.REPAIR_COUNT: 0,
            }
        if intent == "deny":
            dispatcher.utter_message(response="utter_consent_refused")
            return {slots.CONSENT: False, slots.REPAIR_COUNT: 0}
        return self._repair(dispatcher, tracker, slots.CONSENT, "utter_consent_not_understood")


class ActionAskAppointmentSlot(Action):
    """Show the next free joint slots as buttons."""

    def name(self) -> str:
        return "action_ask_appointment_slot"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = family_language(tracker)
        if tracker.get_slot(slots.WAITLIST_JOIN):
            return join_asked_waitlist(dispatcher, language)  # actions/waitlist.py
        if tracker.get_slot(slots.SLOTS_SHOWN_NOW):
            return [SlotSet(slots.SLOTS_SHOWN_NOW, False)]  # the validation showed them
        events = await offer_slots(
            dispatcher,
            tr("Diese gemeinsamen Termine sind frei. Welcher passt Ihnen?", language),
            language,
            waitlist=True,  # no free slot: the waitlist instead (actions/waitlist.py)
        )
        if events is None:
            return [SlotSet("requested_slot", None), ActiveLoop(None)]
        return events


# Slot (bot/domain/translation.yml): the language of the consent text the family said yes to.


def ages_text(ages: list[int], language: str = SOURCE_LANGUAGE) -> str:
    """ "4 und 7 Jahre", "3, 5 und 8 Jahre", "1 Jahr"."""
    numbers = [str(age) for age in ages]
    last = tr("{first} und {last}", language)
    joined = (
        numbers[0]
        if len(numbers) == 1
        else last.format(first=", ".join(numbers[:-1]), last=numbers[-1])
    )
    if ages == [1]:
        return tr("{ages} Jahr", language).format(ages=joined)
    return tr("{ages} Jahre", language).format(ages=joined)


def booking_summary(tracker: Tracker) -> str:
    """What will be booked and shared, for the family to check before consenting."""
    language = family_language(tracker)
    chosen = tracker.get_slot(slots.APPOINTMENT_SLOT)
    offered = {item["id"]: item["start"] for item in tracker.get_slot(slots.OFFERED_SLOTS) or []}
    lines = [tr("Bitte prüfen Sie Ihre Angaben:", language)]
    if chosen in offered:
        when = format_long(datetime.fromisoformat(offered[chosen]), language)
        lines.append(tr("Termin: {when}", language).format(when=when))
    lines.append(tr("Name: {name}", language).format(name=tracker.get_slot(slots.CONTACT_NAME)))
    contacts = [tracker.get_slot(slots.CONTACT_PHONE), tracker.get_slot(slots.CONTACT_EMAIL)]
    either = tr(" oder ", language).join(c for c in contacts if c)
    lines.append(tr("So erreichen wir Sie: {contact}", language).format(contact=either))
    ages = child_ages(tracker)
    if ages:
        lines.append(
            tr("Alter der Kinder: {ages}", language).format(ages=ages_text(ages, language))
        )
    # The topics are passed on with the booking: the family sees them before consenting.
    # Their names stay German, as staff will read them.
    topics = list(tracker.get_slot(slots.SITUATION) or [])
    named = content.topic_text(topics, language) if topics else tr("keine genannt", language)
    lines.append(tr("Ihre Themen: {topics}", language).format(topics=named))
    lines += needs_lines(tracker)
    lines.append(tr("Stimmt etwas nicht? Dann tippen Sie unten auf „Angaben ändern“.", language))
    return "\n".join(lines)


class ActionAskConsentJointCounselling(Action):
    """Ask for explicit, specific consent with the versioned text."""

    def name(self) -> str:
        return "action_ask_consent_joint_counselling"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = family_language(tracker)
        dispatcher.utter_message(text=booking_summary(tracker))
        privacy_url = content.municipality().get("privacy_url")
        link = f"\n\n[{tr('Alles zum Datenschutz lesen', language)}]({privacy_url})"
        ask_consent(
            dispatcher,
            tracker,
            content.consent(),
            addendum=link if privacy_url else "",
            more_buttons=[{"title": tr("Angaben ändern", language), "payload": "/correct_details"}],
        )
        return []


def idempotency_key(sender_id: str, request: BookingRequest, step: str) -> str:
    """The same key only for a retry of the very same request in one conversation.

    Hashed, so the API never learns the conversation id; the request is part of it, so a
    corrected answer is a new request and not an "already used key" error.
    """
    raw = f"{sender_id}|{step}|{request.slot_id}|{request.name}|{request.phone}|{request.email}"
    raw += f"|{request.children_ages}|{request.topics}|{request.consent_version}"
    if request.conversation_language != "de" or request.consent_language != "de":
        raw += f"|{request.conversation_language}|{request.consent_language}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


async def book(request: BookingRequest, hold_id: str | None, sender_id: str) -> Booking:
    """Confirm the family's hold; book directly if the hold ran out while they answered."""
    client = AppointmentsClient()
    if hold_id:
        try:
            key = idempotency_key(sender_id, request, "hold")
            return await client.confirm_hold(hold_id, request, key)
        except HoldLost:
            pass
    return await client.create_booking(request, idempotency_key(sender_id, request, "direct"))


def confirmation(booking: Booking, language: str = SOURCE_LANGUAGE) -> str:
    """Reference, date, place and what to bring."""
    return (
        tr("Ihr gemeinsamer Termin ist gebucht.", language)
        + "\n\n"
        + tr("Wann: {when}", language).format(when=format_long(booking.start, language))
        + "\n"
        + place_lines(booking, language)
        + tr("Ihre Buchungsnummer: {reference}", language).format(reference=booking.reference)
        + "\n\n"
        + tr("Bringen Sie gern Briefe und Bescheide mit, zu denen Sie Fragen haben.", language)
        + "\n"
        + tr(
            "Bitte notieren Sie die Buchungsnummer. Wenn Sie nicht kommen können, "
            "sagen Sie bitte Bescheid – {contact}.",
            language,
        ).format(contact=contact_line(language))
    )


class ActionChangeBookingDetails(Action):
    """Before the booking is made: choose the date again, or give name and contact again."""

    def name(self) -> str:
        return "action_change_booking_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        again: tuple[str, ...] = (slots.CONSENT, slots.CONSENT_VERSION, slots.CONSENT_GIVEN_AT)
        language = family_language(tracker)
        if latest_intent(tracker) == "reschedule_appointment":
            dispatcher.utter_message(
                text=tr("Gern. Dann suchen wir einen anderen Termin.", language)
            )
            hold = tracker.get_slot(slots.APPOINTMENT_HOLD)
            if hold:
                with contextlib.suppress(AppointmentsError):
                    await AppointmentsClient().release_hold(hold)
            again += (slots.APPOINTMENT_SLOT, slots.APPOINTMENT_HOLD, slots.OFFERED_SLOTS)
        else:
            dispatcher.utter_message(
                text=tr(
                    "Gern. Dann frage ich Ihren Namen und Ihre Kontaktangaben noch einmal.",
                    language,
                )
            )
            again += slots.PERSONAL_DATA
        return [*[SlotSet(slot, None) for slot in again], SlotSet(slots.REPAIR_COUNT, 0)]


class ActionBookAppointment(Action):
    """Book through the API; on a taken slot offer the next ones."""

    def name(self) -> str:
        return "action_book_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        ages = child_ages(tracker)
        language = family_language(tracker)
        gap = target_group_gap(ages, tracker.get_slot(slots.RECEIVES_SGB2))
        if gap:
            dispatcher.utter_message(text=not_target_group_message(gap, language))
            return []
        if tracker.get_slot(slots.CONSENT) is not True:
            return await end_attempt(tracker)
        request = BookingRequest(
            slot_id=tracker.get_slot(slots.APPOINTMENT_SLOT),
            children_ages=ages,
            topics=list(tracker.get_slot(slots.SITUATION) or []),
            name=tracker.get_slot(slots.CONTACT_NAME),
            phone=tracker.get_slot(slots.CONTACT_PHONE),
            email=tracker.get_slot(slots.CONTACT_EMAIL),
            consent_version=tracker.get_slot(slots.CONSENT_VERSION) or content.consent().version,
            consent_given_at=consent_time(tracker),
            language=tracker.get_slot(slots.INTERPRETER_LANGUAGE),
            interpreter_needed=bool(tracker.get_slot(slots.INTERPRETER_NEEDED)),
            accessibility_needed=bool(tracker.get_slot(slots.ACCESSIBILITY_NEEDED)),
            conversation_language=language,
            consent_language=tracker.get_slot(slots.CONSENT_LANGUAGE) or language,
        )
        choose_again = [
            SlotSet(slots.APPOINTMENT_SLOT, None),
            SlotSet(slots.APPOINTMENT_HOLD, None),
            FollowupAction("booking_form"),
        ]
        try:
            hold = tracker.get_slot(slots.APPOINTMENT_HOLD)
            booking = await book(request, hold, tracker.sender_id)
        except SlotTaken:
            dispatcher.utter_message(response="utter_slot_taken")
            return choose_again
        except BookingRejected as error:
            if error.code == "invalid_input":
                # The API checks contact data more strictly than the chat: ask again for the
                # contact, and for consent, since it covers the data given.
                dispatcher.utter_message(response="utter_contact_rejected")
                again = (*slots.PERSONAL_DATA, slots.CONSENT, slots.CONSENT_GIVEN_AT)
                return [*[SlotSet(slot, None) for slot in again], FollowupAction("booking_form")]
            # The API's message is German; the family reads a sentence in its language.
            failed = tr("Die Buchung hat leider nicht geklappt.", language)
            message = error.message if language == SOURCE_LANGUAGE else None
            dispatcher.utter_message(text=message or failed)
            return choose_again
        except AppointmentsUnavailable:
            dispatcher.utter_message(response="utter_booking_unavailable")
            return []
        dispatcher.utter_message(text=confirmation(booking, language))
        # Contact data has reached the system of record; the conversation need not keep it.
        return [
            SlotSet(slots.BOOKING_REFERENCE, booking.reference),
            *[SlotSet(slot, None) for slot in slots.BOOKING_ATTEMPT],
        ]
