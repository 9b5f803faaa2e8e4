"""Hand a booking over to the waitlist (actions/waitlist.py).

Two ways in: no joint slot is free at all, or none fits the day the family named and it
asks for the waitlist ("Warteliste", or the button under the other slots).
"""

from __future__ import annotations

import re

from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import slots
from actions.settings import get_settings
from runtime.translations import SOURCE_LANGUAGE, tr

WAITLIST_FORM = "waitlist_form"
# What the button sends: an intent payload, so the classifier cannot take the word for
# something else; the booking form reads "warteliste" in it. Typed in any of the chat's
# languages it means the same.
WAITLIST_PAYLOAD = '/choose_slot{"appointment_slot":"warteliste"}'
_WAITLIST = re.compile(
    r"warteliste|waiting ?list|wait ?list|bekleme listesi|лист ожидания|список очікування|"
    r"قائمة الانتظار",
    re.IGNORECASE,
)


def wants_waitlist(text: str) -> bool:
    """Tell whether the family asks for the waitlist."""
    return bool(_WAITLIST.search(text))


def explanation(language: str = SOURCE_LANGUAGE) -> str:
    """What the waitlist does, with the API's offer time and entry length."""
    settings = get_settings()
    return tr(
        "Ich kann Sie auf die Warteliste setzen. Wird ein gemeinsamer Termin frei, der zu "
        "Ihren Wunschzeiten passt, bekommen Sie eine E-Mail. Der Link darin hält den Termin "
        "{minutes} Minuten lang für Sie. Wer zuerst bestätigt, bekommt ihn. Nach {days} Tagen "
        "endet Ihr Eintrag, und wir löschen Ihre Angaben.",
        language,
    ).format(minutes=settings.waitlist_offer_minutes, days=settings.waitlist_days)


def offer_waitlist(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Say that nothing is free, end the booking form and let the waitlist form ask.

    The waitlist form's first question explains the waitlist and asks for a yes or no, so
    a family that does not want it is not asked for anything else.
    """
    dispatcher.utter_message(response="utter_no_slots_waitlist")
    return [SlotSet("requested_slot", None), ActiveLoop(None), FollowupAction(WAITLIST_FORM)]


def waitlist_button(dispatcher: CollectingDispatcher, language: str) -> None:
    """Under slots that do not fit the named day: the way to the waitlist."""
    dispatcher.utter_message(
        text=tr("Passt keiner? Dann kann ich Sie auf die Warteliste setzen.", language),
        buttons=[{"title": tr("Auf die Warteliste", language), "payload": WAITLIST_PAYLOAD}],
    )


def join_asked_waitlist(dispatcher: CollectingDispatcher, language: str) -> list[EventType]:
    """The family asked for the waitlist: explain it and go straight to its questions."""
    dispatcher.utter_message(text=explanation(language))
    return [
        SlotSet(slots.WAITLIST_JOIN, True),
        SlotSet("requested_slot", None),
        ActiveLoop(None),
        FollowupAction(WAITLIST_FORM),
    ]
