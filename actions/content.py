"""Load the content files under data/content: texts are content, not code.

Texts may hold placeholders that are filled from `municipality.yml` when a file is
loaded, so no local name or phone number is written in the other content files:

- `{stadt}` the municipality ("Stadt Ibbenbüren"), `{ort}` the place ("Ibbenbüren"),
- `{jugendamt}`, `{jobcenter}` the agencies' names,
- `{familienbuero}` the first contact for every family, with its phone number,
- `{kontakt:<id>}` a contact of `contacts:`: its name, and its phone, address and website
  when they are known; phone and address of a contact marked `zu_bestaetigen` are
  never shown,
- `{name:<id>}` only the name of a contact, `{telefon:<id>}` only its (confirmed) phone,
- `{leistung}` today's name of the SGB II benefit as families read it (from
  `benefit_names` in support.yml, chosen by date), `{leistung_kurz}` the name alone.
- `{oeffnungszeiten:<id>}` a sentence with the contact's `opening_hours`; while they are
  not confirmed (empty, or the contact is marked `zu_bestaetigen`), a sentence saying so
  and how to ask instead. A confirmed value is one edit in municipality.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

import yaml

from actions.settings import get_settings
from actions.translations import SOURCE_LANGUAGE, tr, translate

# The assistant is not told whether a child goes to Kita or school; it assumes the
# usual stage from the age: under 6 Kita/Tagespflege age, from 6 school (NRW school
# entry at about 6). A 6-year-old still in Kita then gets school offers.
SCHOOL_AGE = 6
STAGES = ("kita", "school")

_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([a-z0-9_]+))?\}")
# Words that mark a value as not confirmed. Such a value never reaches a family; a test
# searches every family-facing text for them (the API has the same list).
UNCONFIRMED = re.compile(
    r"zu[ _]best(?:ä|ae)tigen|unbest(?:ä|ae)tigt|noch offen|\bTODO\b|\bTBD\b|\bXXX\b", re.I
)


def has_placeholder(text: str | None) -> bool:
    """True when the text carries a marker of an unconfirmed value."""
    return bool(text and UNCONFIRMED.search(text))


def family_place(text: str) -> str:
    """A place as the API gave it, without comma-separated parts marked as unconfirmed."""
    return ", ".join(p.strip() for p in text.split(",") if p.strip() and not has_placeholder(p))


class ContentError(ValueError):
    """A content file is inconsistent, e.g. it names an unknown placeholder or contact."""


def with_official_name(text: str, official: str, simple: bool = False) -> str:
    """The text with the official name once: appended when the text does not name it."""
    if not official or official.casefold() in text.casefold():
        return text
    if simple:
        return f"{text} Beim Amt heißt das: {official}."
    return f"{text} (amtlich: {official})"


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
        return with_official_name(text, self.official, simple) if official else text

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


def _load(name: str) -> Any:
    path = get_settings().content_dir / f"{name}.yml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def municipality() -> dict[str, Any]:
    """Return the municipality's configuration (offices, phone numbers)."""
    return _load("municipality")


@lru_cache(maxsize=4)
def benefit_name(on: date | None = None) -> dict[str, Any]:
    """The entry of `benefit_names` (support.yml) in force on `on` (default: today)."""
    day = on or date.today()
    names = sorted(support_raw()["benefit_names"], key=lambda entry: entry["valid_from"])
    current = [entry for entry in names if entry["valid_from"] <= day]
    if not current:
        raise ContentError(f"Kein Name der Leistung gilt am {day}.")
    return current[-1]


def _contact(contact_id: str) -> dict[str, Any]:
    contacts = municipality().get("contacts", {})
    if contact_id not in contacts:
        raise ContentError(f"Kontakt {contact_id!r} fehlt in municipality.yml (contacts).")
    return contacts[contact_id]


def contact_text(contact_id: str) -> str:
    """A contact as shown to families: name, and confirmed address, phone, website."""
    return format_contact(_contact(contact_id))


