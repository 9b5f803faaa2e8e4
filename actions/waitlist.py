"""The waitlist in the chat: offered when no joint slot is free, with its own consent.

The booking hands over to `waitlist_form` (actions/common/waitlist_offer.py). The form asks
whether the family wants to wait, its preferred weekdays and times, name and e-mail address
(masked in the conversation store like the booking's contact) and consent to the waitlist
text (data/content/consent_waitlist.yml); then POST /waitlist stores the entry with the
children's ages and the conversation's language. A no at any point leads to the phone line
and a callback, never back into the questions.
"""

from __future__ import annotations

from typing import Any

from babel.dates import format_date
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import content
from actions.clients.appointments import AppointmentsClient, WaitlistRequest
from actions.common import slots
from actions.common.buttons import yes_no
from actions.common.consent_question import ask_consent
from actions.common.consent_record import consent_time
from actions.common.contact import find_email
from actions.common.dates import local, now
from actions.common.forms import FamilySlotsMixin
from actions.common.offer_texts import contact_line
from actions.common.time_wishes import parse_wishes
from actions.common.tracker import child_ages, is_interrupting, latest_intent
from actions.common.waitlist_offer import explanation
from actions.errors import AppointmentsError, AppointmentsUnavailable
from runtime.translations import babel_locale, family_language, tr

WAITLIST_JOIN = slots.WAITLIST_JOIN
WAITLIST_WISHES = slots.WAITLIST_WISHES
CONSENT_WAITLIST = slots.CONSENT_WAITLIST
WAITLIST_REFERENCE = "waitlist_reference"
CONSENT_LANGUAGE = slots.CONSENT_LANGUAGE
# Everything one waitlist attempt collects; none of it stays in the conversation.
WAITLIST_ATTEMPT = (
    WAITLIST_JOIN,
    WAITLIST_WISHES,
    CONSENT_WAITLIST,
    *slots.PERSONAL_DATA,
    slots.CONSENT_VERSION,
    slots.CONSENT_GIVEN_AT,
    CONSENT_LANGUAGE,
)


def waitlist_consent() -> content.Consent:
    """The versioned consent text for the waitlist (data/content/consent_waitlist.yml)."""
    return content.consent("consent_waitlist")


