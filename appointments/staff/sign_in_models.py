"""Tables of staff sign-in: server-side sessions and the throttle of failed attempts."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
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
