"""`FL_ENV=production`: the one switch, and the check that makes unsafe settings fail closed.

Standard library only: Rasa's launcher (bot/serve.py), the action server
(actions/server.py), the demo server and scripts/services.py all import it, in both
Python environments. Each service asks `problems(service)` before it loads anything and
refuses to start with one message naming every missing or unsafe variable.
"""

from __future__ import annotations

import base64
import binascii
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from runtime.review_inbox_switch import review_inbox_enabled

DEVELOPMENT = "development"
PRODUCTION = "production"
# A shared secret shorter than this can be guessed or was typed by hand.
MIN_SECRET_CHARS = 32
# Published in this repository: never valid in production.
DEV_RASA_TOKEN = "entwicklung-nur-lokal"
DEV_ACTIONS_TOKEN = "entwicklung-nur-lokal-actions-token"
DEV_VALUES = frozenset({DEV_RASA_TOKEN, DEV_ACTIONS_TOKEN, "demo-passwort", "e2e-test-token"})
# Words that mark a value copied from an example or a development set-up.
_PLACEHOLDER_MARKS = ("entwicklung", "ersetzen", "change-me", "changeme", "beispiel", "example")


@dataclass(frozen=True)
class Variable:
    """One setting a service needs in production, with a German description."""

    name: str
    description: str
    services: tuple[str, ...]


# The services of the chat side. "services" (scripts/services.py) checks all of them.
VARIABLES: tuple[Variable, ...] = (
    Variable(
        "FL_TRACKER_KEY",
        "Schlüssel für verschlüsselte Kontaktangaben im Gesprächsspeicher (Fernet, 44 Zeichen)",
        ("rasa",),
    ),
    Variable(
        "FL_TRACKER_URL",
        "Datenbank für Gespräche, z. B. postgresql://nutzer:passwort@host:5432/familienlotse",
        ("rasa",),
    ),
    Variable(
        "FL_ACTIONS_TOKEN",
        f"gemeinsames Geheimnis von Rasa und Action-Server (mindestens {MIN_SECRET_CHARS} Zeichen)",
        ("rasa", "actions"),
    ),
    Variable(
        "APPOINTMENTS_SERVICE_TOKEN",
        f"Zugang des Action-Servers und (für „War das hilfreich?“, außer mit FL_REVIEW_INBOX=0) "
        f"des Chat-Servers zur Termin-API (mindestens {MIN_SECRET_CHARS} Zeichen)",
        ("actions", "rasa"),
    ),
    Variable(
        "FL_WIDGET_ORIGINS",
        "erlaubte Herkunft der Internetseiten mit dem Chat, z. B. https://www.stadt.de",
        ("rasa", "web"),
    ),
    Variable(
        "FL_RASA_URL",
        "öffentliche Adresse des Chat-Servers für das Widget, z. B. https://chat.stadt.de",
        ("web",),
    ),
)
SERVICES = ("rasa", "actions", "web")


def mode(env: Mapping[str, str] | None = None) -> str:
    """The value of FL_ENV (development when unset)."""
    env = os.environ if env is None else env
    return (env.get("FL_ENV") or DEVELOPMENT).strip().lower()


def is_production(env: Mapping[str, str] | None = None) -> bool:
    """True when FL_ENV=production."""
    return mode(env) == PRODUCTION


def mode_line(service: str, env: Mapping[str, str] | None = None) -> str:
    """The first log line of every service: which mode it runs in."""
    if is_production(env):
        return f"[{service}] Betriebsmodus (FL_ENV=production)."
    return (
        f"[{service}] Entwicklungsmodus (FL_ENV=development): öffentliche Testwerte, "
        "nicht für den Betrieb. Für den Betrieb FL_ENV=production setzen."
    )


def variables_for(service: str) -> list[Variable]:
    """The production variables one service needs ("services" means all of them)."""
    return [v for v in VARIABLES if service == "services" or service in v.services]


