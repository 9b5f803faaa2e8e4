"""Look up event classes by name once, not once per stored event.

Rasa 3.6 turns each stored event back into an object with `Event.resolve_by_type`, which
walks the whole class tree of `Event` (`all_subclasses`) for every single event. Loading a
conversation of 40 turns (about 250 events) spent more time there than in reading the
database (profile in docs/skalierung.md). This adapter remembers the class found for each
name. Unknown names and the old "topic" events still go to Rasa's method, so errors and
defaults stay the same.
"""

from __future__ import annotations

import logging

from rasa.shared.core.events import Event

from bot import rasa_patch

logger = logging.getLogger(__name__)

_ORIGINAL = Event.resolve_by_type


def install() -> bool:
    """Replace `Event.resolve_by_type`; True if it was replaced just now."""
    if is_installed():
        return False
    found: dict[str, type[Event]] = {}

    def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
        cls = found.get(type_name)
        if cls is not None:
            return cls
        result = _ORIGINAL(type_name, default)
        if result is not None and result is not default and result.type_name == type_name:
            found[type_name] = result
        return result

    rasa_patch.replace(Event, "resolve_by_type", resolve_by_type, static=True)
    logger.info("event_types.cached")
    return True


def is_installed() -> bool:
    """True when event classes are looked up from the cache."""
    return rasa_patch.is_replaced(Event, "resolve_by_type")
