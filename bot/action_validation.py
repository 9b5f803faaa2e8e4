"""Validate action-server responses with a JSON-schema validator compiled once.

Rasa 3.6 checks every response of the action server with `jsonschema.validate(result,
schema)` (`rasa/core/actions/action.py: RemoteAction._validate_action_result`). That call
first validates the *schema* against the JSON-schema meta-schema and builds a new
validator, on every action call, form validation included. Under load this was about a
third of the Rasa process's CPU. Rasa 3.6 has no setting for it, so this adapter replaces
the method with one that uses a validator built once from the same schema. The response
is still validated completely, and an invalid response raises the same
`jsonschema.ValidationError` with Rasa's explanatory text.

`install()` runs when `bot.privacy.tracker_store` is imported, which `rasa run` does for
every server that uses our endpoints (bot/endpoints.yml). It logs `action_validation.compiled`
once, which the end-to-end tests look for in the server log.
"""

from __future__ import annotations

import logging
from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from bot import rasa_patch

logger = logging.getLogger(__name__)


def compiled_validator() -> Any:
    """A validator for Rasa's action response schema (the schema is checked once here)."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def install() -> bool:
    """Replace `RemoteAction._validate_action_result`; True if it was replaced just now."""
    if is_installed():
        return False
    validator = compiled_validator()

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            validator.validate(result)
            return True
        except ValidationError as error:
            # Same wording as Rasa's own method, so logs read the same.
            error.message += (
                ". Failed to validate Action server response from API, "
                "make sure your response from the Action endpoint is valid. "
                "For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise error

    rasa_patch.replace(RemoteAction, "_validate_action_result", _validate_action_result)
    logger.info("action_validation.compiled")
    return True


def is_installed() -> bool:
    """True when Rasa validates action responses with the compiled validator."""
    return rasa_patch.is_replaced(RemoteAction, "_validate_action_result")
