"""The feedback form of the accessibility statement: validated, stored, never logged."""

from __future__ import annotations

import json
import urllib.parse
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from pathlib import Path

import pytest

from connectors import accessibility_feedback as feedback


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FL_FEEDBACK_DIR", str(tmp_path))
    return tmp_path


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def test_a_message_is_stored_and_confirmed_with_a_reference(folder: Path) -> None:
    status, page = feedback.handle(
        form(nachricht="Der Knopf ist mit dem Screenreader nicht zu finden.", kontakt="a@b.de")
    )
    text = page.decode()
    assert status == HTTPStatus.OK and "Danke für Ihre Rückmeldung" in text
    [stored] = list(folder.glob("BF-*.json"))
    record = json.loads(stored.read_text(encoding="utf-8"))
    assert record["reference"] in text and record["contact"] == "a@b.de"
    assert record["message"].startswith("Der Knopf")
    assert stored.stat().st_mode & 0o077 == 0  # only the service account may read it


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"nachricht": "  "}, "Bitte schreiben Sie eine Nachricht."),
        ({"nachricht": "x" * 2001}, "höchstens 2000 Zeichen"),
        ({"nachricht": "Barriere", "kontakt": "keine-adresse"}, "E-Mail-Adresse"),
    ],
)
def test_invalid_input_is_explained_and_not_stored(folder: Path, fields, error) -> None:
    status, page = feedback.handle(form(**fields))
    assert status == HTTPStatus.BAD_REQUEST and error in page.decode()
    assert not list(folder.iterdir())


def test_text_is_escaped_in_the_answer_page() -> None:
    page = feedback.page("Titel", "<script>alert(1)</script>").decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_an_oversized_body_is_refused(folder: Path) -> None:
    status, _ = feedback.handle(b"x" * (feedback.MAX_BODY + 1))
    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert not list(folder.iterdir())


def test_messages_are_deleted_after_the_retention_period(folder: Path) -> None:
    now = datetime(2026, 12, 6, tzinfo=timezone.utc)
    old = feedback.store("alt", None, now - timedelta(days=feedback.RETENTION_DAYS + 1))
    new = feedback.store("neu", None, now - timedelta(days=1))
    assert feedback.purge(now) == 1
    assert not (folder / f"{old}.json").exists() and (folder / f"{new}.json").exists()


def test_a_full_folder_refuses_politely_and_stores_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feedback, "MAX_STORED", 2)
    for _ in range(2):
        assert feedback.handle(form(nachricht="Barriere"))[0] == HTTPStatus.OK
    status, page = feedback.handle(form(nachricht="Noch eine"))
    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert "keine Rückmeldungen annehmen" in page.decode()
    assert len(list(folder.glob("BF-*.json"))) == 2
