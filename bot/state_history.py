"""Dialogue states of a tracker, computed once per turn instead of once per policy call.

Every policy asks the domain for the states of the whole conversation
(`Domain.states_for_tracker_history`). Rasa 3.6 answers each call by replaying all events
of the session into a fresh tracker. One turn makes several predictions, each asking
Memoization, Rule and TED policy, so a turn replayed the session about ten times, and the
cost per turn grew with the length of the conversation (profile in docs/skalierung.md).

This adapter keeps the replay on the tracker object of the turn: the next call continues
from where the last one stopped and replays only the events added since. What the
replayed tracker looks like before each action is kept once; the rule policy's view (all
turns) and the ML policies' view (rule-only turns hidden) are both derived from it. If the
events are not a continuation (an undo, a restart, a different domain), it starts again
like Rasa does. The loop body is Rasa 3.6's own; tests/performance/test_state_history.py
compares both on real conversations. The replay lives as long as the tracker object of
one turn, so it keeps no conversation in memory beyond what Rasa holds anyway.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_patch

logger = logging.getLogger(__name__)

_REPLAY = "_familienlotse_state_replay"
_APPLIED = "_familienlotse_applied_events"
_ORIGINAL = Domain.states_for_tracker_history


@dataclass(frozen=True)
class _Step:
    """What Rasa's loop reads from the replayed tracker before one action."""

    hide_rule_turn: bool
    counts_for_hiding: bool  # no follow-up action and not the active loop running again
    prev_action: Any
    active_state: State


@dataclass
class _View:
    """Rasa's loop variables and result for one combination of arguments."""

    used: int = 0
    states: list[State] = field(default_factory=list)
    last_ml_action_sub_state: Any = None
    turn_was_hidden: bool = False


@dataclass
class _Replay:
    """Rasa's replay of one tracker, stopped after `applied` events."""

    domain: Domain
    omit_unset_slots: bool
    replay: DialogueStateTracker
    applied: list[Event] = field(default_factory=list)
    steps: list[_Step] = field(default_factory=list)
    views: dict[tuple[bool, str], _View] = field(default_factory=dict)

    def continues(self, domain: Domain, applied: list[Event]) -> bool:
        """True if `applied` starts with the events replayed so far (same objects)."""
        done = self.applied
        return (
            self.domain is domain
            and len(done) <= len(applied)
            and all(a is b for a, b in zip(done, applied, strict=False))
        )

    def step(self, hide_rule_turn: bool) -> _Step:
        tr = self.replay
        return _Step(
            hide_rule_turn=hide_rule_turn,
            counts_for_hiding=not tr.followup_action
            and tr.latest_action_name != tr.active_loop_name,
            prev_action=self.domain._get_prev_action_sub_state(tr),
            active_state=self.domain.get_active_state(tr, omit_unset_slots=self.omit_unset_slots),
        )

    def extend(self, applied: list[Event]) -> None:
        for event in applied[len(self.applied) :]:
            if isinstance(event, ActionExecuted):
                self.steps.append(self.step(event.hide_rule_turn))
            self.replay.update(event)
            self.applied.append(event)


def _state(
    domain: Domain,
    view: _View,
    step: _Step,
    ignore_rule_only_turns: bool,
    rule_only_data: dict[str, Any] | None,
) -> State | None:
    """One step of Rasa's loop in `Domain.states_for_tracker_history`."""
    if ignore_rule_only_turns:
        if not view.turn_was_hidden:
            view.last_ml_action_sub_state = step.prev_action
        if step.counts_for_hiding:
            view.turn_was_hidden = step.hide_rule_turn
        if view.turn_was_hidden:
            return None
    state = _detached(step.active_state)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if view.states:
            domain._substitute_rule_only_user_input(state, view.states[-1])
        if view.last_ml_action_sub_state:
            state[PREVIOUS_ACTION] = view.last_ml_action_sub_state
    return domain._clean_state(state)


def _detached(state: State) -> State:
    """A copy the caller may change: featurizers delete keys from the user sub-state."""
    return {key: dict(value) if isinstance(value, dict) else value for key, value in state.items()}


def _applied_events(tracker: DialogueStateTracker) -> list[Event]:
    """`tracker.applied_events()`, reused while no event was added (several policies ask)."""
    events = tracker.events
    latest = events[-1] if events else None
    cached = tracker.__dict__.get(_APPLIED)
    if cached and cached[0] == len(events) and cached[1] is latest:
        return cached[2]
    applied = tracker.applied_events()
    tracker.__dict__[_APPLIED] = (len(events), latest, applied)
    return applied


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """Same result as Rasa's method; replays only the events added since the last call."""
    replays: dict[bool, _Replay] = tracker.__dict__.setdefault(_REPLAY, {})
    applied = _applied_events(tracker)
    replay = replays.get(omit_unset_slots)
    if replay is None or not replay.continues(self, applied):
        replay = _Replay(self, omit_unset_slots, tracker.init_copy())
        replays[omit_unset_slots] = replay
    replay.extend(applied)
    # Rule-only data matters only when rule-only turns are ignored.
    key = (
        ignore_rule_only_turns,
        json.dumps(rule_only_data, sort_keys=True, default=str) if ignore_rule_only_turns else "",
    )
    view = replay.views.setdefault(key, _View())
    for step in replay.steps[view.used :]:
        state = _state(self, view, step, ignore_rule_only_turns, rule_only_data)
        if state is not None:
            view.states.append(state)
    view.used = len(replay.steps)
    # The state after the last event is not final: the next event may still change it,
    # so it is computed on a copy of the loop variables and not kept.
    probe = _View(
        states=view.states,
        last_ml_action_sub_state=view.last_ml_action_sub_state,
        turn_was_hidden=view.turn_was_hidden,
    )
    last = _state(self, probe, replay.step(False), ignore_rule_only_turns, rule_only_data)
    states = [_detached(state) for state in view.states]
    if last is not None:
        states.append(_detached(last))
    return states


def install() -> bool:
    """Replace `Domain.states_for_tracker_history`; True if it was replaced just now."""
    if is_installed():
        return False
    rasa_patch.replace(Domain, "states_for_tracker_history", states_for_tracker_history)
    logger.info("state_history.incremental")
    return True


def is_installed() -> bool:
    """True when the domain computes states incrementally."""
    return rasa_patch.is_replaced(Domain, "states_for_tracker_history")
