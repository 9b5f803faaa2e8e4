"""Factories for test data, written straight through a session."""

import itertools
from dataclasses import dataclass
from datetime import datetime, time, timezone
from typing import Any

from sqlalchemy.orm import Session

from appointments.availability.models import Location
from appointments.security import hash_password
from appointments.staff.models import (
    JOBCENTER,
    JUGENDAMT,
    Agency,
    AvailabilityWindow,
    StaffAccount,
    StaffMember,
)

# Older data: the place's text carries a marker of an unconfirmed house number. Families
# read it without that part (FAMILY_LOCATION) and are told how the address reaches them.
LOCATION_NAME = "Familienbüro der Stadt Ibbenbüren, Große Straße (Hausnummer zu bestätigen)"
FAMILY_LOCATION = "Familienbüro der Stadt Ibbenbüren"
ADDRESS_NOTE = (
    "Die genaue Adresse steht noch nicht fest. Die Fachkräfte schicken sie Ihnen vor dem "
    "Termin per E-Mail oder sagen sie Ihnen am Telefon."
)
TUE = 1


def create_location(session: Session, name: str = LOCATION_NAME) -> Location:
    """Create the consultation place."""
    location = Location(code="familienbuero", name=name)
    session.add(location)
    session.flush()
    return location


def create_agency(session: Session, code: str) -> Agency:
    """Create an agency with a fictional name."""
    agency = Agency(code=code, name=f"Test-{code}")
    session.add(agency)
    session.flush()
    return agency


def create_staff(
    session: Session,
    agency: Agency,
    name: str,
    windows: list[tuple[int, str, str]],
    active: bool = True,
    email: str | None = None,
) -> StaffMember:
    """Create a staff member with weekly windows `(weekday, "HH:MM", "HH:MM")`."""
    member = StaffMember(
        key=f"{agency.code}-{name}", agency=agency, name=name, active=active, email=email
    )
    member.windows = [
        AvailabilityWindow(
            weekday=day, start_time=time.fromisoformat(start), end_time=time.fromisoformat(end)
        )
        for day, start, end in windows
    ]
    session.add(member)
    session.flush()
    return member


def create_account(
    session: Session,
    username: str,
    password: str,
    staff: StaffMember | None = None,
    role: str = "staff",
) -> StaffAccount:
    """Create a staff login."""
    account = StaffAccount(
        username=username,
        password_hash=hash_password(password),
        staff_id=staff.id if staff else None,
        active=True,
        role=role,
    )
    session.add(account)
    session.flush()
    return account


@dataclass
class Team:
    """Two people per agency, all free Tuesdays 09:00–10:00 local time."""

    ja_a: StaffMember
    ja_b: StaffMember
    jc_c: StaffMember
    jc_d: StaffMember


def create_team(session: Session) -> Team:
    """Create location, agencies and a symmetric team for pair and fairness tests."""
    create_location(session)
    ja, jc = create_agency(session, JUGENDAMT), create_agency(session, JOBCENTER)
    team = Team(
        ja_a=create_staff(session, ja, "Anna Test", [(TUE, "09:00", "10:00")]),
        ja_b=create_staff(session, ja, "Bernd Test", [(TUE, "09:00", "10:00")]),
        jc_c=create_staff(session, jc, "Carla Test", [(TUE, "09:00", "10:00")]),
        jc_d=create_staff(session, jc, "Dieter Test", [(TUE, "09:00", "10:00")]),
    )
    session.commit()
    return team


def slot_id(start_utc: datetime, ja: StaffMember, jc: StaffMember) -> str:
    """Build a slot id the way the API does."""
    return f"{start_utc.astimezone(timezone.utc):%Y%m%dT%H%MZ}-{ja.id}-{jc.id}"


_PHONES = itertools.count(1)


def booking_payload(slot: str, **overrides: Any) -> dict[str, Any]:
    """Return a valid booking body; override top-level keys or `contact`.

    Each call gets its own phone number: one family may hold only one upcoming booking.
    """
    phone = f"05451 9{next(_PHONES):05d}"
    body: dict[str, Any] = {
        "slot_id": slot,
        "children_ages": [4, 7],
        "topics": ["buergergeld", "arbeitssuchend"],
        "contact": {"name": "Mira Beispiel", "phone": phone, "email": None},
        "consent": {
            "text_version": "2026-11-01",
            "given_at": "2026-12-07T09:55:00+01:00",
            "channel": "chat",
        },
    }
    body.update(overrides)
    return body


def details_payload(**overrides: Any) -> dict[str, Any]:
    """Return a valid body for POST /holds/{id}/confirm (booking body without slot_id)."""
    body = booking_payload("unused", **overrides)
    del body["slot_id"]
    return body