def format_contact(contact: dict[str, Any]) -> str:
    """Name, and what is confirmed of address and phone; unconfirmed data is never shown."""
    text = contact["name"]
    confirmed = not contact.get("zu_bestaetigen")
    if confirmed and contact.get("address"):
        text += f", {contact['address']}"
    if confirmed and contact.get("phone"):
        text += f": Telefon {contact['phone']}"
    if contact.get("website"):
        text += f" (im Internet: {contact['website']})"
    return text


def _phone(contact_id: str) -> str:
    contact = _contact(contact_id)
    if contact.get("zu_bestaetigen") or not contact.get("phone"):
        raise ContentError(f"Kontakt {contact_id!r} hat keine bestätigte Telefonnummer.")
    return str(contact["phone"])


def opening_hours_text(contact_id: str) -> str:
    """The contact's opening hours as a sentence; never an unconfirmed value."""
    contact = _contact(contact_id)
    hours = contact.get("opening_hours")
    if hours and not contact.get("zu_bestaetigen"):
        return f"Öffnungszeiten: {str(hours).rstrip('.')}."
    sentence = "Die Öffnungszeiten sind noch nicht bestätigt."
    if contact.get("phone") and not contact.get("zu_bestaetigen"):
        return f"{sentence} Bitte rufen Sie vorher an: Telefon {contact['phone']}."
    return sentence


def render(text: str) -> str:
    """Fill the placeholders of a content text from municipality.yml."""
    config = municipality()
    simple = {
        "stadt": lambda: config["name"],
        "ort": lambda: config["city"],
        "jugendamt": lambda: config["agencies"]["jugendamt"]["name"],
        "jobcenter": lambda: config["agencies"]["jobcenter"]["name"],
        "familienbuero": lambda: contact_text("familienbuero"),
        "leistung": lambda: benefit_name()["shown"],
        "leistung_kurz": lambda: benefit_name()["name"],
    }
    with_id = {
        "kontakt": contact_text,
        "name": lambda contact_id: _contact(contact_id)["name"],
        "telefon": _phone,
        "oeffnungszeiten": opening_hours_text,
    }

    def fill(match: re.Match[str]) -> str:
        key, arg = match.groups()
        if arg is None and key in simple:
            return simple[key]()
        if arg is not None and key in with_id:
            return with_id[key](arg)
        raise ContentError(f"Unbekannter Platzhalter {match.group(0)} in: {text}")

    rendered = _PLACEHOLDER.sub(fill, text)
    if "{" in rendered or "}" in rendered:
        raise ContentError(f"Unvollständiger Platzhalter in: {text}")
    return rendered


def _render_tree(value: Any) -> Any:
    """Render every string of a loaded YAML tree (URLs and ids hold no braces)."""
    if isinstance(value, str):
        return render(value)
    if isinstance(value, list):
        return [_render_tree(item) for item in value]
    if isinstance(value, dict):
        return {key: _render_tree(item) for key, item in value.items()}
    return value


def _offer(raw: dict[str, Any], checked: date | None) -> Offer:
    for_ = raw.get("for") or {}
    ages = for_.get("ages") or {}
    situation = tuple(for_.get("situation") or ())
    return Offer(
        id=raw["id"],
        agency=raw["agency"],
        text=render(raw["text"]),
        simple=render(raw["simple"]),
        apply=render(raw["apply"]),
        kontakt=raw["kontakt"],
        min_age=int(ages.get("min", 0)),
        max_age=int(ages.get("max", 17)),
        stage=for_.get("stage"),
        sgb2=bool(for_.get("sgb2", False)),
        situation=situation,
        amounts=tuple(
            Amount(
                value=Decimal(str(a["value"])),
                unit=a["unit"],
                valid_from=a["valid_from"],
                source=a["source"],
                label=a.get("label"),
                review_by=a.get("review_by"),
            )
            for a in raw.get("amounts") or ()
        ),
        rules=tuple(
            Rule(basis=r["basis"], source=r["source"], since=r.get("since"))
            for r in raw.get("rules") or ()
        ),
        overview=raw.get("overview", True),
        relevant=tuple(raw.get("relevant") or situation),
        checked=raw.get("checked") or checked,
        official=raw.get("official", ""),
        apply_simple=render(raw.get("apply_simple") or ""),
    )


