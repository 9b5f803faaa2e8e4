"""Stored events become the same objects as in Rasa, without walking the class tree each time."""

from __future__ import annotations

import pytest
import rasa.shared.utils.common
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

import bot.privacy.tracker_store  # noqa: F401  (importing the store installs the adapters)
from bot import event_types

NAMES = sorted({cls.type_name for cls in all_subclasses(Event) if isinstance(cls.type_name, str)})


def test_importing_the_tracker_store_installs_the_adapter() -> None:
    assert event_types.is_installed()
    assert event_types.install() is False


@pytest.mark.parametrize("name", NAMES)
def test_every_event_name_gives_rasas_class(name: str) -> None:
    assert Event.resolve_by_type(name) is event_types._ORIGINAL(name)


def test_unknown_names_behave_as_in_rasa() -> None:
    with pytest.raises(ValueError, match="Unknown event name 'nonsense'"):
        Event.resolve_by_type("nonsense")
    assert Event.resolve_by_type("nonsense", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None


def test_reading_events_no_longer_walks_the_class_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = [
        event.as_dict()
        for n in range(50)
        for event in (UserUttered(f"Frage {n}", {"name": "ask_costs"}), ActionExecuted("utter_x"))
    ]
    for name in ("user", "action"):  # the first lookup of a name asks Rasa
        Event.resolve_by_type(name)
    walks: list[type] = []

    def counting(cls: type) -> list[type]:
        walks.append(cls)
        return all_subclasses(cls)

    monkeypatch.setattr(rasa.shared.utils.common, "all_subclasses", counting)
    events = [Event.from_parameters(data) for data in stored]
    assert [e.type_name for e in events] == ["user", "action"] * 50
    assert walks == []
    event_types._ORIGINAL("user")  # Rasa's own lookup walks the tree on every call
    assert walks[0] is Event
