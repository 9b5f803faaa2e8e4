"""Explain what the Jugendamt and the Jobcenter can do for this family."""

from __future__ import annotations

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
    """One bullet of an agency's offers."""
    return with_stand(f"• {offer.wording(simple)}", offer.stand)


def agency_message(agency: dict[str, Any], ages: list[int], simple: bool = False) -> str | None:
    """The intro and the offers of one agency that fit the children's ages."""
    lines = [offer_line(offer, simple) for offer in agency["offers"] if offer.applies_to(ages)]
    if not lines:
        return None
    intro = agency.get("intro_simple") if simple else None
    return "\n".join([intro or agency["intro"], *lines])


def more_buttons(agency: dict[str, Any]) -> list[dict[str, str]]:
    """ "Mehr dazu" buttons that ask the agency's detailed questions."""
    return [{"title": m["title"], "payload": f"/{m['intent']}"} for m in agency.get("more", [])]


def wants_simple(tracker: Tracker) -> bool:
    """True after the family asked for simpler words (Einfache Sprache)."""
    return bool(tracker.get_slot(slots.SIMPLE_LANGUAGE))


def not_target_group_message(gap: str) -> str:
    """Why the joint consultation does not fit, and who helps instead."""
    return f"{content.support()['not_target_group'][gap]}\n\n{contact_line()}"


def contact_line() -> str:
    """The Familienbüro as the contact for everyone."""
    office = content.municipality()["familienbuero"]
    return f"{office['name']}: Telefon {office['phone']}"


class ActionExplainSupport(Action):
    """Give two or three short messages tailored to ages and situation, then offer a date."""

    def name(self) -> str:
        return "action_explain_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        catalogue = content.support()
        ages = child_ages(tracker)
        gap = target_group_gap(ages, tracker.get_slot(slots.RECEIVES_SGB2))
        if gap:
            dispatcher.utter_message(text=not_target_group_message(gap))
            dispatcher.utter_message(response="utter_more_questions")
            return []
        simple = wants_simple(tracker)
        for name in ("jugendamt", "jobcenter"):
            agency = catalogue["agencies"][name]
            message = agency_message(agency, ages, simple)
            if message:
                dispatcher.utter_message(text=message, buttons=more_buttons(agency))
        joint = catalogue["joint_simple"] if simple else catalogue["joint"]
        dispatcher.utter_message(
            text=f"{joint}\n\nMöchten Sie einen gemeinsamen Termin?",
            buttons=[
                {"title": "Ja, Termin buchen", "payload": "/affirm"},
                {"title": "Nein, danke", "payload": "/deny"},
            ],
        )
        return []
