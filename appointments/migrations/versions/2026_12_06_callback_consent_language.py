"""Callback requests record the language the family read the consent in.

Revision ID: 2026_12_06_callback_consent_language
Revises: 2026_12_06_waitlist_chat
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_callback_consent_language"
down_revision: str | None = "2026_12_06_waitlist_chat"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add callback_requests.consent_text_language (existing rows: German, as shown then)."""
    with op.batch_alter_table("callback_requests") as batch:
        batch.add_column(
            sa.Column(
                "consent_text_language", sa.String(length=8), nullable=False, server_default="de"
            )
        )


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("callback_requests") as batch:
        batch.drop_column("consent_text_language")
