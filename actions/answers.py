"""Answer the families' questions from data/content/answers.yml, fitted to the family."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import content
from actions.common import slots
from actions.common.exact_answers import exact_answer
from actions.common.needs import noted_needs
from actions.common.offer_texts import (
    agency_message,
    family_offers,
    offer_details,
    wants_simple,
    with_stand,
)
from actions.common.tracker import TARGET_AGES, child_ages, latest_intent
from runtime.translations import SOURCE_LANGUAGE, family_language, tr


def _fits(when: dict[str, Any], ages: list[int], situation: list[str], sgb2: bool | None) -> bool:
    """True when the family fits `when`, or has not told us what `when` asks about."""
    age_range = when.get("ages")
    if age_range and ages and not any(age_range["min"] <= a <= age_range["max"] for a in ages):
        return False
    wanted = when.get("situation")
    if wanted and situation and not set(wanted) & set(situation):
        return False
    return not ("receives_sgb2" in when and sgb2 is not None and when["receives_sgb2"] != sgb2)


def _known_only(when: dict[str, Any], sgb2: bool | None) -> bool:
    # A statement about this family ("passt zu Ihrer Familie") needs the facts it is about.
    return "receives_sgb2" in when and sgb2 is None


def _catalogue_part(
    part: dict[str, Any],
    ages: list[int],
    situation: list[str],
    sgb2: bool | None,
    simple: bool,
    language: str = SOURCE_LANGUAGE,
) -> str | None:
    """An answer taken from the catalogue: one agency's overview (`catalogue: <agency>`)
    or the details of named offers (`offers: [<id>, …]`) that can apply to the family."""
    # Without ages the answer covers the target group; an unknown situation does not
    # hide an offer (its text says when it applies).
    fitting = family_offers(
        ages or list(TARGET_AGES),
        situation,
        sgb2,
        strict=False,
        overview_only=False,
        language=language,
    )
    if "catalogue" in part:
        overview = [offer for offer in fitting if offer.overview]
        return agency_message(part["catalogue"], overview, simple, language=language)
    wanted = {offer.id: offer for offer in fitting if offer.id in part["offers"]}
    return offer_details([wanted[i] for i in part["offers"] if i in wanted], simple, language)


def answer_parts(intent: str, tracker: Tracker) -> list[str]:
    """The paragraphs that answer `intent` for the family in this conversation."""
    ages = child_ages(tracker)
    situation = list(tracker.get_slot(slots.SITUATION) or [])
    sgb2 = tracker.get_slot(slots.RECEIVES_SGB2)
    language = family_language(tracker)
    # Einfache Sprache is written in German only.
    simple = (wants_simple(tracker) or intent == "simpler_language") and (
        language == SOURCE_LANGUAGE
    )
    parts = []
    for part in content.answers(language).get(intent, []):
        when = part.get("when", {})
        if not _fits(when, ages, situation, sgb2) or _known_only(when, sgb2):
            continue
        if "catalogue" in part or "offers" in part:
            message = _catalogue_part(part, ages, situation, sgb2, simple, language)
            if message:
                parts.append(message)
        else:
            text = part["simple"] if simple and part.get("simple") else part["text"]
            parts.append(with_stand(text, part.get("stand"), language))
    return parts


class ActionAnswerQuestion(Action):
    """Answer any question intent; a form that was running asks its question again."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        intent = latest_intent(tracker) or ""
        needs = noted_needs(tracker, intent)
        # A question about one named offer, or "Was gibt es für uns?": that answer first.
        exact = None if intent == "simpler_language" else exact_answer(intent, tracker)
        language = family_language(tracker)
        if exact:
            for number, reply in enumerate(exact, start=1):
                # The last reply may be rated („War das hilfreich?“, connectors/answer_feedback.py).
                rated = {"answer_id": f"antwort/{intent}"} if number == len(exact) else {}
                dispatcher.utter_message(text=reply.text, buttons=reply.buttons, **rated)
            return needs
        parts = answer_parts(intent, tracker)
        if not parts:
            dispatcher.utter_message(response="utter_default")
            return needs
        dispatcher.utter_message(text="\n\n".join(parts), answer_id=f"antwort/{intent}")
        if needs and tracker.active_loop_name == "booking_form":
            dispatcher.utter_message(text=tr("Das habe ich für Ihren Termin notiert.", language))
        # From now on the whole conversation uses Einfache Sprache where it is written.
        simple = [SlotSet(slots.SIMPLE_LANGUAGE, True)] if intent == "simpler_language" else []
        return needs + simple
