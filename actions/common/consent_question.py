"""The consent question of a booking, a callback or the waitlist, in the family's language."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import content
from actions.common.buttons import yes_no
from actions.common.offer_texts import wants_simple
from runtime.translations import SOURCE_LANGUAGE, family_language


def ask_consent(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    consent: content.Consent,
    *,
    addendum: str = "",
    more_buttons: list[dict[str, str]] | None = None,
) -> None:
    """Show the consent text with its own Yes and No buttons.

    In another language the binding German text comes first, then the translation.
    `addendum` follows the text (a link to the privacy page); `more_buttons` follow Yes/No.
    """
    language = family_language(tracker)
    if language != SOURCE_LANGUAGE:
        dispatcher.utter_message(text=content.german_original(consent, language))
    wording = content.consent_wording(consent, language, wants_simple(tracker))
    buttons = yes_no(
        content.consent_label(consent, "yes_label", language),
        content.consent_label(consent, "no_label", language),
    )
    dispatcher.utter_message(text=wording + addendum, buttons=buttons + (more_buttons or []))
