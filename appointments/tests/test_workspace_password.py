"""Workspace passwords: change one's own (rules, CSRF, lockout, sessions), admin sets a new one."""

import logging
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.security import verify_password
from appointments.staff import passwords
from appointments.staff.models import StaffAccount
from appointments.tests.conftest import FrozenClock
from appointments.tests.factories import Team, create_account, create_team
from appointments.tests.workspace_support import LOGIN, PASSWORD, browser, post, sign_in

PAGE = "/arbeitsplatz/passwort"
COOKIE = "__Host-fl_arbeitsplatz"
NEW = "Lange Nacht im Rathaus 7"
LONG_NAME = "lang.benutzername"


@pytest.fixture
def team(session: Session) -> Team:
    """Logins: anna and lang.benutzername (Jugendamt), carla (Jobcenter), chefin (admin)."""
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, LONG_NAME, PASSWORD, team.ja_b)
    create_account(session, "carla", PASSWORD, team.jc_c)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    with browser(app) as client:
        yield client


@pytest.fixture
def other(app: FastAPI) -> Iterator[TestClient]:
    """A second browser (another device)."""
    with browser(app) as client:
        yield client


def _account(session: Session, username: str) -> StaffAccount:
    session.expire_all()
    return session.scalars(select(StaffAccount).where(StaffAccount.username == username)).one()


def _password_is(session: Session, username: str, password: str) -> bool:
    return verify_password(password, _account(session, username).password_hash)


def _change(client: TestClient, current: str, new: str, again: str | None = None) -> object:
    return post(
        client,
        PAGE,
        current_password=current,
        new_password=new,
        new_password_again=new if again is None else again,
    )


def _summary_links(html: str) -> list[str]:
    summary = html.split('class="fehler-zusammenfassung"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="#([\w-]+)">', summary)


