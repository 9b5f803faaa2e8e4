"""The German "Meinten Sie …?" question offers the likeliest intents as buttons."""

from __future__ import annotations

from actions.fallback import ActionDefaultAskAffirmation


async def test_offers_two_likeliest_named_intents(tracker_factory, dispatcher):
    tracker = tracker_factory({}, text="was kostet der spass", intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_costs", "confidence": 0.4},
        {"name": "thank", "confidence": 0.3},
        {"name": "ask_location", "confidence": 0.2},
        {"name": "book_appointment", "confidence": 0.1},
    ]
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})

    [message] = dispatcher.messages
    assert message["text"] == "Ich bin nicht sicher. Meinten Sie das?"
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("Was kostet das?", "/ask_costs"),
        ("Wo findet das Gespräch statt?", "/ask_location"),
        ("Nichts davon", "/out_of_scope"),
    ]


async def test_without_ranking_only_offers_none_of_these(tracker_factory, dispatcher):
    tracker = tracker_factory({}, text="???", intent="nlu_fallback")
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/out_of_scope"]
