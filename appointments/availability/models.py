"""Model for the place where joint consultations happen."""

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from appointments.db import Base

KIND_IN_PERSON = "in_person"
KIND_PHONE = "phone"
KIND_VIDEO = "video"
KINDS = (KIND_IN_PERSON, KIND_PHONE, KIND_VIDEO)
KIND_CHECK = "kind IN ('in_person', 'phone', 'video')"


class Location(Base):
    """A consultation place; per kind the first one (lowest id) is used for joint slots."""

    __tablename__ = "locations"
    __table_args__ = (CheckConstraint(KIND_CHECK, name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # Street address; NULL while not confirmed (never guessed).
    address: Mapped[str | None] = mapped_column(String(300))
    # Step-free access: True/False, NULL = unknown.
    step_free: Mapped[bool | None] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(
        String(20), default=KIND_IN_PERSON, server_default=KIND_IN_PERSON
    )


class ClosedDay(Base):
    """A local day without consultations, kept by admins (on top of the NRW public holidays)."""

    __tablename__ = "closed_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
