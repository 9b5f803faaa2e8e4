"""Replace one of Rasa's methods and tell later whether it was replaced.

Shared by the hot-path adapters (bot/hot_paths.py): each marks its replacement, so a
second install, e.g. when the tracker store is imported again, changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MARKER = "_familienlotse_adapter"


def replace(owner: type, name: str, function: Callable[..., Any], static: bool = False) -> None:
    """Put `function` in place of `owner.name` (as a staticmethod if `static`)."""
    setattr(function, _MARKER, True)
    setattr(owner, name, staticmethod(function) if static else function)


def is_replaced(owner: type, name: str) -> bool:
    """True if `owner.name` is one of our replacements."""
    return bool(getattr(getattr(owner, name), _MARKER, False))
