"""Sign-in, sign-out and the stylesheet."""

import secrets

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from appointments.deps import NowDep, SessionDep, SettingsDep
from appointments.i18n import _
from appointments.rate_limits import RateLimitedError, client_address
from appointments.staff import authentication as auth
from appointments.workspace import pages
from appointments.workspace.deps import (
    PREFIX,
    CheckedUserDep,
    FormDep,
    cookie_name,
    login_cookie_name,
    set_cookie,
)
from appointments.workspace.route_class import WorkspaceRoute

router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)

LOGIN_COOKIE_SECONDS = 30 * 60
_CSS = (pages.STATIC_DIR / "workspace.css").read_bytes()


def _login_page(
    settings: SettingsDep,
    status_code: int = 200,
    error: str | None = None,
    username: str = "",
    notice: str | None = None,
) -> HTMLResponse:
    # Double-submit token: the form's hidden field must equal this HttpOnly cookie.
    token = secrets.token_urlsafe(32)
    errors = [{"field": "username", "text": error}] if error else []
    response = pages.render(
        "login.html",
        None,
        status_code,
        title=_("Sign in"),
        errors=errors,
        login_token=token,
        username=username,
        notice=notice,
    )
    set_cookie(response, settings, login_cookie_name(settings), token, LOGIN_COOKIE_SECONDS)
    return response


@router.get("/anmelden", response_class=HTMLResponse)
def login_form(settings: SettingsDep, abgemeldet: str = "") -> HTMLResponse:
    """Show the sign-in form (after signing out with a short confirmation)."""
    notice = _("You have been signed out.") if abgemeldet else None
    return _login_page(settings, notice=notice)


@router.post("/anmelden", response_class=HTMLResponse)
def login(
    request: Request, form: FormDep, session: SessionDep, settings: SettingsDep, now: NowDep
) -> Response:
    """Check the credentials; on success set the session cookie and open the overview."""
    expected = request.cookies.get(login_cookie_name(settings), "")
    if not expected or not auth.csrf_matches(expected, form.get("login_token")):
        return _login_page(settings, 400, _("The form has expired. Please sign in again."))
    username = form.get("username", "").strip()[:100]
    password = form.get("password", "")[:200]
    if not username or not password:
        message = _("Enter your user name and your password.")
        return _login_page(settings, 422, message, username)
    address = client_address(request)
    try:
        request.app.state.rate_limiter.hit("sign_in", address)
    except RateLimitedError as error:
        message = _("Too many sign-in attempts from this connection. Please wait a moment.")
        page = _login_page(settings, 429, message, username)
        page.headers.update(error.headers or {})
        return page
    result = auth.sign_in(session, username, password, now, address)
    if result.outcome is auth.SignInOutcome.LOCKED:
        message = _(
            "Too many failed attempts. For your protection, sign-in with this user name is "
            "blocked for 15 minutes."
        )
        return _login_page(settings, 429, message, username)
    if result.outcome is not auth.SignInOutcome.OK or result.token is None:
        message = _("User name or password is wrong. Please try again.")
        return _login_page(settings, 401, message, username)
    response = RedirectResponse(f"{PREFIX}/", status_code=303, headers=pages.HEADERS)
    max_age = int(auth.MAX_AGE.total_seconds())
    set_cookie(response, settings, cookie_name(settings), result.token, max_age)
    response.delete_cookie(login_cookie_name(settings), path="/")
    return response


@router.post("/abmelden")
def logout(user: CheckedUserDep, session: SessionDep, settings: SettingsDep) -> Response:
    """End the session on the server and remove the cookie."""
    auth.end_session(session, user.session_token)
    response = RedirectResponse(f"{PREFIX}/anmelden?abgemeldet=1", 303, headers=pages.HEADERS)
    response.delete_cookie(cookie_name(settings), path="/")
    return response


@router.get("/stil.css")
def stylesheet() -> Response:
    """Serve the workspace stylesheet (the only asset; same tokens as the chat widget)."""
    return Response(
        _CSS,
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
