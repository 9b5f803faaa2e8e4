"""Custom Rasa graph components for Familienlotse."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .child_age_extractor import ChildAgeExtractor
    from .german_tokenizer import GermanTokenizer

__all__ = ["ChildAgeExtractor", "GermanTokenizer"]

# Imported on first access so that `bot.components.german_ages` (pure Python, used by
# actions too) does not pull in Rasa and TensorFlow, which take seconds to import.
_MODULES = {
    "ChildAgeExtractor": ".child_age_extractor",
    "GermanTokenizer": ".german_tokenizer",
}


def __getattr__(name: str) -> Any:
    """Import and return a re-exported component class on first use."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULES[name], __name__), name)
