"""Staff workspace: sign-in sessions, sign-in throttling, staff confirmations, closed days.

Revision ID: 2026_11_25_workspace
Revises: 2026_11_25_family_checks_callbacks
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_25_workspace"
down_revision: str | None = "2026_11_25_family_checks_callbacks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Stored as UTC; the model's UTCDateTime type adds the SQLite round trip on top of this.
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the four workspace tables."""
    op.create_table(
        "workspace_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("last_seen_at", UTC_DATETIME, nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["staff_accounts.id"],
            name=op.f("fk_workspace_sessions_account_id_staff_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_workspace_sessions")),
    )
    op.create_index(
        op.f("ix_workspace_sessions_account_id"), "workspace_sessions", ["account_id"]
    )
    op.create_index(
        op.f("ix_workspace_sessions_expires_at"), "workspace_sessions", ["expires_at"]
    )
    op.create_table(
        "workspace_login_throttle",
        sa.Column("username_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failure_at", UTC_DATETIME, nullable=False),
        sa.Column("locked_until", UTC_DATETIME, nullable=True),
        sa.PrimaryKeyConstraint("username_hash", name=op.f("pk_workspace_login_throttle")),
    )
    op.create_table(
        "workspace_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_workspace_confirmations_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_workspace_confirmations_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace_confirmations")),
        sa.UniqueConstraint(
            "booking_id", "staff_id", name=op.f("uq_workspace_confirmations_booking_id_staff_id")
        ),
    )
    op.create_index(
        op.f("ix_workspace_confirmations_booking_id"), "workspace_confirmations", ["booking_id"]
    )
    op.create_table(
        "closed_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_closed_days")),
    )


def downgrade() -> None:
    """Drop the workspace tables (everyone is signed out)."""
    op.drop_table("closed_days")
    op.drop_index(
        op.f("ix_workspace_confirmations_booking_id"), table_name="workspace_confirmations"
    )
    op.drop_table("workspace_confirmations")
    op.drop_table("workspace_login_throttle")
    op.drop_index(op.f("ix_workspace_sessions_expires_at"), table_name="workspace_sessions")
    op.drop_index(op.f("ix_workspace_sessions_account_id"), table_name="workspace_sessions")
    op.drop_table("workspace_sessions")
