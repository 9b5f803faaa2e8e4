"""Render workspace pages with Jinja2 (autoescaped), German texts from the Babel catalogue.

Templates write `{{ _("English text") }}`; `fmt` fills `{placeholders}` after translation,
so the catalogue keeps one message per sentence and autoescaping still applies.
"""

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from appointments.i18n import N_, _
from appointments.workspace.deps import PREFIX, User

LOCALE = "de_DE"
STATIC_DIR = Path(__file__).resolve().parent / "static"

# Our own stylesheet only; no scripts at all (everything works without JavaScript).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex, nofollow",
}

ERRORS = {
    400: (
        N_("The form has expired"),
        N_("Please open the page again and repeat your entry. Nothing has been changed."),
    ),
    403: (
        N_("Not allowed"),
        N_("Your account is not allowed to do this. Please ask an administrator."),
    ),
    404: (
        N_("Page not found"),
        N_("This page does not exist, or you cannot see it with your account."),
    ),
}


# Which menu entry a page belongs to (marked with aria-current).
ACTIVE_MENU = {
    "overview.html": "/",
    "booking.html": "/",
    "availability.html": "/verfuegbarkeit",
    "calendar.html": "/kalender",
    "statistics.html": "/statistik",
    "callbacks.html": "/rueckrufe",
    "admin.html": "/verwaltung",
    "password.html": "/passwort",
}


def _fmt(message: str, **values: object) -> str:
    return message.format(**values)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["_"] = _
    env.globals["prefix"] = PREFIX
    env.filters["fmt"] = _fmt
    return env


def render(
    template: str, user: User | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render one page with the workspace's security headers."""
    html = (
        _environment()
        .get_template(template)
        .render(user=user, active=ACTIVE_MENU.get(template), **context)
    )
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def error_page(status_code: int) -> HTMLResponse:
    """A neutral German error page (no details about what exists)."""
    title, text = ERRORS[status_code]
    return render("error.html", None, status_code, title=_(title), text=_(text))


def day_heading(day: date) -> str:
    """Return e.g. "Dienstag, 8. Dezember 2026"."""
    return format_date(day, "EEEE, d. MMMM y", locale=LOCALE)


def short_date(day: date) -> str:
    """Return e.g. "08.12.2026"."""
    return format_date(day, "dd.MM.y", locale=LOCALE)


def clock_time(value: datetime, zone: ZoneInfo) -> str:
    """Return e.g. "09:00" in local time."""
    return format_datetime(value, "HH:mm", tzinfo=zone, locale=LOCALE)


def date_time(value: datetime, zone: ZoneInfo) -> str:
    """Return e.g. "08.12.2026, 09:00" in local time."""
    return format_datetime(value, "dd.MM.y, HH:mm", tzinfo=zone, locale=LOCALE)


def weekday_name(weekday: int) -> str:
    """Return the German weekday name (0 = Monday), via Babel like every other date."""
    return format_date(date(2026, 11, 23 + weekday), "EEEE", locale=LOCALE)
