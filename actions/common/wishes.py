"""Wishes the family stated: to book, or that it cannot come to a booked appointment.

A wish is kept once said. A family that asked for the joint appointment, even inside an
answer to another question ("ja, und dann gern einen Termin"), is not asked again
whether it wants one: the explanation goes straight on to the booking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker

from runtime.translations import tr

BOOK = "book_appointment"
# Set by the explanation: True sends the conversation on to the booking (a rule).
BOOKING_WISH = "booking_wish"
# Intents that end a stated wish to book: a no, stopping, leaving for another flow.
_WISH_ENDS = frozenset({"deny", "goodbye", "cancel_appointment", "reschedule_appointment"})
# Forms that honour the wish (the booking) or replace it (the family chose another flow).
_WISH_FORMS = frozenset({"booking_form", "manage_booking_form", "callback_form"})

# "Termin", "gemeinsames Gespräch", "Beratung" with a want: "ich möchte …", "gern …",
# "buchen". Not a question about it ("was kostet der Termin?") and not "kein Termin".
_WANT = (
    r"(?:möchte\w*|moechte\w*|will|wollen|hätte\w* gern\w*|haette\w* gern\w*|gern\w*"
    r"|buchen|brauche\w*|bitte)"
)
_WHAT = r"(?:termin\w*|gemeinsame\w* (?:gespräch|gespraech|beratung)|beratungstermin\w*)"
_BOOKING_WISH = re.compile(
    rf"\b{_WANT}\b(?:\s+\S+){{0,6}}?\s+{_WHAT}\b|\b{_WHAT}\b(?:\s+\S+){{0,4}}?\s+{_WANT}\b",
    re.IGNORECASE,
)
_NOT_WANTED = re.compile(
    r"\b(?:kein\w*|nicht|absagen|stornier\w*|verschieb\w*|verleg\w*|kostet|wo|wann ist)\b",
    re.IGNORECASE,
)

# "Ich kann morgen nicht kommen": cancel or move? The bot asks instead of guessing.
_CANNOT_COME = re.compile(
    r"\b(?:kann|können|koennen|schaffe|schaffen|komme|kommen)\b(?:\s+\S+){0,5}?\s+"
    r"(?:nicht|doch nicht|leider nicht)\b(?:\s+(?:kommen|da sein|hin\w*|erscheinen))?",
    re.IGNORECASE,
)
_EXPLICIT_MANAGE = re.compile(
    r"\b(?:absag\w*|abzusagen|stornier\w*|streich\w*|lösch\w*|verschieb\w*|verleg\w*|"
    r"umbuch\w*|umleg\w*|ander\w* (?:tag|termin|zeit))\b",
    re.IGNORECASE,
)


def states_booking_wish(text: str) -> bool:
    """True when the text says the family wants the (joint) appointment."""
    return bool(_BOOKING_WISH.search(text)) and not _NOT_WANTED.search(text)


def cannot_come_only(text: str) -> bool:
    """True for "ich kann morgen nicht kommen" without saying whether to cancel or move."""
    return bool(_CANNOT_COME.search(text)) and not _EXPLICIT_MANAGE.search(text)


_CALLBACK_TIME = "callback_time"


def _intent(event: dict[str, Any]) -> str | None:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def wish_pending(events: Iterable[dict[str, Any]]) -> bool:
    """True when the family said it wants to book and no booking has started since.

    Read from the conversation itself, so no extra slot has to be kept in step: a wish
    is open from the message that states it until a form that honours or replaces it
    starts, or until the family says no, stops or turns to another flow.
    """
    pending = False
    for event in events:
        kind = event.get("event")
        if kind == "user":
            intent = _intent(event)
            if intent in _WISH_ENDS:
                pending = False
            elif intent == BOOK or states_booking_wish(event.get("text") or ""):
                pending = True
        elif kind == "session_started" or (
            kind == "active_loop" and event.get("name") in _WISH_FORMS
        ):
            pending = False
        elif kind == "slot" and event.get("name") == _CALLBACK_TIME and event.get("value"):
            # The message was the time for a callback ("am liebsten vormittags"), read as
            # a wish to book by the classifier (actions/callback.py).
            pending = False
    return pending


def booking_wish_pending(tracker: Tracker) -> bool:
    """`wish_pending` for this conversation."""
    return wish_pending(tracker.events)


def wish_kept(language: str) -> str:
    """Said when the booking starts because the family asked for it before."""
    return tr(
        "Sie möchten einen gemeinsamen Termin. Dafür frage ich jetzt nur noch, "
        "was die Buchung braucht.",
        language,
    )
