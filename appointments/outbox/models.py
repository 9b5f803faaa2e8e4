"""The outbox table: the source of truth for every mail, whatever the task queue holds."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from appointments.bookings.models import Booking
from appointments.db import Base, UTCDateTime

STATUS_PENDING = "pending"
STATUS_SENDING = "sending"
STATUS_RETRYING = "retrying"
STATUS_SENT = "sent"
STATUS_FAILED = "failed"
STATUSES = (STATUS_PENDING, STATUS_SENDING, STATUS_RETRYING, STATUS_SENT, STATUS_FAILED)
STATUS_CHECK = "status IN ('pending', 'sending', 'retrying', 'sent', 'failed')"

# Who a mail goes to: staff see the role, never the address.
ROLE_FAMILY = "family"
ROLE_JUGENDAMT = "jugendamt"
ROLE_JOBCENTER = "jobcenter"


class OutboxMessage(Base):
    """One e-mail to deliver; the rendered message is erased once it is sent."""

    __tablename__ = "outbox_messages"
    __table_args__ = (CheckConstraint(STATUS_CHECK, name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Set null when a booking row goes: the delivery history outlives nothing it names.
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bookings.id", ondelete="SET NULL"), index=True
    )
    event: Mapped[str] = mapped_column(String(30))
    recipient_role: Mapped[str] = mapped_column(String(20))
    # The Message-ID header: the same on every attempt, so a receiving server or mail
    # program can drop the copy a worker killed between "250 OK" and its commit may send.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    # RFC 5322 bytes (address, name and manage link: personal data), None once sent.
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), default=STATUS_PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Claim of one worker: its random token and until when it owns the row.
    claim_token: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The exception class only: an SMTP reply can quote the recipient's address.
    last_error: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    booking: Mapped[Booking | None] = relationship(Booking)