class TestOwnPassword:
    def test_page_and_form_need_sign_in(self, web: TestClient, team: Team) -> None:
        assert web.get(PAGE).headers["location"] == LOGIN
        response = web.post(PAGE, data={"csrf_token": "x", "current_password": PASSWORD})
        assert response.status_code == 303 and response.headers["location"] == LOGIN

    def test_header_links_to_an_accessible_german_form(self, web: TestClient, team: Team) -> None:
        sign_in(web, "anna")
        overview = web.get("/arbeitsplatz/")
        assert f'<a href="{PAGE}">Passwort ändern</a>' in overview.text
        page = web.get(PAGE)
        assert page.status_code == 200
        assert "<h1>Passwort ändern</h1>" in page.text
        assert f'<a href="{PAGE}" aria-current="page">' in page.text
        assert '<label for="current_password">Aktuelles Passwort</label>' in page.text
        assert '<label for="new_password">Neues Passwort</label>' in page.text
        assert '<label for="new_password_again">Neues Passwort wiederholen</label>' in page.text
        assert 'autocomplete="current-password"' in page.text
        assert page.text.count('autocomplete="new-password"') == 2
        assert 'aria-describedby="new_password-hilfe"' in page.text
        assert page.headers["cache-control"] == "no-store"

    def test_change_stores_a_new_hash_and_the_old_password_stops_working(
        self, web: TestClient, other: TestClient, team: Team, session: Session
    ) -> None:
        sign_in(web, "anna")
        response = _change(web, PASSWORD, NEW)
        assert response.status_code == 303
        assert response.headers["location"] == f"{PAGE}?hinweis=geaendert"
        done = web.get(response.headers["location"])
        assert done.status_code == 200
        assert "Ihr Passwort ist geändert." in done.text and 'role="status"' in done.text
        account = _account(session, "anna")
        assert account.password_hash.startswith("scrypt$") and NEW not in account.password_hash
        assert verify_password(NEW, account.password_hash)
        assert sign_in(other, "anna", PASSWORD).status_code == 401
        assert sign_in(other, "anna", NEW).status_code == 303

    def test_other_sessions_end_and_this_one_gets_a_new_token(
        self, web: TestClient, other: TestClient, app: FastAPI, team: Team
    ) -> None:
        sign_in(web, "anna")
        sign_in(other, "anna")
        with browser(app) as colleague:
            sign_in(colleague, "carla")
            old_token = web.cookies.get(COOKIE)
            assert _change(web, PASSWORD, NEW).status_code == 303
            new_token = web.cookies.get(COOKIE)
            assert new_token and new_token != old_token
            assert web.get("/arbeitsplatz/").status_code == 200  # this browser stays
            assert other.get("/arbeitsplatz/").headers["location"] == LOGIN  # the other not
            assert colleague.get("/arbeitsplatz/").status_code == 200  # other accounts stay
            # The cookie value from before the change is useless, even if someone copied it.
            web.cookies.set(COOKIE, old_token or "")
            assert web.get("/arbeitsplatz/").status_code == 303

    @pytest.mark.parametrize(
        ("username", "current", "new", "again", "field", "text"),
        [
            ("anna", "", NEW, NEW, "current_password", "Bitte geben Sie Ihr aktuelles Passwort"),
            ("anna", "falsch", NEW, NEW, "current_password", "aktuelles Passwort ist falsch"),
            ("anna", PASSWORD, "", "", "new_password", "mindestens 12 Zeichen"),
            ("anna", PASSWORD, "elf-Zeichen", "elf-Zeichen", "new_password", "mindestens 12"),
            ("anna", PASSWORD, "x" * 201, "x" * 201, "new_password", "höchstens 200 Zeichen"),
            (LONG_NAME, PASSWORD, "Lang.Benutzername", None, "new_password", "Benutzername sein"),
            ("anna", PASSWORD, PASSWORD, PASSWORD, "new_password", "Passwort unterscheiden"),
            ("anna", PASSWORD, NEW, "", "new_password_again", "ein zweites Mal ein"),
            ("anna", PASSWORD, NEW, NEW + "!", "new_password_again", "sind nicht gleich"),
        ],
    )
    def test_each_rule_has_a_german_error_and_changes_nothing(
        self,
        web: TestClient,
        team: Team,
        session: Session,
        username: str,
        current: str,
        new: str,
        again: str | None,
        field: str,
        text: str,
    ) -> None:
        sign_in(web, username)
        response = _change(web, current, new, again)
        assert response.status_code == 422
        assert _summary_links(response.text) == [field]
        assert text in response.text
        assert 'role="alert"' in response.text and "<title>Fehler: Passwort ändern" in response.text
        assert f'id="{field}-fehler"' in response.text and 'aria-invalid="true"' in response.text
        # Typed passwords are never written back into the page.
        assert 'value=""' in response.text
        for typed in {current, new, again} - {None, ""}:
            assert f'value="{typed}"' not in response.text
        assert _password_is(session, username, PASSWORD)
        assert web.get("/arbeitsplatz/").status_code == 200  # still signed in

    def test_all_problems_are_listed_at_once(self, web: TestClient, team: Team) -> None:
        sign_in(web, "anna")
        response = _change(web, "", "kurz", "anders")
        assert response.status_code == 422
        assert _summary_links(response.text) == [
            "current_password",
            "new_password",
            "new_password_again",
        ]

    def test_form_needs_the_session_csrf_token(
        self, web: TestClient, team: Team, session: Session
    ) -> None:
        sign_in(web, "anna")
        fields = {"current_password": PASSWORD, "new_password": NEW, "new_password_again": NEW}
        assert web.post(PAGE, data=fields).status_code == 400
        forged = web.post(PAGE, data={**fields, "csrf_token": "gefälscht"})
        assert forged.status_code == 400 and "Es wurde nichts geändert." in forged.text
        assert _password_is(session, "anna", PASSWORD)

    def test_wrong_current_passwords_lock_the_form_and_the_sign_in(
        self, web: TestClient, other: TestClient, team: Team, session: Session, clock: FrozenClock
    ) -> None:
        sign_in(web, "anna")
        for attempt in range(4):
            assert _change(web, f"falsch-{attempt}", NEW).status_code == 422
        locked = _change(web, "falsch-5", NEW)
        assert locked.status_code == 429
        assert "für 15 Minuten gesperrt" in locked.text and 'role="alert"' in locked.text
        # While the lock lasts, even the right password is not checked, here or at sign-in.
        assert _change(web, PASSWORD, NEW).status_code == 429
        assert sign_in(other, "anna", PASSWORD).status_code == 429
        assert _password_is(session, "anna", PASSWORD)
        clock.now += timedelta(minutes=16)
        assert _change(web, PASSWORD, NEW).status_code == 303
        assert sign_in(other, "anna", NEW).status_code == 303

    def test_failed_sign_ins_and_wrong_current_passwords_share_one_count(
        self, web: TestClient, other: TestClient, team: Team
    ) -> None:
        sign_in(web, "anna")
        for attempt in range(4):
            assert sign_in(other, "anna", f"falsch-{attempt}").status_code == 401
        assert _change(web, "falsch-5", NEW).status_code == 429

    def test_empty_current_password_is_not_counted(
        self, web: TestClient, other: TestClient, team: Team
    ) -> None:
        sign_in(web, "anna")
        for _attempt in range(6):
            assert _change(web, "", NEW).status_code == 422
        assert sign_in(other, "anna").status_code == 303

    def test_log_names_the_event_without_the_password(
        self, web: TestClient, team: Team, caplog: pytest.LogCaptureFixture
    ) -> None:
        sign_in(web, "anna")
        with caplog.at_level(logging.INFO):
            _change(web, PASSWORD, NEW)
        assert "workspace.password.changed" in caplog.text
        assert NEW not in caplog.text and PASSWORD not in caplog.text


