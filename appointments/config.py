"""Typed settings for the appointments API, read from APPOINTMENTS_* environment variables."""

import os
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from limits import parse_many
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DEMO_STAFF_PASSWORD = "demo-passwort"
DEFAULT_SECRET_KEY = "entwicklung-nicht-geheim"
# The action server sends this in development (scripts/services.py, tests); refused in production.
DEFAULT_SERVICE_TOKEN = "entwicklung-dienst-nur-lokal"
ENVIRONMENTS = ("development", "test", "production")


class Settings(BaseSettings):
    """Configuration of one deployment; everything municipality-specific lives in the seed file."""

    model_config = SettingsConfigDict(env_prefix="APPOINTMENTS_", extra="ignore")

    # FL_ENV (the switch of every service) wins over APPOINTMENTS_ENVIRONMENT; see below.
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///var/appointments.db"
    timezone: str = "Europe/Berlin"
    slot_minutes: int = Field(default=60, ge=15, le=240)
    # Appointment type: length of one consultation (None: slot_minutes) and the buffer after
    # it. Slots start on a grid from local midnight with step duration + buffer.
    duration_minutes: int | None = Field(default=None, ge=15, le=240)
    buffer_minutes: int = Field(default=0, ge=0, le=120)
    lead_days: int = Field(default=1, ge=0, le=365)
    horizon_days: int = Field(default=28, ge=1, le=365)
    seed_file: Path = Path("appointments/seed/demo.yml")
    demo_staff_password: SecretStr = SecretStr(DEFAULT_DEMO_STAFF_PASSWORD)
    # Signs derived manage tokens (idempotent replays); must be set outside development.
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET_KEY)
    hold_minutes: int = Field(default=10, ge=1, le=120)
    # Extra local days without consultations, on top of the computed NRW public holidays.
    closed_days: list[date] = []
    # Public address of this API (for feed URLs and, by default, the family's manage page).
    public_base_url: str = "http://localhost:8000"
    # The family's manage link is `<manage_base_url>/<reference>?token=<token>`; it must point
    # at the HTML manage page (`/termin`). Empty: `<public_base_url>/termin`.
    manage_base_url: str | None = None
    # No SMTP host: e-mails are written as .eml files to mail_dir (development default).
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    # With a host: STARTTLS and login by default; "ssl" = implicit TLS (usually port 465).
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    # CA bundle for an internal mail server's certificate (empty: the system's CAs).
    smtp_ca_file: Path | None = None
    mail_from: str = "Familienlotse Termine <termine@familienlotse.invalid>"
    mail_dir: Path = Path("var/mail")
    # Personal data of bookings that ended this many days ago is erased by `cli purge`.
    retention_days: int = Field(default=90, ge=1, le=3650)
    # Redacted review-inbox items older than this many days are deleted by `cli purge-review`.
    review_retention_days: int = Field(default=30, ge=1, le=365)
    # Holds, bookings and callbacks come from the action server with this bearer token.
    service_token: SecretStr = SecretStr(DEFAULT_SERVICE_TOKEN)
    # Rate limits ("limits" notation, e.g. "10/minute;60/hour"), per client address.
    # Storage: "memory://" (one process) or "redis://host:6379/0" (several processes).
    rate_limit_storage: str = "memory://"
    rate_limit_prefix: str = "fl-appointments"
    # The action server is one address for all chats: these are totals of every family.
    rate_limit_holds: str = "60/minute;600/hour"
    rate_limit_bookings: str = "30/minute;300/hour"
    rate_limit_callbacks: str = "10/minute;100/hour"
    rate_limit_checks: str = "30/minute;300/hour"
    # Workspace sign-in form: every attempt; HTTP Basic: failed attempts.
    rate_limit_sign_in: str = "20/minute;200/hour"
    # Which agency's staff are the Familienbüro named by the callback consent.
    callback_agency: str = "jugendamt"
    # --- outbox and worker (appointments/outbox, appointments/worker) ---
    # Task queue that wakes the worker: "sqlite:///path" (embedded, `make run`),
    # "redis://host:port/db" (several API instances, cluster profile) or "memory://"
    # (no worker: the API delivers right after the commit; tests only).
    queue_url: str = "sqlite:///var/queue.db"
    # Name of the queue inside it: deployments sharing one Redis need different names.
    queue_name: str = Field(default="familienlotse", pattern=r"^[a-z0-9][a-z0-9_.-]{0,49}$")
    # A mail that could not be delivered is retried after 1, 2, 4 … times this, at most
    # outbox_max_attempts times in all; then it is marked failed for staff to see.
    outbox_retry_seconds: int = Field(default=60, ge=1, le=3600)
    outbox_max_attempts: int = Field(default=10, ge=1, le=50)
    # A worker that claimed a mail owns it this long; a killed worker's mail is taken over
    # after that, so it must be well above the SMTP timeout.
    outbox_lease_seconds: int = Field(default=120, ge=30, le=3600)
    # --- reminders (appointments/reminders) ---
    # When families are reminded: "2d" (two days before), "24h", "90m" or "morning" (the
    # morning of the day, at reminder_morning_hour local time); empty: no reminders.
    reminder_offsets: str = "2d,morning"
    reminder_morning_hour: int = Field(default=7, ge=0, le=12)
    # Local hour at which staff who opted in get the agenda of their day.
    agenda_hour: int = Field(default=6, ge=0, le=12)
    # --- waitlist (appointments/waitlist) ---
    # A family waits this many days at most; an offered slot is held this many minutes;
    # a free slot is offered to this many fitting families at once (first to accept wins).
    waitlist_days: int = Field(default=30, ge=1, le=180)
    waitlist_offer_minutes: int = Field(default=120, ge=10, le=2880)
    waitlist_offer_count: int = Field(default=3, ge=1, le=20)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("slot_minutes")
    @classmethod
    def _divides_day(cls, value: int) -> int:
        # Slots sit on a grid from local midnight so that both agencies' windows line up.
        if (24 * 60) % value:
            raise ValueError("slot_minutes must divide 1440 (a day) evenly")
        return value

    @field_validator(
        "rate_limit_holds",
        "rate_limit_bookings",
        "rate_limit_callbacks",
        "rate_limit_checks",
        "rate_limit_sign_in",
    )
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"not a rate limit like '10/minute;50/hour': {value!r}") from exc
        return value

    @field_validator("reminder_offsets")
    @classmethod
    def _reminder_offsets(cls, value: str) -> str:
        from appointments.reminders.offsets import parse_offsets

        parse_offsets(value)
        return value

    @field_validator("queue_url")
    @classmethod
    def _queue_scheme(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "redis://", "rediss://", "memory://")):
            raise ValueError("queue_url must start with sqlite://, redis:// or memory://")
        return value

    @model_validator(mode="before")
    @classmethod
    def _fl_env(cls, data: Any) -> Any:
        # FL_ENV is the one switch of all services; unknown values fail closed.
        switch = os.environ.get("FL_ENV", "").strip()
        if not switch:
            return data
        if switch not in ENVIRONMENTS:
            raise ValueError(f"FL_ENV must be one of {', '.join(ENVIRONMENTS)}")
        if isinstance(data, dict) and (switch == "production" or "environment" not in data):
            data = {**data, "environment": switch}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> "Settings":
        if self.horizon_days < self.lead_days:
            raise ValueError("horizon_days must be >= lead_days")
        if (24 * 60) % self.slot_step_minutes:
            raise ValueError("duration_minutes + buffer_minutes must divide 1440 (a day) evenly")
        # Unsafe production values are collected by appointments.production (one message).
        return self

    def manage_url(self, reference: str, token: str) -> str:
        """Return the family's link to the HTML manage page (GET /termin/{reference})."""
        base = self.manage_base_url or f"{self.public_base_url.rstrip('/')}/termin"
        return f"{base.rstrip('/')}/{reference}?token={quote(token, safe='')}"

    @property
    def appointment_minutes(self) -> int:
        """Return the length of one consultation."""
        return self.duration_minutes or self.slot_minutes

    @property
    def slot_step_minutes(self) -> int:
        """Return the distance between two slot starts (duration + buffer)."""
        return self.appointment_minutes + self.buffer_minutes

    @property
    def zone(self) -> ZoneInfo:
        """Return the local time zone in which availability windows are defined."""
        return ZoneInfo(self.timezone)
