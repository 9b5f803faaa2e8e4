"""Action-server responses are validated by a validator built once, and still strictly."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import bot.privacy.tracker_store  # noqa: F401  (importing the store installs the adapter)
from bot import action_validation


@pytest.fixture
def action() -> RemoteAction:
    return RemoteAction("action_answer_question", EndpointConfig("http://127.0.0.1:9/webhook"))


def test_importing_the_tracker_store_installs_the_adapter() -> None:
    assert action_validation.is_installed()
    assert action_validation.install() is False  # a second import changes nothing


def test_a_valid_response_passes_without_rebuilding_the_validator(
    action: RemoteAction, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rasa's own path calls jsonschema.validate, which checks the schema every time.
    def forbidden(*_: object, **__: object) -> None:
        raise AssertionError("schema checked again")

    monkeypatch.setattr(jsonschema, "validate", forbidden)
    monkeypatch.setattr(jsonschema.Draft4Validator, "check_schema", forbidden)
    monkeypatch.setattr(jsonschema.Draft7Validator, "check_schema", forbidden)
    response = {
        "events": [{"event": "slot", "name": "child_ages", "value": [4, 7]}],
        "responses": [{"text": "Das Gespräch kostet Sie nichts.", "buttons": []}],
    }
    assert action._validate_action_result(response) is True


@pytest.mark.parametrize(
    "response",
    [
        pytest.param({"events": [{"name": "child_ages"}]}, id="event-without-type"),
        pytest.param({"events": "slot"}, id="events-not-a-list"),
        pytest.param({"events": [{"event": "nonsense"}]}, id="unknown-event"),
    ],
)
def test_an_invalid_response_is_still_rejected_with_rasas_hint(
    action: RemoteAction, response: dict
) -> None:
    with pytest.raises(jsonschema.ValidationError) as raised:
        action._validate_action_result(response)
    assert "Failed to validate Action server response" in raised.value.message
