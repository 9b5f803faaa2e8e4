"""Rasa's response generator, answering in the family's language.

Why a generator and not conditional response variations in the domain: a variation on the
slot `language` would have to repeat every response in every language inside the shared
domain files, and would compete with the Einfache-Sprache variations (Rasa picks at random
among all matching conditional variations). Here the German responses stay as they are,
Einfache Sprache included; when the slot `language` holds another configured language, the
chosen response's text and button titles are replaced by the translation of the German
default text (data/i18n/<code>/responses.yml), before the slots are filled in; the local
slot values (contacts, the benefit's name) come in that language from
data/i18n/municipality_slots.yml. A missing or out-of-date translation falls back to German
(and fails tests/i18n).

The first translated message of a conversation carries `utter_translation_notice`: the
translation is not reviewed yet, the German text is binding and can be shown at any time.

Registered in bot/endpoints.yml as `nlg: type: bot.translating_nlg.TranslatingNLG`.
"""

from __future__ import annotations

import copy
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from runtime.translations import SOURCE_LANGUAGE, family_language, lookup, municipality_slots

NOTICE = "utter_translation_notice"


def german_default(variations: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The variation without condition: the one every translation translates."""
    for variation in variations:
        if not variation.get("condition"):
            return variation
    return variations[0] if variations else None


def written_in_language(variation: dict[str, Any]) -> bool:
    """True for a variation the domain writes for one language (a condition on `language`).

    "Können wir Englisch sprechen?" is confirmed by the English variation of
    utter_language_changed; translating the German default instead said "I am now writing
    in German".
    """
    return any(
        condition.get("type") == "slot" and condition.get("name") == "language"
        for condition in variation.get("condition") or []
    )


def translated(
    name: str, chosen: dict[str, Any], variations: list[dict[str, Any]], code: str
) -> dict[str, Any]:
    """A copy of the chosen variation with text and button titles in language `code`."""
    default = german_default(variations)
    if default is None:
        return chosen
    result = copy.deepcopy(chosen)
    text = lookup("responses", name, str(default.get("text") or ""), code)
    if text is not None:
        result["text"] = text
    german_buttons = default.get("buttons") or []
    for index, button in enumerate(result.get("buttons") or []):
        if index < len(german_buttons):
            title = lookup(
                "responses", f"{name}#button{index + 1}", german_buttons[index]["title"], code
            )
            if title is not None:
                button["title"] = title
    return result


class TranslatingNLG(TemplatedNaturalLanguageGenerator):
    """The domain's responses, translated into the conversation's language."""

    def __init__(
        self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None
    ) -> None:
        super().__init__((domain or Domain.empty()).responses)

    def _random_response_for(
        self, utter_action: str, output_channel: str, filled_slots: dict[str, Any]
    ) -> dict[str, Any] | None:
        chosen = super()._random_response_for(utter_action, output_channel, filled_slots)
        code = family_language(filled_slots)
        if chosen is None or code == SOURCE_LANGUAGE or written_in_language(chosen):
            return chosen
        return translated(utter_action, chosen, self.responses.get(utter_action, []), code)

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """The response; the first translated one also says that German is binding."""
        slots = tracker.current_slot_values()
        code = family_language(slots)
        if code != SOURCE_LANGUAGE:
            # "Telefon", "(früher Bürgergeld)" … of the local contact lines in this language.
            slots = {**slots, **municipality_slots(code)}
        response = self.generate_from_slots(utter_action, slots, output_channel, **kwargs)
        if response and slots.get("language"):
            # The widget follows the conversation's language (a typed "Können wir Englisch
            # sprechen?" or a recognised language), so its own texts and later messages agree.
            response["language"] = code
        if not response or code == SOURCE_LANGUAGE or utter_action == NOTICE:
            return response
        notice = self.generate_from_slots(NOTICE, slots, output_channel, **kwargs)
        if notice and notice.get("text") and response.get("text"):
            shown = any(
                isinstance(event, BotUttered) and notice["text"] in (event.text or "")
                for event in tracker.events
            )
            if not shown:
                response["text"] = f"{response['text']}\n\n{notice['text']}"
        return response
