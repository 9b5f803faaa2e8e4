"""Periodic jobs of the worker: reminders, staff agendas and retention purges.

Logged as counts, never personal data.

The schedules are in UTC. `python -m appointments.cli purge` and `make purge-conversations`
stay as manual triggers of the same work.
"""

import logging
import os
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from huey import Huey, crontab
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.retention import purge
from appointments.callbacks.service import purge_callbacks
from appointments.config import Settings
from appointments.notify.mailer import purge_mail_files
from appointments.outbox.models import OutboxMessage
from appointments.outbox.service import deliver_one
from appointments.reminders.service import plan_agendas, plan_reminders
from appointments.waitlist.service import expire as expire_waitlist
from appointments.waitlist.service import offer_free_slots

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
BOT_PYTHON = ROOT / ".venv-bot" / "bin" / "python"
CONVERSATION_PURGE_TIMEOUT_SECONDS = 600


def purge_outbox(session: Session, settings: Settings, now: datetime) -> int:
    """Delete outbox rows (delivery history) older than the retention period."""
    cutoff = now - timedelta(days=settings.retention_days)
    result = session.execute(delete(OutboxMessage).where(OutboxMessage.created_at < cutoff))
    session.commit()
    count = int(result.rowcount or 0)  # type: ignore[attr-defined]
    logger.info("retention.outbox_purged count=%s", count)
    return count


def purge_records(
    session_factory: sessionmaker[Session], settings: Settings, now: datetime
) -> dict[str, int]:
    """Run every purge of the appointments database and the mail files; return counts."""
    with session_factory() as session:
        counts = {
            "bookings": purge(session, settings, now),
            "callbacks": purge_callbacks(session, settings, now),
            "outbox": purge_outbox(session, settings, now),
            # Also every five minutes with the offers; here so the daily line counts it.
            "waitlist": expire_waitlist(session, now),
        }
    counts["mail_files"] = purge_mail_files(settings.mail_dir)
    return counts


def purge_conversations(python: Path = BOT_PYTHON) -> int | None:
    """Run the chat side's conversation purge (bot environment); return its exit code."""
    if not python.exists():
        logger.warning("retention.conversations_skipped reason=no_bot_environment")
        return None
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        done = subprocess.run(
            [str(python), "-m", "bot.privacy.purge"],
            cwd=ROOT, env=env, capture_output=True, timeout=CONVERSATION_PURGE_TIMEOUT_SECONDS,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        logger.error("retention.conversations_failed reason=timeout")
        return None
    # Its output is a count; the conversations themselves are never printed.
    level = logging.INFO if done.returncode == 0 else logging.ERROR
    logger.log(level, "retention.conversations_purged exit_code=%s", done.returncode)
    return done.returncode


def register_schedules(
    huey: Huey,
    settings: Settings,
    factory: Callable[[], sessionmaker[Session]],
    clock: Callable[[], datetime],
) -> dict[str, Any]:
    """Register the periodic purges on the worker's Huey instance; return them by name."""

    @huey.periodic_task(crontab(minute="7"))
    def purge_conversations_hourly() -> None:
        """Conversations are kept for hours, not days: purge them every hour."""
        purge_conversations()

    @huey.periodic_task(crontab(minute="23", hour="2"))
    def purge_records_daily() -> None:
        """Bookings, callbacks, outbox history and development mail files, once a day."""
        counts = purge_records(factory(), settings, clock())
        logger.info("retention.daily %s", " ".join(f"{k}={v}" for k, v in sorted(counts.items())))

    @huey.periodic_task(crontab(minute="*/5"))
    def plan_reminders_and_agendas() -> None:
        """Reminders to families and the opted-in staff agendas, sent at once."""
        session_factory = factory()
        now = clock()
        with session_factory() as session:
            rows = plan_reminders(session, settings, now) + plan_agendas(session, settings, now)
            ids = [row.id for row in rows]
        for outbox_id in ids:
            deliver_one(session_factory, settings, outbox_id, clock)

    @huey.periodic_task(crontab(minute="*/5"))
    def offer_waitlist_slots() -> None:
        """Offer free joint slots (freed or new) to fitting waiting families."""
        session_factory = factory()
        with session_factory() as session:
            ids = [row.id for row in offer_free_slots(session, settings, clock())]
        for outbox_id in ids:
            deliver_one(session_factory, settings, outbox_id, clock)

    return {
        "offer_waitlist_slots": offer_waitlist_slots,
        "plan_reminders_and_agendas": plan_reminders_and_agendas,
        "purge_conversations_hourly": purge_conversations_hourly,
        "purge_records_daily": purge_records_daily,
    }


__all__ = ["purge_conversations", "purge_outbox", "purge_records", "register_schedules"]
