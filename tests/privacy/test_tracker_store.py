"""Contact data never reaches the conversation store in readable form."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import read_endpoint_config

from bot.privacy.redaction import MASKED_TEXT, mask_contact_patterns
from bot.privacy.tracker_store import RedactingSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture
def store(tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch) -> TrackerStore:
    monkeypatch.setenv("FL_ACTIONS_URL", "http://127.0.0.1:9/webhook")
    monkeypatch.setenv("FL_ACTIONS_TOKEN", "entwicklung-nur-lokal-actions-token")
    monkeypatch.setenv("FL_TRACKER_DIALECT", "sqlite")
    monkeypatch.setenv("FL_TRACKER_DB", str(tmp_path / "tracker.db"))
    monkeypatch.setenv("FL_TRACKER_KEY", "0" * 43 + "=")
    config = read_endpoint_config(str(ROOT / "bot" / "endpoints.yml"), "tracker_store")
    return TrackerStore.create(config, domain)


def rows(store_path: str) -> str:
    with sqlite3.connect(store_path) as connection:
        return "\n".join(data for (data,) in connection.execute("SELECT data FROM events"))


def booking_events() -> list:
    return [
        ActionExecuted("action_listen"),
        UserUttered("4 und 7", {"name": "inform_child_age"}),
        SlotSet("requested_slot", "contact_name"),
        ActionExecuted("action_listen"),
        UserUttered("Maria Muster", {"name": "inform_contact"}),
        SlotSet("contact_name", "Maria Muster"),
        SlotSet("requested_slot", "contact_phone"),
        ActionExecuted("action_listen"),
        UserUttered("0171 2345678", {"name": "inform_contact"}),
        SlotSet("contact_phone", "0171 2345678"),
        ActionExecuted("action_listen"),
        UserUttered("meine Mail ist maria@example.de", {"name": "inform_contact"}),
        BotUttered("Bitte prüfen Sie:\nName: Maria Muster\nSo erreichen wir Sie: 0171 2345678"),
    ]


async def test_endpoints_yml_loads_the_redacting_store(store: TrackerStore) -> None:
    # Rasa falls back to an in-memory store without a word if the class cannot be imported.
    assert isinstance(getattr(store, "_tracker_store", store), RedactingSQLTrackerStore)


async def test_contact_data_is_masked_and_encrypted(store, tmp_path) -> None:
    tracker = DialogueStateTracker.from_events("family-1", booking_events(), store.domain.slots)
    await store.save(tracker)

    stored = rows(str(tmp_path / "tracker.db"))
    for secret in ("Maria Muster", "0171 2345678", "2345678", "maria@example.de"):
        assert secret not in stored
    assert json.dumps(MASKED_TEXT)[1:-1] in stored  # stored as JSON with \\u escapes
    assert "4 und 7" in stored  # ages are not contact data and stay readable


async def test_form_can_read_contact_slots_back(store) -> None:
    tracker = DialogueStateTracker.from_events("family-2", booking_events(), store.domain.slots)
    await store.save(tracker)

    loaded = await store.retrieve("family-2")
    assert loaded.get_slot("contact_name") == "Maria Muster"
    assert loaded.get_slot("contact_phone") == "0171 2345678"


async def test_saving_twice_adds_only_new_events_masked(store, tmp_path) -> None:
    tracker = DialogueStateTracker.from_events("family-3", booking_events()[:4], store.domain.slots)
    await store.save(tracker)
    loaded = await store.retrieve("family-3")
    loaded.update(UserUttered("Olga Petrowa", {"name": "inform_contact"}))
    loaded.update(SlotSet("contact_name", "Olga Petrowa"))
    await store.save(loaded)

    assert "Olga" not in rows(str(tmp_path / "tracker.db"))
    assert len((await store.retrieve("family-3")).events) == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Ruf mich an: 0171 2345678", "Ruf mich an: [Telefon]", id="phone"),
        pytest.param("a.b@example.de schreiben", "[E-Mail] schreiben", id="mail"),
        pytest.param("Kinder 4 und 7", "Kinder 4 und 7", id="ages-stay"),
        pytest.param("am 8.12. um 10", "am 8.12. um 10", id="date-stays"),
    ],
)
def test_mask_contact_patterns(text: str, expected: str) -> None:
    assert mask_contact_patterns(text) == expected


async def test_delete_erases_one_conversation(store, tmp_path) -> None:
    for sender in ("family-4", "family-5"):
        tracker = DialogueStateTracker.from_events(sender, booking_events(), store.domain.slots)
        await store.save(tracker)

    assert await store.delete("family-4") == len(booking_events())
    assert await store.retrieve("family-4") is None
    assert await store.retrieve("family-5") is not None


async def test_cleared_contact_slots_stay_unreadable(store) -> None:
    events = [
        *booking_events(),
        SlotSet("contact_name", None),
        SlotSet("contact_phone", None),
        SlotSet("booking_reference", "FL-ABCD-EFGH"),
    ]
    tracker = DialogueStateTracker.from_events("family-6", events, store.domain.slots)
    await store.save(tracker)

    loaded = await store.retrieve("family-6")
    dumped = json.dumps(loaded.current_state(EventVerbosity.ALL), ensure_ascii=False)
    assert "Maria Muster" not in dumped and "0171 2345678" not in dumped
    assert loaded.get_slot("booking_reference") == "FL-ABCD-EFGH"


async def test_inactive_conversations_expire(store) -> None:
    now = time.time()
    old = [ActionExecuted("action_listen", timestamp=now - 3 * 86400)]
    old.append(UserUttered("Hallo", {"name": "greet"}, timestamp=now - 3 * 86400))
    recent = [ActionExecuted("action_listen", timestamp=now - 60)]
    await store.save(DialogueStateTracker.from_events("old", old, store.domain.slots))
    await store.save(DialogueStateTracker.from_events("recent", recent, store.domain.slots))

    assert await store.delete_inactive(24 * 3600, now=now) == 2
    assert await store.retrieve("old") is None
    assert await store.retrieve("recent") is not None


async def test_the_check_for_changing_a_booking_is_masked_too(store, tmp_path) -> None:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("Termin absagen", {"name": "cancel_appointment"}),
        SlotSet("requested_slot", "manage_check"),
        ActionExecuted("action_listen"),
        UserUttered("4711", {"name": "inform_child_age"}),
        SlotSet("manage_check", "4711"),
        SlotSet("requested_slot", "manage_check"),
        ActionExecuted("action_listen"),
        UserUttered("maria@example.de", {"name": "inform_contact"}),
        SlotSet("manage_check", "maria@example.de"),
    ]
    tracker = DialogueStateTracker.from_events("family-2", events, store.domain.slots)
    await store.save(tracker)

    stored = rows(str(tmp_path / "tracker.db"))
    assert "4711" not in stored and "maria@example.de" not in stored
    restored = await store.retrieve("family-2")
    assert restored.get_slot("manage_check") == "maria@example.de"
