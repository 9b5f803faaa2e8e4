"""Workspace availability, admin pages, calendar link, CSV export, statistics, callbacks."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.availability.models import ClosedDay, Location
from appointments.staff.models import AvailabilityWindow, StaffAccount, StaffMember
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import Team, create_account, create_team
from appointments.tests.workspace_support import PASSWORD, book, browser, csrf, post, sign_in

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def team(session: Session) -> Team:
    """Logins: anna (Jugendamt), carla (Jobcenter), chefin (admin without own calendar)."""
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "carla", PASSWORD, team.jc_c)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    with browser(app) as client:
        yield client


def _starts(client: TestClient) -> list[str]:
    return [slot["start"] for slot in client.get("/slots", params={"limit": 20}).json()["slots"]]


class TestOwnAvailability:
    def test_page_shows_own_windows(self, web: TestClient, team: Team) -> None:
        sign_in(web, "anna")
        page = web.get("/arbeitsplatz/verfuegbarkeit")
        assert "Verfügbarkeit von Anna Test" in page.text
        assert "<td>Dienstag</td><td>09:00</td><td>10:00</td>" in page.text

    def test_delete_window_removes_the_slot_from_the_chat_offers(
        self, web: TestClient, team: Team, client: TestClient, session: Session
    ) -> None:
        sign_in(web, "anna")
        assert any(start.startswith("2026-12-08T08:00") for start in _starts(client))
        # Anna and Bernd both cover Tuesday; take Bernd out through the admin first.
        bernd = session.scalars(
            select(AvailabilityWindow).where(AvailabilityWindow.staff_id == team.ja_b.id)
        ).one()
        session.delete(bernd)
        session.commit()
        window = session.scalars(
            select(AvailabilityWindow).where(AvailabilityWindow.staff_id == team.ja_a.id)
        ).one()
        response = post(
            web, f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/zeiten/{window.id}/loeschen"
        )
        assert response.status_code == 303
        assert "Die wöchentliche Zeit ist gelöscht." in web.get(response.headers["location"]).text
        assert _starts(client) == []

    def test_add_window_adds_slots(self, web: TestClient, team: Team, client: TestClient) -> None:
        sign_in(web, "anna")
        response = post(
            web,
            f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/zeiten",
            weekday="1",
            start="10:00",
            end="11:00",
        )
        assert response.status_code == 303
        # Only Anna has the new hour, and no Jobcenter person: no joint slot yet.
        assert not any(start.startswith("2026-12-08T09:00") for start in _starts(client))
        sign_in(web, "carla")
        post(
            web,
            f"/arbeitsplatz/verfuegbarkeit/{team.jc_c.id}/zeiten",
            weekday="1",
            start="10:00",
            end="11:00",
        )
        assert any(start.startswith("2026-12-08T09:00") for start in _starts(client))

    def test_window_errors_are_listed(self, web: TestClient, team: Team) -> None:
        sign_in(web, "anna")
        response = post(
            web,
            f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/zeiten",
            weekday="9",
            start="11:00",
            end="10:00",
        )
        assert response.status_code == 422
        assert 'href="#weekday"' in response.text and 'href="#end"' in response.text
        assert "Die Endzeit muss nach der Anfangszeit liegen." in response.text

    def test_absence_hides_slots_and_names_conflicts(
        self, web: TestClient, team: Team, client: TestClient
    ) -> None:
        reference = book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c)
        sign_in(web, "anna")
        response = post(
            web,
            f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/abwesenheiten",
            start_day="08.12.2026",
            note="Fortbildung",
        )
        assert response.status_code == 200
        assert f'href="/arbeitsplatz/termine/{reference}"' in response.text
        assert "Fortbildung" in response.text


class TestAuthorisation:
    def test_jobcenter_user_cannot_change_jugendamt_availability(
        self, web: TestClient, team: Team, session: Session
    ) -> None:
        sign_in(web, "carla")
        window = session.scalars(
            select(AvailabilityWindow).where(AvailabilityWindow.staff_id == team.ja_a.id)
        ).one()
        token = csrf(web)
        attempts = [
            (f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/zeiten", {"weekday": "2"}),
            (f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/zeiten/{window.id}/loeschen", {}),
            (f"/arbeitsplatz/verfuegbarkeit/{team.ja_a.id}/abwesenheiten", {}),
            # Own staff id in the path, someone else's window id: not found either.
            (f"/arbeitsplatz/verfuegbarkeit/{team.jc_c.id}/zeiten/{window.id}/loeschen", {}),
        ]
        codes = [
            web.post(
                path, data={"csrf_token": token, "start": "09:00", "end": "10:00", **data}
            ).status_code
            for path, data in attempts
        ]
        assert codes == [403, 403, 403, 404]
        assert web.get(f"/arbeitsplatz/verfuegbarkeit?person={team.ja_a.id}").status_code == 403
        session.expire_all()
        assert len(session.scalars(select(AvailabilityWindow)).all()) == 4

    def test_admin_changes_anyones_availability(self, web: TestClient, team: Team) -> None:
        sign_in(web, "chefin")
        page = web.get(f"/arbeitsplatz/verfuegbarkeit?person={team.jc_c.id}")
        assert "Verfügbarkeit von Carla Test" in page.text
        response = post(
            web,
            f"/arbeitsplatz/verfuegbarkeit/{team.jc_c.id}/zeiten",
            weekday="3",
            start="14:00",
            end="16:00",
        )
        assert response.status_code == 303


class TestAdministration:
    def test_closed_day_removes_slots(
        self, web: TestClient, team: Team, client: TestClient, session: Session
    ) -> None:
        sign_in(web, "chefin")
        response = post(
            web, "/arbeitsplatz/verwaltung/schliesstage", day="2026-12-08", label="Teamtag"
        )
        assert response.status_code == 303
        assert not any(start.startswith("2026-12-08") for start in _starts(client))
        page = web.get("/arbeitsplatz/verwaltung")
        assert "Dienstag, 8. Dezember 2026" in page.text and "Teamtag" in page.text
        assert "1. Weihnachtstag" in page.text
        post(web, "/arbeitsplatz/verwaltung/schliesstage/2026-12-08/loeschen")
        assert any(start.startswith("2026-12-08") for start in _starts(client))
        assert session.scalars(select(ClosedDay)).all() == []

    def test_add_staff_member_with_login(
        self, web: TestClient, team: Team, session: Session
    ) -> None:
        sign_in(web, "chefin")
        bad = post(
            web, "/arbeitsplatz/verwaltung/personen", name="X", username="A B", password="kurz"
        )
        assert bad.status_code == 422
        assert bad.text.count('<li><a href="#') >= 3
        response = post(
            web,
            "/arbeitsplatz/verwaltung/personen",
            name="Jana Neu",
            agency="jobcenter",
            email="jana@example.org",
            username="j.neu",
            password="ein-langes-passwort",
            role="staff",
        )
        assert response.status_code == 303
        account = session.scalars(
            select(StaffAccount).where(StaffAccount.username == "j.neu")
        ).one()
        assert account.password_hash.startswith("scrypt$") and account.staff_id is not None
        assert sign_in(web, "j.neu", "ein-langes-passwort").status_code == 303

    def test_deactivate_signs_out_and_hides_slots(
        self, web: TestClient, app: FastAPI, team: Team, client: TestClient, session: Session
    ) -> None:
        with browser(app) as carla:
            sign_in(carla, "carla")
            sign_in(web, "chefin")
            post(web, f"/arbeitsplatz/verwaltung/personen/{team.jc_c.id}/aktiv", active="nein")
            post(web, f"/arbeitsplatz/verwaltung/personen/{team.jc_d.id}/aktiv", active="nein")
            assert carla.get("/arbeitsplatz/").status_code == 303
        assert _starts(client) == []
        session.expire_all()
        assert session.get(StaffMember, team.jc_c.id).active is False  # type: ignore[union-attr]

    def test_admin_cannot_deactivate_themselves(
        self, web: TestClient, team: Team, session: Session
    ) -> None:
        create_account(session, "bernd", PASSWORD, team.ja_b, role="admin")
        session.commit()
        sign_in(web, "bernd")
        path = f"/arbeitsplatz/verwaltung/personen/{team.ja_b.id}/aktiv"
        response = post(web, path, active="nein")
        assert response.status_code == 422
        assert "nicht selbst deaktivieren" in response.text
        assert web.get("/arbeitsplatz/").status_code == 200

    def test_edit_location(self, web: TestClient, team: Team, session: Session) -> None:
        sign_in(web, "chefin")
        location = session.scalars(select(Location)).one()
        response = post(
            web,
            f"/arbeitsplatz/verwaltung/orte/{location.id}",
            name="Familienbüro Ibbenbüren",
            address="Große Straße 1",
            step_free="ja",
        )
        assert response.status_code == 303
        session.expire_all()
        stored = session.get(Location, location.id)
        assert stored is not None and stored.step_free is True
        assert stored.address == "Große Straße 1"


class TestTools:
    def test_calendar_link_is_shown_once_and_works(self, web: TestClient, team: Team) -> None:
        sign_in(web, "anna")
        page = post(web, "/arbeitsplatz/kalender/link")
        assert page.status_code == 200
        url = page.text.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
        assert "/staff/feed/" in url
        feed = web.get(url.replace("http://localhost:8000", ""))
        assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
        assert url not in web.get("/arbeitsplatz/kalender").text

    def test_csv_export_of_own_bookings(
        self, web: TestClient, team: Team, client: TestClient
    ) -> None:
        own = book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c)
        other = book(client, TUE_DEC_8_0900, team.ja_b, team.jc_d)
        sign_in(web, "anna")
        response = web.get("/arbeitsplatz/export.csv?von=01.12.2026&bis=2026-12-31")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert own in response.text and other not in response.text
        bad = web.get("/arbeitsplatz/export.csv?von=gestern&bis=2026-12-31")
        assert bad.status_code == 422 and 'href="#von"' in bad.text

    def test_statistics_without_personal_data(
        self, web: TestClient, team: Team, client: TestClient
    ) -> None:
        book(client, TUE_DEC_8_0900, team.ja_a, team.jc_c, language="Arabisch")
        sign_in(web, "carla")
        page = web.get("/arbeitsplatz/statistik")
        assert page.status_code == 200
        assert "Mira Beispiel" not in page.text and "05451" not in page.text
        assert "KW 50 (07.12.2026 bis 13.12.2026)" in page.text
        assert "100 Prozent" in page.text
        assert "weniger als 3" in page.text  # one Arabic-speaking family: not shown as 1

    def test_callback_requests_page(self, web: TestClient, team: Team) -> None:
        sign_in(web, "anna")
        page = web.get("/arbeitsplatz/rueckrufe")
        assert page.status_code == 200
        assert "Es gibt keine offenen Rückrufwünsche." in page.text
