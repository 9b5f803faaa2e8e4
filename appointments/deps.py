"""FastAPI dependencies: settings, DB session, clock and the authenticated staff account."""

import hmac
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.errors import AppointmentsError
from appointments.rate_limits import client_address
from appointments.staff.authentication import (
    BASIC_REALM,
    SignInOutcome,
    invalid_credentials_error,
    locked_error,
    not_authenticated_error,
    require_admin,
    verify_credentials,
)
from appointments.staff.models import StaffAccount

_basic = HTTPBasic(auto_error=False, realm=BASIC_REALM)


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
    request: Request,
    session: SessionDep,
    now: NowDep,
    credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
) -> StaffAccount:
    """Return the staff account from HTTP Basic credentials or raise a German 401/429.

    The same locks as the workspace sign-in (name per address, address) and the same rate
    limit on failures: HTTP Basic is no faster way to guess a password.
    """
    if credentials is None:
        raise not_authenticated_error()
    address = client_address(request)
    limiter = request.app.state.rate_limiter
    limiter.check("sign_in", address)
    result = verify_credentials(session, credentials.username, credentials.password, now, address)
    if result.outcome is SignInOutcome.LOCKED:
        raise locked_error()
    if result.outcome is not SignInOutcome.OK or result.account is None:
        limiter.hit("sign_in", address)
        raise invalid_credentials_error()
    return result.account


CurrentStaff = Annotated[StaffAccount, Depends(get_current_staff)]


def require_service(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Accept only the action server (bearer service token): it vouches for the consent.

    Without this anyone could store a booking with a consent record the family never gave.
    """
    scheme, _, given = (authorization or "").partition(" ")
    expected = settings.service_token.get_secret_value()
    valid = scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), expected.encode())
    if not valid:
        raise AppointmentsError(
            "Diese Anfrage ist nur für den Chat-Dienst erlaubt.",
            401,
            "service_token_required",
            headers={"WWW-Authenticate": "Bearer"},
        )


ServiceCall = Annotated[None, Depends(require_service)]


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
