"""Workspace sign-in: sessions, cookies, CSRF, lockout, sign-out, no page without sign-in."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from appointments.tests.conftest import FrozenClock
from appointments.tests.factories import Team, create_account, create_team
from appointments.tests.workspace_support import LOGIN, PASSWORD, browser, csrf, hidden, sign_in

PAGES = [
    "/arbeitsplatz/",
    "/arbeitsplatz/?ab=2026-12-08&tage=1",
    "/arbeitsplatz/termine/FL-AAAA-BBBB",
    "/arbeitsplatz/verfuegbarkeit",
    "/arbeitsplatz/kalender",
    "/arbeitsplatz/export.csv?von=2026-12-01&bis=2026-12-31",
    "/arbeitsplatz/statistik",
    "/arbeitsplatz/rueckrufe",
    "/arbeitsplatz/verwaltung",
]
FORMS = [
    "/arbeitsplatz/abmelden",
    "/arbeitsplatz/termine/FL-AAAA-BBBB/absagen",
    "/arbeitsplatz/verfuegbarkeit/1/zeiten",
    "/arbeitsplatz/verwaltung/schliesstage",
]


@pytest.fixture
def team(session: Session) -> Team:
    """A team with a Jugendamt login (anna) and an admin login."""
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    """A browser-like client."""
    with browser(app) as client:
        yield client


@pytest.mark.parametrize("path", PAGES)
def test_every_page_needs_sign_in(web: TestClient, team: Team, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == LOGIN


@pytest.mark.parametrize("path", FORMS)
def test_every_form_needs_sign_in(web: TestClient, team: Team, path: str) -> None:
    response = web.post(path, data={"csrf_token": "x", "reason": "Krank"})
    assert response.status_code == 303
    assert response.headers["location"] == LOGIN


def test_sign_in_sets_a_secure_session_cookie(web: TestClient, team: Team) -> None:
    response = sign_in(web, "anna")
    assert response.status_code == 303
    assert response.headers["location"] == "/arbeitsplatz/"
    cookie = next(
        value
        for name, value in response.headers.multi_items()
        if name == "set-cookie" and value.startswith("__Host-fl_arbeitsplatz=")
    )
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
    assert "Path=/" in cookie and "Domain" not in cookie
    page = web.get("/arbeitsplatz/")
    assert page.status_code == 200
    assert "Angemeldet als anna" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


def test_development_cookie_is_not_secure(app: FastAPI, team: Team) -> None:
    app.state.settings = app.state.settings.model_copy(update={"environment": "development"})
    with TestClient(app, follow_redirects=False) as client:
        response = sign_in(client, "anna")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("fl_arbeitsplatz=") and "Secure" not in cookie


def test_wrong_password_is_german_and_says_nothing_about_the_name(
    web: TestClient, team: Team
) -> None:
    wrong = sign_in(web, "anna", "falsch")
    unknown = sign_in(web, "niemand", "falsch")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Benutzername oder Passwort ist falsch." in response.text
        assert 'role="alert"' in response.text and 'href="#username"' in response.text
    assert "__Host-fl_arbeitsplatz" not in web.cookies


def test_sign_in_form_needs_its_token(web: TestClient, team: Team) -> None:
    response = web.post(LOGIN, data={"username": "anna", "password": PASSWORD})
    assert response.status_code == 400
    assert "Das Formular ist abgelaufen" in response.text


@pytest.mark.parametrize("username", ["anna", "niemand"])
def test_five_failures_lock_the_name_for_15_minutes(
    web: TestClient, team: Team, clock: FrozenClock, username: str
) -> None:
    for attempt in range(4):
        assert sign_in(web, username, f"falsch-{attempt}").status_code == 401
    locked = sign_in(web, username, "falsch-5")
    assert locked.status_code == 429
    assert "für 15 Minuten gesperrt" in locked.text
    # Even the right password does not help while the lock lasts.
    assert sign_in(web, username, PASSWORD).status_code == 429
    clock.now += timedelta(minutes=14)
    assert sign_in(web, username, PASSWORD).status_code == 429
    clock.now += timedelta(minutes=2)
    expected = 303 if username == "anna" else 401
    assert sign_in(web, username, PASSWORD).status_code == expected


def test_lock_of_one_name_does_not_block_another(web: TestClient, team: Team) -> None:
    for attempt in range(5):
        sign_in(web, "anna", f"falsch-{attempt}")
    assert sign_in(web, "chefin").status_code == 303


def test_sign_out_ends_the_session_on_the_server(web: TestClient, team: Team) -> None:
    sign_in(web, "anna")
    stolen = web.cookies.get("__Host-fl_arbeitsplatz")
    assert stolen
    web.cookies.set("__Host-fl_arbeitsplatz", stolen)
    assert web.get("/arbeitsplatz/").status_code == 200  # setting the cookie by hand works
    response = web.post("/arbeitsplatz/abmelden", data={"csrf_token": csrf(web)})
    assert response.status_code == 303
    assert response.headers["location"] == "/arbeitsplatz/anmelden?abgemeldet=1"
    assert "Sie sind abgemeldet." in web.get(response.headers["location"]).text
    # The old cookie value is useless now, even if someone copied it.
    web.cookies.set("__Host-fl_arbeitsplatz", stolen)
    assert web.get("/arbeitsplatz/").status_code == 303


def test_post_without_csrf_token_changes_nothing(web: TestClient, team: Team) -> None:
    sign_in(web, "anna")
    response = web.post(
        f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/zeiten",
        data={"weekday": "2", "start": "09:00", "end": "10:00"},
    )
    assert response.status_code == 400
    assert "Es wurde nichts geändert." in response.text
    page = web.get("/arbeitsplatz/verfuegbarkeit")
    assert page.text.count("<td>Mittwoch</td>") == 0
    wrong = web.post("/arbeitsplatz/abmelden", data={"csrf_token": "gefälscht"})
    assert wrong.status_code == 400


def test_session_ends_after_an_idle_hour(web: TestClient, team: Team, clock: FrozenClock) -> None:
    sign_in(web, "anna")
    clock.now += timedelta(minutes=50)
    assert web.get("/arbeitsplatz/").status_code == 200  # use extends the session
    clock.now += timedelta(minutes=50)
    assert web.get("/arbeitsplatz/").status_code == 200
    clock.now += timedelta(minutes=61)
    assert web.get("/arbeitsplatz/").status_code == 303


def test_new_session_on_every_sign_in(web: TestClient, team: Team) -> None:
    sign_in(web, "anna")
    first = web.cookies.get("__Host-fl_arbeitsplatz")
    sign_in(web, "anna")
    assert web.cookies.get("__Host-fl_arbeitsplatz") != first


def test_staff_cannot_open_administration(web: TestClient, team: Team) -> None:
    sign_in(web, "anna")
    response = web.get("/arbeitsplatz/verwaltung")
    assert response.status_code == 403
    assert "Nicht erlaubt" in response.text
    assert "Verwaltung" not in web.get("/arbeitsplatz/").text


def test_sign_in_page_is_german_and_accessible_markup(web: TestClient, team: Team) -> None:
    page = web.get(LOGIN)
    assert '<html lang="de">' in page.text
    assert 'class="skip-link" href="#inhalt"' in page.text
    assert '<label for="username">Benutzername</label>' in page.text
    assert 'autocomplete="current-password"' in page.text
    assert hidden(page.text, "login_token")
    css = web.get("/arbeitsplatz/stil.css")
    assert css.status_code == 200 and "--fl-focus: #ffdd00" in css.text


def test_unknown_workspace_address_is_a_german_page(web: TestClient, team: Team) -> None:
    assert web.get("/arbeitsplatz/gibt-es-nicht").status_code == 303
    sign_in(web, "anna")
    response = web.get("/arbeitsplatz/gibt-es-nicht")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text
