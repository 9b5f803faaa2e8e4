"""Change one's own password (current password, new one twice)."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from appointments.deps import NowDep, SessionDep, SettingsDep
from appointments.i18n import N_, _
from appointments.rate_limits import client_address
from appointments.staff import authentication as auth
from appointments.staff import passwords
from appointments.workspace import pages
from appointments.workspace.deps import (
    PREFIX,
    CheckedUserDep,
    FormDep,
    User,
    UserDep,
    cookie_name,
    set_cookie,
)
from appointments.workspace.route_class import WorkspaceRoute

router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)

PATH = f"{PREFIX}/passwort"


def _page(
    user: User,
    status_code: int = 200,
    errors: list[dict[str, str]] | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    # Passwords are never written back into the form.
    return pages.render(
        "password.html",
        user,
        status_code,
        title=_("Change password"),
        errors=errors or [],
        notice=notice,
    )


@router.get("/passwort", response_class=HTMLResponse)
def password_form(user: UserDep, hinweis: str = "") -> HTMLResponse:
    """Show the form (after a change with a short confirmation)."""
    notice = None
    if hinweis == "geaendert":
        notice = _("Your password has been changed. You are signed out on all other devices.")
    return _page(user, notice=notice)


@router.post("/passwort", response_class=HTMLResponse)
def change_password(
    request: Request,
    user: CheckedUserDep,
    form: FormDep,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """Check the current password and the rules; store the new one and renew the session."""
    account = user.account
    # As on the sign-in form, at most 200 characters are read.
    current = form.get("current_password", "")[: passwords.MAX_LENGTH]
    new = form.get("new_password", "")
    again = form.get("new_password_again", "")
    problems = passwords.new_password_problems(account.username, current, new, again)
    if not current:
        problems.insert(0, ("current_password", N_("Enter your current password.")))
    else:
        outcome = auth.check_current_password(
            session, account, current, now, client_address(request)
        )
        if outcome is auth.SignInOutcome.LOCKED:
            text = _(
                "Too many wrong attempts. For your protection, changing the password and "
                "signing in with your user name are blocked for 15 minutes."
            )
            return _page(user, 429, [{"field": "current_password", "text": text}])
        if outcome is not auth.SignInOutcome.OK:
            problems.insert(0, ("current_password", N_("Your current password is wrong.")))
    if problems:
        return _page(user, 422, [{"field": field, "text": _(text)} for field, text in problems])
    token = passwords.change_own(session, account, new, now)
    response = RedirectResponse(f"{PATH}?hinweis=geaendert", status_code=303, headers=pages.HEADERS)
    set_cookie(response, settings, cookie_name(settings), token, int(auth.MAX_AGE.total_seconds()))
    return response
