"""Create, list, close and erase callback requests."""

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from appointments.bookings.reference import new_reference
from appointments.callbacks.models import STATUS_DONE, STATUS_OPEN, CallbackRequest
from appointments.callbacks.schemas import CallbackCreate
from appointments.config import Settings
from appointments.errors import AppointmentsError
from appointments.staff.models import StaffAccount, StaffMember

logger = logging.getLogger(__name__)

REFERENCE_PREFIX = "RR"
ERASED_NAME = "gelöscht"
# A reference collision is astronomically rare; retry a few times rather than fail.
_REFERENCE_ATTEMPTS = 3


class CallbackNotFoundError(AppointmentsError):
    """Unknown callback reference (staff side)."""

    def __init__(self) -> None:
        super().__init__(
            "Diese Rückrufbitte gibt es nicht. Bitte prüfen Sie die Nummer.",
            404,
            "callback_not_found",
        )


def may_handle_callbacks(session: Session, settings: Settings, account: StaffAccount) -> bool:
    """Tell whether the account belongs to the team the callback consent names.

    The family agrees to give name and phone number to the Familienbüro only; its staff are
    the accounts of `APPOINTMENTS_CALLBACK_AGENCY`. Nobody else sees callbacks, not even
    admins of the other agency.
    """
    if account.staff_id is None:
        return False
    member = session.get(StaffMember, account.staff_id)
    return member is not None and member.agency.code == settings.callback_agency


class CallbacksForbiddenError(AppointmentsError):
    """The account is not part of the team the callback consent names."""

    def __init__(self) -> None:
        super().__init__(
            "Rückrufbitten sieht nur das Familienbüro, an das die Familie ihre Angaben "
            "gegeben hat.",
            403,
            "callbacks_forbidden",
        )


def create_callback(session: Session, data: CallbackCreate, now: datetime) -> CallbackRequest:
    """Store a new open callback request and return it."""
    for attempt in range(_REFERENCE_ATTEMPTS):
        callback = CallbackRequest(
            reference=new_reference(REFERENCE_PREFIX),
            status=STATUS_OPEN,
            contact_name=data.name,
            contact_phone=data.phone,
            preferred_time=data.preferred_time,
            children_ages=list(data.children_ages),
            topics=list(data.topics),
            consent_text_version=data.consent_version,
            consent_given_at=data.consent_given_at,
            consent_text_language=data.consent_language,
            created_at=now,
        )
        session.add(callback)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            if attempt + 1 == _REFERENCE_ATTEMPTS:
                raise
            continue
        logger.info("callback.created callback_id=%s", callback.id)
        return callback
    raise AssertionError("unreachable")  # pragma: no cover


def list_callbacks(session: Session, status: str | None = None) -> list[CallbackRequest]:
    """Return callback requests, oldest first (the longest-waiting family first)."""
    stmt = (
        select(CallbackRequest)
        .options(selectinload(CallbackRequest.done_by_account))
        .order_by(CallbackRequest.created_at, CallbackRequest.id)
    )
    if status is not None:
        stmt = stmt.where(CallbackRequest.status == status)
    return list(session.scalars(stmt))


def mark_done(
    session: Session, reference: str, account: StaffAccount, now: datetime
) -> CallbackRequest:
    """Close a callback request and record who closed it when; repeating changes nothing."""
    stmt = select(CallbackRequest).where(CallbackRequest.reference == reference.strip().upper())
    callback = session.scalars(stmt).first()
    if callback is None:
        raise CallbackNotFoundError()
    if callback.status != STATUS_DONE:
        callback.status = STATUS_DONE
        callback.done_at = now
        callback.done_by = account.id
        session.commit()
        logger.info("callback.done callback_id=%s account_id=%s", callback.id, account.id)
    session.refresh(callback)
    return callback


def purge_callbacks(session: Session, settings: Settings, now: datetime) -> int:
    """Erase personal data of callbacks that are done or older than retention_days.

    Once the family has been called back the data has served its purpose; an open request
    nobody handled within the retention period is erased as well. Reference, status, times,
    children's ages and the consent version stay for statistics.
    """
    cutoff = now - timedelta(days=settings.retention_days)
    stmt = select(CallbackRequest).where(
        CallbackRequest.anonymised_at.is_(None),
        or_(CallbackRequest.status == STATUS_DONE, CallbackRequest.created_at < cutoff),
    )
    callbacks = list(session.scalars(stmt))
    for callback in callbacks:
        callback.contact_name = ERASED_NAME
        callback.contact_phone = None
        callback.preferred_time = None
        callback.topics = []
        callback.anonymised_at = now
    session.commit()
    logger.info("retention.callbacks_purged count=%s", len(callbacks))
    return len(callbacks)
