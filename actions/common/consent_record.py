"""When the family said yes, as recorded with its answer (stored with a booking or callback)."""

from __future__ import annotations

from datetime import datetime

from rasa_sdk import Tracker

from actions.common import slots
from actions.common.dates import now


def consent_time(tracker: Tracker) -> datetime:
    """When the family consented, as recorded with their yes."""
    given = tracker.get_slot(slots.CONSENT_GIVEN_AT)
    return datetime.fromisoformat(given) if given else now()
