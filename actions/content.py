"""Load the content files under data/content: texts are content, not code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

from actions.settings import get_settings


@dataclass(frozen=True)
class Offer:
    """One thing an agency can do for a family with a child of a given age."""

    id: str
    min_age: int
    max_age: int
    text: str
    stand: date | None = None
    quelle: str | None = None
    simple: str | None = None

    def wording(self, simple: bool) -> str:
        """The Einfache-Sprache text when asked for and written, else the normal one."""
        return self.simple if simple and self.simple else self.text

    def applies_to(self, ages: list[int]) -> bool:
        """True when at least one child is in this offer's age range."""
        return any(self.min_age <= age <= self.max_age for age in ages)


@dataclass(frozen=True)
class Consent:
    """The consent text and its version, stored with each booking."""

    version: str
    text: str
    simple_text: str
    yes_label: str
    no_label: str

    def wording(self, simple: bool) -> str:
        """The consent text, in Einfache Sprache when asked for (same version)."""
        return self.simple_text if simple else self.text


def _load(name: str) -> dict[str, Any]:
    path = get_settings().content_dir / f"{name}.yml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def support() -> dict[str, Any]:
    """Return the support catalogue with its offers as `Offer` objects."""
    raw = _load("support")
    for agency in raw["agencies"].values():
        agency["offers"] = [Offer(**offer) for offer in agency["offers"]]
    return raw


@lru_cache(maxsize=1)
def answers() -> dict[str, list[dict[str, Any]]]:
    """Return the answers to the families' questions, keyed by intent."""
    return _load("answers")


@lru_cache(maxsize=1)
def intent_labels() -> dict[str, str]:
    """Return the plain-German names of intents for "Meinten Sie …?"."""
    return _load("intent_labels")


@lru_cache(maxsize=1)
def municipality() -> dict[str, Any]:
    """Return the municipality's configuration (offices, phone numbers)."""
    return _load("municipality")


@lru_cache(maxsize=1)
def consent() -> Consent:
    """Return the current consent text."""
    return Consent(**_load("consent"))
