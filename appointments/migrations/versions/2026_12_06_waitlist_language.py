"""Store the language a waiting family chatted in, for its offer mails and its booking.

Revision ID: 2026_12_06_waitlist_language
Revises: 2026_12_06_conversation_language
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_waitlist_language"
down_revision: str | None = "2026_12_06_conversation_language"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add waitlist_entries.conversation_language (default de, as for bookings)."""
    with op.batch_alter_table("waitlist_entries") as batch:
        batch.add_column(
            sa.Column(
                "conversation_language", sa.String(length=8), nullable=False, server_default="de"
            )
        )


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("waitlist_entries") as batch:
        batch.drop_column("conversation_language")
