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
from appointments.deps import CurrentStaff, NowDep, ServiceCall, SessionDep, SettingsDep
from appointments.rate_limits import CallbacksLimit

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
def post_callback(
    _service: ServiceCall,
    _limit: CallbacksLimit,
    data: CallbackCreate,
    session: SessionDep,
    now: NowDep,
) -> CallbackCreated:
    """Store a callback request for the joint team; returns its reference."""
    callback = service.create_callback(session, data, now)
    return CallbackCreated(reference=callback.reference, created_at=callback.created_at)


# Callbacks go only to the team the consent names (the Familienbüro), see service.
@router.get(
    "/staff/callbacks",
    response_model=CallbackStaffList,
    summary="Rückrufbitten",
    tags=["Mitarbeitende"],
)
def get_staff_callbacks(
    account: CurrentStaff,
    session: SessionDep,
    settings: SettingsDep,
    status: CallbackStatusFilter = None,
) -> CallbackStaffList:
    """List callback requests, oldest first (HTTP Basic auth; Familienbüro only)."""
    if not service.may_handle_callbacks(session, settings, account):
        raise service.CallbacksForbiddenError()
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
    reference: str, account: CurrentStaff, session: SessionDep, settings: SettingsDep, now: NowDep
) -> CallbackStaffView:
    """Mark a callback request as done (records who and when; Familienbüro only)."""
    if not service.may_handle_callbacks(session, settings, account):
        raise service.CallbacksForbiddenError()
    return CallbackStaffView.of(service.mark_done(session, reference, account, now))
