"""Model for the place where joint consultations happen."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from appointments.db import Base


class Location(Base):
    """A consultation place; the first one (lowest id) is used for joint slots."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(300))
