"""HTTP endpoints: families ask for a callback; staff of either agency list and close them."""

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from appointments.callbacks import service
from appointments.callbacks.schemas import (
    CallbackCreate,
    CallbackCreated,
    CallbackStaffList,
    CallbackStaffView,
)
from appointments.deps import CurrentStaff, NowDep, SessionDep

logger = logging.getLogger(__name__)

router = APIRouter(tags=["Rückrufbitten"])

CallbackStatusFilter = Annotated[
    Literal["open", "done"] | None, Query(description="offen oder erledigt; leer = alle")
]


@router.post(
    "/callbacks",
    response_model=CallbackCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Rückruf erbitten",
)
def post_callback(data: CallbackCreate, session: SessionDep, now: NowDep) -> CallbackCreated:
    """Store a callback request for the joint team; returns its reference."""
    callback = service.create_callback(session, data, now)
    return CallbackCreated(reference=callback.reference, created_at=callback.created_at)


# Callbacks go to the joint team, so every staff account of either agency may see them.
@router.get(
    "/staff/callbacks",
    response_model=CallbackStaffList,
    summary="Rückrufbitten",
    tags=["Mitarbeitende"],
)
def get_staff_callbacks(
    account: CurrentStaff, session: SessionDep, status: CallbackStatusFilter = None
) -> CallbackStaffList:
    """List callback requests, oldest first (HTTP Basic auth)."""
    callbacks = service.list_callbacks(session, status)
    logger.info("staff.callbacks.listed account_id=%s count=%s", account.id, len(callbacks))
    return CallbackStaffList(callbacks=[CallbackStaffView.of(c) for c in callbacks])


@router.post(
    "/staff/callbacks/{reference}/done",
    response_model=CallbackStaffView,
    summary="Rückrufbitte erledigt",
    tags=["Mitarbeitende"],
)
def post_staff_callback_done(
    reference: str, account: CurrentStaff, session: SessionDep, now: NowDep
) -> CallbackStaffView:
    """Mark a callback request as done (records who and when)."""
    return CallbackStaffView.of(service.mark_done(session, reference, account, now))
