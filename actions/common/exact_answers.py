"""Answers to the exact question: one named offer (`benefit`), or the overview again.

"Wie hoch ist der Unterhaltsvorschuss?" leads with that offer: its amount for the
children's ages, "Stand", source, "So geht es" and contact. "Was gibt es für uns?" shows
the overview for the family again, from what the family has told so far. The offers are
rendered by the same functions as the explanation (actions/common/offer_texts.py), so names, dates
and Einfache Sprache look the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from babel.numbers import format_decimal
from rasa_sdk import Tracker

from actions import content
from actions.common import slots
from actions.common.offer_texts import (
    agency_message,
    contact_of,
    family_offers,
    how_to_line,
    more_buttons,
    not_target_group_message,
    offer_line,
    wants_simple,
    with_stand,
)
from actions.common.tracker import TARGET_AGES, child_ages, entity_values, target_group_gap
from actions.content import Amount, Offer
from actions.settings import get_settings
from runtime.translations import SOURCE_LANGUAGE, babel_locale, family_language, tr

OVERVIEW = "ask_overview"
# Questions where a named offer is not what is asked about ("Wer sieht meine Daten zum
# Kindergeld?" is about data protection).
_NOT_ABOUT_OFFERS = frozenset({"ask_data_protection", "ask_interpreter", "ask_location"})
# "0 bis 5 Jahre", "Regelbedarfsstufe 5, 6 bis 13 Jahre", "bis 5 Jahre".
_AGE_RANGE = re.compile(r"(?:(\d+) )?bis (\d+) Jahre")


@dataclass(frozen=True)
class Reply:
    """One message of an answer, with its buttons."""

    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def benefit_groups() -> dict[str, list[str]]:
    """Group names families use ("Bildung und Teilhabe") and the offer ids they cover."""
    path = get_settings().content_dir / "benefit_groups.yml"
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return {name: list(group["offers"]) for name, group in raw.items()}


def offers_for(benefit: str, language: str = SOURCE_LANGUAGE) -> list[Offer]:
    """The catalogue's offers a `benefit` value names (one offer, or a group)."""
    ids = benefit_groups().get(benefit, [benefit])
    by_id = {offer.id: offer for offer in content.offers(language)}
    return [by_id[offer_id] for offer_id in ids if offer_id in by_id]


def asked_benefits(tracker: Tracker) -> list[str]:
    """The `benefit` values of the latest message, each once, in the order written."""
    values: list[str] = []
    for value in entity_values(tracker, "benefit"):
        if isinstance(value, str) and value not in values:
            values.append(value)
    return values


def age_range(amount: Amount) -> tuple[int, int] | None:
    """The children's ages an amount is for, read from its label, or None."""
    match = _AGE_RANGE.search(amount.label or "")
    if not match:
        return None
    return int(match.group(1) or 0), int(match.group(2))


def money(amount: Amount, language: str = SOURCE_LANGUAGE) -> str:
    """ "227 € im Monat", "202,68 € im Monat" (the unit comes translated with the offer)."""
    locale = get_settings().locale if language == SOURCE_LANGUAGE else babel_locale(language)
    value = format_decimal(amount.value, locale=locale)
    return f"{value} {amount.unit}"


def amounts_for_ages(offer: Offer, ages: list[int], language: str = SOURCE_LANGUAGE) -> list[str]:
    """One line per child age with the amount for that age, where the amount depends on it."""
    lines = []
    for age in sorted(set(ages)):
        fitting = [a for a in offer.amounts if (r := age_range(a)) and r[0] <= age <= r[1]]
        if fitting:
            line = (
                tr("Für ein Kind mit {age} Jahr: {money}", language)
                if age == 1
                else tr("Für ein Kind mit {age} Jahren: {money}", language)
            )
            text = line.format(age=age, money=money(fitting[0], language))
            lines.append(with_stand(text, offer.stand, language))
    return lines


def sources(offers: list[Offer]) -> list[str]:
    """The sources of the offers' amounts, else of their rules, each once."""
    found: list[str] = []
    for offer in offers:
        for source in [a.source for a in offer.amounts] or [r.source for r in offer.rules]:
            if source not in found:
                found.append(source)
    return found


