"""Waitlist entries (with their own consent) and the slot offers made to them."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from appointments.db import Base, UTCDateTime

ENTRY_WAITING = "waiting"
ENTRY_OFFERED = "offered"
ENTRY_BOOKED = "booked"
ENTRY_EXPIRED = "expired"
OFFER_OPEN = "open"
OFFER_ACCEPTED = "accepted"
OFFER_TAKEN = "taken"
OFFER_EXPIRED = "expired"


class WaitlistEntry(Base):
    """A family waiting for a joint slot that fits its wishes."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (
        CheckConstraint(
            "status IN ('waiting', 'offered', 'booked', 'expired')", name="status_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=ENTRY_WAITING, index=True)
    contact_name: Mapped[str] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    # Offers go by e-mail, so an address is required to wait.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    children_ages: Mapped[list[int]] = mapped_column(JSON)
    topics: Mapped[list[str]] = mapped_column(JSON)
    # 0 = Monday … 4 = Friday; empty: any day.
    preferred_weekdays: Mapped[list[int]] = mapped_column(JSON)
    # "morning" (before 12:00) and/or "afternoon"; empty: any time.
    preferred_times: Mapped[list[str]] = mapped_column(JSON)
    language: Mapped[str | None] = mapped_column(String(50))
    # The language the family chatted in: its offer mails and its booking use it.
    conversation_language: Mapped[str] = mapped_column(String(8), default="de", server_default="de")
    # The language of the consent text shown; the booking made from an offer keeps it.
    consent_text_language: Mapped[str] = mapped_column(String(8), default="de")
    consent_text_version: Mapped[str] = mapped_column(String(50))
    consent_given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id", ondelete="SET NULL"))
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WaitlistOffer(Base):
    """One slot offered to one waiting family; the first to accept gets it."""

    __tablename__ = "waitlist_offers"
    __table_args__ = (
        UniqueConstraint("entry_id", "slot_id"),
        CheckConstraint("status IN ('open', 'accepted', 'taken', 'expired')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("waitlist_entries.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[str] = mapped_column(String(64), index=True)
    slot_start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=OFFER_OPEN, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The hold that keeps the slot for the offered families until the offers end
    # (appointments/bookings/holds.py); the first acceptance turns it into the booking.
    hold_id: Mapped[str | None] = mapped_column(String(64))

    entry: Mapped[WaitlistEntry] = relationship(WaitlistEntry)
