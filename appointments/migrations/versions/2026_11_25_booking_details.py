"""Booking details (language, interpreter, accessibility, note).

Revision ID: 2026_11_25_booking_details
Revises: 2026_11_25_holds_self_service
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_25_booking_details"
down_revision: str | None = "2026_11_25_holds_self_service"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the optional booking details; existing bookings get false/NULL."""
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("language", sa.String(length=50), nullable=True))
        batch.add_column(
            sa.Column(
                "interpreter_needed", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch.add_column(
            sa.Column(
                "accessibility_needed", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch.add_column(sa.Column("note", sa.String(length=500), nullable=True))


def downgrade() -> None:
    """Drop the booking details."""
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("note")
        batch.drop_column("accessibility_needed")
        batch.drop_column("interpreter_needed")
        batch.drop_column("language")
