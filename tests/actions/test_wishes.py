"""A wish the family stated is kept: to book, or that it cannot come."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rasa_sdk.events import SlotSet

from actions.common.wishes import cannot_come_only, states_booking_wish, wish_pending
from actions.support import ActionExplainSupport
from tests.actions.conftest import texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    ["Ich möchte einen gemeinsamen Termin", "ja, und dann gern einen Termin",
     "Hallo, wir möchten einen Termin", "Termin bitte", "Wir brauchen einen Beratungstermin"],
)  # fmt: skip
def test_booking_wishes(text: str) -> None:
    assert states_booking_wish(text)


@pytest.mark.parametrize(
    "text",
    ["Was kostet der Termin?", "Ich möchte keinen Termin", "Ich möchte den Termin absagen",
     "4 und 7", "ja", "Ich will wissen, was es gibt"],
)  # fmt: skip
def test_no_booking_wish(text: str) -> None:
    assert not states_booking_wish(text)


@pytest.mark.parametrize(
    ("text", "open_choice"),
    [("Ich kann morgen nicht kommen", True), ("Wir schaffen es am Dienstag nicht", True),
     ("Ich kann morgen nicht, bitte absagen", False),
     ("Ich kann morgen nicht, geht ein anderer Tag?", False)],
)  # fmt: skip
def test_cannot_come_leaves_the_choice_to_the_family(text: str, open_choice: bool) -> None:
    assert cannot_come_only(text) is open_choice


def said(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def test_a_wish_is_open_until_a_booking_starts_or_the_family_says_no() -> None:
    wish = said("Hallo, wir möchten einen Termin", "greet")
    assert wish_pending([wish, said("4 und 7", "inform_child_age")])
    assert not wish_pending([wish, {"event": "active_loop", "name": "booking_form"}])
    assert not wish_pending([wish, said("nein", "deny")])
    assert not wish_pending([said("Hallo", "greet"), said("4 und 7", "inform_child_age")])
    # A callback time the classifier read as a wish to book leaves no wish open.
    time = said("am liebsten vormittags", "book_appointment")
    taken = {"event": "slot", "name": "callback_time", "value": "am liebsten vormittags"}
    assert not wish_pending([time, taken])


async def test_the_explanation_goes_on_to_the_booking_after_a_wish(
    tracker_factory, dispatcher
) -> None:
    tracker = tracker_factory({"child_ages": [4, 7], "receives_sgb2": True}, text="ja")
    tracker.events = [said("ja, und dann gern einen Termin", "affirm")]
    events = await ActionExplainSupport().run(dispatcher, tracker, {})
    assert events == [SlotSet("booking_wish", True)]
    shown = "\n".join(texts(dispatcher))
    assert "Möchten Sie einen gemeinsamen Termin?" not in shown
    assert "Sie möchten einen gemeinsamen Termin" in shown


async def test_without_a_wish_the_explanation_asks(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory({"child_ages": [4, 7], "receives_sgb2": True}, text="ja")
    events = await ActionExplainSupport().run(dispatcher, tracker, {})
    assert events == [SlotSet("booking_wish", False)]
    assert "Möchten Sie einen gemeinsamen Termin?" in texts(dispatcher)[-1]


def test_generated_stories_are_up_to_date() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import wish_stories
    finally:
        sys.path.pop(0)
    committed = (ROOT / "tests" / "conversations" / "test_wish_stories.yml").read_text("utf-8")
    assert committed == wish_stories.stories(), "python3 scripts/wish_stories.py ausführen"
