"""Callback requests: families ask to be called back; staff of either agency handle them."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.callbacks.models import CallbackRequest
from appointments.cli import main
from appointments.config import Settings
from appointments.tests.conftest import FROZEN_NOW, FrozenClock
from appointments.tests.factories import Team, create_account, create_team

PASSWORD = "richtig-geheim"


@pytest.fixture
def team(session: Session) -> Team:
    """A team with one login per agency and one without a staff member."""
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "carla", PASSWORD, team.jc_c)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    # A second Familienbüro (Jugendamt) login, to see who closed a request.
    create_account(session, "bernd", PASSWORD, team.ja_b)
    session.commit()
    return team


def _payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Mira Beispiel",
        "phone": "05451 123456",
        "preferred_time": "vormittags",
        "children_ages": [4, 7],
        "topics": ["erziehung"],
        "consent_version": "2026-11-01",
        "consent_given_at": "2026-12-07T09:55:00+01:00",
    }
    body.update(overrides)
    return body


def _create(client: TestClient, **overrides: Any) -> dict[str, Any]:
    response = client.post("/callbacks", json=_payload(**overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _stored(session: Session, reference: str) -> CallbackRequest:
    session.expire_all()
    stmt = select(CallbackRequest).where(CallbackRequest.reference == reference)
    return session.scalars(stmt).one()


class TestCreate:
    def test_create_returns_reference(self, client: TestClient, session: Session) -> None:
        body = _create(client)

        assert set(body) == {"reference", "created_at"}
        assert body["reference"].startswith("RR-") and len(body["reference"]) == 12
        assert body["created_at"] == "2026-12-07T09:00:00+00:00"
        stored = _stored(session, body["reference"])
        assert stored.status == "open"
        assert stored.contact_phone == "05451 123456"
        assert stored.children_ages == [4, 7] and stored.topics == ["erziehung"]

    def test_optional_fields_may_be_left_out(self, client: TestClient, session: Session) -> None:
        body = _create(
            client, preferred_time=None, children_ages=[], topics=[], phone=" 0171 998877 "
        )
        stored = _stored(session, body["reference"])
        assert stored.preferred_time is None and stored.children_ages == []
        assert stored.contact_phone == "0171 998877"

    def test_the_consent_language_is_recorded(self, client: TestClient, session: Session) -> None:
        assert _stored(session, _create(client)["reference"]).consent_text_language == "de"
        turkish = _stored(session, _create(client, consent_language="tr")["reference"])
        assert turkish.consent_text_language == "tr"

    def test_blank_preferred_time_is_none(self, client: TestClient, session: Session) -> None:
        stored = _stored(session, _create(client, preferred_time="   ")["reference"])
        assert stored.preferred_time is None

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            pytest.param(
                {"phone": "abc"},
                "phone",
                "Bitte geben Sie eine gültige Telefonnummer an (6 bis 20 Ziffern, "
                "erlaubt sind auch +, Leerzeichen, / und -).",
                id="phone-letters",
            ),
            pytest.param(
                {"phone": "12345"},
                "phone",
                "Bitte geben Sie eine gültige Telefonnummer an (6 bis 20 Ziffern, "
                "erlaubt sind auch +, Leerzeichen, / und -).",
                id="phone-short",
            ),
            pytest.param({"phone": None}, "phone", None, id="phone-missing"),
            pytest.param({"name": "M"}, "name", None, id="name-short"),
            pytest.param({"preferred_time": "x" * 201}, "preferred_time", None, id="time-long"),
            pytest.param({"children_ages": [18]}, "children_ages.0", None, id="age"),
            pytest.param({"consent_version": ""}, "consent_version", None, id="consent"),
            pytest.param({"consent_language": "Türkisch"}, "consent_language", None, id="lang"),
            pytest.param(
                {"consent_given_at": "2026-12-07T09:55:00"}, "consent_given_at", None, id="naive"
            ),
        ],
    )
    def test_invalid_input_is_german_422(
        self,
        client: TestClient,
        session: Session,
        overrides: dict[str, Any],
        field: str,
        message: str | None,
    ) -> None:
        response = client.post("/callbacks", json=_payload(**overrides))

        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "invalid_input"
        errors = {error["field"]: error["message"] for error in body["errors"]}
        assert field in errors
        if message is not None:
            assert errors[field] == message
        assert session.scalars(select(CallbackRequest)).all() == []


class TestStaff:
    @pytest.mark.parametrize("username", ["anna", "bernd"])
    def test_familienbuero_accounts_list_callbacks(
        self, client: TestClient, team: Team, username: str
    ) -> None:
        created = _create(client)

        response = client.get("/staff/callbacks", auth=(username, PASSWORD))

        assert response.status_code == 200, response.text
        [item] = response.json()["callbacks"]
        assert item["reference"] == created["reference"]
        assert item["status"] == "open"
        assert item["name"] == "Mira Beispiel" and item["phone"] == "05451 123456"
        assert item["preferred_time"] == "vormittags"
        assert item["done_at"] is None and item["done_by"] is None

    def test_done_records_who_and_when(
        self, client: TestClient, team: Team, clock: FrozenClock
    ) -> None:
        reference = _create(client)["reference"]
        clock.now = FROZEN_NOW + timedelta(hours=2)

        response = client.post(
            f"/staff/callbacks/{reference.lower()}/done", auth=("bernd", PASSWORD)
        )

        assert response.status_code == 200, response.text
        body = response.json()
        assert body["status"] == "done"
        assert body["done_by"] == "bernd"
        assert body["done_at"] == "2026-12-07T11:00:00+00:00"

    def test_done_twice_keeps_first_record(self, client: TestClient, team: Team) -> None:
        reference = _create(client)["reference"]
        client.post(f"/staff/callbacks/{reference}/done", auth=("bernd", PASSWORD))
        again = client.post(f"/staff/callbacks/{reference}/done", auth=("anna", PASSWORD))
        assert again.status_code == 200
        assert again.json()["done_by"] == "bernd"

    def test_status_filter(self, client: TestClient, team: Team) -> None:
        first, second = _create(client)["reference"], _create(client)["reference"]
        client.post(f"/staff/callbacks/{first}/done", auth=("anna", PASSWORD))

        def refs(status: str | None) -> list[str]:
            params = {"status": status} if status else {}
            response = client.get("/staff/callbacks", params=params, auth=("anna", PASSWORD))
            assert response.status_code == 200
            return [item["reference"] for item in response.json()["callbacks"]]

        assert refs("open") == [second]
        assert refs("done") == [first]
        assert refs(None) == [first, second]
        bad = client.get("/staff/callbacks", params={"status": "x"}, auth=("anna", PASSWORD))
        assert bad.status_code == 422

    @pytest.mark.parametrize("username", ["carla", "chefin"])
    def test_nobody_outside_the_familienbuero_sees_or_closes_callbacks(
        self, client: TestClient, team: Team, session: Session, username: str
    ) -> None:
        # The consent names the Familienbüro only: not the Jobcenter, not an admin login.
        reference = _create(client)["reference"]
        listed = client.get("/staff/callbacks", auth=(username, PASSWORD))
        done = client.post(f"/staff/callbacks/{reference}/done", auth=(username, PASSWORD))
        assert listed.status_code == done.status_code == 403
        assert listed.json()["code"] == "callbacks_forbidden"
        assert "Mira" not in listed.text
        assert _stored(session, reference).status == "open"

    def test_unknown_reference_is_404(self, client: TestClient, team: Team) -> None:
        response = client.post("/staff/callbacks/RR-AAAA-BBBB/done", auth=("anna", PASSWORD))
        assert response.status_code == 404
        assert response.json()["code"] == "callback_not_found"

    @pytest.mark.parametrize(
        ("auth", "code"),
        [
            (None, "not_authenticated"),
            (("anna", "falsch"), "invalid_credentials"),
            (("niemand", PASSWORD), "invalid_credentials"),
        ],
    )
    def test_staff_endpoints_need_credentials(
        self,
        client: TestClient,
        team: Team,
        session: Session,
        auth: tuple[str, str] | None,
        code: str,
    ) -> None:
        reference = _create(client)["reference"]
        listed = client.get("/staff/callbacks", auth=auth)
        done = client.post(f"/staff/callbacks/{reference}/done", auth=auth)
        assert listed.status_code == done.status_code == 401
        assert listed.json()["code"] == done.json()["code"] == code
        assert _stored(session, reference).status == "open"


class TestPurge:
    def test_purge_erases_done_and_old_callbacks(
        self,
        client: TestClient,
        team: Team,
        session: Session,
        settings: Settings,
        clock: FrozenClock,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        old = _create(client)["reference"]
        clock.now = FROZEN_NOW + timedelta(days=settings.retention_days - 1)
        done = _create(client)["reference"]
        fresh = _create(client)["reference"]
        client.post(f"/staff/callbacks/{done}/done", auth=("anna", PASSWORD))
        later = FrozenClock(FROZEN_NOW + timedelta(days=settings.retention_days, seconds=1))

        assert main(["purge"], settings=settings, clock=later) == 0

        assert "Personenbezogene Daten von 2 Rückrufbitte(n) gelöscht." in capsys.readouterr().out
        for reference in (old, done):
            stored = _stored(session, reference)
            assert stored.contact_name == "gelöscht"
            assert stored.contact_phone is None and stored.preferred_time is None
            assert stored.topics == [] and stored.anonymised_at == later.now
            assert stored.children_ages == [4, 7]
        kept = _stored(session, fresh)
        assert kept.contact_phone == "05451 123456" and kept.anonymised_at is None
        assert _stored(session, old).status == "open"

    def test_purge_twice_counts_nothing_new(
        self, client: TestClient, team: Team, settings: Settings, capsys: pytest.CaptureFixture[str]
    ) -> None:
        reference = _create(client)["reference"]
        client.post(f"/staff/callbacks/{reference}/done", auth=("anna", PASSWORD))
        main(["purge"], settings=settings, clock=FrozenClock())
        capsys.readouterr()
        main(["purge"], settings=settings, clock=FrozenClock())
        assert "von 0 Rückrufbitte(n)" in capsys.readouterr().out
