"""Refuse to start in production with unsafe settings: one message naming every problem.

Development is the default and accepts the public development values. With
`FL_ENV=production` (or `APPOINTMENTS_ENVIRONMENT=production`) every secret must be set,
differ from its development value and be long enough; the database must be a server
database; mail must go over SMTP with a login; no demo accounts may exist.
"""

import logging
from pathlib import Path

import yaml
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from appointments.config import (
    DEFAULT_DEMO_STAFF_PASSWORD,
    DEFAULT_SECRET_KEY,
    DEFAULT_SERVICE_TOKEN,
    Settings,
)
from appointments.security import verify_password
from appointments.staff.models import StaffAccount, StaffMember

logger = logging.getLogger(__name__)

MIN_SECRET_LENGTH = 32
MIN_SMTP_PASSWORD_LENGTH = 8
DEMO_USERNAME_PREFIX = "demo."


class UnsafeConfigurationError(RuntimeError):
    """The settings are not safe for production; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(
            "Termin-API startet nicht: FL_ENV=production, aber diese Einstellungen fehlen "
            "oder sind unsicher (refusing to start in production; missing or unsafe "
            f"settings):\n{lines}\nVorlage: deploy/production.env.example"
        )


# Words of published development and template values: a secret that contains one was
# copied from the repository or a how-to, not generated (the chat side refuses the same).
_PUBLISHED_MARKS = ("entwicklung", "example", "beispiel", "changeme", "passwort", "password")


def _secret_problem(name: str, value: str | None, development_value: str | None) -> str | None:
    if not value:
        return f"{name}: nicht gesetzt (not set)"
    if development_value is not None and value == development_value:
        return f"{name}: Entwicklungswert (development value)"
    if any(mark in value.lower() for mark in _PUBLISHED_MARKS):
        return f"{name}: veröffentlichter Beispielwert (published example value)"
    if len(value) < MIN_SECRET_LENGTH:
        return f"{name}: zu kurz, mindestens {MIN_SECRET_LENGTH} Zeichen (too short)"
    return None


def _is_demo_seed(seed_file: Path) -> bool:
    try:
        data = yaml.safe_load(seed_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and bool(data.get("demo_data"))


def settings_problems(settings: Settings) -> list[str]:
    """Return every unsafe or missing production setting (empty outside production)."""
    if settings.environment != "production":
        return []
    problems = [
        _secret_problem(
            "APPOINTMENTS_SECRET_KEY", settings.secret_key.get_secret_value(), DEFAULT_SECRET_KEY
        ),
        _secret_problem(
            "APPOINTMENTS_SERVICE_TOKEN",
            settings.service_token.get_secret_value(),
            DEFAULT_SERVICE_TOKEN,
        ),
    ]
    if "database_url" not in settings.model_fields_set:
        problems.append("APPOINTMENTS_DATABASE_URL: nicht gesetzt (not set)")
    elif settings.database_url.startswith("sqlite"):
        problems.append(
            "APPOINTMENTS_DATABASE_URL: SQLite nur in der Entwicklung, bitte PostgreSQL "
            "(SQLite is development only)"
        )
    if not settings.smtp_host:
        problems.append(
            "APPOINTMENTS_SMTP_HOST: nicht gesetzt, .eml-Dateien nur in der Entwicklung "
            "(not set; .eml files are development only)"
        )
    if settings.smtp_security == "none":
        problems.append("APPOINTMENTS_SMTP_SECURITY: none ist unverschlüsselt (unencrypted)")
    if not settings.smtp_username:
        problems.append("APPOINTMENTS_SMTP_USERNAME: nicht gesetzt (not set)")
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
    if not password:
        problems.append("APPOINTMENTS_SMTP_PASSWORD: nicht gesetzt (not set)")
    elif len(password) < MIN_SMTP_PASSWORD_LENGTH:
        problems.append(
            f"APPOINTMENTS_SMTP_PASSWORD: zu kurz, mindestens {MIN_SMTP_PASSWORD_LENGTH} "
            "Zeichen (too short)"
        )
    if settings.queue_url.startswith("memory://"):
        problems.append(
            "APPOINTMENTS_QUEUE_URL: memory:// nur in Tests, bitte sqlite:// oder redis:// "
            "(tests only)"
        )
    if "mail_dir" in settings.model_fields_set:
        problems.append("APPOINTMENTS_MAIL_DIR: nur in der Entwicklung (development only)")
    if not settings.public_base_url.startswith("https://"):
        problems.append("APPOINTMENTS_PUBLIC_BASE_URL: muss mit https:// beginnen (needs https)")
    if "demo_staff_password" in settings.model_fields_set:
        problems.append(
            "APPOINTMENTS_DEMO_STAFF_PASSWORD: nur für Demo-Daten, bitte entfernen (demo data only)"
        )
    if _is_demo_seed(settings.seed_file):
        problems.append(
            f"APPOINTMENTS_SEED_FILE: {settings.seed_file} enthält Demo-Daten (demo data)"
        )
    return [problem for problem in problems if problem]


def database_problems(settings: Settings, engine: Engine) -> list[str]:
    """Return problems found in the database: demo accounts, or no connection at all."""
    passwords = {DEFAULT_DEMO_STAFF_PASSWORD, settings.demo_staff_password.get_secret_value()}
    try:
        with engine.connect() as conn:
            accounts = list(
                conn.execute(
                    select(StaffAccount.username, StaffAccount.password_hash).where(
                        StaffAccount.active.is_(True)
                    )
                )
            )
            demo_staff = conn.scalar(
                select(StaffMember.id).where(StaffMember.key.like("%-demo-%")).limit(1)
            )
    except SQLAlchemyError as exc:
        return [f"APPOINTMENTS_DATABASE_URL: Datenbank nicht erreichbar ({type(exc).__name__})"]
    demo = [
        username
        for username, password_hash in accounts
        if username.startswith(DEMO_USERNAME_PREFIX)
        or any(verify_password(password, password_hash) for password in passwords)
    ]
    problems = []
    if demo:
        problems.append(
            f"Datenbank: {len(demo)} Demo-Konto/-Konten mit Demo-Name oder Demo-Passwort "
            "(demo accounts present); bitte deaktivieren"
        )
    if demo_staff is not None:
        problems.append("Datenbank: Demo-Mitarbeitende aus der Demo-Datei (demo staff present)")
    return problems


def ensure_safe(settings: Settings, engine: Engine) -> None:
    """Raise UnsafeConfigurationError naming every problem; do nothing outside production."""
    if settings.environment != "production":
        return
    problems = settings_problems(settings)
    database_url_ok = not any(p.startswith("APPOINTMENTS_DATABASE_URL") for p in problems)
    if database_url_ok:
        problems += database_problems(settings, engine)
    if problems:
        raise UnsafeConfigurationError(problems)
