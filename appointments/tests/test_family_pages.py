"""The family's HTML manage page behind the e-mail link: view, reschedule, cancel."""

import base64
import hashlib
import logging
import re
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking, Occupancy
from appointments.config import Settings
from appointments.family import pages
from appointments.family.pages import CONTENT_SECURITY_POLICY
from appointments.log_redaction import AccessLogRedactor
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_team, slot_id

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
FAMILY = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}
NOT_FOUND_TEXT = "Wir haben keinen Termin zu diesem Link gefunden."


class PageParser(HTMLParser):
    """Collects text, headings, forms with their inputs, labels and links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.headings: list[tuple[str, str]] = []
        self.forms: list[dict[str, Any]] = []
        self.labels: dict[str, str] = {}
        self.links: list[str] = []
        self.scripts = 0
        self.text_parts: list[str] = []
        self._heading: str | None = None
        self._label_for: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag in ("h1", "h2", "h3"):
            self._heading = tag
            self.headings.append((tag, ""))
        elif tag == "form":
            self.forms.append({"method": a.get("method"), "action": a["action"], "inputs": []})
        elif tag == "input":
            self.forms[-1]["inputs"].append(a)
        elif tag == "label":
            self._label_for = a.get("for", "")
            self.labels[self._label_for] = ""
        elif tag == "a":
            self.links.append(a.get("href", ""))
        elif tag in ("script", "link", "img", "iframe"):
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3"):
            self._heading = None
        elif tag == "label":
            self._label_for = None

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._heading:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)
        if self._label_for is not None:
            self.labels[self._label_for] += data

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text_parts))

    def form(self, action_end: str) -> dict[str, Any]:
        (found,) = [f for f in self.forms if f["action"].endswith(action_end)]
        return found

    def radios(self) -> list[str]:
        return [i["value"] for i in self.form("/verschieben")["inputs"] if i["type"] == "radio"]


def parse(response: httpx.Response) -> PageParser:
    parser = PageParser()
    parser.feed(response.text)
    return parser


@pytest.fixture
def team(session: Session) -> Team:
    """Two people per agency, free on Tuesdays 09:00–10:00."""
    return create_team(session)


@pytest.fixture
def booked(client: TestClient, team: Team) -> dict[str, Any]:
    """A booking of Anna + Carla on Tuesday, 8 December, 09:00, with e-mail address."""
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    response = client.post("/bookings", json=booking_payload(slot, contact=FAMILY))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def page_path(booked: dict[str, Any]) -> str:
    """The manage link from the booking response, without scheme and host."""
    return str(booked["manage_url"]).removeprefix("http://localhost:8000")


def _slot_ids(client: TestClient) -> list[str]:
    return [slot["id"] for slot in client.get("/slots", params={"limit": 20}).json()["slots"]]


def _post(client: TestClient, booked: dict[str, Any], verb: str, **fields: str) -> httpx.Response:
    return client.post(f"/termin/{booked['reference']}/{verb}", data=fields)


def assert_private_page(response: httpx.Response) -> None:
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-frame-options"] == "DENY"
    assert "set-cookie" not in response.headers
    # The one inline style block is allowed by its hash, nothing else (no scripts at all).
    (css,) = re.findall(r"<style>(.*?)</style>", response.text, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY  # default-src 'none' forbids scripts
    page = parse(response)
    assert page.html_lang == "de"
    assert page.scripts == 0  # no JavaScript, no external assets
    assert [tag for tag, _ in page.headings][:1] == ["h1"]


class TestView:
    def test_manage_url_points_at_the_page(self, booked: dict[str, Any]) -> None:
        assert page_path(booked) == (
            f"/termin/{booked['reference']}?token={booked['manage_token']}"
        )

    def test_page_shows_appointment_in_german(
        self, client: TestClient, booked: dict[str, Any], team: Team
    ) -> None:
        response = client.get(page_path(booked))

        assert response.status_code == 200
        assert_private_page(response)
        page = parse(response)
        assert page.headings == [
            ("h1", "Ihr Termin"),
            ("h2", "Termin verschieben"),
            ("h2", "Termin absagen"),
        ]
        assert "Dienstag, 8. Dezember 2026, 09:00 Uhr bis 10:00 Uhr" in page.text
        assert "Familienbüro der Stadt Ibbenbüren" in page.text
        assert "Anna Test (Jugendamt) und Carla Test (Jobcenter)" in page.text
        assert "Status Gebucht" in page.text
        assert booked["reference"] in page.text
        assert "05451" not in page.text and "mira@" not in page.text  # no contact data
        # The next Tuesdays; the booking's own time (free with the other pair) is left out.
        assert [radio.split("-")[0] for radio in page.radios()] == [
            "20261215T0800Z",
            "20261222T0800Z",
            "20261229T0800Z",
        ]
        assert "Dienstag, 15. Dezember 2026, 09:00 Uhr" in page.labels["slot-1"]
        assert page.labels["confirm"] == "Ja, ich möchte diesen Termin absagen."

    def test_forms_post_the_token_in_a_hidden_field(
        self, client: TestClient, booked: dict[str, Any]
    ) -> None:
        page = parse(client.get(page_path(booked)))
        for action in ("/absagen", "/verschieben"):
            form = page.form(action)
            assert form["method"] == "post"
            assert "token" not in form["action"]
            hidden = [i for i in form["inputs"] if i["type"] == "hidden"]
            assert hidden == [{"type": "hidden", "name": "token", "value": booked["manage_token"]}]
        checkbox = [i for i in page.form("/absagen")["inputs"] if i["type"] == "checkbox"]
        assert "required" in checkbox[0]

    @pytest.mark.parametrize("token", ["falsch", "", "x" * 500])
    def test_wrong_or_missing_token_is_neutral_404(
        self, client: TestClient, booked: dict[str, Any], token: str
    ) -> None:
        response = client.get(f"/termin/{booked['reference']}", params={"token": token})
        assert response.status_code == 404
        assert_private_page(response)
        assert NOT_FOUND_TEXT in parse(response).text
        assert booked["reference"] not in response.text

    def test_unknown_reference_looks_like_wrong_token(
        self, client: TestClient, booked: dict[str, Any]
    ) -> None:
        wrong_token = client.get(f"/termin/{booked['reference']}", params={"token": "falsch"})
        unknown = client.get("/termin/FL-AAAA-BBBB", params={"token": booked["manage_token"]})
        assert unknown.status_code == 404
        assert unknown.text == wrong_token.text

    def test_past_appointment_is_explained_without_forms(
        self, client: TestClient, booked: dict[str, Any], clock: FrozenClock
    ) -> None:
        clock.now = TUE_DEC_8_0900 + timedelta(minutes=30)
        page = parse(client.get(page_path(booked)))
        assert page.forms == []
        assert "Dieser Termin hat schon begonnen oder ist vorbei." in page.text


class TestCancel:
    def test_cancel_frees_the_slot(
        self, client: TestClient, booked: dict[str, Any], team: Team, session: Session
    ) -> None:
        slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        assert slot not in _slot_ids(client)

        response = _post(client, booked, "absagen", token=booked["manage_token"], confirm="ja")

        assert response.status_code == 200
        assert_private_page(response)
        page = parse(response)
        assert page.headings[0] == ("h1", "Ihr Termin ist abgesagt")
        assert "Wir haben Ihren Termin abgesagt." in page.text
        assert "Sie bekommen dazu auch eine E-Mail." in page.text
        assert "Status Abgesagt" in page.text
        assert page.links == [booked["manage_url"]]
        stored = session.scalars(select(Booking)).one()
        assert (stored.status, stored.status_reason) == ("cancelled", "Von der Familie abgesagt")
        assert session.scalars(select(Occupancy)).all() == []
        assert slot in _slot_ids(client)

    def test_without_confirmation_nothing_happens(
        self, client: TestClient, booked: dict[str, Any], session: Session
    ) -> None:
        response = _post(client, booked, "absagen", token=booked["manage_token"])

        assert response.status_code == 422
        assert "Bitte setzen Sie das Häkchen" in parse(response).text
        assert "<title>Fehler: " in response.text
        assert session.scalars(select(Booking)).one().status == "confirmed"

    def test_cancelled_appointment_is_explained(
        self, client: TestClient, booked: dict[str, Any]
    ) -> None:
        _post(client, booked, "absagen", token=booked["manage_token"], confirm="ja")

        again = _post(client, booked, "absagen", token=booked["manage_token"], confirm="ja")
        view = client.get(page_path(booked))

        assert again.status_code == 409
        assert "Ihr Termin wurde nicht geändert." in parse(again).text
        for response in (again, view):
            page = parse(response)
            assert page.forms == []
            assert "Dieser Termin ist abgesagt." in page.text
            assert "Status Abgesagt" in page.text

    def test_wrong_token_changes_nothing(
        self, client: TestClient, booked: dict[str, Any], session: Session
    ) -> None:
        response = _post(client, booked, "absagen", token="falsch", confirm="ja")
        assert response.status_code == 404
        assert NOT_FOUND_TEXT in parse(response).text
        assert session.scalars(select(Booking)).one().status == "confirmed"

    def test_odd_form_bodies_change_nothing(
        self, client: TestClient, booked: dict[str, Any], session: Session
    ) -> None:
        path = f"/termin/{booked['reference']}/absagen"
        many = "&".join(f"f{i}=1" for i in range(50)) + f"&token={booked['manage_token']}"
        for content, content_type in [
            (many, "application/x-www-form-urlencoded"),
            (f'{{"token": "{booked["manage_token"]}", "confirm": "ja"}}', "application/json"),
        ]:
            response = client.post(path, content=content, headers={"content-type": content_type})
            assert response.status_code == 404
        assert session.scalars(select(Booking)).one().status == "confirmed"

    def test_token_in_query_is_not_enough_for_changes(
        self, client: TestClient, booked: dict[str, Any], session: Session
    ) -> None:
        response = client.post(
            f"/termin/{booked['reference']}/absagen",
            params={"token": booked["manage_token"]},
            data={"confirm": "ja"},
        )
        assert response.status_code == 404
        assert session.scalars(select(Booking)).one().status == "confirmed"


class TestReschedule:
    def test_reschedule_frees_old_and_takes_new_slot(
        self, client: TestClient, booked: dict[str, Any], team: Team, session: Session
    ) -> None:
        old = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
        new = parse(client.get(page_path(booked))).radios()[0]
        assert new.startswith("20261215T0800Z-")
        ja_id, jc_id = (int(part) for part in new.split("-")[1:])

        response = _post(client, booked, "verschieben", token=booked["manage_token"], slot_id=new)

        assert response.status_code == 200, response.text
        assert_private_page(response)
        page = parse(response)
        assert page.headings[0] == ("h1", "Ihr Termin ist verschoben")
        assert "Dienstag, 15. Dezember 2026, 09:00 Uhr bis 10:00 Uhr" in page.text
        session.expire_all()
        stored = session.scalars(select(Booking)).one()
        assert (stored.start_utc, stored.sequence) == (TUE_DEC_15_0900, 1)
        occupied = {(o.staff_id, o.start_utc) for o in session.scalars(select(Occupancy))}
        assert occupied == {(ja_id, TUE_DEC_15_0900), (jc_id, TUE_DEC_15_0900)}
        view = parse(client.get(page_path(booked)))
        assert "Dienstag, 15. Dezember 2026, 09:00 Uhr bis 10:00 Uhr" in view.text
        # The old slot can be booked by another family, the new one cannot.
        assert client.post("/bookings", json=booking_payload(new)).status_code == 409
        assert client.post("/bookings", json=booking_payload(old)).status_code == 201

    def test_taken_slot_shows_message_and_the_list_again(
        self, client: TestClient, booked: dict[str, Any], team: Team, session: Session
    ) -> None:
        chosen = parse(client.get(page_path(booked))).radios()[0]
        assert chosen.startswith("20261215T0800Z-")
        # While the family is still choosing, two other families take 15 December entirely.
        for ja, jc in ((team.ja_a, team.jc_d), (team.ja_b, team.jc_c)):
            other = booking_payload(slot_id(TUE_DEC_15_0900, ja, jc))
            assert client.post("/bookings", json=other).status_code == 201

        response = _post(
            client, booked, "verschieben", token=booked["manage_token"], slot_id=chosen
        )

        assert response.status_code == 409
        page = parse(response)
        assert "Diese Zeit ist leider gerade vergeben worden." in page.text
        assert "Ihr Termin ist unverändert." in page.text
        assert "Dienstag, 8. Dezember 2026, 09:00 Uhr bis 10:00 Uhr" in page.text
        assert page.radios()[0].startswith("20261222T0800Z")  # the list, without 15 December
        session.expire_all()
        stored = session.scalars(select(Booking).where(Booking.reference == booked["reference"]))
        assert stored.one().start_utc == TUE_DEC_8_0900

    @pytest.mark.parametrize("slot", ["", "kaputt", "20261208T0800Z-999-999"])
    def test_missing_or_invalid_slot(
        self, client: TestClient, booked: dict[str, Any], slot: str
    ) -> None:
        response = _post(client, booked, "verschieben", token=booked["manage_token"], slot_id=slot)
        assert response.status_code in (409, 422)
        page = parse(response)
        assert "Bitte wählen Sie" in page.text
        assert page.radios()  # the list is shown again

    def test_past_appointment_cannot_be_moved(
        self, client: TestClient, booked: dict[str, Any], team: Team, clock: FrozenClock
    ) -> None:
        new = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)
        clock.now = TUE_DEC_8_0900 + timedelta(minutes=1)
        response = _post(client, booked, "verschieben", token=booked["manage_token"], slot_id=new)
        assert response.status_code == 409
        assert "Dieser Termin hat schon begonnen oder ist vorbei." in parse(response).text


def test_page_flow_sends_mails_with_updated_calendar(
    client: TestClient, booked: dict[str, Any], team: Team, settings: Settings
) -> None:
    new = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)
    _post(client, booked, "verschieben", token=booked["manage_token"], slot_id=new)
    _post(client, booked, "absagen", token=booked["manage_token"], confirm="ja")

    calendars = []
    for path in settings.mail_dir.glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        for part in message.iter_attachments():
            calendars.append(Calendar.from_ical(part.get_payload(decode=True)))
    # Staff have no e-mail addresses here: the family gets booked, moved, cancelled.
    found = sorted((int(c.walk("VEVENT")[0]["SEQUENCE"]), str(c["METHOD"])) for c in calendars)
    assert found == [(0, "REQUEST"), (1, "REQUEST"), (2, "CANCEL")]


def test_token_never_reaches_the_logs(
    client: TestClient, booked: dict[str, Any], team: Team, caplog: pytest.LogCaptureFixture
) -> None:
    token = booked["manage_token"]
    caplog.set_level(logging.DEBUG)
    client.get(page_path(booked))
    client.get(f"/termin/{booked['reference']}", params={"token": token + "x"})
    new = slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d)
    _post(client, booked, "verschieben", token=token, slot_id=new)
    _post(client, booked, "absagen", token=token, confirm="ja")

    server_records = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert server_records  # the service does log these events …
    assert all(token not in r.getMessage() for r in server_records)  # … without the token

    # uvicorn's access log line of the page request is redacted by the installed filter.
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", page_path(booked), "1.1", 200),
        None,
    )
    redactor = logging.getLogger("uvicorn.access").filters
    assert any(isinstance(f, AccessLogRedactor) for f in redactor)
    for log_filter in redactor:
        assert log_filter.filter(record) if isinstance(log_filter, AccessLogRedactor) else True
    assert token not in record.getMessage()
    assert "/termin/***?token=***" in record.getMessage()
    assert booked["reference"] not in record.getMessage()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("#1a1a1a", "#ffffff"),  # body text
        ("#3d3d3d", "#ffffff"),  # header, footer, hints
        ("#0b4f8a", "#ffffff"),  # links
        ("#ffffff", "#0b4f8a"),  # reschedule button
        ("#ffffff", "#a4161a"),  # cancel button
        ("#1a1a1a", "#f4f4f4"),  # messages
    ],
)
def test_colours_have_enough_contrast(text: str, background: str) -> None:
    css = (Path(pages.__file__).parent / "style.css").read_text()
    for colour in (text, background):
        assert colour == "#ffffff" or colour in css
    lighter, darker = sorted((_luminance(text), _luminance(background)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5
