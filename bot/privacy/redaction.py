"""Keep contact data out of the conversation store in readable form.

Rasa Open Source stores every user text and slot value in plain JSON. Answers to the
contact questions are replaced by a placeholder, e-mail addresses and phone numbers in
any other message are masked, and contact slots are encrypted, because the booking form
reads them back from the store on the next turn.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

# manage_check holds the last digits of a phone number or an e-mail address; the answer to
# the reference question may carry them too ("FL-… 4711").
CONTACT_SLOTS = frozenset(
    {
        "contact_name",
        "contact_phone",
        "contact_email",
        "manage_check",
        "manage_reference",
        "callback_time",
    }
)
ENCRYPTED_PREFIX = "enc:v1:"
MASKED_TEXT = "[persönliche Angabe entfernt]"
# Bounded repeats (RFC limits) keep both searches linear in the text length.
_EMAIL = re.compile(r"[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[A-Za-z]{2,63}")
_PHONE = re.compile(r"\+?\d[\d\s()/-]{4,}\d")
_DEV_KEY_FILE = Path(__file__).resolve().parents[2] / "var" / "tracker.key"


def load_key() -> bytes:
    """The Fernet key from FL_TRACKER_KEY; in development a key file under var/."""
    key = os.environ.get("FL_TRACKER_KEY")
    if key:
        return key.encode()
    if os.environ.get("FL_ENV", "development") != "development":
        raise RuntimeError(
            "FL_TRACKER_KEY fehlt: ohne Schlüssel werden keine Kontaktdaten gespeichert."
        )
    _DEV_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Created readable by the owner only, and only once: two processes starting at the
        # same time must not each write a different key.
        descriptor = os.open(_DEV_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(Fernet.generate_key())
    return _DEV_KEY_FILE.read_bytes().strip()


def mask_contact_patterns(text: str) -> str:
    """Replace e-mail addresses and phone-like digit runs (6+ digits) by placeholders."""
    text = _EMAIL.sub("[E-Mail]", text)
    return _PHONE.sub(
        lambda m: "[Telefon]" if len(re.sub(r"\D", "", m.group(0))) >= 6 else m.group(0), text
    )


def _mask_user_event(data: dict[str, Any], answers_contact_question: bool) -> None:
    text = data.get("text") or ""
    masked = MASKED_TEXT if answers_contact_question else mask_contact_patterns(text)
    if masked == text:
        return
    data["text"] = masked
    parse_data = data.get("parse_data") or {}
    if "text" in parse_data:
        parse_data["text"] = masked
    if answers_contact_question:
        parse_data["entities"] = []
    data["metadata"] = {}


def _mask_bot_event(data: dict[str, Any], secrets: set[str]) -> None:
    # The booking summary repeats name and contact back to the family.
    text = data.get("text") or ""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, MASKED_TEXT)
    data["text"] = mask_contact_patterns(text)


def redact(
    events: Iterable[dict[str, Any]],
    fernet: Fernet,
    requested_slot: str | None,
    secrets: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Return serialised events safe to store.

    `requested_slot` is the question asked before these events; `secrets` are contact
    values the family gave earlier, which bot messages may repeat.
    """
    secrets = set(secrets or ())
    result = []
    for data in events:
        if data.get("event") == "slot" and data.get("name") == "requested_slot":
            requested_slot = data.get("value")
        elif data.get("event") == "bot" and data.get("text"):
            _mask_bot_event(data, secrets)
        elif data.get("event") == "user":
            _mask_user_event(data, requested_slot in CONTACT_SLOTS)
        elif data.get("event") == "slot" and data.get("name") in CONTACT_SLOTS:
            value = data.get("value")
            if isinstance(value, str):
                secrets.add(value)
                data["value"] = ENCRYPTED_PREFIX + fernet.encrypt(value.encode()).decode()
        result.append(data)
    return result


def restore(events: Iterable[dict[str, Any]], fernet: Fernet) -> list[dict[str, Any]]:
    """Decrypt the current value of each contact slot so the form can continue.

    Only the last value of a slot is decrypted: once the booking has cleared the slots,
    nothing readable is left, also not in the tracker Rasa's HTTP API returns.
    """
    result = list(events)
    latest = {data.get("name"): index for index, data in enumerate(result) if _is_encrypted(data)}
    for index, data in enumerate(result):
        if not _is_encrypted(data):
            continue
        if latest.get(data.get("name")) != index or _cleared_later(result, index):
            data["value"] = MASKED_TEXT
            continue
        try:
            data["value"] = fernet.decrypt(data["value"][len(ENCRYPTED_PREFIX) :].encode()).decode()
        except InvalidToken:
            # A rotated key makes old contact data unreadable, which is acceptable:
            # the booking itself lives in the appointments API.
            data["value"] = None
    return result


def _is_encrypted(data: dict[str, Any]) -> bool:
    value = data.get("value")
    return (
        data.get("event") == "slot"
        and isinstance(value, str)
        and value.startswith(ENCRYPTED_PREFIX)
    )


def _cleared_later(events: list[dict[str, Any]], index: int) -> bool:
    name = events[index].get("name")
    return any(
        e.get("event") == "slot" and e.get("name") == name and e.get("value") is None
        for e in events[index + 1 :]
    )
