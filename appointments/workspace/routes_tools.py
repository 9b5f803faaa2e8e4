"""Calendar subscription, CSV export, statistics and callback requests."""

from dataclasses import replace
from datetime import timedelta

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from appointments.callbacks import service as callbacks
from appointments.callbacks.models import STATUS_OPEN
from appointments.deps import NowDep, SessionDep, SettingsDep
from appointments.errors import AppointmentsError
from appointments.i18n import _
from appointments.staff import availability_admin as admin
from appointments.staff import booking_access as service
from appointments.staff import statistics as stats
from appointments.staff.csv_export import to_csv
from appointments.workspace import pages
from appointments.workspace.deps import (
    PREFIX,
    CheckedUserDep,
    User,
    UserDep,
)
from appointments.workspace.errors import ForbiddenError
from appointments.workspace.forms import parse_day
from appointments.workspace.route_class import WorkspaceRoute
from appointments.workspace.topics import topic_label, topic_list

router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)

STATS_WEEKS_BACK = 12
STATS_WEEKS_AHEAD = 4
MAX_EXPORT_DAYS = 366


def _calendar_page(
    user: User,
    settings: SettingsDep,
    now: NowDep,
    status_code: int = 200,
    errors: list[dict[str, str]] | None = None,
    feed_url: str | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    today = now.astimezone(settings.zone).date()
    return pages.render(
        "calendar.html",
        user,
        status_code,
        title=_("Calendar and export"),
        feed_url=feed_url,
        errors=errors or [],
        values=values
        or {"von": today.isoformat(), "bis": (today + timedelta(days=27)).isoformat()},
    )


@router.get("/kalender", response_class=HTMLResponse)
def calendar(user: UserDep, settings: SettingsDep, now: NowDep) -> HTMLResponse:
    """Explain the calendar subscription and offer the CSV export."""
    return _calendar_page(user, settings, now)


@router.post("/kalender/link", response_class=HTMLResponse)
def new_feed_link(
    user: CheckedUserDep, session: SessionDep, settings: SettingsDep, now: NowDep
) -> HTMLResponse:
    """Create a new secret feed address for the user's own calendar (shown once)."""
    if user.staff_id is None:
        raise ForbiddenError()
    token = admin.new_feed_token(session, user.staff_id)
    url = f"{settings.public_base_url.rstrip('/')}/staff/feed/{token}.ics"
    return _calendar_page(user, settings, now, feed_url=url)


@router.get("/export.csv", response_model=None)
def export(
    user: UserDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    von: str = "",
    bis: str = "",
) -> Response:
    """Download the user's bookings of a date range as CSV (semicolon, UTF-8)."""
    errors = []
    first, last = parse_day(von), parse_day(bis)
    if first is None:
        errors.append({"field": "von", "text": _("Enter the first day, for example 2026-12-01.")})
    if last is None:
        errors.append({"field": "bis", "text": _("Enter the last day, for example 2026-12-31.")})
    if first is not None and last is not None and not 0 <= (last - first).days <= MAX_EXPORT_DAYS:
        text = _("The last day must be after the first day, at most one year later.")
        errors.append({"field": "bis", "text": text})
    if errors or first is None or last is None:
        return _calendar_page(user, settings, now, 422, errors, values={"von": von, "bis": bis})
    bookings = service.bookings_between(session, settings, user.account, first, last, None)
    return Response(
        to_csv(bookings, settings),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="termine-{first}-{last}.csv"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/statistik", response_class=HTMLResponse)
def statistics(
    user: UserDep, session: SessionDep, settings: SettingsDep, now: NowDep
) -> HTMLResponse:
    """Counts without personal data for the last twelve and the next four weeks."""
    today = now.astimezone(settings.zone).date()
    first = service.week_start(today) - timedelta(weeks=STATS_WEEKS_BACK)
    numbers = stats.compute(session, settings, first, STATS_WEEKS_BACK + STATS_WEEKS_AHEAD + 1)
    numbers = replace(numbers, topics=[(topic_label(code), n) for code, n in numbers.topics])
    share = round(100 * numbers.via_chat / numbers.total) if numbers.total else 0
    return pages.render(
        "statistics.html",
        user,
        title=_("Statistics"),
        numbers=numbers,
        share=share,
        weeks=[
            (row, pages.short_date(row.monday), pages.short_date(row.monday + timedelta(days=6)))
            for row in numbers.weeks
        ],
        min_group=stats.MIN_GROUP,
    )


@router.get("/rueckrufe", response_class=HTMLResponse)
def callback_list(
    user: UserDep, session: SessionDep, settings: SettingsDep, hinweis: str = ""
) -> HTMLResponse:
    """Open callback requests from the chat (name, phone, preferred time); Familienbüro only."""
    if not user.sees_callbacks:
        raise ForbiddenError()
    rows = [
        {
            "reference": item.reference,
            "name": item.contact_name,
            "phone": item.contact_phone or "",
            "preferred": item.preferred_time or "",
            "created": pages.date_time(item.created_at, settings.zone),
            "ages": ", ".join(str(age) for age in item.children_ages),
            "topics": topic_list(item.topics),
        }
        for item in callbacks.list_callbacks(session, STATUS_OPEN)
    ]
    notice = _("The callback request is marked as done.") if hinweis == "erledigt" else None
    return pages.render(
        "callbacks.html", user, title=_("Callback requests"), rows=rows, notice=notice
    )


@router.post("/rueckrufe/{reference}/erledigt")
def callback_done(
    reference: str, user: CheckedUserDep, session: SessionDep, now: NowDep
) -> Response:
    """Mark a callback request as done (Familienbüro only)."""
    if not user.sees_callbacks:
        raise ForbiddenError()
    try:
        callbacks.mark_done(session, reference, user.account, now)
    except AppointmentsError:
        return pages.error_page(404)
    return RedirectResponse(f"{PREFIX}/rueckrufe?hinweis=erledigt", 303, headers=pages.HEADERS)
