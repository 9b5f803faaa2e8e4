"""What the project's rule-based NLU components share: no trained state and no settings."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class RuleComponent(GraphComponent):
    """An NLU component whose behaviour is code only; Rasa still wants a config for it."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        """Create the component; it has no trained state."""
        return cls(config)

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        """Keep the (empty) config for Rasa's bookkeeping."""
        self._config = config or {}

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the default config; the rules need no settings."""
        return {}
