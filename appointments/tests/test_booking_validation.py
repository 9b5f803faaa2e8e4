"""POST /bookings with invalid bodies: 422 invalid_input with German per-field messages."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking
from appointments.tests.factories import booking_payload

SLOT = "20261208T0800Z-1-2"
SUMMARY = "Einige Angaben sind nicht korrekt. Bitte prüfen Sie die markierten Felder."
PHONE_MESSAGE = (
    "Bitte geben Sie eine gültige Telefonnummer an (6 bis 20 Ziffern, "
    "erlaubt sind auch +, Leerzeichen, / und -)."
)
EMAIL_MESSAGE = "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."
CONTACT_MESSAGE = (
    "Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an, "
    "damit wir Sie erreichen können."
)
# Fragments of pydantic's English messages that must never reach a family.
ENGLISH = ("Field required", "String should", "Input should", "Value error", "valid ")


def _contact(**fields: Any) -> dict[str, Any]:
    return {"name": "Mira Beispiel", "phone": None, "email": None, **fields}


def _errors(client: TestClient, body: dict[str, Any]) -> list[dict[str, str]]:
    response = client.post("/bookings", json=body)
    assert response.status_code == 422, response.text
    payload = response.json()
    assert payload["code"] == "invalid_input"
    assert payload["message"] == SUMMARY
    assert not any(fragment in response.text for fragment in ENGLISH)
    return payload["errors"]


def test_missing_phone_and_email(client: TestClient, session: Session) -> None:
    errors = _errors(client, booking_payload(SLOT, contact=_contact()))
    assert errors == [{"field": "contact", "message": CONTACT_MESSAGE}]
    assert session.scalar(select(func.count()).select_from(Booking)) == 0


def test_blank_phone_and_email_count_as_missing(client: TestClient) -> None:
    errors = _errors(client, booking_payload(SLOT, contact=_contact(phone=" ", email="")))
    assert errors == [{"field": "contact", "message": CONTACT_MESSAGE}]


@pytest.mark.parametrize(
    "phone",
    [
        pytest.param("12345", id="too-few-digits"),
        pytest.param("0" * 21, id="too-many-digits"),
        pytest.param("0171 abc 123", id="letters"),
        pytest.param("+49 (0) 5451; 1234", id="semicolon"),
        pytest.param("++49 5451 1234", id="double-plus"),
    ],
)
def test_malformed_phone(client: TestClient, phone: str) -> None:
    errors = _errors(client, booking_payload(SLOT, contact=_contact(phone=phone)))
    assert errors == [{"field": "contact.phone", "message": PHONE_MESSAGE}]


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("mira", id="no-at"),
        pytest.param("mira@", id="no-domain"),
        pytest.param("mira@beispiel", id="no-tld"),
        pytest.param("mi ra@beispiel.de", id="space"),
        pytest.param("mira@@beispiel.de", id="double-at"),
        pytest.param("a" * 250 + "@b.de", id="too-long"),
    ],
)
def test_malformed_email(client: TestClient, email: str) -> None:
    errors = _errors(client, booking_payload(SLOT, contact=_contact(email=email)))
    assert errors == [{"field": "contact.email", "message": EMAIL_MESSAGE}]


def test_name_of_5000_characters(client: TestClient) -> None:
    body = booking_payload(SLOT, contact=_contact(name="M" * 5000, phone="05451 123456"))
    assert _errors(client, body) == [
        {"field": "contact.name", "message": "Bitte geben Sie höchstens 100 Zeichen ein."}
    ]


def test_name_too_short(client: TestClient) -> None:
    body = booking_payload(SLOT, contact=_contact(name=" M ", phone="05451 123456"))
    assert _errors(client, body) == [
        {"field": "contact.name", "message": "Bitte geben Sie mindestens 2 Zeichen ein."}
    ]


@pytest.mark.parametrize(
    ("ages", "field", "message"),
    [
        pytest.param(
            [4, 18],
            "children_ages.1",
            "Bitte geben Sie für jedes Kind ein Alter von 0 bis 17 Jahren an.",
            id="adult",
        ),
        pytest.param(
            [-1],
            "children_ages.0",
            "Bitte geben Sie für jedes Kind ein Alter von 0 bis 17 Jahren an.",
            id="negative",
        ),
        pytest.param(
            [], "children_ages", "Bitte geben Sie mindestens 1 Eintrag/Einträge an.", id="empty"
        ),
        pytest.param(
            [3] * 11, "children_ages", "Bitte geben Sie höchstens 10 Einträge an.", id="eleven"
        ),
        pytest.param(["vier"], "children_ages.0", "Bitte geben Sie eine ganze Zahl an.", id="word"),
    ],
)
def test_invalid_children_ages(
    client: TestClient, ages: list[Any], field: str, message: str
) -> None:
    assert _errors(client, booking_payload(SLOT, children_ages=ages)) == [
        {"field": field, "message": message}
    ]


def test_consent_channel_and_naive_time(client: TestClient) -> None:
    consent = {"text_version": "v1", "given_at": "2026-12-07T09:55:00", "channel": "telefon"}
    assert _errors(client, booking_payload(SLOT, consent=consent)) == [
        {
            "field": "consent.given_at",
            "message": "Bitte geben Sie Datum und Uhrzeit mit Zeitzone an.",
        },
        {"field": "consent.channel", "message": "Dieser Wert ist hier nicht zulässig."},
    ]


def test_missing_fields(client: TestClient) -> None:
    errors = _errors(client, {"slot_id": SLOT})
    assert {"field": "children_ages", "message": "Diese Angabe fehlt."} in errors
    assert {"field": "contact", "message": "Diese Angabe fehlt."} in errors
    assert {"field": "consent", "message": "Diese Angabe fehlt."} in errors


def test_invalid_json(client: TestClient) -> None:
    response = client.post(
        "/bookings", content=b"{kein json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "Die Anfrage enthält kein gültiges JSON."


@pytest.mark.parametrize(
    ("phone", "email"),
    [
        pytest.param("+49 5451 12345", None, id="international"),
        pytest.param("(05451) 123-456", None, id="brackets"),
        pytest.param("0171/1234567", None, id="slash"),
        pytest.param(None, "mira.beispiel@example.org", id="email-only"),
    ],
)
def test_valid_contact_passes_validation(
    client: TestClient, phone: str | None, email: str | None
) -> None:
    response = client.post(
        "/bookings", json=booking_payload(SLOT, contact=_contact(phone=phone, email=email))
    )
    # Validation passed; the slot itself does not exist in this empty database.
    assert response.status_code == 404
