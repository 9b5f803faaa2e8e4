"""Settings of the action server, read from the environment when first needed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ActionSettings:
    """Where the appointments API is and how long to wait for it."""

    appointments_url: str
    timeout_seconds: float
    content_dir: Path
    timezone: str
    locale: str
    # Bearer token the appointments API demands for holds, bookings and callbacks.
    service_token: str = ""
    # The API's waitlist settings (same variables): told to the family before it joins.
    waitlist_days: int = 30
    waitlist_offer_minutes: int = 120


@lru_cache(maxsize=1)
def get_settings() -> ActionSettings:
    """Return the settings; environment variables override the development defaults."""
    return ActionSettings(
        appointments_url=os.environ.get("FL_APPOINTMENTS_URL", "http://127.0.0.1:8000").rstrip("/"),
        timeout_seconds=float(os.environ.get("FL_APPOINTMENTS_TIMEOUT", "5")),
        content_dir=Path(os.environ.get("FL_CONTENT_DIR", PROJECT_ROOT / "data" / "content")),
        timezone=os.environ.get("FL_TIMEZONE", "Europe/Berlin"),
        locale=os.environ.get("FL_LOCALE", "de_DE"),
        service_token=os.environ.get("APPOINTMENTS_SERVICE_TOKEN", ""),
        waitlist_days=int(os.environ.get("APPOINTMENTS_WAITLIST_DAYS", "30")),
        waitlist_offer_minutes=int(os.environ.get("APPOINTMENTS_WAITLIST_OFFER_MINUTES", "120")),
    )
