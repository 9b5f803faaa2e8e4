"""`FL_REVIEW_INBOX`: whether the chat collects material for the maintainers' review inbox.

On by default. A city may switch it off (`FL_REVIEW_INBOX=0`): then the action server
reports no unsure messages and the widget offers no „War das hilfreich?“, so Rasa needs no
access to the appointments API. Standard library only; read by all three environments.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

_OFF = frozenset({"0", "false", "nein", "no", "off"})


def review_inbox_enabled(env: Mapping[str, str] | None = None) -> bool:
    """True unless FL_REVIEW_INBOX switches the review inbox off."""
    env = os.environ if env is None else env
    return (env.get("FL_REVIEW_INBOX") or "1").strip().lower() not in _OFF
