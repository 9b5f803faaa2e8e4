"""Tables of the staff workspace: sign-in sessions, sign-in throttling, staff confirmations."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from appointments.db import Base, UTCDateTime


class WorkspaceSession(Base):
    """A signed-in browser; deleting the row signs it out (server-side logout)."""

    __tablename__ = "workspace_sessions"

    # SHA-256 of the cookie value: a database leak does not yield usable cookies.
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class LoginThrottle(Base):
    """Failed sign-ins per user name (hashed); unknown names are counted the same way."""

    __tablename__ = "workspace_login_throttle"

    # Keyed by name, not by account, so a lock does not reveal whether a name exists.
    username_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


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
