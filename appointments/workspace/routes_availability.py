"""Own availability: weekly windows and absences (admins: anyone's)."""

from datetime import datetime, time, timedelta

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.deps import SessionDep, SettingsDep
from appointments.i18n import N_, _
from appointments.staff import availability_admin as admin
from appointments.staff.models import StaffMember
from appointments.workspace import pages
from appointments.workspace.deps import (
    PREFIX,
    CheckedUserDep,
    FormDep,
    User,
    UserDep,
)
from appointments.workspace.errors import ForbiddenError, PageNotFoundError
from appointments.workspace.forms import parse_day, parse_time
from appointments.workspace.route_class import WorkspaceRoute

router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)

NOTICES = {
    "zeit_neu": N_("The weekly time has been added."),
    "zeit_geloescht": N_("The weekly time has been deleted. Booked appointments stay."),
    "abwesenheit_neu": N_("The absence has been entered. No new appointments are offered then."),
    "abwesenheit_geloescht": N_("The absence has been deleted."),
}


def _member(session: Session, user: User, staff_id: int) -> StaffMember:
    """Return the staff member whose availability the user may change."""
    if not user.may_edit_staff(staff_id):
        raise ForbiddenError()
    member = admin.find_staff(session, staff_id)
    if member is None:
        raise PageNotFoundError()
    return member


def _page(
    session: Session,
    settings: Settings,
    user: User,
    member: StaffMember,
    status_code: int = 200,
    errors: list[dict[str, str]] | None = None,
    notice: str | None = None,
    conflicts: list[str] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    zone = settings.zone
    windows = sorted(member.windows, key=lambda w: (w.weekday, w.start_time))
    return pages.render(
        "availability.html",
        user,
        status_code,
        title=_("Availability of {name}").format(name=member.name),
        member=member,
        windows=[
            {
                "id": w.id,
                "day": pages.weekday_name(w.weekday),
                "start": w.start_time.strftime("%H:%M"),
                "end": w.end_time.strftime("%H:%M"),
            }
            for w in windows
        ],
        absences=[
            {
                "id": a.id,
                "start": pages.date_time(a.start_utc, zone),
                "end": pages.date_time(a.end_utc, zone),
                "note": a.note or "",
            }
            for a in member.absences
        ],
        weekdays=[(day, pages.weekday_name(day)) for day in range(7)],
        staff=admin.list_staff(session) if user.is_admin else [],
        errors=errors or [],
        notice=notice,
        conflicts=conflicts or [],
        values=values or {},
    )


@router.get("/verfuegbarkeit", response_class=HTMLResponse)
def availability(
    user: UserDep,
    session: SessionDep,
    settings: SettingsDep,
    person: str = "",
    hinweis: str = "",
) -> HTMLResponse:
    """Show weekly windows and absences of the user's own staff member (admins: any)."""
    staff_id = int(person) if person.isdigit() else user.staff_id
    if staff_id is None:  # an admin login without own calendar: choose a person first
        staff = admin.list_staff(session)
        if not staff:
            raise PageNotFoundError()
        staff_id = staff[0].id
    member = _member(session, user, staff_id)
    notice = _(NOTICES[hinweis]) if hinweis in NOTICES else None
    return _page(session, settings, user, member, notice=notice)


def _back(member: StaffMember, notice: str) -> RedirectResponse:
    url = f"{PREFIX}/verfuegbarkeit?person={member.id}&hinweis={notice}"
    return RedirectResponse(url, status_code=303, headers=pages.HEADERS)


@router.post("/verfuegbarkeit/{staff_id}/zeiten")
def add_window(
    staff_id: int, user: CheckedUserDep, form: FormDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Add a weekly window (local time)."""
    member = _member(session, user, staff_id)
    weekday = form.get("weekday", "")
    start, end = parse_time(form.get("start", "")), parse_time(form.get("end", ""))
    errors = []
    if weekday not in {str(day) for day in range(7)}:
        errors.append({"field": "weekday", "text": _("Choose a weekday.")})
    if start is None:
        errors.append({"field": "start", "text": _("Enter the start time, for example 09:00.")})
    if end is None:
        errors.append({"field": "end", "text": _("Enter the end time, for example 12:00.")})
    elif start is not None and end <= start:
        errors.append({"field": "end", "text": _("The end time must be after the start time.")})
    if errors or start is None or end is None:
        return _page(session, settings, user, member, 422, errors, values=form)
    admin.add_window(session, member.id, int(weekday), start, end)
    return _back(member, "zeit_neu")


@router.post("/verfuegbarkeit/{staff_id}/zeiten/{window_id}/loeschen")
def delete_window(
    staff_id: int, window_id: int, user: CheckedUserDep, session: SessionDep
) -> Response:
    """Delete a weekly window of this person."""
    member = _member(session, user, staff_id)
    if admin.find_window(session, member.id, window_id) is None:
        raise PageNotFoundError()
    admin.delete_window(session, window_id)
    return _back(member, "zeit_geloescht")


def _moment(day: str, clock: str, settings: Settings, end_of_day: bool) -> datetime | None:
    """Combine a local day and an optional time; no time means the day's start or end."""
    parsed_day = parse_day(day)
    if parsed_day is None:
        return None
    if not clock.strip():
        if end_of_day:
            parsed_day += timedelta(days=1)
        return datetime.combine(parsed_day, time(0, 0), tzinfo=settings.zone)
    parsed_time = parse_time(clock)
    if parsed_time is None:
        return None
    return datetime.combine(parsed_day, parsed_time, tzinfo=settings.zone)


@router.post("/verfuegbarkeit/{staff_id}/abwesenheiten")
def add_absence(
    staff_id: int, user: CheckedUserDep, form: FormDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Enter an absence; bookings inside it are listed so they can be moved."""
    member = _member(session, user, staff_id)
    start = _moment(
        form.get("start_day", ""), form.get("start_time", ""), settings, end_of_day=False
    )
    end_day = form.get("end_day", "") or form.get("start_day", "")
    end = _moment(end_day, form.get("end_time", ""), settings, end_of_day=True)
    note = form.get("note", "").strip()[:200] or None
    errors = []
    if start is None:
        errors.append(
            {"field": "start_day", "text": _("Enter the first day, for example 2026-12-24.")}
        )
    if end is None:
        errors.append(
            {"field": "end_day", "text": _("Enter the last day, for example 2026-12-31.")}
        )
    elif start is not None and end <= start:
        errors.append({"field": "end_day", "text": _("The end must be after the start.")})
    if errors or start is None or end is None:
        return _page(session, settings, user, member, 422, errors, values=form)
    _absence, conflicts = admin.add_absence(session, member.id, start, end, note)
    if conflicts:
        session.refresh(member)
        notice = _("Absence entered. These booked appointments fall into it; please move them:")
        return _page(session, settings, user, member, notice=notice, conflicts=conflicts)
    return _back(member, "abwesenheit_neu")


@router.post("/verfuegbarkeit/{staff_id}/abwesenheiten/{absence_id}/loeschen")
def delete_absence(
    staff_id: int, absence_id: int, user: CheckedUserDep, session: SessionDep
) -> Response:
    """Delete an absence of this person."""
    member = _member(session, user, staff_id)
    if admin.find_absence(session, member.id, absence_id) is None:
        raise PageNotFoundError()
    admin.delete_absence(session, absence_id)
    return _back(member, "abwesenheit_geloescht")
