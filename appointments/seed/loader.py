"""Idempotent seeding: upsert by natural keys, touch rows only when something differs."""

import logging
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.availability.models import Location
from appointments.security import hash_password
from appointments.seed.schema import WEEKDAYS, AgencySpec, LocationSpec, SeedFile, StaffSpec
from appointments.staff.models import (
    ROLE_MAINTAINER,
    Agency,
    AvailabilityWindow,
    StaffAccount,
    StaffMember,
)

logger = logging.getLogger(__name__)


def load_seed_file(path: Path) -> SeedFile:
    """Read and validate the seed YAML."""
    with path.open(encoding="utf-8") as handle:
        return SeedFile.model_validate(yaml.safe_load(handle))


def _upsert_location(session: Session, spec: LocationSpec) -> None:
    location = session.scalars(select(Location).where(Location.code == spec.code)).first()
    if location is None:
        location = Location(code=spec.code)
        session.add(location)
    location.name = spec.name
    location.kind = spec.kind
    location.address = spec.address
    location.step_free = spec.step_free


def _upsert_agency(session: Session, spec: AgencySpec) -> Agency:
    agency = session.scalars(select(Agency).where(Agency.code == spec.code)).first()
    if agency is None:
        agency = Agency(code=spec.code, name=spec.name)
        session.add(agency)
    elif agency.name != spec.name:
        agency.name = spec.name
    return agency


def _sync_windows(member: StaffMember, spec: StaffSpec) -> None:
    wanted = sorted(
        (WEEKDAYS[day], window.start, window.end) for window in spec.windows for day in window.days
    )
    current = sorted((w.weekday, w.start_time, w.end_time) for w in member.windows)
    if wanted == current:
        return
    member.windows.clear()
    member.windows.extend(
        AvailabilityWindow(weekday=day, start_time=start, end_time=end)
        for day, start, end in wanted
    )


def _upsert_account(
    session: Session, member: StaffMember, spec: StaffSpec, username: str, password: str
) -> None:
    account = session.scalars(select(StaffAccount).where(StaffAccount.username == username)).first()
    if account is None:
        account = StaffAccount(
            username=username, password_hash=hash_password(password), role=spec.role
        )
        account.staff_id = member.id
        session.add(account)
        return
    if account.staff_id != member.id:
        account.staff_id = member.id
    if account.role != spec.role:
        account.role = spec.role
    # The password is set only when the account is created: a password the person changed
    # in the workspace (or an admin reset) must survive the next `make run`.


def _upsert_maintainer(session: Session, username: str, password: str) -> None:
    account = session.scalars(select(StaffAccount).where(StaffAccount.username == username)).first()
    if account is None:
        session.add(
            StaffAccount(
                username=username,
                password_hash=hash_password(password),
                role=ROLE_MAINTAINER,
                staff_id=None,
            )
        )
        return
    account.role = ROLE_MAINTAINER
    account.staff_id = None


def _upsert_staff(session: Session, agency: Agency, spec: StaffSpec, password: str) -> None:
    member = session.scalars(select(StaffMember).where(StaffMember.key == spec.key)).first()
    if member is None:
        member = StaffMember(
            key=spec.key, agency=agency, name=spec.name, active=spec.active, email=spec.email
        )
        session.add(member)
    else:
        if member.agency_id != agency.id:
            member.agency = agency
        if member.name != spec.name:
            member.name = spec.name
        if member.active != spec.active:
            member.active = spec.active
        if member.email != spec.email:
            member.email = spec.email
    _sync_windows(member, spec)
    if spec.username:
        session.flush()
        _upsert_account(session, member, spec, spec.username, password)


def apply_seed(session: Session, seed: SeedFile, staff_password: str) -> None:
    """Write the seed into the database in one transaction."""
    for location_spec in seed.all_locations:
        _upsert_location(session, location_spec)
    session.flush()
    for agency_spec in seed.agencies:
        agency = _upsert_agency(session, agency_spec)
        session.flush()
        for staff_spec in agency_spec.staff:
            _upsert_staff(session, agency, staff_spec, staff_password)
    for username in seed.maintainers:
        _upsert_maintainer(session, username, staff_password)
    session.commit()
    logger.info("seed.applied agencies=%s", len(seed.agencies))
