"""The electronic feedback form of the accessibility statement (BITV NRW).

`POST /barrierefreiheit/rueckmeldung` with `nachricht` (required, at most 2000 characters)
and `kontakt` (an e-mail address, optional). A valid message is stored as one JSON file in
`FL_FEEDBACK_DIR` (default `var/accessibility-feedback/`) for the city to answer, and the
sender gets a German confirmation page. The text and the address are never logged.
Messages are deleted `RETENTION_DAYS` after they arrived (checked whenever one arrives).
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import urllib.parse
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Final

try:  # imported as `connectors.accessibility_feedback` or, by the demo server script, directly
    from connectors.demo_pages import load_municipality
except ModuleNotFoundError:  # pragma: no cover - script mode puts connectors/ on the path
    from demo_pages import load_municipality  # type: ignore[no-redef]

ROUTE: Final = "/barrierefreiheit/rueckmeldung"
MAX_BODY: Final = 16_384
MAX_MESSAGE: Final = 2000
# Enough for a city's real feedback in the retention period; stops a script filling the disk.
MAX_STORED: Final = int(os.environ.get("FL_FEEDBACK_MAX_STORED", "2000"))
EMAIL: Final = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
RETENTION_DAYS: Final = 90
DEFAULT_DIR: Final = Path(__file__).resolve().parent.parent / "var" / "accessibility-feedback"


def feedback_dir() -> Path:
    """Where messages are kept until the city has answered them."""
    return Path(os.environ.get("FL_FEEDBACK_DIR", DEFAULT_DIR))


def parse(body: bytes) -> tuple[str, str | None, str | None]:
    """Return message, contact and an error text (German) from a form body."""
    try:
        fields = urllib.parse.parse_qs(body.decode("utf-8"), max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return "", None, "Die Nachricht konnte nicht gelesen werden."
    message = (fields.get("nachricht") or [""])[0].strip()
    contact = (fields.get("kontakt") or [""])[0].strip() or None
    if not message:
        return "", contact, "Bitte schreiben Sie eine Nachricht."
    if len(message) > MAX_MESSAGE:
        return message, contact, f"Bitte schreiben Sie höchstens {MAX_MESSAGE} Zeichen."
    if contact and (len(contact) > 254 or not EMAIL.match(contact)):
        return (
            message,
            contact,
            "Bitte prüfen Sie die E-Mail-Adresse oder lassen Sie das Feld leer.",
        )
    return message, contact, None


def purge(now: datetime | None = None) -> int:
    """Delete messages older than RETENTION_DAYS; return how many were deleted."""
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=RETENTION_DAYS)
    deleted = 0
    for path in feedback_dir().glob("BF-*.json"):
        try:
            received = datetime.fromisoformat(json.loads(path.read_text("utf-8"))["received_at"])
        except (OSError, ValueError, KeyError):
            continue
        if received < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def store(message: str, contact: str | None, now: datetime | None = None) -> str:
    """Keep the message as a file of its own; return its reference."""
    moment = now or datetime.now(timezone.utc)
    reference = f"BF-{moment:%Y%m%d}-{secrets.token_hex(3).upper()}"
    folder = feedback_dir()
    folder.mkdir(parents=True, exist_ok=True)
    record = {"reference": reference, "received_at": moment.isoformat(), "message": message}
    if contact:
        record["contact"] = contact
    path = folder / f"{reference}.json"
    # Created readable by the owner only, never briefly open to others.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(record, file, ensure_ascii=False, indent=2)
    return reference


def is_full() -> bool:
    """True when as many messages are kept as the folder may hold."""
    return sum(1 for _ in feedback_dir().glob("BF-*.json")) >= MAX_STORED


# The municipality's name from municipality.yml (connectors/demo_pages.py), never written here.
SITE_NAME = load_municipality()["name"]


def page(title: str, text: str) -> bytes:
    """A small German page in the demo site's style (no script, own stylesheet only)."""
    return f"""<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(title)} – {html.escape(SITE_NAME)} (Demoseite)</title>
  <meta name="robots" content="noindex, nofollow">
  <link rel="stylesheet" href="/css/site.css">
</head>
<body>
  <main id="inhalt" class="container text-page">
    <h1>{html.escape(title)}</h1>
    <p>{html.escape(text)}</p>
    <p><a href="/barrierefreiheit.html">Zurück zur Erklärung zur Barrierefreiheit</a></p>
  </main>
</body>
</html>
""".encode()


def handle(body: bytes) -> tuple[HTTPStatus, bytes]:
    """Answer one form submission: status and HTML page."""
    if len(body) > MAX_BODY:
        return HTTPStatus.REQUEST_ENTITY_TOO_LARGE, page(
            "Nachricht zu lang", f"Bitte schreiben Sie höchstens {MAX_MESSAGE} Zeichen."
        )
    message, contact, error = parse(body)
    if error:
        return HTTPStatus.BAD_REQUEST, page("Bitte prüfen Sie Ihre Angaben", error)
    purge()
    if is_full():
        return HTTPStatus.SERVICE_UNAVAILABLE, page(
            "Gerade nicht möglich",
            "Im Moment können wir keine Rückmeldungen annehmen. Bitte rufen Sie uns an "
            "oder versuchen Sie es später noch einmal.",
        )
    reference = store(message, contact)
    answer = "Wir melden uns bei Ihnen." if contact else "Sie haben keine E-Mail-Adresse angegeben."
    return HTTPStatus.OK, page(
        "Danke für Ihre Rückmeldung",
        f"Ihre Rückmeldung ist angekommen. Ihre Nummer: {reference}. {answer}",
    )
