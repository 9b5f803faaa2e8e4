"""Which reminder went out for which version of a booking, and staff agenda opt-ins."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from appointments.db import Base, UTCDateTime


class BookingReminder(Base):
    """One reminder planned for one version (`sequence`) of a booking.

    A moved booking has a new sequence, so its reminders are planned afresh; a cancelled
    one gets none. The token hash lets the reminder's own manage link work (the booking's
    first token is stored only as a hash and cannot be put into a later mail).
    """

    __tablename__ = "booking_reminders"
    __table_args__ = (UniqueConstraint("booking_id", "kind", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(Integer)
    token_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffAgendaSubscription(Base):
    """A staff member who wants the daily agenda mail (opt-in, off by default)."""

    __tablename__ = "staff_agenda_subscriptions"

    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The local day of the last agenda sent, so a restarted worker sends none twice.
    last_sent_day: Mapped[str | None] = mapped_column(String(10))
