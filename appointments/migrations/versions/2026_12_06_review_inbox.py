"""Review inbox (redacted items, rating and crisis counts) and the maintainer role.

Revision ID: 2026_12_06_review_inbox
Revises: 2026_12_06_possible_duplicate
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_review_inbox"
down_revision: str | None = "2026_12_06_waitlist"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the inbox tables; allow the role "maintainer"."""
    op.create_table(
        "review_items",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("predicted_intent", sa.String(length=64), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("answer_id", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("annotated_intent", sa.String(length=64), nullable=True),
        sa.Column("annotated_entities", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_items")),
    )
    op.create_index(op.f("ix_review_items_day"), "review_items", ["day"])
    op.create_index(op.f("ix_review_items_week"), "review_items", ["week"])
    op.create_index(op.f("ix_review_items_status"), "review_items", ["status"])
    op.create_table(
        "review_answer_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("answer_id", sa.String(length=100), nullable=False),
        sa.Column("helpful", sa.Integer(), nullable=False),
        sa.Column("unhelpful", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_answer_ratings")),
        sa.UniqueConstraint("day", "answer_id", name=op.f("uq_review_answer_ratings_day_answer_id")),
    )
    op.create_index(op.f("ix_review_answer_ratings_day"), "review_answer_ratings", ["day"])
    op.create_table(
        "review_crisis_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_crisis_counts")),
        sa.UniqueConstraint("day", "decision", name=op.f("uq_review_crisis_counts_day_decision")),
    )
    op.create_index(op.f("ix_review_crisis_counts_day"), "review_crisis_counts", ["day"])
    op.create_table(
        "review_week_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("unsure", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_week_counts")),
        sa.UniqueConstraint("week", name=op.f("uq_review_week_counts_week")),
    )
    with op.batch_alter_table("staff_accounts") as batch:
        batch.drop_constraint(op.f("ck_staff_accounts_role_known"), type_="check")
        batch.create_check_constraint(
            op.f("ck_staff_accounts_role_known"), "role IN ('staff', 'admin', 'maintainer')"
        )


def downgrade() -> None:
    """Drop the inbox; maintainer logins become plain staff logins without a person."""
    op.execute("UPDATE staff_accounts SET role = 'staff' WHERE role = 'maintainer'")
    with op.batch_alter_table("staff_accounts") as batch:
        batch.drop_constraint(op.f("ck_staff_accounts_role_known"), type_="check")
        batch.create_check_constraint(
            op.f("ck_staff_accounts_role_known"), "role IN ('staff', 'admin')"
        )
    op.drop_table("review_week_counts")
    op.drop_table("review_crisis_counts")
    op.drop_table("review_answer_ratings")
    op.drop_table("review_items")