def support_raw() -> dict[str, Any]:
    """The catalogue file as written, placeholders unfilled (for checks)."""
    return _load("support")


@lru_cache(maxsize=1)
def support() -> dict[str, Any]:
    """Return the catalogue, placeholders filled.

    Keys: `agencies` (intros, "Mehr dazu" buttons and their text), `offers` (`Offer`
    objects), `situation_hints` (`SituationHint` objects), `checked`, `overview_max`, and
    the texts `joint`, `joint_simple` and `not_target_group` (keyed by the gap).
    """
    raw = support_raw()
    own = ("offers", "situation_hints", "benefit_names")
    catalogue = _render_tree({key: value for key, value in raw.items() if key not in own})
    catalogue["offers"] = [_offer(offer, raw.get("checked")) for offer in raw["offers"]]
    catalogue["situation_hints"] = [
        SituationHint(
            offers=tuple(hint["offers"]),
            text=render(hint["text"]),
            simple=render(hint.get("simple") or ""),
        )
        for hint in raw.get("situation_hints") or ()
    ]
    return catalogue


def offers() -> list[Offer]:
    """All offers of the catalogue, in the order of the file."""
    return support()["offers"]


def offer(offer_id: str) -> Offer:
    """One offer by id."""
    for candidate in offers():
        if candidate.id == offer_id:
            return candidate
    raise ContentError(f"Angebot {offer_id!r} fehlt im Katalog.")


def situation_hints() -> list[SituationHint]:
    """The "Wenn Sie …" sentences for offers for a situation not told, in file order."""
    return support()["situation_hints"]


@lru_cache(maxsize=1)
def answers() -> dict[str, list[dict[str, Any]]]:
    """Return the answers to the families' questions, keyed by intent."""
    return _render_tree(_load("answers"))


@lru_cache(maxsize=1)
def intent_labels() -> dict[str, str | None]:
    """Return the plain-German names of intents for "Meinten Sie …?" (None: never offered)."""
    return _load("intent_labels")


@lru_cache(maxsize=1)
def topic_labels() -> dict[str, str]:
    """The family's words for the `situation` values (topics passed on with a booking)."""
    return _render_tree(_load("topic_labels"))


def topic_text(codes: list[str]) -> str:
    """ "allein erziehend, Schulden": the topics as the family reads them, in order."""
    labels = topic_labels()
    return ", ".join(labels.get(code, code.replace("_", " ")) for code in codes)


def consent_wording(text: Consent, language: str, simple: bool = False) -> str:
    """The consent text in the family's language (data/i18n/<code>/consent.yml).

    Einfache Sprache is German only: in another language the translated standard text is
    shown; the version stays the German text's, the language is recorded beside it.
    """
    if language == SOURCE_LANGUAGE:
        return text.wording(simple)
    return translate("consent", f"{_consent_file(text)}.text", text.text, language)


def consent_label(text: Consent, field: str, language: str) -> str:
    """A button label of the consent (`yes_label`, `no_label`) in the family's language."""
    german = getattr(text, field)
    return translate("consent", f"{_consent_file(text)}.{field}", german, language)


def german_original(text: Consent, language: str) -> str:
    """The binding German consent text, shown before its translation, introduced in both."""
    intro = "Verbindlich ist der deutsche Text (Version {version}):"
    translated = tr("Verbindlich ist der deutsche Text (Version {version}):", language)
    lines = [translated.format(version=text.version), intro.format(version=text.version)]
    return "\n".join(lines) + f"\n\n{text.text}"


def _consent_file(text: Consent) -> str:
    return next(name for name in ("consent", "consent_callback") if consent(name) == text)


@lru_cache(maxsize=2)
def consent(name: str = "consent") -> Consent:
    """Return the current consent text (`consent_callback` for a callback).

    Its placeholders are not filled: the stored version must name the exact wording, so
    a municipality's consent is its own file with its own version.
    """
    return Consent(**_load(name))
