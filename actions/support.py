"""The explanation: what the Jugendamt and the Jobcenter can do for this family."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import content
from actions.common import slots
from actions.common.buttons import yes_no
from actions.common.offer_texts import (
    agency_message,
    family_offers,
    more_buttons,
    not_target_group_message,
    wants_simple,
)
from actions.common.tracker import child_ages, target_group_gap
from actions.common.wishes import BOOKING_WISH, booking_wish_pending, wish_kept
from runtime.translations import SOURCE_LANGUAGE, family_language, tr

# The family's rating of the explanation is counted under this id in the review inbox.
OVERVIEW_ANSWER_ID = "erklaerung/ueberblick"


class ActionExplainSupport(Action):
    """One short message per agency with the most important offers for this family (the
    rest behind "Mehr dazu" buttons), then offer a date."""

    def name(self) -> str:
        return "action_explain_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        ages = child_ages(tracker)
        receives_sgb2 = tracker.get_slot(slots.RECEIVES_SGB2)
        gap = target_group_gap(ages, receives_sgb2)
        language = family_language(tracker)
        if gap:
            dispatcher.utter_message(text=not_target_group_message(gap, language))
            dispatcher.utter_message(response="utter_more_questions")
            return [SlotSet(BOOKING_WISH, False)]
        # Einfache Sprache is written in German only.
        simple = wants_simple(tracker) and language == SOURCE_LANGUAGE
        situation = list(tracker.get_slot(slots.SITUATION) or [])
        # Situation-bound offers (Mehrbedarf, Unterhaltsvorschuss) only when the family
        # told us the situation: this is an overview of what applies, not a list of maybes.
        offers = family_offers(ages, situation, receives_sgb2, strict=True, language=language)
        catalogue = content.support(language)
        messages = [
            (name, agency_message(name, offers, simple, more_text=False, language=language))
            for name in catalogue["agencies"]  # in the order of the catalogue
        ]
        shown = [(name, message) for name, message in messages if message]
        for number, (name, message) in enumerate(shown, start=1):
            # The overview is rated once, under its last part („War das hilfreich?“,
            # connectors/answer_feedback.py), not under each agency.
            rated = {"answer_id": OVERVIEW_ANSWER_ID} if number == len(shown) else {}
            dispatcher.utter_message(text=message, buttons=more_buttons(name, language), **rated)
        joint = catalogue["joint_simple"] if simple else catalogue["joint"]
        if booking_wish_pending(tracker):
            # The family asked for the appointment already: a rule goes on to the booking
            # (data/rules/wishes.yml) instead of asking again.
            dispatcher.utter_message(text=f"{joint}\n\n{wish_kept(language)}")
            return [SlotSet(BOOKING_WISH, True)]
        dispatcher.utter_message(
            text=f"{joint}\n\n{tr('Möchten Sie einen gemeinsamen Termin?', language)}",
            # The wish itself, not a bare "yes": the button still books when the family
            # clicks it after asking other questions first.
            buttons=yes_no(
                tr("Ja, Termin buchen", language),
                tr("Nein, danke", language),
                yes_payload="/book_appointment",
            ),
        )
        return [SlotSet(BOOKING_WISH, False)]
