"""Models for bookings and staff occupancy (the database-level double-booking guard)."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from appointments.db import Base, UTCDateTime
from appointments.staff.models import StaffMember

STATUS_CONFIRMED = "confirmed"
STATUS_CANCELLED = "cancelled"
STATUS_ATTENDED = "attended"
STATUS_NO_SHOW = "no_show"
STATUSES = (STATUS_CONFIRMED, STATUS_CANCELLED, STATUS_ATTENDED, STATUS_NO_SHOW)
STATUS_CHECK = "status IN ('confirmed', 'cancelled', 'attended', 'no_show')"


class Booking(Base):
    """A confirmed joint consultation with contact data and the family's consent record."""

    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint(STATUS_CHECK, name="status_known"),
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
    # Booking details: language and note are personal data (erased by purge/forget).
    language: Mapped[str | None] = mapped_column(String(50))
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    accessibility_needed: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    note: Mapped[str | None] = mapped_column(String(500))
    consent_text_version: Mapped[str] = mapped_column(String(50))
    # ISO 639-1: the language the family chatted in (mails and family pages use it) and
    # the language of the consent text it was shown (the German text is binding).
    conversation_language: Mapped[str] = mapped_column(String(8), default="de", server_default="de")
    consent_text_language: Mapped[str] = mapped_column(String(8), default="de", server_default="de")
    consent_given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consent_channel: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # SHA-256 of the family's secret manage token; the token itself is never stored.
    manage_token_hash: Mapped[str | None] = mapped_column(String(64))
    status_reason: Mapped[str | None] = mapped_column(String(500))
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL")
    )
    # iCalendar SEQUENCE: raised on every change so calendars update the same event (UID).
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Access by reference + check (last phone digits or e-mail) is guessable, so failed
    # checks are counted per booking and lock further checks for a while.
    check_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    check_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Another upcoming booking has the same phone number or e-mail. The family is not told
    # (that would reveal someone else's booking); staff see the flag, the earlier contact
    # gets an e-mail.
    possible_duplicate: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    jugendamt_staff: Mapped[StaffMember] = relationship(foreign_keys=[jugendamt_staff_id])
    jobcenter_staff: Mapped[StaffMember] = relationship(foreign_keys=[jobcenter_staff_id])
    occupancies: Mapped[list["Occupancy"]] = relationship(
        back_populates="booking", cascade="all, delete-orphan"
    )


class Occupancy(Base):
    """One row per staff member and slot start; UNIQUE(staff_id, start_utc) forbids overlaps.

    A row belongs either to a booking or to a hold; hold rows carry `expires_at` and are
    deleted by the next writer once expired, so an expired hold no longer blocks the slot.
    """

    __tablename__ = "occupancies"
    __table_args__ = (
        UniqueConstraint("staff_id", "start_utc"),
        CheckConstraint("(booking_id IS NULL) <> (hold_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    hold_id: Mapped[str | None] = mapped_column(
        ForeignKey("holds.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    booking: Mapped[Booking | None] = relationship(back_populates="occupancies")


class Hold(Base):
    """A slot reserved for a few minutes while the family enters its details (no personal data)."""

    __tablename__ = "holds"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot_id: Mapped[str] = mapped_column(String(64))
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    end_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    jugendamt_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    jobcenter_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    location: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id", ondelete="SET NULL"))

    jugendamt_staff: Mapped[StaffMember] = relationship(foreign_keys=[jugendamt_staff_id])
    jobcenter_staff: Mapped[StaffMember] = relationship(foreign_keys=[jobcenter_staff_id])
    occupancies: Mapped[list[Occupancy]] = relationship(cascade="all, delete-orphan")


class IdempotencyRecord(Base):
    """Remembers which booking a client's Idempotency-Key produced (keys stored hashed)."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("scope", "key_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    booking: Mapped[Booking] = relationship()
