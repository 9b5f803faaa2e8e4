"""A family's language: stored with the booking, its mails in it (German original below),
staff see the language and an interpreter hint, and the family catalogues stay current."""

from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking
from appointments.i18n import family_texts, read_catalogue
from appointments.notify import family_catalogues
from appointments.notify.family_messages import FAMILY_MESSAGES, MAIL_MESSAGES
from appointments.notify.formatting import long_datetime
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import booking_payload, slot_id
from appointments.tests.test_notify import FAMILY, TUE_DEC_8_0900, Inbox, inbox, people
from appointments.tests.workspace_support import browser, sign_in

__all__ = ["inbox", "people"]  # fixtures shared with test_notify

LANGUAGES = ("en", "ar", "uk", "ru", "tr")


def _book(client: TestClient, people: dict[str, Any], **extra: Any) -> dict[str, Any]:
    slot = slot_id(TUE_DEC_8_0900, people["anna"], people["carla"])
    response = client.post("/bookings", json=booking_payload(slot, contact=FAMILY, **extra))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _arabic_consent() -> dict[str, Any]:
    return {
        "text_version": "2026-11-01",
        "given_at": "2026-12-07T09:55:00+01:00",
        "channel": "chat",
        "text_language": "ar",
    }


def test_booking_stores_language_and_consent_language(
    client: TestClient, people: dict[str, Any], inbox: Inbox, session: Session
) -> None:
    booked = _book(client, people, conversation_language="ar", consent=_arabic_consent())
    booking = session.scalars(select(Booking).filter_by(reference=booked["reference"])).one()
    assert booking.conversation_language == "ar"
    assert booking.consent_text_language == "ar"
    assert booking.consent_text_version == "2026-11-01"


def test_older_clients_book_in_german(
    client: TestClient, people: dict[str, Any], inbox: Inbox, session: Session
) -> None:
    booked = _book(client, people)
    booking = session.scalars(select(Booking).filter_by(reference=booked["reference"])).one()
    assert (booking.conversation_language, booking.consent_text_language) == ("de", "de")
    family = inbox.to(FAMILY["email"])[0]
    assert family["Subject"].startswith("Ihr Termin beim Jugendamt und Jobcenter")


@pytest.mark.parametrize("code", ["arabic", "AR1", "", "deu"])
def test_a_language_must_be_an_iso_code(
    client: TestClient, people: dict[str, Any], code: str
) -> None:
    slot = slot_id(TUE_DEC_8_0900, people["anna"], people["carla"])
    body = booking_payload(slot, contact=FAMILY, conversation_language=code)
    assert client.post("/bookings", json=body).status_code == 422


def test_arabic_family_mail_with_german_original_and_german_staff_mails(
    client: TestClient, people: dict[str, Any], inbox: Inbox
) -> None:
    booked = _book(client, people, conversation_language="ar", consent=_arabic_consent())

    family = inbox.to(FAMILY["email"])[0]
    assert "(Jugendamt)" in family["Subject"]  # the office's German name stays visible
    assert family["Subject"].startswith("موعدك مع مكتب رعاية الشباب")
    text = family.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    translated, _, german = text.partition("\n----\n")
    assert "مرحباً Mira Beispiel،" in translated
    assert f"رقم الحجز: {booked['reference']}" in translated
    assert booked["manage_url"] in translated
    # Babel writes the Arabic date; the German original follows, introduced in Arabic.
    assert "ديسمبر" in translated
    assert german.startswith("هذا النص ترجمة لم يراجعها إنسان بعد. النص الألماني هو الملزم:")
    assert "Wann: Dienstag, 8. Dezember 2026, 09:00 Uhr bis 10:00 Uhr" in german

    for address in ("anna@ja.test", "carla@jc.test"):
        staff = inbox.to(address)[0]
        assert staff["Subject"].startswith("Neuer gemeinsamer Termin: Dienstag")
        body = staff.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "رقم" not in body


