"""Request plumbing of the workspace: cookie, signed-in user, CSRF check, form parsing.

Errors raised here (and in the routes) are turned into HTML by `route_class.WorkspaceRoute`,
because the app-wide handlers answer in JSON and the workspace must not touch them.
"""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import Depends, Request, Response

from appointments.callbacks.service import may_handle_callbacks
from appointments.config import Settings
from appointments.deps import NowDep, SessionDep, SettingsDep
from appointments.staff import authentication as auth
from appointments.staff.models import StaffAccount
from appointments.workspace.errors import CsrfError, ForbiddenError, SignInRequiredError

PREFIX = "/arbeitsplatz"
LOGIN_PATH = f"{PREFIX}/anmelden"
MAX_FORM_BYTES = 8192
MAX_FORM_FIELDS = 30


def cookie_name(settings: Settings) -> str:
    """Return the session cookie's name (`__Host-` makes browsers insist on Secure, path /)."""
    return "__Host-fl_arbeitsplatz" if secure_cookies(settings) else "fl_arbeitsplatz"


def login_cookie_name(settings: Settings) -> str:
    """Return the name of the short-lived cookie that protects the sign-in form."""
    return "__Host-fl_anmeldung" if secure_cookies(settings) else "fl_anmeldung"


def secure_cookies(settings: Settings) -> bool:
    """Cookies are Secure everywhere except on a developer's plain-HTTP machine."""
    return settings.environment != "development"


def set_cookie(response: Response, settings: Settings, name: str, value: str, max_age: int) -> None:
    """Set an HttpOnly, SameSite=Lax cookie for the whole site (Lax: links from mails work)."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(settings),
    )


async def read_form(request: Request) -> dict[str, str]:
    """Parse a small urlencoded form body (first value per field); anything else is empty."""
    if request.method != "POST":
        return {}
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return {}
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    try:
        fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=MAX_FORM_FIELDS)
    except ValueError:  # too many fields: not one of our forms
        return {}
    return {name: values[0] for name, values in fields.items() if values}


FormDep = Annotated[dict[str, str], Depends(read_form)]


@dataclass(frozen=True)
class User:
    """The signed-in account, with the CSRF token every form of this session carries."""

    account: StaffAccount
    csrf_token: str
    session_token: str
    # Part of the team the callback consent names (see callbacks.service).
    sees_callbacks: bool = False

    @property
    def is_admin(self) -> bool:
        """Tell whether the account may see and change everything."""
        return self.account.is_admin

    @property
    def staff_id(self) -> int | None:
        """Return the staff member this account belongs to (None for pure admin logins)."""
        return self.account.staff_id

    def may_edit_staff(self, staff_id: int) -> bool:
        """Admins edit everyone's availability, staff only their own."""
        return self.is_admin or self.staff_id == staff_id


def current_user(request: Request, session: SessionDep, settings: SettingsDep, now: NowDep) -> User:
    """Return the signed-in user or send the browser to the sign-in page."""
    token = request.cookies.get(cookie_name(settings), "")
    active = auth.resume_session(session, token, now)
    if active is None:
        raise SignInRequiredError()
    sees_callbacks = may_handle_callbacks(session, settings, active.account)
    return User(active.account, active.csrf_token, token, sees_callbacks)


UserDep = Annotated[User, Depends(current_user)]


def checked_user(user: UserDep, form: FormDep) -> User:
    """Return the user of a POST whose form carries the session's CSRF token."""
    if not auth.csrf_matches(user.csrf_token, form.get("csrf_token")):
        raise CsrfError()
    return user


CheckedUserDep = Annotated[User, Depends(checked_user)]


def admin_user(user: UserDep) -> User:
    """Return the user if they are an admin."""
    if not user.is_admin:
        raise ForbiddenError()
    return user


AdminDep = Annotated[User, Depends(admin_user)]


def checked_admin(user: CheckedUserDep) -> User:
    """Return the admin user of a POST with a valid CSRF token."""
    if not user.is_admin:
        raise ForbiddenError()
    return user


CheckedAdminDep = Annotated[User, Depends(checked_admin)]