def problems(service: str, env: Mapping[str, str] | None = None) -> list[str]:
    """Every missing or unsafe setting of one service, as German lines; empty when safe.

    In development nothing is required, but an unknown FL_ENV is always an error: a typo
    must not silently mean "development".
    """
    env = os.environ if env is None else env
    if mode(env) not in (DEVELOPMENT, PRODUCTION):
        return [f"FL_ENV: unbekannter Wert {mode(env)!r} (erlaubt: development, production)"]
    if not is_production(env):
        return []
    found = []
    for variable in variables_for(service):
        if not _needed(variable.name, service, env):
            continue
        reason = _check(variable.name, (env.get(variable.name) or "").strip())
        if reason:
            found.append(f"{variable.name}: {reason} – {variable.description}")
    if service in ("rasa", "actions", "services"):
        level = (env.get("LOG_LEVEL") or "").strip().upper()
        if level == "DEBUG":
            found.append(
                "LOG_LEVEL: DEBUG schreibt Nachrichten der Familien ins Log – INFO oder WARNING"
            )
    return found


def refusal(service: str, found: list[str]) -> str:
    """The one message a service prints before it refuses to start."""
    lines = "\n".join(f"  - {line}" for line in found)
    return (
        f"[{service}] Start abgebrochen: FL_ENV=production, aber diese Einstellungen fehlen "
        f"oder sind unsicher:\n{lines}\n"
        "Vorlage mit allen Variablen: deploy/production.env.example"
    )


def _needed(name: str, service: str, env: Mapping[str, str]) -> bool:
    # Rasa reaches the appointments API only to pass on ratings, which a city may switch off.
    if name == "APPOINTMENTS_SERVICE_TOKEN" and service == "rasa":
        return review_inbox_enabled(env)
    return True


def _check(name: str, value: str) -> str | None:
    if not value:
        return "fehlt"
    if value in DEV_VALUES or any(mark in value.lower() for mark in _PLACEHOLDER_MARKS):
        return "ist ein Entwicklungs- oder Beispielwert"
    if name == "FL_TRACKER_KEY":
        if _is_fernet_key(value):
            return None
        return "kein zufälliger Fernet-Schlüssel (erzeugen: Fernet.generate_key())"
    if name == "FL_TRACKER_URL":
        scheme = value.split(":", 1)[0].lower()
        if scheme.startswith("sqlite") or "://" not in value:
            return "SQLite (oder keine URL) – im Betrieb eine Server-Datenbank, z. B. PostgreSQL"
        return None
    if name == "FL_WIDGET_ORIGINS":
        bad = [o for o in split_origins(value) if not _is_https_origin(o)]
        if bad or not split_origins(value):
            return "nur https-Adressen ohne Pfad, durch Komma getrennt"
        return None
    if name == "FL_RASA_URL":
        return None if _is_https_origin(value, public=True) else "keine öffentliche https-Adresse"
    if len(value) < MIN_SECRET_CHARS:
        return f"zu kurz ({len(value)} Zeichen, mindestens {MIN_SECRET_CHARS})"
    return None


def _is_fernet_key(value: str) -> bool:
    try:
        key = base64.urlsafe_b64decode(value.encode())
    except (binascii.Error, ValueError):
        return False
    # A generated key has about 25 distinct bytes of 32; a typed pattern ("000…") has few.
    return len(key) == 32 and len(set(key)) >= 12


def _is_https_origin(value: str, public: bool = False) -> bool:
    parts = urllib.parse.urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or parts.path not in ("", "/"):
        return False
    if parts.query or parts.fragment or parts.username:
        return False
    return not (public and parts.hostname in ("localhost", "127.0.0.1", "::1"))


def split_origins(value: str) -> list[str]:
    """Origins from a comma-separated list, without blanks and trailing slashes."""
    return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]


def widget_origins(env: Mapping[str, str] | None = None) -> list[str]:
    """The website origins the chat accepts: FL_WIDGET_ORIGINS, else the local demo page."""
    env = os.environ if env is None else env
    configured = split_origins(env.get("FL_WIDGET_ORIGINS") or "")
    if configured or is_production(env):
        return configured
    port = env.get("FL_WEB_PORT") or "8080"
    return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]
