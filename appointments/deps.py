"""FastAPI dependencies: settings, DB session, clock and the authenticated staff account."""

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.staff.models import StaffAccount
from appointments.staff.service import authenticate

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
