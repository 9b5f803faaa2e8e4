"""Admin pages: staff members and logins (new password), locations, closed days."""

from datetime import date

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from appointments.availability.holidays import nrw_holidays
from appointments.deps import NowDep, SessionDep, SettingsDep
from appointments.i18n import N_, _
from appointments.staff import admin_service, passwords
from appointments.staff import availability_admin as admin
from appointments.workspace import pages
from appointments.workspace.deps import (
    PREFIX,
    AdminDep,
    CheckedAdminDep,
    FormDep,
    User,
)
from appointments.workspace.errors import PageNotFoundError
from appointments.workspace.forms import parse_day
from appointments.workspace.route_class import WorkspaceRoute

router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)

NOTICES = {
    "person_neu": N_("The staff member has been added. Now enter their weekly times."),
    "person_aktiv": N_("The staff member is active again."),
    "person_inaktiv": N_(
        "The staff member is deactivated and signed out. No new appointments are offered with them."
    ),
    "ort": N_("The location has been saved. Booked appointments keep their place."),
    "tag_neu": N_("The closed day has been added. No appointments are offered that day."),
    "tag_doppelt": N_("This day is already a closed day."),
    "tag_geloescht": N_("The closed day has been deleted."),
}
STEP_FREE = {"ja": True, "nein": False, "": None}


def _page(
    session: Session,
    user: User,
    today: date,
    status_code: int = 200,
    errors: list[dict[str, str]] | None = None,
    notice: str | None = None,
    values: dict[str, str] | None = None,
    new_password: tuple[str, str] | None = None,
) -> HTMLResponse:
    holidays = sorted(
        (day, name)
        for year in (today.year, today.year + 1)
        for day, name in nrw_holidays(year).items()
        if day >= today
    )[:6]
    return pages.render(
        "admin.html",
        user,
        status_code,
        title=_("Administration"),
        staff=admin.list_staff(session),
        logins=admin_service.logins_by_staff(session),
        new_password=new_password,
        agencies=admin_service.list_agencies(session),
        locations=admin_service.list_locations(session),
        closed=[
            (row.day.isoformat(), pages.day_heading(row.day), row.label)
            for row in admin_service.list_closed_days(session, today)
        ],
        holidays=[(pages.day_heading(day), name) for day, name in holidays],
        errors=errors or [],
        notice=notice,
        values=values or {},
    )


def _today(settings: SettingsDep, now: NowDep) -> date:
    return now.astimezone(settings.zone).date()


def _back(notice: str, anchor: str) -> RedirectResponse:
    url = f"{PREFIX}/verwaltung?hinweis={notice}#{anchor}"
    return RedirectResponse(url, status_code=303, headers=pages.HEADERS)


@router.get("/verwaltung", response_class=HTMLResponse)
def administration(
    user: AdminDep, session: SessionDep, settings: SettingsDep, now: NowDep, hinweis: str = ""
) -> HTMLResponse:
    """Staff members, locations and closed days."""
    notice = _(NOTICES[hinweis]) if hinweis in NOTICES else None
    return _page(session, user, _today(settings, now), notice=notice)


@router.post("/verwaltung/personen")
def add_person(
    user: CheckedAdminDep, form: FormDep, session: SessionDep, settings: SettingsDep, now: NowDep
) -> Response:
    """Add a staff member with a login."""
    data = admin_service.NewStaff(
        name=form.get("name", "").strip(),
        agency_code=form.get("agency", ""),
        email=form.get("email", "").strip() or None,
        username=form.get("username", "").strip().lower(),
        password=form.get("password", ""),
        role=form.get("role", ""),
    )
    problems = admin_service.validate_new_staff(session, data)
    if problems:
        errors = [{"field": field, "text": _(text)} for field, text in problems]
        values = {k: v for k, v in form.items() if k != "password"}
        return _page(session, user, _today(settings, now), 422, errors, values=values)
    admin_service.create_staff(session, data)
    return _back("person_neu", "personen")


@router.post("/verwaltung/personen/{staff_id}/aktiv")
def toggle_person(
    staff_id: int,
    user: CheckedAdminDep,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """Activate or deactivate a staff member."""
    member = admin.find_staff(session, staff_id)
    if member is None:
        raise PageNotFoundError()
    active = form.get("active") == "ja"
    if not active and member.id == user.staff_id:
        # Deactivating oneself would also end one's own admin session for good.
        text = _("You cannot deactivate yourself. Please ask another administrator.")
        return _page(
            session, user, _today(settings, now), 422, [{"field": "personen", "text": text}]
        )
    admin_service.set_active(session, member, active)
    return _back("person_aktiv" if active else "person_inaktiv", "personen")


@router.post("/verwaltung/konten/{account_id}/passwort", response_class=HTMLResponse)
def reset_password(
    account_id: int, user: CheckedAdminDep, session: SessionDep, settings: SettingsDep, now: NowDep
) -> Response:
    """Give a login a generated password, shown once on the page; its sessions end."""
    account = admin_service.find_account(session, account_id)
    if account is None:
        raise PageNotFoundError()
    if account.id == user.account.id:
        # One's own password needs the current one (and must not end one's own session).
        return RedirectResponse(f"{PREFIX}/passwort", status_code=303, headers=pages.HEADERS)
    password = passwords.reset(session, account)
    return _page(session, user, _today(settings, now), new_password=(account.username, password))


@router.post("/verwaltung/orte/{location_id}")
def save_location(
    location_id: int,
    user: CheckedAdminDep,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """Save a location's name, address and step-free access."""
    location = admin_service.find_location(session, location_id)
    if location is None:
        raise PageNotFoundError()
    name = form.get("name", "").strip()
    if not 2 <= len(name) <= 300:
        text = _("Enter the name of the place (2 to 300 characters).")
        errors = [{"field": f"ort-{location.id}-name", "text": text}]
        return _page(session, user, _today(settings, now), 422, errors)
    address = form.get("address", "").strip()[:300] or None
    step_free = STEP_FREE.get(form.get("step_free", ""))
    admin_service.update_location(session, location, name, address, step_free)
    return _back("ort", "orte")


@router.post("/verwaltung/schliesstage")
def add_closed_day(
    user: CheckedAdminDep, form: FormDep, session: SessionDep, settings: SettingsDep, now: NowDep
) -> Response:
    """Add a closed day (for example a staff outing or the day before Christmas)."""
    today = _today(settings, now)
    errors = []
    day = parse_day(form.get("day", ""))
    if day is None or day < today:
        errors.append(
            {"field": "day", "text": _("Enter a day from today on, for example 2026-12-24.")}
        )
    label = form.get("label", "").strip()
    if not 2 <= len(label) <= 100:
        errors.append({"field": "label", "text": _("Enter a short reason (2 to 100 characters).")})
    if errors or day is None:
        return _page(session, user, today, 422, errors, values=form)
    added = admin_service.add_closed_day(session, day, label)
    return _back("tag_neu" if added else "tag_doppelt", "schliesstage")


@router.post("/verwaltung/schliesstage/{day}/loeschen")
def delete_closed_day(day: str, user: CheckedAdminDep, session: SessionDep) -> Response:
    """Delete a closed day."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError as exc:
        raise PageNotFoundError() from exc
    admin_service.delete_closed_day(session, parsed)
    return _back("tag_geloescht", "schliesstage")
