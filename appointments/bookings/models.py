"""Models for bookings and staff occupancy (the database-level double-booking guard)."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from appointments.db import Base, UTCDateTime
from appointments.staff.models import StaffMember

STATUS_CONFIRMED = "confirmed"
STATUS_CANCELLED = "cancelled"


class Booking(Base):
    """A confirmed joint consultation with contact data and the family's consent record."""

    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("status IN ('confirmed', 'cancelled')", name="status_known"),
        CheckConstraint("start_utc < end_utc", name="start_before_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=STATUS_CONFIRMED)
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    jugendamt_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    jobcenter_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    # A snapshot: the booked place must not change if the configuration changes later.
    location: Mapped[str] = mapped_column(String(300))
    children_ages: Mapped[list[int]] = mapped_column(JSON)
    topics: Mapped[list[str]] = mapped_column(JSON)
    contact_name: Mapped[str] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    consent_text_version: Mapped[str] = mapped_column(String(50))
    consent_given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consent_channel: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    jugendamt_staff: Mapped[StaffMember] = relationship(foreign_keys=[jugendamt_staff_id])
    jobcenter_staff: Mapped[StaffMember] = relationship(foreign_keys=[jobcenter_staff_id])
    occupancies: Mapped[list["Occupancy"]] = relationship(
        back_populates="booking", cascade="all, delete-orphan"
    )


class Occupancy(Base):
    """One row per staff member and slot start; UNIQUE(staff_id, start_utc) forbids overlaps."""

    __tablename__ = "occupancies"
    __table_args__ = (UniqueConstraint("staff_id", "start_utc"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )

    booking: Mapped[Booking] = relationship(back_populates="occupancies")
