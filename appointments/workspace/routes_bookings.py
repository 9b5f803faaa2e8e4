"""Overview by day and week, booking detail, and the staff actions on one booking."""

from datetime import date, datetime, timedelta

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from appointments.availability.exceptions import SlotNotFoundError, SlotUnavailableError
from appointments.availability.service import list_joint_slots
from appointments.bookings import manage
from appointments.bookings.exceptions import BookingNotChangeableError, SlotTakenError
from appointments.bookings.models import STATUS_ATTENDED, STATUS_NO_SHOW, Booking
from appointments.config import Settings
from appointments.deps import NowDep, SessionDep, SettingsDep
from appointments.errors import AppointmentsError
from appointments.i18n import N_, _
from appointments.languages import german_name
from appointments.outbox.view import mail_states
from appointments.staff import availability_admin as admin
from appointments.staff import booking_access as service
from appointments.staff.booking_status import change_status
from appointments.workspace import booking_rows, pages
from appointments.workspace.deps import (
    PREFIX,
    CheckedUserDep,
    FormDep,
    User,
    UserDep,
)
from appointments.workspace.forms import parse_day
from appointments.workspace.route_class import WorkspaceRoute
from appointments.workspace.topics import topic_list

router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)

RESCHEDULE_CHOICES = 10
MAX_DAYS = 14
NOTICES = {
    "bestaetigt": N_("You have confirmed that you will take part."),
    "erschienen": N_("The appointment is marked as attended."),
    "nicht_erschienen": N_("The appointment is marked as: did not come."),
    "abgesagt": N_("The appointment is cancelled. The family and both staff members are informed."),
    "verschoben": N_(
        "The appointment has a new time. The family and both staff members are informed."
    ),
}
DEFAULT_REASONS = {STATUS_ATTENDED: N_("Attended"), STATUS_NO_SHOW: N_("Did not come")}


def _parse_day(value: str, fallback: date) -> date:
    return parse_day(value) or fallback


@router.get("/", response_class=HTMLResponse)
def overview(
    user: UserDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    ab: str = "",
    tage: str = "7",
    person: str = "",
) -> HTMLResponse:
    """Joint consultations from a day on, for one day or a week (default: today + 6 days)."""
    today = now.astimezone(settings.zone).date()
    first = _parse_day(ab, today)
    days = 1 if tage == "1" else 7
    # Query values arrive as text so that a mistyped link shows the page, not an error.
    chosen = int(person) if person.isdigit() else None
    last = first + timedelta(days=days - 1)
    bookings = service.bookings_between(session, settings, user.account, first, last, chosen)
    staff = admin.list_staff(session) if user.is_admin else []
    step = timedelta(days=days)
    return pages.render(
        "overview.html",
        user,
        title=_("Appointments"),
        period=_("{first} to {last}").format(
            first=pages.day_heading(first), last=pages.day_heading(last)
        )
        if days > 1
        else pages.day_heading(first),
        groups=[
            (pages.day_heading(day), rows)
            for day, rows in booking_rows.rows_by_day(session, settings, user, bookings)
        ],
        days=days,
        first=first.isoformat(),
        previous=(first - step).isoformat(),
        following=(first + step).isoformat(),
        today=today.isoformat(),
        next_monday=service.week_start(today + timedelta(days=7)).isoformat(),
        staff=staff,
        person=chosen,
        person_query=f"&person={chosen}" if chosen and user.is_admin else "",
    )


