"""Ask "Meinten Sie …?" with buttons when the assistant is unsure what was meant."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import content
from actions.common import review_inbox
from runtime.translations import family_language, tr

MAX_SUGGESTIONS = 2


def suggestions(tracker: Tracker) -> list[str]:
    """The likeliest intents that have a plain-German name, best first.

    Intents labelled `null` in intent_labels.yml are never offered (e.g. "ja", "danke").
    """
    labels = content.intent_labels()
    ranking = tracker.latest_message.get("intent_ranking") or []
    names = [entry.get("name") for entry in ranking]
    return [name for name in names if labels.get(name)][:MAX_SUGGESTIONS]


class ActionDefaultAskAffirmation(Action):
    """Replace Rasa's English "Did you mean …?" with German buttons."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = family_language(tracker)
        labels = content.intent_labels(language)
        buttons = [{"title": labels[name], "payload": f"/{name}"} for name in suggestions(tracker)]
        # Rasa's two-stage fallback treats out_of_scope as "none of these".
        buttons.append({"title": tr("Nichts davon", language), "payload": "/out_of_scope"})
        dispatcher.utter_message(
            text=tr("Ich bin nicht sicher. Meinten Sie das?", language), buttons=buttons
        )
        review_inbox.report_unsure(tracker, self.name())
        return []


class ActionDefaultAskRephrase(Action):
    """Rasa's "bitte anders sagen" after "Nichts davon"; the rejected message goes to review."""

    def name(self) -> str:
        return "action_default_ask_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_ask_rephrase")
        review_inbox.report_rejected_suggestion(tracker, "utter_ask_rephrase")
        return []
