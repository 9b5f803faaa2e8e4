"""Tasks and schedules of the worker; the API process builds the same set to enqueue.

Task names come from the functions here, so the API and the worker must both call
`build_jobs`. Only the worker passes a session factory: the API never runs a task body.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from huey import Huey, crontab
from sqlalchemy.orm import Session, sessionmaker

from appointments.config import Settings
from appointments.outbox.models import STATUS_RETRYING
from appointments.outbox.service import deliver_due, deliver_one, utc_now
from appointments.worker.queue import make_huey

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Jobs:
    """The Huey instance and the task a change enqueues after its commit."""

    huey: Huey
    deliver: Callable[..., Any]
    sweep: Callable[..., Any]
    # The periodic purges by name (appointments.worker.schedules).
    schedules: dict[str, Any]


def build_jobs(
    settings: Settings,
    session_factory: sessionmaker[Session] | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> Jobs:
    """Create the Huey instance with every task and periodic job registered."""
    huey = make_huey(settings.queue_url, settings.queue_name)

    def factory() -> sessionmaker[Session]:
        if session_factory is None:
            raise RuntimeError("tasks run in the worker (python -m appointments.worker)")
        return session_factory

    @huey.task()
    def deliver_outbox(ids: list[int]) -> None:
        """Deliver the given outbox rows now; a failed one is enqueued again for its retry."""
        for outbox_id in ids:
            attempt = deliver_one(factory(), settings, outbox_id, clock)
            if attempt is not None and attempt.status == STATUS_RETRYING and attempt.retry_at:
                # The minute sweep would find it too; this keeps short back-offs short.
                deliver_outbox.schedule(args=([outbox_id],), eta=attempt.retry_at)

    @huey.periodic_task(crontab(minute="*"))
    def sweep_outbox() -> None:
        """Deliver whatever is due: missed wake-ups, retries, mails of a killed worker."""
        deliver_due(factory(), settings, clock)

    # Imported here: the schedules reach the booking services, which import the dispatcher
    # that imports this module (the API side needs only the task names).
    from appointments.worker.schedules import register_schedules

    schedules = register_schedules(huey, settings, factory, clock)
    return Jobs(huey=huey, deliver=deliver_outbox, sweep=sweep_outbox, schedules=schedules)
