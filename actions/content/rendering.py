"""Fill the placeholders of content texts from municipality.yml: texts are content, not code.

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

Every function takes the family's language (default German): the catalogue's texts are
translated as data (data/i18n/<code>/content.yml, keys from runtime/content_texts.py)
before the placeholders are filled, and the words this module adds ("Telefon", the
opening hours sentence) go through `tr`. Names of offices and contacts stay German: the
family needs them at the office.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from actions.content.loading import (
    Amount,
    Consent,
    ContentError,
    Offer,
    Rule,
    SituationHint,
    benefit_name,
    consent,
    contact_entry,
    load_file,
    load_intent_labels,
    municipality,
    support_raw,
)
from runtime.content_texts import TABLE, localise_answers, localise_labels, localise_support
from runtime.translations import SOURCE_LANGUAGE, tr, translate

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


def _translator(language: str) -> Any:
    """`translate(key, german)` for the content table in this language."""
    return lambda key, german: translate(TABLE, key, german, language)


def contact_text(contact_id: str, language: str = SOURCE_LANGUAGE) -> str:
    """A contact as shown to families: name, and confirmed address, phone, website."""
    return format_contact(contact_entry(contact_id), language)


def format_contact(contact: dict[str, Any], language: str = SOURCE_LANGUAGE) -> str:
    """Name, and what is confirmed of address and phone; unconfirmed data is never shown."""
    text = contact["name"]
    confirmed = not contact.get("zu_bestaetigen")
    if confirmed and contact.get("address"):
        text += f", {contact['address']}"
    if confirmed and contact.get("phone"):
        text += ": " + tr("Telefon {phone}", language).format(phone=contact["phone"])
    if contact.get("website"):
        text += " " + tr("(im Internet: {website})", language).format(website=contact["website"])
    return text


def _phone(contact_id: str) -> str:
    contact = contact_entry(contact_id)
    if contact.get("zu_bestaetigen") or not contact.get("phone"):
        raise ContentError(f"Kontakt {contact_id!r} hat keine bestätigte Telefonnummer.")
    return str(contact["phone"])


def opening_hours_text(contact_id: str, language: str = SOURCE_LANGUAGE) -> str:
    """The contact's opening hours as a sentence; never an unconfirmed value."""
    contact = contact_entry(contact_id)
    hours = contact.get("opening_hours")
    if hours and not contact.get("zu_bestaetigen"):
        key = f"municipality.contacts.{contact_id}.opening_hours"
        shown = translate(TABLE, key, str(hours), language).rstrip(".")
        return tr("Öffnungszeiten: {hours}.", language).format(hours=shown)
    sentence = tr("Die Öffnungszeiten sind noch nicht bestätigt.", language)
    if contact.get("phone") and not contact.get("zu_bestaetigen"):
        call = tr("Bitte rufen Sie vorher an: Telefon {phone}.", language)
        return f"{sentence} {call.format(phone=contact['phone'])}"
    return sentence


def benefit_shown(language: str = SOURCE_LANGUAGE) -> str:
    """Today's name of the SGB II benefit as families read it, in their language (the
    German name stays in every translation)."""
    entry = benefit_name()
    index = support_raw()["benefit_names"].index(entry)
    return translate(TABLE, f"support.benefit_names.{index}.shown", entry["shown"], language)


