"""A SQL tracker store that never writes contact data in readable form."""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.redaction import CONTACT_SLOTS, load_key, redact, restore

logger = logging.getLogger(__name__)


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

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of this turn, redacted."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = self._event_query(session, tracker.sender_id, False).count()
            session_events = list(tracker.events)
            # The question asked before the new events decides whether an answer is contact data.
            requested, secrets = None, set()
            for event in session_events[:stored]:
                key = getattr(event, "key", None)
                if key == "requested_slot":
                    requested = event.value
                elif key in CONTACT_SLOTS and isinstance(event.value, str):
                    secrets.add(event.value)
            new_events = session_events[stored:]
            serialised = [event.as_dict() for event in new_events]
            safe = redact(serialised, self._fernet, requested, secrets)
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

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            events = restore([json.loads(row.data) for row in rows], self._fernet)
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

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
