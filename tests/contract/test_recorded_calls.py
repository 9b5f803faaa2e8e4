"""Replay calls that Rasa 3.6 really made to the action server against this one.

The recordings (tests/contract/recordings/, README.md there) hold the request Rasa 3.6.21
sent – tracker, domain, events – and the answer of the action server of that time
(rasa-sdk 3.6.2 on Python 3.10). The server here runs this environment's rasa-sdk. Both
answers are compared after taking out what differs from run to run: timestamps and points in
time. Actions that ask the appointments API (free times, holds, bookings) get answers that
depend on the API's data of the day; for them the protocol is compared – status, the
answer's keys, the kinds of events, slot names and response fields – and the complete
conversations run in `make test-stories` and tests/e2e against real Rasa.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.contract.conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]
RECORDINGS = Path(__file__).parent / "recordings"
# Ask the appointments API or decide by today's date and time (actions/booking.py,
# actions/manage.py, actions/callback.py, actions/slot_offers.py).
API_BOUND = frozenset(
    {
        "action_ask_appointment_slot",
        "action_book_appointment",
        "action_request_callback",
        "validate_booking_form",
        "validate_manage_booking_form",
        "action_ask_manage_new_slot",
        "action_ask_manage_confirm",
        "action_manage_booking",
        "action_join_waitlist",
    }
)
# Event names Rasa 3.6.21 can read (`type_name` of rasa.shared.core.events).
RASA_36_EVENTS = frozenset(
    {
        "user", "bot", "slot", "entities", "reset_slots", "restart", "rewind", "undo",
        "reminder", "cancel_reminder", "pause", "resume", "followup", "action",
        "action_execution_rejected", "active_loop", "loop_interrupted", "form",
        "form_validation", "agent", "session_started", "user_featurization", "export",
    }
)  # fmt: skip
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")


def custom_actions() -> set[str]:
    """Every action of the domain that the action server runs (not responses)."""
    names: set[str] = set()
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in domain.get("actions") or []:
            name = entry if isinstance(entry, str) else next(iter(entry))
            if not name.startswith("utter_"):
                names.add(name)
    return names


def domain_slots() -> set[str]:
    """Every slot of today's domain (bot/domain/*.yml)."""
    names: set[str] = set()
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names.update(domain.get("slots") or {})
    return names


def recordings() -> list[Path]:
    return sorted(RECORDINGS.glob("*/*.json"))


def load(path: Path) -> dict[str, Any]:
    record = json.loads(path.read_text(encoding="utf-8"))
    request = dict(record["request"])
    domain_file = request.pop("domain_file", None)
    if domain_file:
        request["domain"] = json.loads((RECORDINGS / domain_file).read_text(encoding="utf-8"))
    return {**record, "request": request}


def post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {TOKEN}")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def normalised(value: Any) -> Any:
    """Without timestamps; points in time as a placeholder."""
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items() if k != "timestamp"}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    if isinstance(value, str) and _INSTANT.match(value):
        return "<zeitpunkt>"
    return value


def response_keys() -> set[frozenset[str]]:
    """The fields of a response as the recorded server wrote them (the SDK fills all)."""
    return {
        frozenset(response)
        for path in recordings()
        for response in (load(path)["response"] or {}).get("responses") or []
    }


def without_text(body: Any) -> Any:
    """Answers with each response's text reduced to whether there is one.

    The texts are content (data/content, the domain) and tested in tests/actions; the SDK only
    carries them. Keys, buttons, response names and events must be the same.
    """
    if not isinstance(body, dict):
        return body
    responses = [
        {**r, "text": bool(r.get("text"))} if "text" in r else r
        for r in body.get("responses") or []
    ]
    return {**body, "responses": responses}


def test_every_custom_action_of_the_domain_has_a_recording() -> None:
    recorded = {path.parent.name for path in recordings()}
    missing = sorted(custom_actions() - recorded)
    assert not missing, (
        f"Keine Aufzeichnung eines Rasa-Aufrufs für: {missing}. "
        "Aufzeichnen wie in tests/contract/recordings/README.md beschrieben."
    )


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Not inside a longer token: timestamps (1765201346.25), slot ids (20261207T0800Z) or hex ids.
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d /-]{5,}\d(?!\w|\.\d)")


def public_numbers() -> set[str]:
    """Phone numbers of offices and helplines, published in the content and the domain."""
    found: set[str] = set()
    for folder in (ROOT / "data", ROOT / "bot" / "domain"):
        for path in folder.rglob("*.yml"):
            found.update(re.sub(r"\D", "", m) for m in _PHONE.findall(path.read_text("utf-8")))
    return found


def test_recordings_hold_only_obviously_fake_contact_data() -> None:
    published = public_numbers()
    for path in [*recordings(), *RECORDINGS.glob("domain-*.json")]:
        text = path.read_text(encoding="utf-8")
        for email in _EMAIL.findall(text):
            assert email.endswith("@example.invalid"), (path.name, email)
        for number in _PHONE.findall(text):
            digits = re.sub(r"\D", "", number)
            # Dates and times ("2026-12-08 10:00") are no phone numbers.
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2})?", number.strip()):
                continue
            fake = digits.startswith("0000000")
            assert fake or digits in published or len(digits) < 7, (path.name, number)


def test_recorded_answers_use_only_events_rasa_3_6_reads() -> None:
    for path in recordings():
        record = load(path)
        for event in (record["response"] or {}).get("events") or []:
            assert event["event"] in RASA_36_EVENTS, (path.name, event)


@pytest.mark.parametrize(
    "path", recordings(), ids=lambda p: f"{p.parent.name}/{p.stem}"
)  # fmt: skip
def test_the_action_server_answers_a_recorded_call_as_before(
    path: Path, action_server: str
) -> None:
    record = load(path)
    action = record["request"]["next_action"]
    status, body = post(action_server, record["request"])
    assert status == record["status"], (action, body)
    if action in API_BOUND:
        # The protocol: the same answer keys, events Rasa 3.6 reads, slots of the domain,
        # responses with the fields Rasa 3.6 got from the recorded server.
        assert sorted(body) == sorted(record["response"]), (action, body)
        # Rasa sends today's domain with every call; a recording keeps the domain of its day.
        slots = set(record["request"]["domain"].get("slots") or {}) | domain_slots()
        for event in body.get("events") or []:
            assert event["event"] in RASA_36_EVENTS, (action, event)
            if event["event"] == "slot":
                assert event["name"] in slots | {"requested_slot"}, (action, event)
        for response in body.get("responses") or []:
            assert frozenset(response) in response_keys(), (action, response)
        return
    assert normalised(without_text(body)) == normalised(without_text(record["response"]))
