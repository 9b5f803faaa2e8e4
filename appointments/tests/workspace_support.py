"""Helpers for the workspace tests: an HTTPS test client, sign-in and CSRF tokens."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from appointments.tests.factories import booking_payload, slot_id

PASSWORD = "richtig-geheim-123"
LOGIN = "/arbeitsplatz/anmelden"
_HIDDEN = re.compile(r'name="(csrf_token|login_token)" value="([^"]+)"')


@contextmanager
def browser(app: FastAPI) -> Iterator[TestClient]:
    """A client over HTTPS, because workspace cookies are Secure outside development."""
    with TestClient(
        app, base_url="https://testserver", raise_server_exceptions=False, follow_redirects=False
    ) as client:
        yield client


def hidden(html: str, name: str) -> str:
    """Return the value of a hidden token field in a page."""
    for field, value in _HIDDEN.findall(html):
        if field == name:
            return value
    raise AssertionError(f"{name} not in page")


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    """Open the sign-in form and submit it; return the response."""
    form = client.get(LOGIN)
    token = hidden(form.text, "login_token")
    return client.post(
        LOGIN, data={"username": username, "password": password, "login_token": token}
    )


def csrf(client: TestClient, path: str = "/arbeitsplatz/") -> str:
    """Return the session's CSRF token from a page."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    return hidden(page.text, "csrf_token")


def post(client: TestClient, path: str, **data: str) -> Any:
    """Submit a workspace form with the session's CSRF token."""
    return client.post(path, data={"csrf_token": csrf(client), **data})


def book(api: TestClient, start: datetime, ja: Any, jc: Any, **overrides: Any) -> str:
    """Book through the JSON API (as the chat does) and return the reference."""
    response = api.post("/bookings", json=booking_payload(slot_id(start, ja, jc), **overrides))
    assert response.status_code == 201, response.text
    reference: str = response.json()["reference"]
    return reference
