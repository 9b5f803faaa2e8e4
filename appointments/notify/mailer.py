"""Deliver e-mails: via SMTP if a host is configured, else as .eml files (development only).

SMTP goes over STARTTLS (or implicit TLS with `SMTP_SECURITY=ssl`) with the certificate
checked, and logs in when a user name is set. `.eml` files hold personal data, so they are
written only outside production and `cli purge` deletes them after `MAIL_FILE_DAYS`.
"""

import logging
import smtplib
import ssl
import time
import uuid
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

from appointments.config import Settings

logger = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 10
MAIL_FILE_DAYS = 7


def _tls_context(settings: Settings) -> ssl.SSLContext:
    cafile = str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    return ssl.create_default_context(cafile=cafile)


def _send_smtp(settings: Settings, message: EmailMessage) -> None:
    host = settings.smtp_host or ""
    if settings.smtp_security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS, context=_tls_context(settings)
        )
    else:
        connection = smtplib.SMTP(host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
    with connection as smtp:
        if settings.smtp_security == "starttls":
            # Raises if the server offers no STARTTLS: never fall back to plain text.
            smtp.starttls(context=_tls_context(settings))
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_username, password)
        smtp.send_message(message)


def deliver(settings: Settings, message: EmailMessage) -> None:
    """Send one message; raises OSError/SMTPException on failure (the caller logs it)."""
    if settings.smtp_host:
        _send_smtp(settings, message)
        return
    if settings.environment == "production":
        # Startup refuses this already; a file full of personal data must never appear.
        raise OSError("no SMTP host configured in production")
    settings.mail_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    path = settings.mail_dir / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(message.as_bytes())


def purge_mail_files(mail_dir: Path, max_age_days: int = MAIL_FILE_DAYS) -> int:
    """Delete development .eml files older than max_age_days; return how many."""
    if not mail_dir.is_dir():
        return 0
    cutoff = time.time() - max_age_days * 86400
    removed = 0
    for path in mail_dir.glob("*.eml"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    logger.info("retention.mail_files_purged count=%s", removed)
    return removed
