"""Passwords in the workspace: rules for a new one, changing one's own, an admin's reset.

A change or a reset ends every session of the account, so a copied cookie or a browser left
signed in elsewhere stops working at once. The person changing their own password gets a
fresh session (and cookie) in the same step.
"""

import logging
import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from appointments.i18n import N_
from appointments.security import hash_password
from appointments.staff import authentication as auth
from appointments.staff.models import StaffAccount

logger = logging.getLogger(__name__)

MIN_LENGTH = 12
# The sign-in form reads at most 200 characters; a longer password could never be typed in.
MAX_LENGTH = 200
# Generated passwords: no characters that look alike (l/1/I, O/0), easy to read out.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_GROUPS, _GROUP_LENGTH = 4, 4


def new_password_problems(
    username: str, current: str, new: str, again: str
) -> list[tuple[str, str]]:
    """Return (field, msgid) pairs for every rule the new password breaks.

    `current` is what the person typed as their current password; comparing with the
    stored hash instead would let the form test guesses without counting them.
    """
    problems = []
    if len(new) < MIN_LENGTH:
        problems.append(("new_password", N_("Enter a new password with at least 12 characters.")))
    elif len(new) > MAX_LENGTH:
        problems.append(("new_password", N_("The new password can have at most 200 characters.")))
    elif new.strip().lower() == username.strip().lower():
        problems.append(("new_password", N_("The new password must not be your user name.")))
    elif current and new == current:
        problems.append(
            ("new_password", N_("The new password must be different from your current password."))
        )
    # Without a new password there is nothing to repeat yet: one message is enough.
    if new and not again:
        problems.append(("new_password_again", N_("Enter the new password a second time.")))
    elif new and again != new:
        problems.append(("new_password_again", N_("The two new passwords are not the same.")))
    return problems


def change_own(session: Session, account: StaffAccount, new: str, now: datetime) -> str:
    """Store the new password, end all sessions of the account; return a new session token."""
    account.password_hash = hash_password(new)
    session.commit()
    auth.end_all_sessions(session, account.id)
    auth.clear_throttle(session, account.username)
    logger.info("workspace.password.changed account_id=%s", account.id)
    return auth.open_session(session, account, now)


def generate() -> str:
    """Return a random password like "k7wm-p3xa-9tqe-hz4n" (about 79 bits)."""
    return "-".join(
        "".join(secrets.choice(_ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS)
    )


def reset(session: Session, account: StaffAccount) -> str:
    """Give an account a generated password (shown once), sign it out, lift a sign-in lock."""
    password = generate()
    account.password_hash = hash_password(password)
    session.commit()
    auth.end_all_sessions(session, account.id)
    auth.clear_throttle(session, account.username)
    logger.info("workspace.admin.password_reset account_id=%s", account.id)
    return password
