"""FastAPI dependencies: settings, DB session, clock and the authenticated staff account."""

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.staff.models import StaffAccount
from appointments.staff.service import authenticate, require_admin

_basic = HTTPBasic(auto_error=False, realm="Familienlotse Mitarbeitende")


def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """Yield one session per request; services decide when to commit."""
    with request.app.state.session_factory() as session:
        yield session


def get_now(request: Request) -> datetime:
    """Return "now" from the app's clock (frozen in tests)."""
    now: datetime = request.app.state.clock()
    return now


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
NowDep = Annotated[datetime, Depends(get_now)]


def get_current_staff(
    session: SessionDep, credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)]
) -> StaffAccount:
    """Return the staff account from HTTP Basic credentials or raise a German 401."""
    return authenticate(session, credentials)


CurrentStaff = Annotated[StaffAccount, Depends(get_current_staff)]


def get_current_admin(account: CurrentStaff) -> StaffAccount:
    """Return the account if it has the admin role, else a German 403."""
    return require_admin(account)


CurrentAdmin = Annotated[StaffAccount, Depends(get_current_admin)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        description="Beliebiger eindeutiger Schlüssel; eine Wiederholung liefert dasselbe Ergebnis",
    ),
]


def get_manage_token(
    token: Annotated[
        str | None, Query(max_length=200, description="Geheimer Link-Schlüssel")
    ] = None,
    header_token: Annotated[str | None, Header(alias="X-Manage-Token", max_length=200)] = None,
) -> str:
    """Return the family's manage token from the link (?token=) or the X-Manage-Token header."""
    return token or header_token or ""


ManageToken = Annotated[str, Depends(get_manage_token)]
