"""Loading a model over HTTP is refused even in development, where the HTTP API is open."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e


def test_put_model_is_refused_with_a_valid_token(stack: Stack, rasa: httpx.Client) -> None:
    response = rasa.put(
        "/model", params={"token": stack.token}, json={"model_file": "/tmp/fremd.tar.gz"}
    )
    assert response.status_code == 403
    assert "nur beim Start" in response.json()["error"]
    # The rest of the API still works for development.
    assert rasa.get("/status", params={"token": stack.token}).status_code == 200
