"""Health endpoint."""

from fastapi.testclient import TestClient

from appointments.config import Settings
from appointments.main import create_app


def test_healthz_ok(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_database_down_returns_german_503() -> None:
    # Port 1 refuses connections at once: a real, unreachable database, no mock.
    settings = Settings(database_url="postgresql+psycopg://postgres@127.0.0.1:1/none")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "code": "database_unavailable",
        "message": "Der Termindienst ist gerade nicht erreichbar. Bitte versuchen Sie es später "
        "noch einmal.",
    }


def test_openapi_has_german_title() -> None:
    app = create_app(Settings(database_url="sqlite:///:memory:"))
    schema = app.openapi()
    assert schema["info"]["title"] == "Familienlotse – Termindienst"
    assert {"/slots", "/bookings", "/staff/bookings", "/healthz"} <= set(schema["paths"])
