"""Models for agencies, staff members, weekly availability, staff accounts and confirmations."""

from datetime import datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    SmallInteger,
    String,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from appointments.db import Base, UTCDateTime

JUGENDAMT = "jugendamt"
JOBCENTER = "jobcenter"


class Agency(Base):
    """An agency taking part in joint consultations (code `jugendamt` or `jobcenter`)."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(300))

    staff: Mapped[list["StaffMember"]] = relationship(back_populates="agency")


class StaffMember(Base):
    """A staff member who can take part in a joint consultation."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Natural key from the seed file, so seeding is idempotent.
    key: Mapped[str] = mapped_column(String(100), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Where booking notifications go; None = the person gets no e-mail.
    email: Mapped[str | None] = mapped_column(String(254))
    # SHA-256 of the secret token in the personal ICS feed URL.
    feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    agency: Mapped[Agency] = relationship(back_populates="staff")
    windows: Mapped[list["AvailabilityWindow"]] = relationship(
        back_populates="staff", cascade="all, delete-orphan", order_by="AvailabilityWindow.id"
    )
    absences: Mapped[list["Absence"]] = relationship(
        back_populates="staff", cascade="all, delete-orphan", order_by="Absence.start_utc"
    )


class AvailabilityWindow(Base):
    """A weekly recurring window in local time (weekday 0 = Monday) in which a person consults."""

    __tablename__ = "availability_windows"
    __table_args__ = (
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_range"),
        CheckConstraint("start_time < end_time", name="start_before_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)

    staff: Mapped[StaffMember] = relationship(back_populates="windows")


class Absence(Base):
    """A period in which a staff member is away (holiday, illness); it removes their slots."""

    __tablename__ = "absences"
    __table_args__ = (CheckConstraint("start_utc < end_utc", name="start_before_end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    end_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(200))

    staff: Mapped[StaffMember] = relationship(back_populates="absences")


ROLE_STAFF = "staff"
ROLE_ADMIN = "admin"
# Maintainers of the assistant: only the review inbox, never bookings (appointments/review).
ROLE_MAINTAINER = "maintainer"


class StaffAccount(Base):
    """A login for the staff endpoint; only an scrypt hash of the password is stored."""

    __tablename__ = "staff_accounts"
    __table_args__ = (
        CheckConstraint("role IN ('staff', 'admin', 'maintainer')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    role: Mapped[str] = mapped_column(String(20), default=ROLE_STAFF)

    @property
    def is_admin(self) -> bool:
        """Tell whether the account may see and change everything."""
        return self.role == ROLE_ADMIN


class StaffConfirmation(Base):
    """A staff member has confirmed that they will take part in a joint consultation."""

    __tablename__ = "workspace_confirmations"
    __table_args__ = (UniqueConstraint("booking_id", "staff_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime)