def fit_note(
    offer: Offer, ages: list[int], receives_sgb2: bool | None, language: str = SOURCE_LANGUAGE
) -> str | None:
    """Why the offer may not fit this family, as far as the family told us."""
    if offer.sgb2 and receives_sgb2 is False:
        return tr("Das gibt es nur für Familien, die Bürgergeld bekommen.", language)
    if ages and not offer.fits_age(ages):
        if offer.stage == "school":
            note = tr(
                "Nach Ihren Angaben passt das für Ihre Kinder nicht: Es ist für Kinder von "
                "{low} bis {high} Jahren, die zur Schule gehen.",
                language,
            )
        elif offer.stage == "kita":
            note = tr(
                "Nach Ihren Angaben passt das für Ihre Kinder nicht: Es ist für Kinder von "
                "{low} bis {high} Jahren, die noch nicht zur Schule gehen.",
                language,
            )
        else:
            note = tr(
                "Nach Ihren Angaben passt das für Ihre Kinder nicht: Es ist für Kinder von "
                "{low} bis {high} Jahren.",
                language,
            )
        return note.format(low=offer.min_age, high=offer.max_age)
    return None


def _ages_asked(tracker: Tracker) -> list[int]:
    """Ages named in the question ("für meinen Sechsjährigen"), else the family's."""
    named = []
    for value in entity_values(tracker, "child_age"):
        try:
            named.append(int(value))
        except (TypeError, ValueError):
            continue
    return named or child_ages(tracker)


def benefit_reply(benefit: str, tracker: Tracker) -> Reply | None:
    """The answer that leads with one named offer (or the parts of a named group)."""
    language = family_language(tracker)
    offers = offers_for(benefit, language)
    if not offers:
        return None
    # Einfache Sprache is written in German only.
    simple = wants_simple(tracker) and language == SOURCE_LANGUAGE
    ages = _ages_asked(tracker)
    sgb2 = tracker.get_slot(slots.RECEIVES_SGB2)
    if len(offers) > 1:
        # A group: the parts that can apply to the family (all of them if none does).
        fitting = [o for o in offers if o.applies(ages, None, sgb2)] or offers
        lines = [offer_line(offer, simple, language=language) for offer in fitting]
    else:
        fitting = offers
        lines = [
            offer_line(offers[0], simple, language=language),
            *amounts_for_ages(offers[0], ages, language),
        ]
        note = fit_note(offers[0], ages, sgb2, language)
        if note:
            lines.append(note)
    found = sources(fitting)
    if found:
        lines.append(tr("Quelle: {sources}", language).format(sources=", ".join(found)))
    first = fitting[0]
    lines.append(how_to_line(first.apply, language))
    lines.append(contact_of(first.kontakt, language))
    return Reply("\n".join(lines))


def overview_replies(tracker: Tracker) -> list[Reply]:
    """The explanation's overview again, for what the family has told so far."""
    ages = child_ages(tracker)
    sgb2 = tracker.get_slot(slots.RECEIVES_SGB2)
    gap = target_group_gap(ages, sgb2)
    language = family_language(tracker)
    if gap:
        return [Reply(not_target_group_message(gap, language))]
    simple = wants_simple(tracker) and language == SOURCE_LANGUAGE
    situation = list(tracker.get_slot(slots.SITUATION) or [])
    offers = family_offers(
        ages or list(TARGET_AGES), situation, sgb2, strict=True, language=language
    )
    replies = []
    if not ages:
        replies.append(
            Reply(
                tr(
                    "Das gibt es für Familien mit Kindern von 3 bis 8 Jahren. Wenn Sie mir "
                    "sagen, wie alt Ihre Kinder sind, passe ich es an Ihre Familie an.",
                    language,
                )
            )
        )
    for name in content.support(language)["agencies"]:
        message = agency_message(name, offers, simple, more_text=False, language=language)
        if message:
            replies.append(Reply(message, more_buttons(name, language)))
    return replies


def exact_answer(intent: str, tracker: Tracker) -> list[Reply] | None:
    """The answer to a question about a named offer or to a broad question, else None."""
    if intent == OVERVIEW:
        return overview_replies(tracker)
    if intent in _NOT_ABOUT_OFFERS:
        return None
    replies = [r for b in asked_benefits(tracker) if (r := benefit_reply(b, tracker))]
    return replies or None


def as_messages(replies: list[Reply]) -> list[dict[str, Any]]:
    """Keyword arguments for `dispatcher.utter_message`, one per reply."""
    return [{"text": r.text, "buttons": r.buttons} for r in replies]
