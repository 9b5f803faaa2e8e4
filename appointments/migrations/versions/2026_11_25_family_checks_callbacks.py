"""Check-based family access (failed-check counter, lock) and callback requests.

Revision ID: 2026_11_25_family_checks_callbacks
Revises: 2026_11_25_location_kinds
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_25_family_checks_callbacks"
down_revision: str | None = "2026_11_25_location_kinds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Stored as UTC; the model's UTCDateTime type adds the SQLite round trip on top of this.
UTC_DATETIME = sa.DateTime(timezone=True)
CALLBACK_STATUS_CHECK = "status IN ('open', 'done')"


def _widen_version_column() -> None:
    # This revision id has 34 characters; Alembic creates alembic_version.version_num as
    # VARCHAR(32), so PostgreSQL would refuse to record it. SQLite ignores lengths. Never
    # narrowed again: later ids may be long too and a wider column does no harm.
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "alembic_version",
            "version_num",
            type_=sa.String(length=128),
            existing_type=sa.String(length=32),
            existing_nullable=False,
        )


def upgrade() -> None:
    """Add the brute-force counter to bookings and create the callback request table."""
    _widen_version_column()
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(
            sa.Column("check_failures", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("check_locked_until", UTC_DATETIME, nullable=True))
    op.create_table(
        "callback_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("preferred_time", sa.String(length=200), nullable=True),
        sa.Column("children_ages", sa.JSON(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("consent_text_version", sa.String(length=50), nullable=False),
        sa.Column("consent_given_at", UTC_DATETIME, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("done_at", UTC_DATETIME, nullable=True),
        sa.Column("done_by", sa.Integer(), nullable=True),
        sa.Column("anonymised_at", UTC_DATETIME, nullable=True),
        sa.CheckConstraint(CALLBACK_STATUS_CHECK, name=op.f("ck_callback_requests_status_known")),
        sa.ForeignKeyConstraint(
            ["done_by"],
            ["staff_accounts.id"],
            name=op.f("fk_callback_requests_done_by_staff_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_requests")),
        sa.UniqueConstraint("reference", name=op.f("uq_callback_requests_reference")),
    )
    op.create_index(op.f("ix_callback_requests_created_at"), "callback_requests", ["created_at"])
    op.create_index(op.f("ix_callback_requests_status"), "callback_requests", ["status"])


def downgrade() -> None:
    """Drop the callback requests and the check columns."""
    op.drop_index(op.f("ix_callback_requests_status"), table_name="callback_requests")
    op.drop_index(op.f("ix_callback_requests_created_at"), table_name="callback_requests")
    op.drop_table("callback_requests")
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("check_locked_until")
        batch.drop_column("check_failures")
