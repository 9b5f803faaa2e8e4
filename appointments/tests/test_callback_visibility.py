"""Door 10: callbacks reach exactly the people the callback consent names (the Familienbüro)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.main import create_app
from appointments.tests.conftest import FrozenClock
from appointments.tests.factories import Team, create_account, create_team
from appointments.tests.workspace_support import PASSWORD, browser, csrf, sign_in

ROOT = Path(__file__).resolve().parents[2]
CONSENT = ROOT / "data" / "content" / "consent_callback.yml"
CALLBACK = {
    "name": "Mira Beispiel",
    "phone": "05451 123456",
    "consent_version": "2026-11-01",
    "consent_given_at": "2026-12-07T09:55:00+01:00",
}


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)  # Jugendamt: runs the Familienbüro
    create_account(session, "carla", PASSWORD, team.jc_c)  # Jobcenter
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    with browser(app) as client:
        yield client


def test_the_consent_names_the_familienbuero_and_nobody_else() -> None:
    consent = yaml.safe_load(CONSENT.read_text(encoding="utf-8"))
    for text in (consent["text"], consent["simple_text"]):
        assert "Familienbüro" in text
        assert "Jobcenter" not in text and "Jugendamt" not in text
    assert Settings().callback_agency == "jugendamt"


def test_the_familienbuero_sees_and_closes_callbacks(
    web: TestClient, client: TestClient, team: Team
) -> None:
    reference = client.post("/callbacks", json=CALLBACK).json()["reference"]
    sign_in(web, "anna")
    overview = web.get("/arbeitsplatz/")
    assert 'href="/arbeitsplatz/rueckrufe"' in overview.text
    page = web.get("/arbeitsplatz/rueckrufe")
    assert page.status_code == 200 and "Mira Beispiel" in page.text
    done = web.post(f"/arbeitsplatz/rueckrufe/{reference}/erledigt", data={"csrf_token": csrf(web)})
    assert done.status_code == 303


@pytest.mark.parametrize("username", ["carla", "chefin"])
def test_nobody_else_sees_callbacks_in_the_workspace(
    web: TestClient, client: TestClient, team: Team, username: str
) -> None:
    reference = client.post("/callbacks", json=CALLBACK).json()["reference"]
    sign_in(web, username)
    overview = web.get("/arbeitsplatz/")
    assert "/arbeitsplatz/rueckrufe" not in overview.text
    page = web.get("/arbeitsplatz/rueckrufe")
    assert page.status_code == 403 and "Mira" not in page.text
    token = csrf(web)
    done = web.post(f"/arbeitsplatz/rueckrufe/{reference}/erledigt", data={"csrf_token": token})
    assert done.status_code == 403


def test_the_team_follows_the_configured_agency(
    settings: Settings, clock: FrozenClock, team: Team
) -> None:
    app = create_app(settings.model_copy(update={"callback_agency": "jobcenter"}), clock=clock)
    with browser(app) as web:
        sign_in(web, "carla")
        assert web.get("/arbeitsplatz/rueckrufe").status_code == 200
    with browser(app) as web:
        sign_in(web, "anna")
        assert web.get("/arbeitsplatz/rueckrufe").status_code == 403
