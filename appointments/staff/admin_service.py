"""Admin tasks: staff members with logins, locations, closed days."""

import logging
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.availability.models import ClosedDay, Location
from appointments.i18n import N_
from appointments.security import hash_password
from appointments.staff import authentication as auth
from appointments.staff import repository
from appointments.staff.models import ROLE_ADMIN, ROLE_STAFF, Agency, StaffAccount, StaffMember

logger = logging.getLogger(__name__)

USERNAME = re.compile(r"^[a-z0-9._-]{3,100}$")
MIN_PASSWORD = 12


@dataclass(frozen=True)
class NewStaff:
    """The admin form for a new staff member with a login."""

    name: str
    agency_code: str
    email: str | None
    username: str
    password: str
    role: str


def validate_new_staff(session: Session, data: NewStaff) -> list[tuple[str, str]]:
    """Return (field, msgid) pairs for every problem of the form."""
    problems = []
    if not 2 <= len(data.name) <= 200:
        problems.append(("name", N_("Enter the name (2 to 200 characters).")))
    if repository.get_agency_by_code(session, data.agency_code) is None:
        problems.append(("agency", N_("Choose the agency.")))
    if data.email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", data.email):
        problems.append(("email", N_("Enter a valid e-mail address or leave the field empty.")))
    if not USERNAME.fullmatch(data.username):
        problems.append(
            ("username", N_("Use 3 to 100 small letters, digits, dots, hyphens or underscores."))
        )
    elif repository.username_taken(session, data.username):
        problems.append(("username", N_("This user name is already taken.")))
    if len(data.password) < MIN_PASSWORD:
        problems.append(("password", N_("The first password needs at least 12 characters.")))
    if data.role not in {ROLE_STAFF, ROLE_ADMIN}:
        problems.append(("role", N_("Choose a role.")))
    return problems


def create_staff(session: Session, data: NewStaff) -> StaffMember:
    """Create the staff member (without weekly times yet) and their login."""
    agency = repository.get_agency_by_code(session, data.agency_code)
    if agency is None:
        raise ValueError("validate_new_staff() first: unknown agency")
    # Seed keys look like "jugendamt-demo-1"; this prefix keeps workspace-made keys apart.
    member = StaffMember(
        key=f"arbeitsplatz-{data.username}", agency=agency, name=data.name, email=data.email
    )
    session.add(member)
    session.flush()
    session.add(
        StaffAccount(
            username=data.username,
            password_hash=hash_password(data.password),
            staff_id=member.id,
            role=data.role,
        )
    )
    session.commit()
    logger.info("workspace.admin.staff_created staff_id=%s", member.id)
    return member


def find_account(session: Session, account_id: int) -> StaffAccount | None:
    """Return one login, or None."""
    return repository.get_account(session, account_id)


def find_location(session: Session, location_id: int) -> Location | None:
    """Return one place, or None."""
    return repository.get_location(session, location_id)


def logins_by_staff(session: Session) -> dict[int, list[StaffAccount]]:
    """Return the logins of each staff member (by staff id), ordered by username."""
    logins: dict[int, list[StaffAccount]] = {}
    for account in repository.list_accounts(session):
        if account.staff_id is not None:
            logins.setdefault(account.staff_id, []).append(account)
    return logins


def list_agencies(session: Session) -> list[Agency]:
    """Return the agencies in their configured order."""
    return repository.list_agencies(session)


def list_locations(session: Session) -> list[Location]:
    """Return all places in their configured order."""
    return repository.list_locations(session)


def set_active(session: Session, member: StaffMember, active: bool) -> None:
    """Switch a staff member (and their logins) on or off; off also signs them out."""
    member.active = active
    if not active:
        # The calendar feed dies with the account; reactivation needs a new address.
        member.feed_token_hash = None
    accounts = repository.accounts_of(session, member.id)
    for account in accounts:
        account.active = active
    session.commit()
    if not active:
        for account in accounts:
            auth.end_all_sessions(session, account.id)
    logger.info("workspace.admin.staff_active staff_id=%s active=%s", member.id, active)


def update_location(
    session: Session, location: Location, name: str, address: str | None, step_free: bool | None
) -> None:
    """Change a location's display text, address and step-free access (bookings keep theirs)."""
    location.name = name
    location.address = address
    location.step_free = step_free
    session.commit()
    logger.info("workspace.admin.location_updated location_id=%s", location.id)


def list_closed_days(session: Session, from_day: date) -> list[ClosedDay]:
    """Return closed days from a day on, in order."""
    return repository.list_closed_days(session, from_day)


def add_closed_day(session: Session, day: date, label: str) -> bool:
    """Add a closed day; False if it exists already."""
    session.add(ClosedDay(day=day, label=label))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    logger.info("workspace.admin.closed_day_added")
    return True


def delete_closed_day(session: Session, day: date) -> None:
    """Remove a closed day; its slots are offered again."""
    row = repository.get_closed_day(session, day)
    if row is not None:
        session.delete(row)
        session.commit()