class ValidateWaitlistForm(FamilySlotsMixin, FormValidationAction):
    """A yes to the waitlist, wishes, name, an e-mail address (offers go by mail), consent."""

    def name(self) -> str:
        return "validate_waitlist_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """A family that does not want the waitlist is asked nothing more."""
        if tracker.get_slot(WAITLIST_JOIN) is False:
            return [WAITLIST_JOIN]
        return list(domain_slots)

    async def extract_waitlist_join(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not self._is_requested(tracker, WAITLIST_JOIN):
            return {}
        intent = latest_intent(tracker)
        if intent in ("affirm", "deny"):
            return {WAITLIST_JOIN: intent == "affirm", slots.REPAIR_COUNT: 0}
        return self._repair(
            dispatcher, tracker, WAITLIST_JOIN, "utter_waitlist_join_not_understood"
        )

    async def extract_waitlist_wishes(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Read days and times whatever intent the words were given (a button sends words)."""
        if tracker.get_slot("requested_slot") != WAITLIST_WISHES:
            return {}
        intent = latest_intent(tracker)
        wishes = parse_wishes(tracker.latest_message.get("text") or "")
        if wishes is None and intent == "skip_question":
            wishes = {"weekdays": [], "times": []}  # no wish is an answer here
        if wishes is not None and intent != "emergency":
            return {WAITLIST_WISHES: wishes, slots.REPAIR_COUNT: 0}
        if is_interrupting(intent):
            return {}  # a rule answers it; the question comes again
        return self._repair(
            dispatcher, tracker, WAITLIST_WISHES, "utter_waitlist_wishes_not_understood"
        )

    async def extract_contact_email(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only an e-mail address: the offers are sent by mail."""
        if not self._is_requested(tracker, slots.CONTACT_EMAIL):
            return {}
        email = find_email(tracker.latest_message.get("text") or "")
        if email:
            return {slots.CONTACT_EMAIL: email, slots.REPAIR_COUNT: 0}
        return self._repair(
            dispatcher, tracker, slots.CONTACT_EMAIL, "utter_waitlist_email_invalid"
        )

    async def extract_consent_waitlist(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only an explicit yes is consent; it is recorded with version, time and language."""
        if not self._is_requested(tracker, CONSENT_WAITLIST):
            return {}
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {
                CONSENT_WAITLIST: True,
                slots.CONSENT_VERSION: waitlist_consent().version,
                slots.CONSENT_GIVEN_AT: now().isoformat(),
                CONSENT_LANGUAGE: family_language(tracker),
                slots.REPAIR_COUNT: 0,
            }
        if intent == "deny":
            return {CONSENT_WAITLIST: False, slots.REPAIR_COUNT: 0}
        return self._repair(
            dispatcher, tracker, CONSENT_WAITLIST, "utter_waitlist_consent_not_understood"
        )


class ActionAskWaitlistJoin(Action):
    """Explain the waitlist and ask for a yes or no."""

    def name(self) -> str:
        return "action_ask_waitlist_join"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = family_language(tracker)
        dispatcher.utter_message(
            text=explanation(language) + "\n\n" + tr("Möchten Sie auf die Warteliste?", language),
            buttons=yes_no(tr("Ja, auf die Warteliste", language), tr("Nein, danke", language)),
        )
        return []


class ActionAskConsentWaitlist(Action):
    """Say what is stored, for what and how long, and ask for a clear yes."""

    def name(self) -> str:
        return "action_ask_consent_waitlist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        ask_consent(dispatcher, tracker, waitlist_consent())
        return []


def _unavailable(language: str) -> str:
    return tr(
        "Sie konnten gerade leider nicht auf die Warteliste gesetzt werden. Bitte versuchen "
        "Sie es später noch einmal, oder rufen Sie an – {contact}.",
        language,
    ).format(contact=contact_line())


class ActionJoinWaitlist(Action):
    """Store the entry in the API, then forget the contact data here."""

    def name(self) -> str:
        return "action_join_waitlist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        forget = [SlotSet(name, None) for name in WAITLIST_ATTEMPT]
        if tracker.get_slot(WAITLIST_JOIN) is not True:
            dispatcher.utter_message(response="utter_waitlist_declined")
            return forget
        if tracker.get_slot(CONSENT_WAITLIST) is not True:
            dispatcher.utter_message(response="utter_waitlist_refused")
            return forget
        language = family_language(tracker)
        wishes = tracker.get_slot(WAITLIST_WISHES) or {}
        request = WaitlistRequest(
            name=tracker.get_slot(slots.CONTACT_NAME),
            email=tracker.get_slot(slots.CONTACT_EMAIL),
            children_ages=child_ages(tracker),
            consent_version=tracker.get_slot(slots.CONSENT_VERSION),
            consent_given_at=consent_time(tracker),
            consent_language=tracker.get_slot(CONSENT_LANGUAGE) or language,
            preferred_weekdays=list(wishes.get("weekdays") or []),
            preferred_times=list(wishes.get("times") or []),
            conversation_language=language,
            language=tracker.get_slot(slots.INTERPRETER_LANGUAGE),
        )
        try:
            entry = await AppointmentsClient().join_waitlist(request)
        except AppointmentsUnavailable:
            dispatcher.utter_message(text=_unavailable(language))
            return forget
        except AppointmentsError as error:
            if error.code == "invalid_input" and request.children_ages:
                # The API checks addresses more strictly than the chat: ask again.
                dispatcher.utter_message(response="utter_waitlist_email_rejected")
                again = (slots.CONTACT_EMAIL, CONSENT_WAITLIST, slots.CONSENT_GIVEN_AT)
                return [*[SlotSet(name, None) for name in again], FollowupAction("waitlist_form")]
            dispatcher.utter_message(text=_unavailable(language))
            return forget
        until = format_date(local(entry.expires_at).date(), "long", locale=babel_locale(language))
        dispatcher.utter_message(
            text=tr(
                "Sie stehen auf der Warteliste. Wird ein passender Termin frei, bekommen Sie "
                "eine E-Mail. Ihr Eintrag gilt bis {date}.",
                language,
            ).format(date=until)
            + "\n\n"
            + tr("Ihre Nummer für Rückfragen: {reference}", language).format(
                reference=entry.reference
            )
        )
        return [*forget, SlotSet(WAITLIST_REFERENCE, entry.reference)]