def _new_password_of(html: str) -> str:
    match = re.search(r'id="neues-passwort" type="text" readonly value="([^"]+)"', html)
    assert match, html
    return match.group(1)


class TestAdminSetsANewPassword:
    def test_admin_page_offers_it_per_login(self, web: TestClient, team: Team) -> None:
        sign_in(web, "chefin")
        page = web.get("/arbeitsplatz/verwaltung")
        anna = _account_id(page.text, "anna")
        assert f'action="/arbeitsplatz/verwaltung/konten/{anna}/passwort"' in page.text
        assert 'Neues Passwort setzen<span class="visually-hidden"> für anna</span>' in page.text
        assert "kein Zugang" in page.text  # Bernd and Dana of the team have no login

    def test_reset_shows_a_generated_password_once_and_ends_the_sessions(
        self, web: TestClient, other: TestClient, app: FastAPI, team: Team, session: Session
    ) -> None:
        sign_in(other, "anna")
        for attempt in range(5):  # anna had locked herself out
            sign_in(web, "anna", f"falsch-{attempt}")
        sign_in(web, "chefin")
        anna = _account(session, "anna").id
        response = post(web, f"/arbeitsplatz/verwaltung/konten/{anna}/passwort")
        assert response.status_code == 200
        assert "Neues Passwort für anna" in response.text and 'role="status"' in response.text
        password = _new_password_of(response.text)
        assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", password)
        assert response.headers["cache-control"] == "no-store"
        assert password not in web.get("/arbeitsplatz/verwaltung").text  # shown only once
        assert _password_is(session, "anna", password)
        assert other.get("/arbeitsplatz/").headers["location"] == LOGIN
        with browser(app) as fresh:
            assert sign_in(fresh, "anna", PASSWORD).status_code == 401
        with browser(app) as fresh:
            assert sign_in(fresh, "anna", password).status_code == 303  # lock lifted
            assert _change(fresh, password, NEW).status_code == 303
        assert web.get("/arbeitsplatz/verwaltung").status_code == 200  # the admin stays

    def test_staff_get_403(self, web: TestClient, team: Team, session: Session) -> None:
        sign_in(web, "anna")
        carla = _account(session, "carla").id
        response = post(web, f"/arbeitsplatz/verwaltung/konten/{carla}/passwort")
        assert response.status_code == 403 and "Nicht erlaubt" in response.text
        assert _password_is(session, "carla", PASSWORD)

    def test_needs_csrf_token(self, web: TestClient, team: Team, session: Session) -> None:
        sign_in(web, "chefin")
        anna = _account(session, "anna").id
        path = f"/arbeitsplatz/verwaltung/konten/{anna}/passwort"
        assert web.post(path, data={"csrf_token": "gefälscht"}).status_code == 400
        assert _password_is(session, "anna", PASSWORD)

    def test_unknown_login_is_404(self, web: TestClient, team: Team) -> None:
        sign_in(web, "chefin")
        assert post(web, "/arbeitsplatz/verwaltung/konten/999999/passwort").status_code == 404

    def test_own_login_goes_to_the_own_password_form(
        self, web: TestClient, team: Team, session: Session
    ) -> None:
        create_account(session, "berta", PASSWORD, team.jc_d, role="admin")
        session.commit()
        sign_in(web, "berta")
        assert (
            f'<a href="{PAGE}">Eigenes Passwort ändern</a>'
            in web.get("/arbeitsplatz/verwaltung").text
        )
        berta = _account(session, "berta").id
        response = post(web, f"/arbeitsplatz/verwaltung/konten/{berta}/passwort")
        assert response.status_code == 303 and response.headers["location"] == PAGE
        assert _password_is(session, "berta", PASSWORD)
        assert web.get("/arbeitsplatz/").status_code == 200


def _account_id(html: str, username: str) -> str:
    match = re.search(
        rf"<p>{re.escape(username)}</p>\s*<form method=\"post\" "
        r'action="/arbeitsplatz/verwaltung/konten/(\d+)/passwort"',
        html,
    )
    assert match, html
    return match.group(1)


def test_generated_passwords_follow_the_rules() -> None:
    generated = {passwords.generate() for _ in range(50)}
    assert len(generated) == 50
    for password in generated:
        assert passwords.new_password_problems("anna", "alt", password, password) == []
        assert not set(password) & set("l1IO0")
