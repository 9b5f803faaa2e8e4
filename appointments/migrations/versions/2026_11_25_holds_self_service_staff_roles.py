"""Holds, idempotency keys, absences, manage tokens, staff roles/e-mail, status history.

Revision ID: 2026_11_25_holds_self_service
Revises: 2026_11_25_create_schema
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_25_holds_self_service"
down_revision: str | None = "2026_11_25_create_schema"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
OLD_STATUS_CHECK = "status IN ('confirmed', 'cancelled')"
NEW_STATUS_CHECK = "status IN ('confirmed', 'cancelled', 'attended', 'no_show')"


def upgrade() -> None:
    """Add the new tables and columns (batch mode keeps SQLite working)."""
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("feed_token_hash", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(op.f("uq_staff_feed_token_hash"), ["feed_token_hash"])
    with op.batch_alter_table("staff_accounts") as batch:
        batch.add_column(
            sa.Column("role", sa.String(length=20), nullable=False, server_default="staff")
        )
        batch.create_check_constraint(
            op.f("ck_staff_accounts_role_known"), "role IN ('staff', 'admin')"
        )
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("start_utc", UTC_DATETIME, nullable=False),
        sa.Column("end_utc", UTC_DATETIME, nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.CheckConstraint("start_utc < end_utc", name=op.f("ck_absences_start_before_end")),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_absences_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absences")),
    )
    op.create_index(op.f("ix_absences_staff_id"), "absences", ["staff_id"])
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("manage_token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("status_reason", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("status_changed_at", UTC_DATETIME, nullable=True))
        batch.add_column(sa.Column("status_changed_by", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("sequence", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("anonymised_at", UTC_DATETIME, nullable=True))
        batch.create_foreign_key(
            op.f("fk_bookings_status_changed_by_staff_accounts"),
            "staff_accounts",
            ["status_changed_by"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.drop_constraint(op.f("ck_bookings_status_known"), type_="check")
        batch.create_check_constraint(op.f("ck_bookings_status_known"), NEW_STATUS_CHECK)
    op.create_table(
        "holds",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("slot_id", sa.String(length=64), nullable=False),
        sa.Column("start_utc", UTC_DATETIME, nullable=False),
        sa.Column("end_utc", UTC_DATETIME, nullable=False),
        sa.Column("jugendamt_staff_id", sa.Integer(), nullable=False),
        sa.Column("jobcenter_staff_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_holds_booking_id_bookings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["jobcenter_staff_id"], ["staff.id"], name=op.f("fk_holds_jobcenter_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["jugendamt_staff_id"], ["staff.id"], name=op.f("fk_holds_jugendamt_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holds")),
    )
    op.create_index(op.f("ix_holds_expires_at"), "holds", ["expires_at"])
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_idempotency_keys_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint(
            "scope", "key_hash", name=op.f("uq_idempotency_keys_scope_key_hash")
        ),
    )
    op.create_index(op.f("ix_idempotency_keys_created_at"), "idempotency_keys", ["created_at"])
    with op.batch_alter_table("occupancies") as batch:
        batch.alter_column("booking_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("hold_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("expires_at", UTC_DATETIME, nullable=True))
        batch.create_foreign_key(
            op.f("fk_occupancies_hold_id_holds"), "holds", ["hold_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index(op.f("ix_occupancies_hold_id"), ["hold_id"])
        batch.create_check_constraint(
            op.f("ck_occupancies_one_owner"), "(booking_id IS NULL) <> (hold_id IS NULL)"
        )


def downgrade() -> None:
    """Remove holds and the new columns (hold occupancies are dropped with their holds)."""
    op.execute("DELETE FROM occupancies WHERE hold_id IS NOT NULL")
    with op.batch_alter_table("occupancies") as batch:
        batch.drop_constraint(op.f("ck_occupancies_one_owner"), type_="check")
        batch.drop_index(op.f("ix_occupancies_hold_id"))
        batch.drop_constraint(op.f("fk_occupancies_hold_id_holds"), type_="foreignkey")
        batch.drop_column("expires_at")
        batch.drop_column("hold_id")
        batch.alter_column("booking_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("idempotency_keys")
    op.drop_table("holds")
    op.execute("UPDATE bookings SET status = 'cancelled' WHERE status IN ('attended', 'no_show')")
    with op.batch_alter_table("bookings") as batch:
        batch.drop_constraint(op.f("ck_bookings_status_known"), type_="check")
        batch.create_check_constraint(op.f("ck_bookings_status_known"), OLD_STATUS_CHECK)
        batch.drop_constraint(
            op.f("fk_bookings_status_changed_by_staff_accounts"), type_="foreignkey"
        )
        for column in (
            "anonymised_at",
            "sequence",
            "status_changed_by",
            "status_changed_at",
            "status_reason",
            "manage_token_hash",
        ):
            batch.drop_column(column)
    op.drop_table("absences")
    with op.batch_alter_table("staff_accounts") as batch:
        batch.drop_constraint(op.f("ck_staff_accounts_role_known"), type_="check")
        batch.drop_column("role")
    with op.batch_alter_table("staff") as batch:
        batch.drop_constraint(op.f("uq_staff_feed_token_hash"), type_="unique")
        batch.drop_column("feed_token_hash")
        batch.drop_column("email")
