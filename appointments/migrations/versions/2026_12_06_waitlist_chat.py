"""Waitlist from the chat: the consent text's language, and the hold behind each offer.

Revision ID: 2026_12_06_waitlist_chat
Revises: 2026_12_06_waitlist_language
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_waitlist_chat"
down_revision: str | None = "2026_12_06_waitlist_language"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the entry's consent text language and the offer's hold id."""
    with op.batch_alter_table("waitlist_entries") as batch:
        batch.add_column(
            sa.Column(
                "consent_text_language", sa.String(length=8), nullable=False, server_default="de"
            )
        )
    with op.batch_alter_table("waitlist_offers") as batch:
        batch.add_column(sa.Column("hold_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Drop both columns."""
    with op.batch_alter_table("waitlist_offers") as batch:
        batch.drop_column("hold_id")
    with op.batch_alter_table("waitlist_entries") as batch:
        batch.drop_column("consent_text_language")
