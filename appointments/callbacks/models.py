"""Model of a callback request (personal data erased by `cli purge`)."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from appointments.db import Base, UTCDateTime
from appointments.staff.models import StaffAccount

STATUS_OPEN = "open"
STATUS_DONE = "done"
STATUS_CHECK = "status IN ('open', 'done')"


class CallbackRequest(Base):
    """A family's wish to be called back by the joint team of Jugendamt and Jobcenter."""

    __tablename__ = "callback_requests"
    __table_args__ = (CheckConstraint(STATUS_CHECK, name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=STATUS_OPEN, index=True)
    contact_name: Mapped[str] = mapped_column(String(100))
    # NULL once erased.
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    preferred_time: Mapped[str | None] = mapped_column(String(200))
    children_ages: Mapped[list[int]] = mapped_column(JSON)
    topics: Mapped[list[str]] = mapped_column(JSON)
    consent_text_version: Mapped[str] = mapped_column(String(50))
    consent_given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consent_text_language: Mapped[str] = mapped_column(String(8), default="de", server_default="de")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL")
    )
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    done_by_account: Mapped[StaffAccount | None] = relationship()
