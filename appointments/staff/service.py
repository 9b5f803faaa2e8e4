"""Staff authentication (HTTP Basic against scrypt hashes)."""

import logging

from fastapi.security import HTTPBasicCredentials
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.errors import AppointmentsError
from appointments.security import dummy_hash, verify_password
from appointments.staff.models import ROLE_ADMIN, StaffAccount

logger = logging.getLogger(__name__)

_CHALLENGE = {"WWW-Authenticate": 'Basic realm="Familienlotse Mitarbeitende", charset="UTF-8"'}


def get_account_by_username(session: Session, username: str) -> StaffAccount | None:
    """Return the active account with this username, or None."""
    stmt = select(StaffAccount).where(
        StaffAccount.username == username, StaffAccount.active.is_(True)
    )
    return session.scalars(stmt).first()


def authenticate(
    session: Session, credentials: HTTPBasicCredentials | None, invalid: bool = False
) -> StaffAccount:
    """Return the account for valid credentials, else raise a German 401 with a challenge.

    `invalid=True`: the caller has checked (and counted) the credentials already.
    """
    if invalid:
        raise AppointmentsError(
            "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es noch einmal.",
            401,
            "invalid_credentials",
            headers=_CHALLENGE,
        )
    if credentials is None:
        raise AppointmentsError(
            "Bitte melden Sie sich mit Ihrem Benutzernamen und Ihrem Passwort an.",
            401,
            "not_authenticated",
            headers=_CHALLENGE,
        )
    account = get_account_by_username(session, credentials.username)
    # Always run scrypt, so response time does not tell whether the username exists.
    stored = account.password_hash if account else dummy_hash()
    if not verify_password(credentials.password, stored) or account is None:
        logger.info("staff.login.failed")
        raise AppointmentsError(
            "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es noch einmal.",
            401,
            "invalid_credentials",
            headers=_CHALLENGE,
        )
    return account


def require_admin(account: StaffAccount) -> StaffAccount:
    """Return the account if it is an admin, else raise a German 403."""
    if account.role != ROLE_ADMIN:
        logger.info("staff.admin.forbidden account_id=%s", account.id)
        raise AppointmentsError("Dafür brauchen Sie Administrationsrechte.", 403, "admin_required")
    return account
