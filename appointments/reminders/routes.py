"""Workspace page where staff turn their daily agenda mail on or off (opt-in)."""

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from appointments.deps import NowDep, SessionDep
from appointments.i18n import _
from appointments.reminders.models import StaffAgendaSubscription
from appointments.reminders.service import set_agenda_subscription
from appointments.workspace import pages
from appointments.workspace.deps import (
    PREFIX,
    CheckedUserDep,
    FormDep,
    User,
    UserDep,
)
from appointments.workspace.route_class import WorkspaceRoute

router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)
PATH = f"{PREFIX}/tagesuebersicht"


def _page(user: User, subscribed: bool, notice: str | None = None) -> HTMLResponse:
    return pages.render(
        "agenda.html",
        user,
        title=_("Daily agenda by e-mail"),
        subscribed=subscribed,
        has_staff=user.staff_id is not None,
        notice=notice,
    )


@router.get("/tagesuebersicht", response_class=HTMLResponse)
def agenda_form(user: UserDep, session: SessionDep, hinweis: str = "") -> HTMLResponse:
    """Show whether the agenda mail is on, with the switch."""
    subscribed = (
        user.staff_id is not None
        and session.get(StaffAgendaSubscription, user.staff_id) is not None
    )
    notice = _("Your choice has been saved.") if hinweis == "gespeichert" else None
    return _page(user, subscribed, notice)


@router.post("/tagesuebersicht", response_class=HTMLResponse)
def agenda_change(
    user: CheckedUserDep, form: FormDep, session: SessionDep, now: NowDep
) -> Response:
    """Turn the agenda mail on or off for the signed-in staff member."""
    if user.staff_id is not None:
        set_agenda_subscription(session, user.staff_id, form.get("tagesuebersicht") == "an", now)
    return RedirectResponse(f"{PATH}?hinweis=gespeichert", status_code=303, headers=pages.HEADERS)
