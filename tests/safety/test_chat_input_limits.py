"""Input limits of the chat channel that need no running Rasa (the rest: tests/e2e)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from connectors.socketio_channel import (
    MAX_MESSAGE_CHARS,
    MAX_METADATA_BYTES,
    TOO_LONG_TEXT,
    TOO_MANY_TEXT,
    client_address,
    metadata_within_limit,
)


def test_documented_defaults() -> None:
    assert MAX_MESSAGE_CHARS == 2000 and MAX_METADATA_BYTES == 2048
    assert "höchstens 2.000 Zeichen" in TOO_LONG_TEXT
    assert "Bitte warten Sie 30 Sekunden" in TOO_MANY_TEXT.format(seconds=30)


def test_metadata_is_capped() -> None:
    small = {"page": "/familie", "language": "de"}
    assert metadata_within_limit(small) == small
    assert metadata_within_limit(json.dumps(small)) == small
    assert metadata_within_limit({"x": "a" * MAX_METADATA_BYTES}) == {}
    assert metadata_within_limit("{" * 100_000) == {}
    assert metadata_within_limit(["keine", "Zuordnung"]) == {}
    assert metadata_within_limit("kein json") == {}


def test_client_address_uses_a_proxy_header_only_when_configured() -> None:
    request = SimpleNamespace(ip="10.0.0.5", headers={"X-Forwarded-For": "1.2.3.4, 203.0.113.9"})
    assert client_address(request, header="") == "10.0.0.5"
    assert client_address(request, header="X-Forwarded-For") == "203.0.113.9"
    assert client_address(None, header="") == "unbekannt"
