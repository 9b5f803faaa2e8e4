"""Reminders per booking version and the staff's daily agenda opt-in.

Revision ID: 2026_12_06_reminders
Revises: 2026_12_06_outbox
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_reminders"
down_revision: str | None = "2026_12_06_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Stored as UTC; the model's UTCDateTime type adds the SQLite round trip on top of this.
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create booking_reminders and staff_agenda_subscriptions."""
    op.create_table(
        "booking_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_reminders_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_reminders")),
        sa.UniqueConstraint(
            "booking_id", "kind", "sequence", name=op.f("uq_booking_reminders_booking_id_kind_sequence")
        ),
    )
    op.create_index(
        op.f("ix_booking_reminders_booking_id"), "booking_reminders", ["booking_id"], unique=False
    )
    op.create_table(
        "staff_agenda_subscriptions",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("last_sent_day", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_agenda_subscriptions_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_agenda_subscriptions")),
    )


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("staff_agenda_subscriptions")
    op.drop_table("booking_reminders")
