"""The incremental dialogue states equal Rasa's own, and a turn replays only new events."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rasa.core.training import load_data
from rasa.shared.core.constants import RULE_ONLY_LOOPS, RULE_ONLY_SLOTS
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    BotUttered,
    Event,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

import bot.privacy.tracker_store  # noqa: F401  (importing the store installs the adapters)
from bot import state_history

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
ORIGINAL = state_history._ORIGINAL
# What a trained RulePolicy passes for slots and forms that only rules use.
RULE_ONLY = {RULE_ONLY_SLOTS: ["requested_slot", "language"], RULE_ONLY_LOOPS: ["booking_form"]}
FLAGS = [
    {},
    {"omit_unset_slots": True},
    {"ignore_rule_only_turns": True, "rule_only_data": RULE_ONLY},
    {"ignore_rule_only_turns": True, "rule_only_data": None},
]


def story_events() -> list[list[Event]]:
    """Events of every story, rule and test conversation of the project."""
    found = []
    for folder in ("data/stories", "data/rules", "tests/conversations"):
        trackers = load_data(str(ROOT / folder), DOMAIN, augmentation_factor=0)
        found += [list(tracker.events) for tracker in trackers]
    return found


STORIES = story_events()


def question(n: int) -> list[Event]:
    return [
        UserUttered(f"Frage {n}", {"name": "ask_costs"}),
        ActionExecuted("action_answer_question"),
        BotUttered("Das Gespräch kostet Sie nichts."),
        ActionExecuted("action_listen"),
    ]


# Conversations with what makes `applied_events` drop or rewrite history.
EDGE_CASES = [
    [ActionExecuted("action_listen"), *question(1), UserUttered("x", {"name": "ask_costs"}),
     UserUtteranceReverted(), *question(2)],
    [ActionExecuted("action_listen"), *question(1), ActionExecuted("utter_greet"),
     ActionReverted(), *question(2)],
    [ActionExecuted("action_listen"), *question(1), Restarted(), *question(2)],
    [ActionExecuted("action_listen"), *question(1), SessionStarted(), *question(2)],
    [ActionExecuted("action_listen"), *question(1), FollowupAction("action_listen"),
     ActionExecuted("action_listen"), SlotSet("language", "en"), *question(2)],
    list(itertools.chain.from_iterable(STORIES[:40])),  # a long conversation of many turns
]  # fmt: skip


@pytest.mark.parametrize("every", [1, 3])
@pytest.mark.parametrize("events", STORIES + EDGE_CASES)
def test_states_equal_rasas_as_the_conversation_grows(events: list[Event], every: int) -> None:
    """Asked after every event, or after every third (an action adds several at once)."""
    assert state_history.is_installed()
    tracker = DialogueStateTracker.from_events("t", [], DOMAIN.slots)
    for index, event in enumerate(events, start=1):
        tracker.update(event)
        if index % every and index != len(events):
            continue
        for flags in FLAGS:
            expected = ORIGINAL(DOMAIN, tracker, **flags)
            assert tracker.past_states(DOMAIN, **flags) == expected, (event, flags)


def test_changing_the_returned_states_does_not_change_the_next_answer() -> None:
    tracker = DialogueStateTracker.from_events("t", STORIES[-1], DOMAIN.slots)
    first = tracker.past_states(DOMAIN)
    expected = ORIGINAL(DOMAIN, tracker)
    for state in first:  # as TED's featurizer does with the user's text
        for sub_state in state.values():
            sub_state.clear()
    assert tracker.past_states(DOMAIN) == expected


def test_a_later_call_replays_only_the_new_events(monkeypatch: pytest.MonkeyPatch) -> None:
    events = list(itertools.chain.from_iterable(STORIES[:40]))
    tracker = DialogueStateTracker.from_events("t", events, DOMAIN.slots)
    tracker.past_states(DOMAIN)
    replayed: list[Event] = []
    update = DialogueStateTracker.update

    def counting(self: DialogueStateTracker, event: Event, *args: object) -> None:
        if self is not tracker:
            replayed.append(event)
        update(self, event, *args)

    monkeypatch.setattr(DialogueStateTracker, "update", counting)
    new = question(99)
    for event in new:
        tracker.update(event)
    tracker.past_states(DOMAIN)
    assert len(events) > 300
    assert len(replayed) == len(new)
    # Rasa's own method replays the whole conversation.
    replayed.clear()
    ORIGINAL(DOMAIN, tracker)
    assert len(replayed) == len(tracker.applied_events())
