"""Wake the worker after a commit that wrote outbox rows; never fail the caller.

The rows are already stored, so a lost wake-up only costs time: the worker's minute
sweep finds them. With `memory://` (tests) there is no worker and the rows are delivered
here, right after the commit, on the caller's database.
"""

import logging
from collections.abc import Iterable
from threading import Lock

from sqlalchemy.orm import Session, sessionmaker

from appointments.config import Settings
from appointments.outbox.models import OutboxMessage
from appointments.outbox.service import deliver_one
from appointments.worker.queue import is_memory
from appointments.worker.tasks import Jobs, build_jobs

logger = logging.getLogger(__name__)

_jobs: dict[str, Jobs] = {}
_lock = Lock()


def _jobs_for(settings: Settings) -> Jobs:
    with _lock:
        key = f"{settings.queue_name}@{settings.queue_url}"
        if key not in _jobs:
            _jobs[key] = build_jobs(settings)
        return _jobs[key]


def wake_worker(session: Session, settings: Settings, rows: Iterable[OutboxMessage]) -> None:
    """Ask the worker to deliver these (committed) rows now."""
    ids = [row.id for row in rows if row.id is not None]
    if not ids:
        return
    if is_memory(settings.queue_url):
        factory = sessionmaker(bind=session.get_bind(), expire_on_commit=False)
        for outbox_id in ids:
            deliver_one(factory, settings, outbox_id)
        return
    try:
        _jobs_for(settings).deliver(ids)
    # Whatever the queue raises (Redis down, SQLite locked): the mail waits in the outbox.
    except Exception as exc:
        logger.warning("outbox.wake_failed count=%s error_type=%s", len(ids), type(exc).__name__)
