"""The family's conversation language and the language of the consent text shown.

Revision ID: 2026_12_06_conversation_language
Revises: 2026_12_06_possible_duplicate
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_conversation_language"
down_revision: str | None = "2026_12_06_review_inbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add bookings.conversation_language and bookings.consent_text_language (default de)."""
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(
            sa.Column(
                "conversation_language", sa.String(length=8), nullable=False, server_default="de"
            )
        )
        batch.add_column(
            sa.Column(
                "consent_text_language", sa.String(length=8), nullable=False, server_default="de"
            )
        )


def downgrade() -> None:
    """Drop both columns."""
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("consent_text_language")
        batch.drop_column("conversation_language")
