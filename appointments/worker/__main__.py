"""Run the worker: `python -m appointments.worker` (started by `make run`).

It delivers the outbox and runs the periodic jobs. On start it sends whatever became due
while no worker ran, then waits for wake-ups from the API and the minute sweep.
SIGTERM stops it after the current task (Huey's graceful shutdown); SIGKILL loses
nothing either: a claimed mail is taken over once its lease runs out.
"""

import argparse
import logging
import sys
from collections.abc import Sequence

from appointments.config import Settings
from appointments.db import make_engine, make_session_factory
from appointments.outbox.service import deliver_due
from appointments.production import UnsafeConfigurationError, ensure_safe
from appointments.worker.queue import is_memory
from appointments.worker.tasks import build_jobs

logger = logging.getLogger("appointments.worker")


def main(argv: Sequence[str] | None = None) -> int:
    """Start the Huey consumer with the outbox tasks and the schedules."""
    parser = argparse.ArgumentParser(prog="python -m appointments.worker", description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="threads delivering mail")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    # Huey logs every task run (a sweep a minute); our own lines say what happened.
    logging.getLogger("huey").setLevel(logging.WARNING)
    settings = Settings()
    if is_memory(settings.queue_url):
        print(
            "APPOINTMENTS_QUEUE_URL=memory:// hat keinen Worker (no worker for memory://).",
            file=sys.stderr,
        )
        return 2
    engine = make_engine(settings.database_url)
    try:
        ensure_safe(settings, engine)
    except UnsafeConfigurationError as refused:
        # The same one message as the API, without a traceback.
        print(refused, file=sys.stderr)
        return 3
    factory = make_session_factory(engine)
    jobs = build_jobs(settings, factory)
    counts = deliver_due(factory, settings)
    logger.info(
        "worker.started queue=%s due_sent=%s",
        settings.queue_url.split(":", 1)[0],
        counts.get("sent", 0),
    )
    # An idle SQLite queue is polled at most a second apart (Huey's default backs off to
    # ten), so a booking's mail leaves within about a second; Redis blocks instead of polling.
    consumer = jobs.huey.create_consumer(
        workers=max(1, args.workers),
        worker_type="thread",
        periodic=True,
        check_worker_health=True,
        initial_delay=0.1,
        backoff=1.15,
        max_delay=1.0,
    )
    consumer.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
