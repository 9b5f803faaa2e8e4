"""Which texts of the content catalogue (data/content/*.yml) a family reads, by key.

The catalogue is translated as data like every other text: `data/i18n/<code>/content.yml`
maps a key to the translation of one German text (`source`, `de`, `text`, `reviewed`;
see runtime/translations.py). A key is the text's path in its file, offers by their id:

    support.agencies.jugendamt.intro        support.offers.kindergeld.text
    support.agencies.jobcenter.more.0.title support.offers.kindergeld.apply
    support.situation_hints.0.text          support.joint, support.not_target_group.too_old
    support.benefit_names.1.shown           support.units.€ im Monat
    answers.ask_costs.0.text                topic_labels.schulden
    intent_labels.ask_money                 municipality.contacts.<id>.opening_hours

The German text is the one written in the file, placeholders unfilled ("Das {jugendamt}
hilft …"): a translation keeps the placeholders, they are filled in the family's language.
Einfache Sprache (`simple`, `apply_simple`, `intro_simple`, `joint_simple`) is German only,
and so are ids, URLs, official names (`official`: the name the family needs at the office)
and the names of contacts.

This module only reads YAML: the action server and scripts/translations.py use it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

TABLE = "content"
# Fields of the catalogue a family reads in the standard wording.
_OFFER_FIELDS = ("text", "apply")
_AGENCY_FIELDS = ("intro", "more_text")


def _load(content_dir: Path, name: str) -> Any:
    return yaml.safe_load((content_dir / f"{name}.yml").read_text(encoding="utf-8")) or {}


def _support(raw: dict[str, Any]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name, agency in (raw.get("agencies") or {}).items():
        for field in _AGENCY_FIELDS:
            if agency.get(field):
                texts[f"support.agencies.{name}.{field}"] = str(agency[field])
        for index, more in enumerate(agency.get("more") or ()):
            texts[f"support.agencies.{name}.more.{index}.title"] = str(more["title"])
    for offer in raw.get("offers") or ():
        for field in _OFFER_FIELDS:
            if offer.get(field):
                texts[f"support.offers.{offer['id']}.{field}"] = str(offer[field])
        for amount in offer.get("amounts") or ():
            texts[f"support.units.{amount['unit']}"] = str(amount["unit"])
    for index, hint in enumerate(raw.get("situation_hints") or ()):
        texts[f"support.situation_hints.{index}.text"] = str(hint["text"])
    for index, entry in enumerate(raw.get("benefit_names") or ()):
        texts[f"support.benefit_names.{index}.shown"] = str(entry["shown"])
    if raw.get("joint"):
        texts["support.joint"] = str(raw["joint"])
    for gap, text in (raw.get("not_target_group") or {}).items():
        texts[f"support.not_target_group.{gap}"] = str(text)
    return texts


def _answers(raw: dict[str, Any]) -> dict[str, str]:
    return {
        f"answers.{intent}.{index}.text": str(part["text"])
        for intent, parts in raw.items()
        for index, part in enumerate(parts or ())
        if part.get("text")
    }


def _labels(name: str, raw: dict[str, Any]) -> dict[str, str]:
    return {f"{name}.{key}": str(value) for key, value in raw.items() if value}


def _municipality(raw: dict[str, Any]) -> dict[str, str]:
    return {
        f"municipality.contacts.{contact_id}.opening_hours": str(contact["opening_hours"])
        for contact_id, contact in (raw.get("contacts") or {}).items()
        if contact.get("opening_hours")
    }


def content_sources(content_dir: Path) -> dict[str, str]:
    """Every catalogue text a family reads, keyed as above, German as written."""
    return {
        **_support(_load(content_dir, "support")),
        **_answers(_load(content_dir, "answers")),
        **_labels("topic_labels", _load(content_dir, "topic_labels")),
        **_labels("intent_labels", _load(content_dir, "intent_labels")),
        **_municipality(_load(content_dir, "municipality")),
    }


Translator = Callable[[str, str], str]


def localise_support(raw: dict[str, Any], translate: Translator) -> dict[str, Any]:
    """A copy of support.yml as written, its family texts passed through `translate(key,
    german)`; everything else (ids, amounts, Einfache Sprache) unchanged."""
    result = dict(raw)
    agencies = {}
    for name, agency in (raw.get("agencies") or {}).items():
        copy = dict(agency)
        for field in _AGENCY_FIELDS:
            if agency.get(field):
                copy[field] = translate(f"support.agencies.{name}.{field}", agency[field])
        copy["more"] = [
            {**more, "title": translate(f"support.agencies.{name}.more.{i}.title", more["title"])}
            for i, more in enumerate(agency.get("more") or ())
        ]
        agencies[name] = copy
    result["agencies"] = agencies
    offers = []
    for offer in raw.get("offers") or ():
        copy = dict(offer)
        for field in _OFFER_FIELDS:
            if offer.get(field):
                copy[field] = translate(f"support.offers.{offer['id']}.{field}", offer[field])
        copy["amounts"] = [
            {**amount, "unit": translate(f"support.units.{amount['unit']}", amount["unit"])}
            for amount in offer.get("amounts") or ()
        ]
        offers.append(copy)
    result["offers"] = offers
    result["situation_hints"] = [
        {**hint, "text": translate(f"support.situation_hints.{i}.text", hint["text"])}
        for i, hint in enumerate(raw.get("situation_hints") or ())
    ]
    result["benefit_names"] = [
        {**entry, "shown": translate(f"support.benefit_names.{i}.shown", entry["shown"])}
        for i, entry in enumerate(raw.get("benefit_names") or ())
    ]
    if raw.get("joint"):
        result["joint"] = translate("support.joint", raw["joint"])
    result["not_target_group"] = {
        gap: translate(f"support.not_target_group.{gap}", text)
        for gap, text in (raw.get("not_target_group") or {}).items()
    }
    return result


def localise_answers(raw: dict[str, Any], translate: Translator) -> dict[str, Any]:
    """answers.yml with each `text` in the family's language (`simple` stays German)."""
    return {
        intent: [
            {**part, "text": translate(f"answers.{intent}.{i}.text", part["text"])}
            if part.get("text")
            else part
            for i, part in enumerate(parts or ())
        ]
        for intent, parts in raw.items()
    }


def localise_labels(name: str, raw: dict[str, Any], translate: Translator) -> dict[str, Any]:
    """topic_labels.yml or intent_labels.yml in the family's language (None stays None)."""
    return {
        key: translate(f"{name}.{key}", value) if value else value for key, value in raw.items()
    }
