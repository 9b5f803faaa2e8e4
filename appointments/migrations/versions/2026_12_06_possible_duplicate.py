"""Flag bookings whose phone number or e-mail already has an upcoming booking.

Revision ID: 2026_12_06_possible_duplicate
Revises: 2026_11_25_workspace
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_06_possible_duplicate"
down_revision: str | None = "2026_11_25_workspace"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add bookings.possible_duplicate (the API no longer refuses a second booking)."""
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(
            sa.Column("possible_duplicate", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    """Drop the flag."""
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("possible_duplicate")
