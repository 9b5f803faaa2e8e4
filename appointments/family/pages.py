"""Render the family pages with Jinja2 (autoescaped) and the security headers they need."""

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from appointments.availability.joint_slot import JointSlot
from appointments.bookings.models import (
    STATUS_ATTENDED,
    STATUS_CANCELLED,
    STATUS_CONFIRMED,
    STATUS_NO_SHOW,
    Booking,
)
from appointments.i18n import LANGUAGE, N_, _, current_language
from appointments.languages import direction, family_language
from appointments.notify.formatting import long_datetime, time_of_day
from appointments.places import family_address_note, family_place, pending_for

_HERE = Path(__file__).resolve().parent
_CSS = (_HERE / "style.css").read_text(encoding="utf-8").strip()
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()

# No scripts, no external assets, no framing; the page's one inline style is pinned by hash.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'none'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex, nofollow",
}

# Texts of the family pages: English msgids, German and the families' languages in the
# catalogues (appointments/notify/family_messages.py lists them for the translation check).
STATUS_LABELS = {
    STATUS_CONFIRMED: N_("Booked"),
    STATUS_CANCELLED: N_("Cancelled"),
    STATUS_ATTENDED: N_("Attended"),
    STATUS_NO_SHOW: N_("Not attended"),
}
EXPLAIN_CANCELLED = N_(
    "This appointment is cancelled. It can no longer be moved. "
    "You can book a new appointment in the chat at any time."
)
EXPLAIN_PAST = N_(
    "This appointment has already started or is over. It can no longer be moved or cancelled here."
)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class BookingView:
    """What the page shows of a booking (no contact data)."""

    reference: str
    when: str
    until: str
    location: str
    jugendamt: str
    jobcenter: str
    status: str
    changeable: bool
    explanation: str
    # How the family gets the exact address while it is not confirmed (else empty).
    location_note: str = ""


@dataclass(frozen=True)
class SlotView:
    """One radio option of the reschedule form."""

    id: str
    when: str
    until: str
    location: str
    jugendamt: str
    jobcenter: str


def booking_view(booking: Booking, zone: ZoneInfo, now_is_before_start: bool) -> BookingView:
    """Build the page view of a booking."""
    confirmed = booking.status == STATUS_CONFIRMED
    changeable = confirmed and now_is_before_start
    if booking.status == STATUS_CANCELLED:
        explanation = _(EXPLAIN_CANCELLED)
    elif not changeable:
        explanation = _(EXPLAIN_PAST)
    else:
        explanation = ""
    status = _(STATUS_LABELS[booking.status]) if booking.status in STATUS_LABELS else booking.status
    if confirmed and not now_is_before_start:
        status = _("Booked, the appointment has started or is over")
    return BookingView(
        reference=booking.reference,
        when=long_datetime(booking.start_utc, zone),
        until=time_of_day(booking.end_utc, zone),
        location=family_place(booking.location),
        jugendamt=booking.jugendamt_staff.name,
        jobcenter=booking.jobcenter_staff.name,
        status=status,
        changeable=changeable,
        explanation=explanation,
        location_note=(
            family_address_note() if confirmed and pending_for(booking, booking.location) else ""
        ),
    )


def slot_view(slot: JointSlot, zone: ZoneInfo) -> SlotView:
    """Build one reschedule option."""
    return SlotView(
        id=slot.id,
        when=long_datetime(slot.start_utc, zone),
        until=time_of_day(slot.end_utc, zone),
        location=family_place(slot.location),
        jugendamt=slot.jugendamt.name,
        jobcenter=slot.jobcenter.name,
    )


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page in the current language (`family_texts`) with the family pages' headers.

    A translated page says once that the German text is binding and links to it
    (`german_url`, given by the caller).
    """
    language = current_language()
    html = (
        _environment()
        .get_template(template)
        .render(
            css=Markup(_CSS),
            _=_,
            lang=language,
            dir=direction(language),
            translated=language != LANGUAGE and bool(context.get("german_url")),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def page_language(booking: Booking, requested: str | None = None) -> str:
    """The booking's language, or German when the family asked for the German page."""
    if requested == LANGUAGE:
        return LANGUAGE
    return family_language(booking.conversation_language)


def not_found() -> HTMLResponse:
    """The one neutral page for unknown references and wrong tokens."""
    return render("not_found.html", 404, title="Termin nicht gefunden")
