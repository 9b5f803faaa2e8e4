"""Run TED only when its prediction can still win.

Rasa 3.6 runs every policy for every prediction and then picks one
(`DefaultPolicyPredictionEnsemble`). TED is the most expensive of them (a TensorFlow call,
about a third of the Rasa process's CPU under load), but it has the lowest priority: when
the rule or memoization policy predicts an action with confidence 1.0, TED cannot win,
because its confidence is at most 1.0 and ties go to the higher priority. Most turns of
this assistant are answered by rules, so most TED calls were thrown away.

This adapter lets TED return a deferred prediction; the ensemble computes it only when it
can change the outcome, with the same rules as Rasa's `_pick_best_policy`:
- "no user" predictions (a form's happy path) overrule all others, and TED makes none;
- TED can only make end-to-end predictions if it was trained on user texts, and then it
  is always computed;
- otherwise TED is skipped if another prediction has confidence 1.0 and a higher priority.
If an action was rejected in this turn, everything is computed, as in Rasa. TED adds no
mandatory events, so skipping it leaves the events of the result unchanged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

from bot import rasa_patch

logger = logging.getLogger(__name__)

_ORIGINAL_PREDICT = TEDPolicy.predict_action_probabilities
_ORIGINAL_BEST = DefaultPolicyPredictionEnsemble._best_policy_prediction


class DeferredPrediction(PolicyPrediction):
    """A policy prediction that is computed on first use of any of its values."""

    def __init__(self, compute: Callable[[], PolicyPrediction], name: str, priority: int) -> None:
        # No super().__init__: the values come from `compute`, when they are needed.
        self.__dict__.update(_compute=compute, policy_name=name, policy_priority=priority)

    @property
    def is_computed(self) -> bool:
        return "_compute" not in self.__dict__

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or "_compute" not in self.__dict__:
            raise AttributeError(name)
        compute = self.__dict__.pop("_compute")
        if compute is None:
            raise RuntimeError("TED's prediction was skipped in this turn and is gone.")
        self.__dict__.update(vars(compute()))
        return getattr(self, name)

    def skip(self) -> None:
        """The ensemble does not need it: free the tracker it holds."""
        self.__dict__["_compute"] = None


def _deferred_predict(
    self: TEDPolicy,
    tracker: DialogueStateTracker,
    domain: Domain,
    rule_only_data: dict[str, Any] | None = None,
    precomputations: Any = None,
    **kwargs: Any,
) -> PolicyPrediction:
    """TED's `predict_action_probabilities`, deferred unless TED can predict from text."""

    def compute() -> PolicyPrediction:
        return _ORIGINAL_PREDICT(self, tracker, domain, rule_only_data, precomputations, **kwargs)

    if self.model is None or TEXT in self.fake_features:
        return compute()
    return DeferredPrediction(compute, self.__class__.__name__, self.priority)


def _was_rejected(tracker: DialogueStateTracker) -> bool:
    """Rasa zeroes the rejected action in every prediction: then nothing is skipped."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecutionRejected):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False


def cannot_win(deferred: DeferredPrediction, others: list[PolicyPrediction]) -> bool:
    """True if `deferred` loses against `others` whatever TED would compute."""
    if any(p.is_no_user_prediction or p.is_end_to_end_prediction for p in others):
        return True  # TED's prediction is neither, so it is not even compared
    return any(
        p.max_confidence >= 1.0 and p.policy_priority > deferred.policy_priority for p in others
    )


def _best_policy_prediction(
    predictions: list[PolicyPrediction], tracker: DialogueStateTracker, domain: Domain
) -> PolicyPrediction:
    deferred = [p for p in predictions if isinstance(p, DeferredPrediction) and not p.is_computed]
    if deferred and not _was_rejected(tracker):
        others = [p for p in predictions if all(p is not d for d in deferred)]
        if others and all(cannot_win(d, others) for d in deferred):
            for prediction in deferred:
                prediction.skip()
            predictions = others
    return _ORIGINAL_BEST(predictions=predictions, tracker=tracker, domain=domain)


def install() -> bool:
    """Replace TED's prediction and the ensemble's choice; True if replaced just now."""
    if is_installed():
        return False
    rasa_patch.replace(TEDPolicy, "predict_action_probabilities", _deferred_predict)
    ensemble = DefaultPolicyPredictionEnsemble
    rasa_patch.replace(ensemble, "_best_policy_prediction", _best_policy_prediction, static=True)
    logger.info("deferred_ted.installed")
    return True


def is_installed() -> bool:
    """True when TED's predictions are deferred."""
    return rasa_patch.is_replaced(TEDPolicy, "predict_action_probabilities")
