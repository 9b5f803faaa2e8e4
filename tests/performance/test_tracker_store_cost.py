"""Saving a turn costs the same in turn 5 and in turn 40, and still masks contact answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrackerStore:
    monkeypatch.setenv("FL_ACTIONS_URL", "http://127.0.0.1:9/webhook")
    monkeypatch.setenv("FL_ACTIONS_TOKEN", "entwicklung-nur-lokal-actions-token")
    monkeypatch.setenv("FL_TRACKER_DIALECT", "sqlite")
    monkeypatch.setenv("FL_TRACKER_DB", str(tmp_path / "tracker.db"))
    monkeypatch.setenv("FL_TRACKER_KEY", "0" * 43 + "=")
    config = read_endpoint_config(str(ROOT / "bot" / "endpoints.yml"), "tracker_store")
    return TrackerStore.create(config, Domain.load(str(ROOT / "bot" / "domain")))


def question_turn(n: int) -> list:
    return [
        UserUttered(f"Frage {n}", {"name": "ask_costs"}),
        ActionExecuted("action_answer_question"),
        BotUttered("Das Gespräch kostet Sie nichts."),
        ActionExecuted("action_listen"),
    ]


def statements_while_saving(store: TrackerStore, sender: str, turns: int) -> list[str]:
    """Store `turns` turns, then record the SQL of saving one more retrieved turn."""
    import asyncio

    async def run() -> list[str]:
        events = [ActionExecuted("action_listen")]
        for n in range(turns):
            events += question_turn(n)
        await store.save(DialogueStateTracker.from_events(sender, events, store.domain.slots))
        tracker = await store.retrieve(sender)
        for event in question_turn(turns):
            tracker.update(event)
        seen: list[str] = []
        engine = getattr(store, "_tracker_store", store).engine
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        sa.event.listen(engine, "before_cursor_execute", listener)
        try:
            await store.save(tracker)
        finally:
            sa.event.remove(engine, "before_cursor_execute", listener)
        return seen

    return asyncio.run(run())


def test_saving_a_retrieved_turn_does_not_count_or_reread_the_conversation(store) -> None:
    short = statements_while_saving(store, "short", 4)
    long = statements_while_saving(store, "long", 40)
    assert not [s for s in long if "SELECT" in s.upper()]
    assert len(short) == len(long) == 4  # one INSERT per new event, nothing else


def test_a_contact_answer_after_retrieving_is_still_masked(store, tmp_path) -> None:
    import asyncio

    async def run() -> None:
        events = [
            ActionExecuted("action_listen"),
            UserUttered("Termin", {"name": "book_appointment"}),
            SlotSet("requested_slot", "contact_name"),
            ActionExecuted("action_listen"),
        ]
        await store.save(DialogueStateTracker.from_events("f", events, store.domain.slots))
        tracker = await store.retrieve("f")
        tracker.update(UserUttered("Maria Muster", {"name": "inform_contact"}))
        tracker.update(SlotSet("contact_name", "Maria Muster"))
        tracker.update(BotUttered("Danke, Maria Muster."))
        await store.save(tracker)
        again = await store.retrieve("f")
        again.update(BotUttered("Name: Maria Muster"))
        await store.save(again)
        assert again.get_slot("contact_name") == "Maria Muster"

    asyncio.run(run())
    with sqlite3.connect(tmp_path / "tracker.db") as connection:
        stored = "\n".join(d for (d,) in connection.execute("SELECT data FROM events"))
    assert "Maria" not in stored