@pytest.mark.parametrize("code", LANGUAGES)
def test_family_mail_in_each_language_has_no_english_msgid(
    client: TestClient, people: dict[str, Any], inbox: Inbox, code: str
) -> None:
    _book(client, people, conversation_language=code)
    text = inbox.to(FAMILY["email"])[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    translated = text.replace("\r\n", "\n").partition("\n----\n")[0]
    german = read_catalogue("de")
    lines = translated.split("\n")
    for msgid in MAIL_MESSAGES:
        head = msgid.split("{")[0].strip()
        if code != "en" and head:
            assert head not in translated, f"{code}: English text left: {msgid}"
        german_head = german[msgid].string.split("{")[0].strip()
        assert not german_head or german_head not in lines, f"{code}: German left: {msgid}"


def test_workspace_shows_chat_language_and_suggests_an_interpreter(
    client: TestClient, app: FastAPI, people: dict[str, Any], inbox: Inbox
) -> None:
    booked = _book(client, people, conversation_language="ar", consent=_arabic_consent())
    with browser(app) as web:
        assert sign_in(web, "chefin", "richtig-geheim").status_code == 303
        page = web.get(f"/arbeitsplatz/termine/{booked['reference']}")
        overview = web.get("/arbeitsplatz/?ab=2026-12-08&tage=1")
    assert page.status_code == 200
    assert "Chat: Arabisch" in page.text
    assert "Die Familie hat auf Arabisch gechattet." in page.text
    assert "Dolmetscherin oder ein Dolmetscher" in page.text
    assert "(Übersetzung; verbindlich ist der deutsche Text)" in page.text
    assert "Chat: Arabisch" in overview.text


def test_staff_api_reports_the_language(
    client: TestClient, people: dict[str, Any], inbox: Inbox
) -> None:
    booked = _book(client, people, conversation_language="tr")
    response = client.get("/staff/bookings", auth=("chefin", "richtig-geheim"))
    assert response.status_code == 200, response.text
    rows = [row for row in response.json()["bookings"] if row["reference"] == booked["reference"]]
    assert rows[0]["conversation_language"] == "tr"
    assert rows[0]["consent"]["text_language"] == "de"


@pytest.mark.parametrize("code", LANGUAGES)
def test_family_catalogue_complete_and_current(code: str) -> None:
    assert family_catalogues.problems(code) == []


def test_family_catalogue_check_finds_outdated_and_missing(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "xx" / "LC_MESSAGES" / "messages.po"
    monkeypatch.setattr(family_catalogues, "catalogue_path", lambda code: target)
    monkeypatch.setattr(
        "appointments.notify.family_catalogues.read_catalogue",
        lambda code: read_catalogue("de") if code == "de" else _read(target),
    )
    first, second = FAMILY_MESSAGES[0], FAMILY_MESSAGES[1]
    family_catalogues.write("xx", {first: "one", second: "two"})
    text = target.read_text(encoding="utf-8")
    # The German text of `second` changed since it was translated: the version differs.
    german = read_catalogue("de")[second].string
    old = family_catalogues.source_version(german)
    target.write_text(text.replace(f"source: {old}", "source: 000000000000"), encoding="utf-8")
    found = family_catalogues.problems("xx")
    assert f"xx: veraltet (deutscher Text geändert): {second}" in found
    assert f"xx: fehlt: {FAMILY_MESSAGES[2]}" in found
    assert not any(first in problem for problem in found)


def _read(path: Any) -> Any:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale="en")


def test_dates_in_the_family_language() -> None:
    moment = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
    with family_texts("en"):
        assert long_datetime(moment, BERLIN) == "Tuesday, 8 December 2026, 09:00"
    with family_texts("tr"):
        assert "Aralık" in long_datetime(moment, BERLIN)
    with family_texts("ru"):
        assert "декабря" in long_datetime(moment, BERLIN)
    # Outside a family's block, and for a language without catalogue: German.
    assert long_datetime(moment, BERLIN) == "Dienstag, 8. Dezember 2026, 09:00 Uhr"
    with family_texts("fa"):
        assert long_datetime(moment, BERLIN) == "Dienstag, 8. Dezember 2026, 09:00 Uhr"


def test_family_page_in_arabic_is_right_to_left_with_german_link(
    client: TestClient, people: dict[str, Any], inbox: Inbox
) -> None:
    booked = _book(client, people, conversation_language="ar", consent=_arabic_consent())
    url = booked["manage_url"].split("/termin/", 1)[1]
    page = client.get(f"/termin/{url}")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "إلغاء الموعد" in page.text and "(Jugendamt)" in page.text
    assert "النص الألماني هو الملزم." in page.text
    german = client.get(f"/termin/{url}&sprache=de")
    assert '<html lang="de" dir="ltr">' in german.text
    assert "Termin absagen" in german.text and "إلغاء" not in german.text
    token = url.split("token=", 1)[1]
    reference = url.split("?", 1)[0]
    cancelled = client.post(f"/termin/{reference}/absagen", data={"token": token, "confirm": "ja"})
    assert cancelled.status_code == 200
    assert "تم إلغاء موعدك" in cancelled.text and "لقد ألغينا موعدك." in cancelled.text


def test_family_page_in_german_unchanged_for_german_bookings(
    client: TestClient, people: dict[str, Any], inbox: Inbox
) -> None:
    booked = _book(client, people)
    page = client.get("/termin/" + booked["manage_url"].split("/termin/", 1)[1])
    assert '<html lang="de" dir="ltr">' in page.text
    assert "Übersetzung" not in page.text
