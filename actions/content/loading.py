"""Load the content files under data/content as they are written (YAML, no placeholders filled).

`rendering` fills the placeholders; this module only reads files, holds the types of the
catalogue and picks what is in force on a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

import yaml

from actions.settings import get_settings
from runtime.translations import SOURCE_LANGUAGE, tr

# The assistant is not told whether a child goes to Kita or school; it assumes the
# usual stage from the age: under 6 Kita/Tagespflege age, from 6 school (NRW school
# entry at about 6). A 6-year-old still in Kita then gets school offers.
SCHOOL_AGE = 6


STAGES = ("kita", "school")


class ContentError(ValueError):
    """A content file is inconsistent, e.g. it names an unknown placeholder or contact."""


def with_official_name(
    text: str, official: str, simple: bool = False, language: str = SOURCE_LANGUAGE
) -> str:
    """The text with the official name once: appended when the text does not name it.

    The official name stays German in every language: the family needs it at the office.
    """
    if not official or official.casefold() in text.casefold():
        return text
    if simple:
        return f"{text} Beim Amt heißt das: {official}."
    return f"{text} " + tr("(amtlich: {official})", language).format(official=official)


def stage_of(age: int) -> str:
    """The stage a child of this age is assumed to be in: "kita" or "school"."""
    return "school" if age >= SCHOOL_AGE else "kita"


@dataclass(frozen=True)
class Amount:
    """One amount of money, dated and sourced."""

    value: Decimal
    unit: str
    valid_from: date
    source: str
    label: str | None = None
    # The date by which the amount must be checked again against its source.
    review_by: date | None = None


@dataclass(frozen=True)
class Rule:
    """A legal rule an offer's text states, with its source and, if known, its start."""

    basis: str
    source: str
    since: date | None = None


@dataclass(frozen=True)
class Offer:
    """One thing an agency can do for a family, and who it is for."""

    id: str
    agency: str
    text: str
    simple: str
    apply: str
    kontakt: str
    min_age: int = 0
    max_age: int = 17
    stage: str | None = None
    sgb2: bool = False
    situation: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    rules: tuple[Rule, ...] = ()
    overview: bool = True
    # Situations that make the offer one of the most important for a family.
    relevant: tuple[str, ...] = ()
    # When the offer's statements were last checked against their sources.
    checked: date | None = None
    # The official name a family needs at the office or on a form, and "So geht es" in
    # Einfache Sprache.
    official: str = ""
    apply_simple: str = ""
    # Set for one family, not in the file (see `guidance.family_offers`): the family told a
    # situation the offer is `relevant` for; or the offer is for a situation the family
    # has not told, so an answer names it in one conditional sentence, not as a bullet.
    told: bool = False
    conditional: bool = False
    # The language the texts were rendered in (content.support(language)).
    language: str = SOURCE_LANGUAGE

    @property
    def stand(self) -> date | None:
        """The date shown as "Stand" for an offer with amounts or rules: when its
        statements were last checked against their sources (not when an amount began)."""
        return self.checked if self.amounts or self.rules else None

    def wording(self, simple: bool, official: bool = True) -> str:
        """The Einfache-Sprache text when asked for, else the normal one; with `official`
        also the official name, beside the plain words (once: a message that named it
        for an earlier offer passes False)."""
        text = self.simple if simple and self.simple else self.text
        if not official:
            return text
        return with_official_name(text, self.official, simple, self.language)

    def how_to(self, simple: bool) -> str:
        """ "So geht es", in Einfache Sprache when asked for."""
        return self.apply_simple if simple and self.apply_simple else self.apply

    def fits_age(self, ages: list[int]) -> bool:
        """True when one child is in the age range and, if given, in the stage."""
        return any(
            self.min_age <= age <= self.max_age and self.stage in (None, stage_of(age))
            for age in ages
        )

    def applies(
        self,
        ages: list[int],
        situation: list[str] | None = None,
        receives_sgb2: bool | None = None,
        strict: bool = False,
    ) -> bool:
        """True when the offer is for this family.

        What the family has not told us does not exclude an offer, except that with
        `strict` an offer for certain situations needs one of them to be known.
        """
        if ages and not self.fits_age(ages):
            return False
        if self.sgb2 and receives_sgb2 is False:
            return False
        if self.situation:
            if situation:
                return bool(set(self.situation) & set(situation))
            return not strict
        return True


@dataclass(frozen=True)
class SituationHint:
    """One "Wenn Sie …" sentence for offers for a situation the family has not told."""

    offers: tuple[str, ...]
    text: str
    simple: str

    def wording(self, simple: bool) -> str:
        """The Einfache-Sprache text when asked for, else the normal one."""
        return self.simple if simple and self.simple else self.text


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


def load_file(name: str) -> Any:
    """Return one YAML file of the content directory as written."""
    path = get_settings().content_dir / f"{name}.yml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def municipality() -> dict[str, Any]:
    """Return the municipality's configuration (offices, phone numbers)."""
    return load_file("municipality")


@lru_cache(maxsize=4)
def benefit_name(on: date | None = None) -> dict[str, Any]:
    """The entry of `benefit_names` (support.yml) in force on `on` (default: today)."""
    day = on or date.today()
    names = sorted(support_raw()["benefit_names"], key=lambda entry: entry["valid_from"])
    current = [entry for entry in names if entry["valid_from"] <= day]
    if not current:
        raise ContentError(f"Kein Name der Leistung gilt am {day}.")
    return current[-1]


def contact_entry(contact_id: str) -> dict[str, Any]:
    """Return one contact of municipality.yml (raw), or raise ContentError."""
    contacts = municipality().get("contacts", {})
    if contact_id not in contacts:
        raise ContentError(f"Kontakt {contact_id!r} fehlt in municipality.yml (contacts).")
    return contacts[contact_id]


def support_raw() -> dict[str, Any]:
    """The catalogue file as written, placeholders unfilled (for checks)."""
    return load_file("support")


@lru_cache(maxsize=1)
def load_intent_labels() -> dict[str, str | None]:
    """Return the plain-German names of intents for "Meinten Sie …?" (None: never offered)."""
    return load_file("intent_labels")


@lru_cache(maxsize=4)
def consent(name: str = "consent") -> Consent:
    """Return the current consent text (`consent_callback` for a callback,
    `consent_waitlist` for the waitlist).

    Its placeholders are not filled: the stored version must name the exact wording, so
    a municipality's consent is its own file with its own version.
    """
    return Consent(**load_file(name))