def _detail(
    session: Session,
    settings: Settings,
    now: datetime,
    user: User,
    booking: Booking,
    status_code: int = 200,
    errors: list[dict[str, str]] | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    kinds = service.location_kinds(session)
    confirmed = service.confirmed_staff(session, [booking.id])[booking.id]
    row = booking_rows.booking_row(booking, user, settings, kinds, confirmed)
    started = booking.start_utc <= now
    slots = []
    if service.is_open(booking) and not started:
        found = list_joint_slots(session, settings, now, RESCHEDULE_CHOICES + 1)
        slots = [
            {
                "id": slot.id,
                "label": _("{day}, {start} to {end}: {ja} and {jc}, {place}").format(
                    day=pages.day_heading(slot.start_utc.astimezone(settings.zone).date()),
                    start=pages.clock_time(slot.start_utc, settings.zone),
                    end=pages.clock_time(slot.end_utc, settings.zone),
                    ja=slot.jugendamt.name,
                    jc=slot.jobcenter.name,
                    place=slot.location,
                ),
            }
            for slot in found
            if slot.start_utc != booking.start_utc
        ][:RESCHEDULE_CHOICES]
    zone = settings.zone
    return pages.render(
        "booking.html",
        user,
        status_code,
        title=_("Appointment {reference}").format(reference=booking.reference),
        booking=booking,
        row=row,
        day=pages.day_heading(row.day),
        consent_at=pages.date_time(booking.consent_given_at, zone),
        consent_language=german_name(booking.consent_text_language),
        created_at=pages.date_time(booking.created_at, zone),
        changed_at=pages.date_time(booking.status_changed_at, zone)
        if booking.status_changed_at
        else "",
        ages=", ".join(str(age) for age in booking.children_ages),
        topics=topic_list(booking.topics),
        is_open=service.is_open(booking),
        started=started,
        involved=user.staff_id in {booking.jugendamt_staff_id, booking.jobcenter_staff_id},
        slots=slots,
        errors=errors or [],
        notice=notice,
        mails=mail_states(session, booking.id, zone),
    )


@router.get("/termine/{reference}", response_class=HTMLResponse)
def booking_detail(
    reference: str,
    user: UserDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    hinweis: str = "",
) -> HTMLResponse:
    """One booking: consented summary, contact, consent record and the actions."""
    booking = service.get_visible_booking(session, user.account, reference)
    notice = _(NOTICES[hinweis]) if hinweis in NOTICES else None
    return _detail(session, settings, now, user, booking, notice=notice)


def _back(booking: Booking, notice: str) -> RedirectResponse:
    url = f"{PREFIX}/termine/{booking.reference}?hinweis={notice}"
    return RedirectResponse(url, status_code=303, headers=pages.HEADERS)


@router.post("/termine/{reference}/bestaetigen")
def confirm(reference: str, user: CheckedUserDep, session: SessionDep, now: NowDep) -> Response:
    """The signed-in staff member confirms that they take part."""
    booking = service.get_visible_booking(session, user.account, reference)
    service.confirm_participation(session, user.account, booking, now)
    return _back(booking, "bestaetigt")


@router.post("/termine/{reference}/status")
def mark(
    reference: str,
    user: CheckedUserDep,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """Mark attended or no-show (from the start of the appointment on)."""
    booking = service.get_visible_booking(session, user.account, reference)
    status = form.get("status", "")
    if status not in DEFAULT_REASONS:
        errors = [{"field": "status-attended", "text": _("Choose whether the family came.")}]
        return _detail(session, settings, now, user, booking, 422, errors)
    reason = form.get("reason", "").strip()[:500] or _(DEFAULT_REASONS[status])
    try:
        change_status(session, settings, user.account, booking.reference, status, reason, now)
    except AppointmentsError as exc:
        errors = [{"field": "status-attended", "text": exc.message}]
        session.rollback()
        return _detail(session, settings, now, user, booking, 409, errors)
    return _back(booking, "erschienen" if status == STATUS_ATTENDED else "nicht_erschienen")


@router.post("/termine/{reference}/absagen")
def cancel(
    reference: str,
    user: CheckedUserDep,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """Cancel with a reason; the family and both staff members get an e-mail."""
    booking = service.get_visible_booking(session, user.account, reference)
    reason = form.get("reason", "").strip()
    if len(reason) < 2 or len(reason) > 500:
        text = _("Enter a reason for the cancellation (2 to 500 characters).")
        errors = [{"field": "reason", "text": text}]
        return _detail(session, settings, now, user, booking, 422, errors)
    try:
        manage.cancel_booking(session, settings, booking, now, reason, user.account.id)
    except BookingNotChangeableError:
        errors = [{"field": "reason", "text": _("This appointment can no longer be cancelled.")}]
        return _detail(session, settings, now, user, booking, 409, errors)
    return _back(booking, "abgesagt")


@router.post("/termine/{reference}/verschieben")
def reschedule(
    reference: str,
    user: CheckedUserDep,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """Move to another free joint slot (atomic); everyone is informed by e-mail."""
    booking = service.get_visible_booking(session, user.account, reference)
    slot_id = form.get("slot_id", "").strip()[:64]
    field = "slot-1"
    if not slot_id:
        errors = [{"field": field, "text": _("Choose a new time from the list.")}]
        return _detail(session, settings, now, user, booking, 422, errors)
    try:
        manage.reschedule_booking(session, settings, booking, now, slot_id)
    except (SlotTakenError, SlotNotFoundError, SlotUnavailableError, BookingNotChangeableError):
        session.rollback()
        booking = service.get_visible_booking(session, user.account, reference)
        text = _("This time is no longer free. The appointment is unchanged. Choose another time.")
        return _detail(session, settings, now, user, booking, 409, [{"field": field, "text": text}])
    return _back(booking, "verschoben")