def render(text: str, language: str = SOURCE_LANGUAGE) -> str:
    """Fill the placeholders of a content text from municipality.yml."""
    config = municipality()
    simple = {
        "stadt": lambda: config["name"],
        "ort": lambda: config["city"],
        "jugendamt": lambda: config["agencies"]["jugendamt"]["name"],
        "jobcenter": lambda: config["agencies"]["jobcenter"]["name"],
        "familienbuero": lambda: contact_text("familienbuero", language),
        "leistung": lambda: benefit_shown(language),
        "leistung_kurz": lambda: benefit_name()["name"],
    }
    with_id = {
        "kontakt": lambda contact_id: contact_text(contact_id, language),
        "name": lambda contact_id: contact_entry(contact_id)["name"],
        "telefon": _phone,
        "oeffnungszeiten": lambda contact_id: opening_hours_text(contact_id, language),
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


def _render_tree(value: Any, language: str = SOURCE_LANGUAGE) -> Any:
    """Render every string of a loaded YAML tree (URLs and ids hold no braces)."""
    if isinstance(value, str):
        return render(value, language)
    if isinstance(value, list):
        return [_render_tree(item, language) for item in value]
    if isinstance(value, dict):
        return {key: _render_tree(item, language) for key, item in value.items()}
    return value


def _offer(raw: dict[str, Any], checked: date | None, language: str) -> Offer:
    for_ = raw.get("for") or {}
    ages = for_.get("ages") or {}
    situation = tuple(for_.get("situation") or ())
    return Offer(
        id=raw["id"],
        agency=raw["agency"],
        text=render(raw["text"], language),
        simple=render(raw["simple"], language),
        apply=render(raw["apply"], language),
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
        apply_simple=render(raw.get("apply_simple") or "", language),
        language=language,
    )


@lru_cache(maxsize=8)
def support(language: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """Return the catalogue, placeholders filled.

    Keys: `agencies` (intros, "Mehr dazu" buttons and their text), `offers` (`Offer`
    objects), `situation_hints` (`SituationHint` objects), `checked`, `overview_max`, and
    the texts `joint`, `joint_simple` and `not_target_group` (keyed by the gap).
    """
    raw = support_raw()
    if language != SOURCE_LANGUAGE:
        raw = localise_support(raw, _translator(language))
    own = ("offers", "situation_hints", "benefit_names")
    catalogue = _render_tree({key: value for key, value in raw.items() if key not in own}, language)
    catalogue["offers"] = [_offer(offer, raw.get("checked"), language) for offer in raw["offers"]]
    catalogue["situation_hints"] = [
        SituationHint(
            offers=tuple(hint["offers"]),
            text=render(hint["text"], language),
            simple=render(hint.get("simple") or "", language),
        )
        for hint in raw.get("situation_hints") or ()
    ]
    return catalogue


def offers(language: str = SOURCE_LANGUAGE) -> list[Offer]:
    """All offers of the catalogue, in the order of the file."""
    return support(language)["offers"]


def offer(offer_id: str, language: str = SOURCE_LANGUAGE) -> Offer:
    """One offer by id."""
    for candidate in offers(language):
        if candidate.id == offer_id:
            return candidate
    raise ContentError(f"Angebot {offer_id!r} fehlt im Katalog.")


def situation_hints(language: str = SOURCE_LANGUAGE) -> list[SituationHint]:
    """The "Wenn Sie …" sentences for offers for a situation not told, in file order."""
    return support(language)["situation_hints"]


@lru_cache(maxsize=8)
def answers(language: str = SOURCE_LANGUAGE) -> dict[str, list[dict[str, Any]]]:
    """Return the answers to the families' questions, keyed by intent."""
    raw = load_file("answers")
    if language != SOURCE_LANGUAGE:
        raw = localise_answers(raw, _translator(language))
    return _render_tree(raw, language)


@lru_cache(maxsize=8)
def topic_labels(language: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """The family's words for the `situation` values (topics passed on with a booking)."""
    raw = load_file("topic_labels")
    if language != SOURCE_LANGUAGE:
        raw = localise_labels("topic_labels", raw, _translator(language))
    return _render_tree(raw, language)


@lru_cache(maxsize=8)
def intent_labels(language: str = SOURCE_LANGUAGE) -> dict[str, str | None]:
    """The family's words for intents ("Meinten Sie …?"; None: never offered)."""
    raw = load_intent_labels()
    if language == SOURCE_LANGUAGE:
        return raw
    return localise_labels("intent_labels", raw, _translator(language))


def topic_text(codes: list[str], language: str = SOURCE_LANGUAGE) -> str:
    """ "allein erziehend, Schulden": the topics as the family reads them, in order."""
    labels = topic_labels(language)
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
    names = ("consent", "consent_callback", "consent_waitlist")
    return next(name for name in names if consent(name) == text)
