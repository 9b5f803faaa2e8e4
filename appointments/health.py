"""Liveness/readiness endpoint that also checks the database."""

import logging

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from appointments.deps import SessionDep
from appointments.errors import AppointmentsError

logger = logging.getLogger(__name__)

router = APIRouter(tags=["Betrieb"])


@router.get("/healthz", summary="Betriebsbereitschaft")
def healthz(session: SessionDep) -> dict[str, str]:
    """Return ok if the database answers `SELECT 1`, else 503."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        logger.error("health.database_unavailable error_type=%s", type(exc).__name__)
        raise AppointmentsError(
            "Der Termindienst ist gerade nicht erreichbar. Bitte versuchen Sie es später "
            "noch einmal.",
            503,
            "database_unavailable",
        ) from None
    return {"status": "ok"}
