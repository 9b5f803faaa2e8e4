"""Explain what the Jugendamt, the Jobcenter and the Familienkasse can do for this family."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from babel.dates import format_date
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import content, slots
from actions.content import Offer
from actions.family import child_ages, target_group_gap
from actions.settings import get_settings


def with_stand(text: str, stand: date | None) -> str:
    """Append the date amounts and rules were checked, e.g. "(Stand: Januar 2026)"."""
    if not stand:
        return text
    return f"{text} (Stand: {format_date(stand, 'MMMM y', locale=get_settings().locale)})"


def offer_line(offer: Offer, simple: bool = False) -> str:
    """One bullet of an agency's offers, with its "Stand" when it has amounts or rules."""
    return with_stand(f"• {offer.wording(simple)}", offer.stand)


def offer_details(offers: Iterable[Offer], simple: bool = False) -> str | None:
    """The "Mehr dazu" form: each offer with how to get it, then whom to ask."""
    offers = list(offers)
    if not offers:
        return None
    lines = []
    for offer in offers:
        lines.append(offer_line(offer, simple))
        lines.append(f"  So geht es: {offer.apply}")
    contacts = list(dict.fromkeys(content.contact_text(offer.kontakt) for offer in offers))
    lines.append(("Kontakt: " if len(contacts) == 1 else "Kontakte: ") + "; ".join(contacts))
    return "\n".join(lines)


def family_offers(
    ages: list[int],
    situation: list[str] | None,
    receives_sgb2: bool | None,
    strict: bool = True,
    overview_only: bool = True,
) -> list[Offer]:
    """The catalogue's offers for this family (children's ages, situation, SGB II)."""
    return [
        offer
        for offer in content.offers()
        if (offer.overview or not overview_only)
        and offer.applies(ages, situation, receives_sgb2, strict=strict)
    ]


def agency_message(agency_name: str, offers: list[Offer], simple: bool = False) -> str | None:
    """The intro and the bullets of one agency's offers among `offers`."""
    lines = [offer_line(offer, simple) for offer in offers if offer.agency == agency_name]
    if not lines:
        return None
    agency = content.support()["agencies"][agency_name]
    intro = agency.get("intro_simple") if simple else None
    return "\n".join([intro or agency["intro"], *lines])


def more_buttons(agency_name: str) -> list[dict[str, str]]:
    """ "Mehr dazu" buttons that ask the agency's detailed questions."""
    agency = content.support()["agencies"][agency_name]
    return [{"title": m["title"], "payload": f"/{m['intent']}"} for m in agency.get("more", [])]


def wants_simple(tracker: Tracker) -> bool:
    """True after the family asked for simpler words (Einfache Sprache)."""
    return bool(tracker.get_slot(slots.SIMPLE_LANGUAGE))


def not_target_group_message(gap: str) -> str:
    """Why the joint consultation does not fit, and who helps instead."""
    return f"{content.support()['not_target_group'][gap]}\n\n{contact_line()}"


def contact_line() -> str:
    """The Familienbüro as the contact for everyone."""
    return content.contact_text("familienbuero")


class ActionExplainSupport(Action):
    """One short message per agency with the offers for this family, then offer a date."""

    def name(self) -> str:
        return "action_explain_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        ages = child_ages(tracker)
        receives_sgb2 = tracker.get_slot(slots.RECEIVES_SGB2)
        gap = target_group_gap(ages, receives_sgb2)
        if gap:
            dispatcher.utter_message(text=not_target_group_message(gap))
            dispatcher.utter_message(response="utter_more_questions")
            return []
        simple = wants_simple(tracker)
        situation = list(tracker.get_slot(slots.SITUATION) or [])
        # Situation-bound offers (Mehrbedarf, Unterhaltsvorschuss) only when the family
        # told us the situation: this is an overview of what applies, not a list of maybes.
        offers = family_offers(ages, situation, receives_sgb2, strict=True)
        catalogue = content.support()
        for name in catalogue["agencies"]:  # in the order of the catalogue
            message = agency_message(name, offers, simple)
            if message:
                dispatcher.utter_message(text=message, buttons=more_buttons(name))
        joint = catalogue["joint_simple"] if simple else catalogue["joint"]
        dispatcher.utter_message(
            text=f"{joint}\n\nMöchten Sie einen gemeinsamen Termin?",
            buttons=[
                {"title": "Ja, Termin buchen", "payload": "/affirm"},
                {"title": "Nein, danke", "payload": "/deny"},
            ],
        )
        return []
