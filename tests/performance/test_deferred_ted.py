"""TED runs only when its prediction can win, and the ensemble picks what Rasa would pick."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.policy import PolicyPrediction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

import bot.privacy.tracker_store  # noqa: F401  (importing the store installs the adapters)
from bot import deferred_ted, hot_paths

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
ACTIONS = DOMAIN.action_names_or_texts
ANSWER = ACTIONS.index("action_answer_question")
LISTEN = ACTIONS.index("action_listen")
FORM = ACTIONS.index("booking_form")
ENSEMBLE = DefaultPolicyPredictionEnsemble()


def probabilities(top: int, confidence: float) -> list[float]:
    values = [0.0] * len(ACTIONS)
    values[top] = confidence
    values[(top + 1) % len(ACTIONS)] = round(1.0 - confidence, 3) if 0 < confidence < 1 else 0.0
    return values


def tracker(rejected: bool) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("Was kostet das?", {"name": "ask_costs"}),
    ]
    if rejected:
        events += [ActionExecuted("booking_form"), ActionExecutionRejected("booking_form")]
    return DialogueStateTracker.from_events("t", events, DOMAIN.slots)


CASES = list(
    itertools.product(
        [0.0, 0.6, 0.97, 1.0],  # memoization's confidence
        [0.0, 0.3, 1.0],  # the rule policy's confidence
        [False, True],  # the rule policy predicts a form's happy path ("no user")
        [0.5, 0.97, 1.0],  # TED's confidence
        [False, True],  # an action was rejected in this turn
    )
)


@pytest.mark.parametrize(("memo", "rule", "no_user", "ted", "rejected"), CASES)
def test_the_ensemble_picks_what_rasa_picks(
    memo: float, rule: float, no_user: bool, ted: float, rejected: bool
) -> None:
    calls: list[int] = []

    def predictions(deferred: bool) -> list[PolicyPrediction]:
        def ted_prediction() -> PolicyPrediction:
            calls.append(1)
            return PolicyPrediction(probabilities(LISTEN, ted), "TEDPolicy", 1)

        return [
            PolicyPrediction(probabilities(ANSWER, memo), "MemoizationPolicy", 3),
            PolicyPrediction(
                # A rejected form: Rasa sets its confidence to 0 in every prediction.
                probabilities(FORM if rejected else ANSWER, rule), "RulePolicy", 6,
                is_no_user_prediction=no_user,
                events=[SlotSet("requested_slot", None)] if no_user else [],
            ),
            deferred_ted.DeferredPrediction(ted_prediction, "TEDPolicy", 1)
            if deferred
            else ted_prediction(),
        ]  # fmt: skip

    expected = deferred_ted._ORIGINAL_BEST(predictions(False), tracker(rejected), DOMAIN)
    calls.clear()
    got = ENSEMBLE.combine_predictions(predictions(True), tracker(rejected), DOMAIN)
    assert (got.policy_name, got.probabilities) == (expected.policy_name, expected.probabilities)
    assert got.is_no_user_prediction == expected.is_no_user_prediction
    assert got.events[: len(expected.events)] == expected.events
    can_win = not no_user and not rejected and memo < 1.0 and rule < 1.0
    if not rejected and (no_user or memo == 1.0 or rule == 1.0):
        assert calls == [], "TED ran although it could not win"
    if can_win:
        assert calls == [1]


def test_a_skipped_prediction_cannot_be_read_later() -> None:
    deferred = deferred_ted.DeferredPrediction(lambda: pytest.fail("computed"), "TEDPolicy", 1)
    rule = PolicyPrediction(probabilities(ANSWER, 1.0), "RulePolicy", 6)
    assert ENSEMBLE.combine_predictions([rule, deferred], tracker(False), DOMAIN).policy_name == (
        "RulePolicy"
    )
    with pytest.raises(RuntimeError, match="skipped"):
        _ = deferred.probabilities


def test_the_serving_process_has_every_adapter() -> None:
    assert hot_paths.all_installed()
