"""A SQL tracker store that never writes contact data in readable form."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot import hot_paths
from bot.privacy.redaction import CONTACT_SLOTS, load_key, redact, restore

logger = logging.getLogger(__name__)

# Every `rasa run` with our endpoints imports this module, so the adapters for Rasa's hot
# paths are active there (and not in `rasa train`).
hot_paths.install()

# What the store knows about a tracker it has read or written in this turn: how many
# events of the current session are stored, the question asked last, and the contact
# values given so far. It saves a COUNT query and a walk over the whole session on save.
_STATE = "_familienlotse_stored"


def _scan(
    events: Iterable[Event], requested: str | None, secrets: frozenset[str]
) -> tuple[str | None, frozenset[str]]:
    """The question asked last and the contact values given, after `events`."""
    found = set(secrets)
    for event in events:
        key = getattr(event, "key", None)
        if key == "requested_slot":
            requested = event.value  # type: ignore[attr-defined]
        elif key in CONTACT_SLOTS and isinstance(getattr(event, "value", None), str):
            found.add(event.value)  # type: ignore[attr-defined]
    return requested, frozenset(found)


def url_settings(url: str | None) -> dict[str, Any]:
    """SQLTrackerStore arguments from FL_TRACKER_URL (production); {} when unset."""
    if not url:
        return {}
    parsed = sa.engine.make_url(url)
    return {
        "dialect": parsed.drivername,
        "host": parsed.host,
        "port": parsed.port,
        "db": parsed.database,
        "username": parsed.username,
        "password": parsed.password,
        "query": dict(parsed.query) or None,
    }


class RedactingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore with contact answers masked and contact slots encrypted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, **url_settings(os.environ.get("FL_TRACKER_URL"))})
        self._fernet = Fernet(load_key())
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens and closes a SQLite file connection for every session;
            # closing the last one checkpoints the journal to disk on every turn. Rasa
            # uses the store from its one event-loop thread, so one connection is kept.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.SingletonThreadPool)
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of this turn, redacted."""
        await self.stream_events(tracker)
        session_events = list(tracker.events)
        with self.session_scope() as session:
            state = getattr(tracker, _STATE, None)
            if state is None or state[0] > len(session_events):
                stored = self._event_query(session, tracker.sender_id, False).count()
                state = (stored, *_scan(session_events[:stored], None, frozenset()))
            stored, requested, secrets = state
            # The question asked before the new events decides whether an answer is contact data.
            new_events = session_events[stored:]
            serialised = [event.as_dict() for event in new_events]
            safe = redact(serialised, self._fernet, requested, set(secrets))
            for event, data in zip(new_events, safe, strict=True):
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        setattr(tracker, _STATE, (len(session_events), *_scan(new_events, requested, secrets)))

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            # Only the JSON column: building ORM objects for every event cost more than the query.
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions)
            rows = query.with_entities(self.SQLEvent.data).all()
            events = restore([json.loads(row.data) for row in rows], self._fernet)
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:
            # Only a tracker of the current session matches the rows `save` would count. The
            # tracker's own length: Rasa skips events it cannot read back, and `save` slices
            # the tracker's events, not the stored rows.
            setattr(
                tracker, _STATE, (len(tracker.events), *_scan(tracker.events, None, frozenset()))
            )
        return tracker

    async def delete(self, sender_id: str) -> int:
        """Erase every stored event of one conversation; return how many were removed."""
        with self.session_scope() as session:
            removed = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        logger.info("tracker.deleted events=%s", removed)
        return removed

    async def delete_inactive(self, max_age_seconds: float, now: float | None = None) -> int:
        """Erase conversations whose last event is older than `max_age_seconds`."""
        cutoff = (time.time() if now is None else now) - max_age_seconds
        with self.session_scope() as session:
            stale = (
                session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(sa.func.max(self.SQLEvent.timestamp) < cutoff)
                .subquery()
            )
            removed = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id.in_(sa.select(stale.c.sender_id)))
                .delete(synchronize_session=False)
            )
            session.commit()
        logger.info("tracker.expired events=%s", removed)
        return removed


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL lets readers work while a turn is written; NORMAL syncs at checkpoints, not on
    every commit (a power cut may lose the last turns, never corrupts the file)."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
