"""HTML pages for families behind the link in their e-mail: view, reschedule, cancel.

The secret token travels only in the link (`?token=`) and in a hidden form field; no cookies,
no JavaScript. Every page is sent with `Referrer-Policy: no-referrer` and
`Cache-Control: no-store`. Wrong token and unknown reference get the same neutral 404 page.
"""

from datetime import datetime
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from appointments.availability.exceptions import SlotNotFoundError, SlotUnavailableError
from appointments.availability.service import list_joint_slots
from appointments.bookings import manage
from appointments.bookings.exceptions import (
    BookingNotChangeableError,
    BookingNotFoundError,
    SlotTakenError,
)
from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.deps import NowDep, SessionDep, SettingsDep
from appointments.family import pages
from appointments.i18n import N_, _, family_texts

router = APIRouter(prefix="/termin", tags=["Familienseiten"], include_in_schema=False)

PATH_PREFIX = "/termin"
RESCHEDULE_CHOICES = 8
MAX_TOKEN_LENGTH = 200
MAX_FORM_BYTES = 4096

MSG_CONFIRM_MISSING = N_("Please tick the box if you really want to cancel the appointment.")
MSG_SLOT_MISSING = N_("Please choose a new time from the list.")
MSG_SLOT_TAKEN = N_(
    "Sorry, this time has just been taken. Your appointment is unchanged. "
    "Please choose another time."
)
MSG_SLOT_GONE = N_(
    "This time can no longer be booked. Your appointment is unchanged. Please choose another time."
)
MSG_NOT_CHANGEABLE = N_("Your appointment has not been changed.")
MSG_MAIL_CONFIRMATION = N_("You will also get an e-mail about this.")
CANCELLED_LINES = (
    N_("We have cancelled your appointment. The Jugendamt and the Jobcenter know about it."),
    N_("You can book a new appointment in the chat at any time."),
)
MOVED_LINES = (
    N_("Your appointment has a new time. The Jugendamt and the Jobcenter know about it."),
    N_("The old time is now free."),
)
# ?sprache=de shows a translated page in German (the German text is binding).
LanguageQuery = Annotated[str | None, Query(description="de: die deutsche Fassung der Seite")]


async def read_form(request: Request) -> dict[str, str]:
    """Parse a small urlencoded form body (first value per field; nothing else accepted)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return {}
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    try:
        fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=10)
    except ValueError:  # too many fields: not one of our forms
        return {}
    return {name: values[0] for name, values in fields.items() if values}


FormDep = Annotated[dict[str, str], Depends(read_form)]
TokenQuery = Annotated[str, Query(description="Geheimer Link-Schlüssel")]


def _find(session: Session, reference: str, token: str) -> Booking | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        return manage.get_by_reference_and_token(session, reference, token)
    except BookingNotFoundError:
        return None


def _action(request: Request, booking: Booking, verb: str) -> str:
    root = request.scope.get("root_path", "").rstrip("/")
    return f"{root}{PATH_PREFIX}/{booking.reference}/{verb}"


def _overview(
    request: Request,
    session: Session,
    settings: Settings,
    now: datetime,
    booking: Booking,
    token: str,
    status_code: int = 200,
    error: str | None = None,
    requested: str | None = None,
) -> HTMLResponse:
    with family_texts(pages.page_language(booking, requested)):
        return _overview_page(request, session, settings, now, booking, token, status_code, error)


def _overview_page(
    request: Request,
    session: Session,
    settings: Settings,
    now: datetime,
    booking: Booking,
    token: str,
    status_code: int,
    error: str | None,
) -> HTMLResponse:
    view = pages.booking_view(booking, settings.zone, booking.start_utc > now)
    slots = []
    if view.changeable:
        # The booking's own start time (with another pair of staff) is no "new time".
        found = list_joint_slots(session, settings, now, RESCHEDULE_CHOICES + 1)
        others = [slot for slot in found if slot.start_utc != booking.start_utc]
        slots = [pages.slot_view(slot, settings.zone) for slot in others[:RESCHEDULE_CHOICES]]
    return pages.render(
        "booking.html",
        status_code,
        title=_("Your appointment"),
        error=_(error) if error else None,
        german_url=_german_url(settings, booking, token),
        booking=view,
        slots=slots,
        token=token,
        reschedule_action=_action(request, booking, "verschieben"),
        cancel_action=_action(request, booking, "absagen"),
    )


def _german_url(settings: Settings, booking: Booking, token: str) -> str:
    return f"{settings.manage_url(booking.reference, token)}&sprache=de"


def _result(
    settings: Settings,
    now: datetime,
    booking: Booking,
    token: str,
    title: str,
    lines: tuple[str, ...],
) -> HTMLResponse:
    messages = [*lines, MSG_MAIL_CONFIRMATION] if booking.contact_email else list(lines)
    with family_texts(pages.page_language(booking)):
        return pages.render(
            "result.html",
            title=_(title),
            lines=[_(line) for line in messages],
            booking=pages.booking_view(booking, settings.zone, booking.start_utc > now),
            back_url=settings.manage_url(booking.reference, token),
            german_url=_german_url(settings, booking, token),
        )


@router.get("/{reference}", response_class=HTMLResponse, summary="Termin ansehen (Seite)")
def show_booking(
    reference: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    token: TokenQuery = "",
    sprache: LanguageQuery = None,
) -> HTMLResponse:
    """Show the booking with the forms to reschedule and cancel it."""
    booking = _find(session, reference, token)
    if booking is None:
        return pages.not_found()
    return _overview(request, session, settings, now, booking, token, requested=sprache)


@router.post("/{reference}/absagen", response_class=HTMLResponse, summary="Termin absagen")
def cancel(
    reference: str,
    request: Request,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> HTMLResponse:
    """Cancel after the family ticked the confirmation box; both staff become free again."""
    token = form.get("token", "")
    booking = _find(session, reference, token)
    if booking is None:
        return pages.not_found()
    if form.get("confirm") != "ja":
        return _overview(request, session, settings, now, booking, token, 422, MSG_CONFIRM_MISSING)
    try:
        booking = manage.cancel_booking(
            session, settings, booking, now, manage.FAMILY_CANCEL_REASON, manage_token=token
        )
    except BookingNotChangeableError:
        return _overview(request, session, settings, now, booking, token, 409, MSG_NOT_CHANGEABLE)
    return _result(
        settings, now, booking, token, N_("Your appointment is cancelled"), CANCELLED_LINES
    )


@router.post("/{reference}/verschieben", response_class=HTMLResponse, summary="Termin verschieben")
def reschedule(
    reference: str,
    request: Request,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> HTMLResponse:
    """Move the booking to the chosen free joint slot (all or nothing)."""
    token = form.get("token", "")
    booking = _find(session, reference, token)
    if booking is None:
        return pages.not_found()
    slot_id = form.get("slot_id", "").strip()
    if not slot_id or len(slot_id) > 64:
        return _overview(request, session, settings, now, booking, token, 422, MSG_SLOT_MISSING)
    try:
        booking = manage.reschedule_booking(session, settings, booking, now, slot_id, token)
    except BookingNotChangeableError:
        return _overview(request, session, settings, now, booking, token, 409, MSG_NOT_CHANGEABLE)
    except SlotTakenError:
        return _overview(request, session, settings, now, booking, token, 409, MSG_SLOT_TAKEN)
    except (SlotNotFoundError, SlotUnavailableError):
        return _overview(request, session, settings, now, booking, token, 409, MSG_SLOT_GONE)
    return _result(
        settings, now, booking, token, N_("Your appointment has been moved"), MOVED_LINES
    )
