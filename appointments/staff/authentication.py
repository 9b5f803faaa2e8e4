"""Staff authentication for both faces: password check, lockout, sessions, the admin role.

The workspace form and HTTP Basic of the JSON API check passwords here and count towards the
same locks. The workspace cookie holds a random token; only its SHA-256 is stored, next to
the session's CSRF token. Signing out deletes the row, so a copied cookie stops working at once.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from appointments.errors import AppointmentsError
from appointments.security import dummy_hash, verify_password
from appointments.staff.models import StaffAccount
from appointments.staff.repository import get_account_by_username
from appointments.staff.sign_in_models import LoginThrottle, WorkspaceSession

logger = logging.getLogger(__name__)

MAX_FAILURES = 5
# One client address trying one password across many names is locked as well.
MAX_ADDRESS_FAILURES = 20
LOCK_TIME = timedelta(minutes=15)
# Failures older than this no longer count towards a lock.
FAILURE_WINDOW = timedelta(minutes=15)
# A session ends after an hour without use and at the latest after a long working day.
IDLE_TIMEOUT = timedelta(hours=1)
MAX_AGE = timedelta(hours=10)
# Writing last_seen_at on every request would turn every page view into a write.
TOUCH_INTERVAL = timedelta(minutes=1)


class SignInOutcome(Enum):
    """How a sign-in attempt ended."""

    OK = "ok"
    INVALID = "invalid"
    LOCKED = "locked"


@dataclass(frozen=True)
class SignInResult:
    """The outcome, and for OK the account and the new session's cookie token."""

    outcome: SignInOutcome
    account: StaffAccount | None = None
    token: str | None = None


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _name_prefix(username: str) -> str:
    return _sha256(username.strip().lower())[:40]


def _throttle_key(username: str, address: str) -> str:
    """The lock of one name from one client address.

    Failures from someone else's address never lock a person (an admin above all) out of
    their own; the address lock below limits guessing across names.
    """
    return _name_prefix(username) + _sha256(f"address:{address}")[:24]


def _address_key(address: str) -> str:
    # Not hexadecimal at the start, so it can never match a name prefix.
    return "address-" + _sha256(f"address:{address}")[:56]


def _is_locked(throttle: LoginThrottle | None, now: datetime) -> bool:
    return bool(throttle and throttle.locked_until and throttle.locked_until > now)


def _count_failure(
    session: Session, throttle: LoginThrottle | None, key: str, now: datetime, limit: int
) -> bool:
    """Count one failure (not committed); return True if the key is now locked."""
    if throttle is None or now - throttle.first_failure_at > FAILURE_WINDOW:
        if throttle is None:
            throttle = LoginThrottle(username_hash=key)
            session.add(throttle)
        throttle.failures = 0
        throttle.first_failure_at = now
        throttle.locked_until = None
    throttle.failures += 1
    locked = throttle.failures >= limit
    if locked:
        throttle.locked_until = now + LOCK_TIME
    return locked


def _record_failure(session: Session, username: str, address: str, now: datetime) -> bool:
    """Count a failure for the name at this address and for the address; True if locked."""
    name_key, address_key = _throttle_key(username, address), _address_key(address)
    name_locked = _count_failure(
        session, session.get(LoginThrottle, name_key), name_key, now, MAX_FAILURES
    )
    address_locked = _count_failure(
        session, session.get(LoginThrottle, address_key), address_key, now, MAX_ADDRESS_FAILURES
    )
    session.commit()
    return name_locked or address_locked


def _locked(session: Session, username: str, address: str, now: datetime) -> bool:
    keys = (_throttle_key(username, address), _address_key(address))
    return any(_is_locked(session.get(LoginThrottle, key), now) for key in keys)


def verify_credentials(
    session: Session, username: str, password: str, now: datetime, address: str = "unknown"
) -> SignInResult:
    """Check name and password against the locks and count failures (no session opened).

    Shared by the workspace form and HTTP Basic of the staff JSON API, so both count
    towards the same locks.
    """
    account = get_account_by_username(session, username.strip())
    # Always run scrypt, so the response time tells neither existence nor lock state.
    valid = verify_password(password, account.password_hash if account else dummy_hash())
    if _locked(session, username, address, now):
        logger.info("workspace.login.locked")
        return SignInResult(SignInOutcome.LOCKED)
    if not valid or account is None:
        locked = _record_failure(session, username, address, now)
        logger.info("workspace.login.failed locked=%s", locked)
        return SignInResult(SignInOutcome.LOCKED if locked else SignInOutcome.INVALID)
    # Only the name's lock at this address ends; the address keeps its count, so signing in
    # to one's own account between guesses does not reset it.
    throttle = session.get(LoginThrottle, _throttle_key(username, address))
    if throttle is not None:
        session.delete(throttle)
        session.commit()
    return SignInResult(SignInOutcome.OK, account)


