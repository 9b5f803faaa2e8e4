"""Locations: address, step-free access (NULL = unknown) and kind (in_person/phone/video).

Revision ID: 2026_11_25_location_kinds
Revises: 2026_11_25_booking_details
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_25_location_kinds"
down_revision: str | None = "2026_11_25_booking_details"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KIND_CHECK = "kind IN ('in_person', 'phone', 'video')"


def upgrade() -> None:
    """Add the columns; existing locations are in-person places with unknown details."""
    with op.batch_alter_table("locations") as batch:
        batch.add_column(sa.Column("address", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("step_free", sa.Boolean(), nullable=True))
        batch.add_column(
            sa.Column("kind", sa.String(length=20), server_default="in_person", nullable=False)
        )
        batch.create_check_constraint(op.f("ck_locations_kind_known"), KIND_CHECK)


def downgrade() -> None:
    """Drop the columns (phone/video locations stay as plain rows)."""
    with op.batch_alter_table("locations") as batch:
        batch.drop_constraint(op.f("ck_locations_kind_known"), type_="check")
        batch.drop_column("kind")
        batch.drop_column("step_free")
        batch.drop_column("address")
