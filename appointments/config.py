"""Typed settings for the appointments API, read from APPOINTMENTS_* environment variables."""

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DEMO_STAFF_PASSWORD = "demo-passwort"


class Settings(BaseSettings):
    """Configuration of one deployment; everything municipality-specific lives in the seed file."""

    model_config = SettingsConfigDict(env_prefix="APPOINTMENTS_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///var/appointments.db"
    timezone: str = "Europe/Berlin"
    slot_minutes: int = Field(default=60, ge=15, le=240)
    lead_days: int = Field(default=1, ge=0, le=365)
    horizon_days: int = Field(default=28, ge=1, le=365)
    seed_file: Path = Path("appointments/seed/demo.yml")
    demo_staff_password: SecretStr = SecretStr(DEFAULT_DEMO_STAFF_PASSWORD)

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

    @model_validator(mode="after")
    def _consistent(self) -> "Settings":
        if self.horizon_days < self.lead_days:
            raise ValueError("horizon_days must be >= lead_days")
        demo_default = self.demo_staff_password.get_secret_value() == DEFAULT_DEMO_STAFF_PASSWORD
        if self.environment == "production" and demo_default:
            raise ValueError("set APPOINTMENTS_DEMO_STAFF_PASSWORD outside development")
        return self

    @property
    def zone(self) -> ZoneInfo:
        """Return the local time zone in which availability windows are defined."""
        return ZoneInfo(self.timezone)