def sign_in(
    session: Session, username: str, password: str, now: datetime, address: str = "unknown"
) -> SignInResult:
    """Check name and password, honour and update the locks, and open a session on success."""
    result = verify_credentials(session, username, password, now, address)
    account = result.account
    if result.outcome is not SignInOutcome.OK or account is None:
        return result
    token = open_session(session, account, now)
    logger.info("workspace.login.ok account_id=%s", account.id)
    return SignInResult(SignInOutcome.OK, account, token)


def check_current_password(
    session: Session, account: StaffAccount, password: str, now: datetime, address: str = "unknown"
) -> SignInOutcome:
    """Check a signed-in person's password on the sign-in throttle of their user name.

    A wrong password counts as a failed sign-in, and a lock blocks this check as well, so
    the password form cannot be used to guess passwords faster than the sign-in form.
    """
    valid = verify_password(password, account.password_hash)
    if _locked(session, account.username, address, now):
        logger.info("workspace.password.locked account_id=%s", account.id)
        return SignInOutcome.LOCKED
    if not valid:
        locked = _record_failure(session, account.username, address, now)
        logger.info("workspace.password.wrong account_id=%s locked=%s", account.id, locked)
        return SignInOutcome.LOCKED if locked else SignInOutcome.INVALID
    return SignInOutcome.OK


def clear_throttle(session: Session, username: str) -> None:
    """Forget the failed sign-ins of a name from every address (after a new password)."""
    session.execute(
        delete(LoginThrottle).where(LoginThrottle.username_hash.startswith(_name_prefix(username)))
    )
    session.commit()


def open_session(session: Session, account: StaffAccount, now: datetime) -> str:
    """Store a new session (a fresh token on every sign-in: no session fixation)."""
    session.execute(delete(WorkspaceSession).where(WorkspaceSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    session.add(
        WorkspaceSession(
            token_hash=_sha256(token),
            account_id=account.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + IDLE_TIMEOUT,
        )
    )
    session.commit()
    return token


@dataclass(frozen=True)
class ActiveSession:
    """A valid session with its (active) account."""

    account: StaffAccount
    csrf_token: str


def resume_session(session: Session, token: str, now: datetime) -> ActiveSession | None:
    """Return the session of a cookie token if it is valid, sliding its idle timeout."""
    if not token or len(token) > 100:
        return None
    row = session.get(WorkspaceSession, _sha256(token))
    if row is None or row.expires_at <= now or now - row.created_at >= MAX_AGE:
        return None
    account = session.get(StaffAccount, row.account_id)
    if account is None or not account.active:
        return None
    if now - row.last_seen_at >= TOUCH_INTERVAL:
        row.last_seen_at = now
        row.expires_at = min(now + IDLE_TIMEOUT, row.created_at + MAX_AGE)
        session.commit()
    return ActiveSession(account, row.csrf_token)


def end_session(session: Session, token: str) -> None:
    """Delete the session row (server-side sign-out)."""
    session.execute(delete(WorkspaceSession).where(WorkspaceSession.token_hash == _sha256(token)))
    session.commit()
    logger.info("workspace.logout")


def end_all_sessions(session: Session, account_id: int) -> None:
    """Sign an account out everywhere (deactivation, new password)."""
    session.execute(delete(WorkspaceSession).where(WorkspaceSession.account_id == account_id))
    session.commit()


def csrf_matches(expected: str, given: str | None) -> bool:
    """Compare CSRF tokens in constant time."""
    return bool(given) and secrets.compare_digest(expected.encode(), (given or "").encode())


def session_count(session: Session, account_id: int) -> int:
    """Return how many sessions an account has (for tests and the admin page)."""
    stmt = select(WorkspaceSession.token_hash).where(WorkspaceSession.account_id == account_id)
    return len(list(session.scalars(stmt)))


# --- HTTP Basic of the JSON API: the German errors it answers with -----------------------

BASIC_REALM = "Familienlotse Mitarbeitende"
_CHALLENGE = {"WWW-Authenticate": f'Basic realm="{BASIC_REALM}", charset="UTF-8"'}


def not_authenticated_error() -> AppointmentsError:
    """A German 401 with a challenge for a request without credentials."""
    return AppointmentsError(
        "Bitte melden Sie sich mit Ihrem Benutzernamen und Ihrem Passwort an.",
        401,
        "not_authenticated",
        headers=_CHALLENGE,
    )


def invalid_credentials_error() -> AppointmentsError:
    """A German 401 with a challenge for wrong credentials (already checked and counted)."""
    return AppointmentsError(
        "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es noch einmal.",
        401,
        "invalid_credentials",
        headers=_CHALLENGE,
    )


def locked_error() -> AppointmentsError:
    """A German 429 while the name or the address is locked after failures."""
    return AppointmentsError(
        "Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in 15 Minuten noch einmal.",
        429,
        "too_many_attempts",
        headers={"Retry-After": str(int(LOCK_TIME.total_seconds()))},
    )


def require_admin(account: StaffAccount) -> StaffAccount:
    """Return the account if it is an admin, else raise a German 403."""
    if not account.is_admin:
        logger.info("staff.admin.forbidden account_id=%s", account.id)
        raise AppointmentsError("Dafür brauchen Sie Administrationsrechte.", 403, "admin_required")
    return account
