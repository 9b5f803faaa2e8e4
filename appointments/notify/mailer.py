"""Deliver e-mails: via SMTP if a host is configured, else as .eml files (development)."""

import smtplib
import uuid
from datetime import datetime, timezone
from email.message import EmailMessage

from appointments.config import Settings

SMTP_TIMEOUT_SECONDS = 10


def deliver(settings: Settings, message: EmailMessage) -> None:
    """Send one message; raises OSError/SMTPException on failure (the caller logs it)."""
    if settings.smtp_host:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS
        ) as s:
            s.send_message(message)
        return
    settings.mail_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    path = settings.mail_dir / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(message.as_bytes())
