"""Waitlist entries and the slot offers made to them.

Revision ID: 2026_12_06_waitlist
Revises: 2026_12_06_reminders
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_waitlist"
down_revision: str | None = "2026_12_06_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Stored as UTC; the model's UTCDateTime type adds the SQLite round trip on top of this.
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create waitlist_entries and waitlist_offers."""
    op.create_table(
        "waitlist_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("children_ages", sa.JSON(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("preferred_weekdays", sa.JSON(), nullable=False),
        sa.Column("preferred_times", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=50), nullable=True),
        sa.Column("consent_text_version", sa.String(length=50), nullable=False),
        sa.Column("consent_given_at", UTC_DATETIME, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("anonymised_at", UTC_DATETIME, nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting', 'offered', 'booked', 'expired')",
            name=op.f("ck_waitlist_entries_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_waitlist_entries_booking_id_bookings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_entries")),
        sa.UniqueConstraint("reference", name=op.f("uq_waitlist_entries_reference")),
    )
    op.create_index(
        op.f("ix_waitlist_entries_expires_at"), "waitlist_entries", ["expires_at"], unique=False
    )
    op.create_index(
        op.f("ix_waitlist_entries_status"), "waitlist_entries", ["status"], unique=False
    )
    op.create_table(
        "waitlist_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.String(length=64), nullable=False),
        sa.Column("slot_start_utc", UTC_DATETIME, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'accepted', 'taken', 'expired')",
            name=op.f("ck_waitlist_offers_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["waitlist_entries.id"],
            name=op.f("fk_waitlist_offers_entry_id_waitlist_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_offers")),
        sa.UniqueConstraint(
            "entry_id", "slot_id", name=op.f("uq_waitlist_offers_entry_id_slot_id")
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_waitlist_offers_token_hash")),
    )
    op.create_index(
        op.f("ix_waitlist_offers_entry_id"), "waitlist_offers", ["entry_id"], unique=False
    )
    op.create_index(
        op.f("ix_waitlist_offers_slot_id"), "waitlist_offers", ["slot_id"], unique=False
    )
    op.create_index(
        op.f("ix_waitlist_offers_status"), "waitlist_offers", ["status"], unique=False
    )


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("waitlist_offers")
    op.drop_table("waitlist_entries")
