"""No joint slot free: the chat offers the waitlist, asks for consent and the API stores it.

All Jobcenter staff are absent for the whole search window (through the admin API), so
no joint slot exists; the absences are removed again for the other e2e modules.
"""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime, timedelta, timezone

import httpx

from tests.e2e.conftest import Stack
from tests.e2e.test_booking_e2e import joined, say

NOTE = "E2E Warteliste"


def _all_jobcenter_absent(api: httpx.Client) -> list[int]:
    now = datetime.now(timezone.utc)
    window = {
        "start": (now - timedelta(days=1)).isoformat(),
        "end": (now + timedelta(days=400)).isoformat(),
        "note": NOTE,
    }
    staff = api.get("/admin/staff").raise_for_status().json()
    ids = [member["id"] for member in staff if member["agency"] == "jobcenter"]
    assert ids, staff
    for staff_id in ids:
        api.post(f"/admin/staff/{staff_id}/absences", json=window).raise_for_status()
    return ids


def _remove_absences(api: httpx.Client) -> None:
    for member in api.get("/admin/staff").json():
        for absence in member["absences"]:
            if absence["note"] == NOTE:
                api.delete(f"/admin/absences/{absence['id']}")


def test_no_free_slot_leads_to_the_waitlist(
    stack: Stack, rasa: httpx.Client, api: httpx.Client
) -> None:
    sender = secrets.token_hex(16)
    _all_jobcenter_absent(api)
    try:
        say(rasa, sender, "Hallo")
        say(rasa, sender, "Meine Kinder sind 4 und 7")
        say(rasa, sender, "ja")
        offer = say(rasa, sender, "ja")
        text = joined(offer)
        assert "Im Moment ist leider kein gemeinsamer Termin frei." in text
        assert "Warteliste" in text and "E-Mail" in text and "120 Minuten" in text
        assert "Nach 30 Tagen endet Ihr Eintrag" in text
        assert [b["payload"] for b in offer[-1]["buttons"]] == ["/affirm", "/deny"]

        wishes = say(rasa, sender, "/affirm")
        assert "An welchen Tagen" in joined(wishes)
        assert [b["title"] for b in wishes[-1]["buttons"]] == [
            "Vormittags",
            "Nachmittags",
            "Egal wann",
        ]
        assert "Name" in joined(say(rasa, sender, "Dienstag und Donnerstag vormittags"))
        assert "E-Mail-Adresse" in joined(say(rasa, sender, "Maria Muster"))
        consent = joined(say(rasa, sender, "maria.muster@example.org"))
        assert "Warteliste" in consent and "freiwillig" in consent and "30 Tagen" in consent

        done = joined(say(rasa, sender, "ja"))
        assert "Sie stehen auf der Warteliste." in done
        assert "Ihre Nummer für Rückfragen: WL-" in done
        reference = done.split("Ihre Nummer für Rückfragen: ")[1].split()[0]
    finally:
        _remove_absences(api)

    with sqlite3.connect(stack.tracker_db.parent / "appointments.db") as connection:
        connection.row_factory = sqlite3.Row
        entry = connection.execute(
            "SELECT * FROM waitlist_entries WHERE reference = ?", (reference,)
        ).fetchone()
    assert entry["children_ages"] == "[4, 7]"
    assert entry["preferred_weekdays"] == "[1, 3]" and entry["preferred_times"] == '["morning"]'
    assert entry["contact_name"] == "Maria Muster"
    assert entry["contact_email"] == "maria.muster@example.org"
    assert entry["consent_text_version"] == "einwilligung-warteliste-2026-12-v1"
    assert entry["conversation_language"] == "de" and entry["consent_text_language"] == "de"

    # The conversation store keeps no contact data in readable form.
    with sqlite3.connect(stack.tracker_db) as connection:
        rows = [data for (data,) in connection.execute("SELECT data FROM events")]
    stored_text = "\n".join(rows)
    assert "Dienstag und Donnerstag vormittags" in stored_text
    served = rasa.get(f"/conversations/{sender}/tracker", params={"token": stack.token}).text
    for secret in ("Maria Muster", "maria.muster@example.org", "maria.muster"):
        assert secret not in stored_text
        assert secret not in served


def _entries(stack: Stack) -> int:
    with sqlite3.connect(stack.tracker_db.parent / "appointments.db") as connection:
        return int(connection.execute("SELECT count(*) FROM waitlist_entries").fetchone()[0])


def test_full_day_leads_to_the_waitlist_and_a_no_to_other_help(
    stack: Stack, rasa: httpx.Client
) -> None:
    sender = secrets.token_hex(16)
    before = _entries(stack)
    say(rasa, sender, "Hallo")
    say(rasa, sender, "Meine Kinder sind 4 und 7")
    say(rasa, sender, "ja")
    offered = say(rasa, sender, "ja")
    assert offered[-1]["buttons"][0]["payload"].startswith("/choose_slot{"), offered
    full = say(rasa, sender, "Sonntag um 3")  # nobody works on Sundays
    assert "Dazu ist leider kein gemeinsamer Termin frei." in joined(full), offered
    [button] = full[-1]["buttons"]
    assert button["title"] == "Auf die Warteliste"

    explained = say(rasa, sender, button["payload"])
    assert "Ich kann Sie auf die Warteliste setzen." in joined(explained)
    assert "An welchen Tagen" in joined(explained)
    afternoon = explained[-1]["buttons"][1]
    assert afternoon["title"] == "Nachmittags"
    assert "Name" in joined(say(rasa, sender, afternoon["payload"]))
    assert "E-Mail-Adresse" in joined(say(rasa, sender, "Maria Muster"))
    say(rasa, sender, "maria.muster@example.org")
    refused = say(rasa, sender, "nein")
    assert "dann speichern wir nichts" in joined(refused)
    assert refused[-1]["buttons"][0]["payload"] == "/request_callback"
    assert _entries(stack) == before
