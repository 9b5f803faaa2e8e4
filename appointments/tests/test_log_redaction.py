"""Secrets in request paths never reach the access log."""

import logging

from appointments.log_redaction import AccessLogRedactor, redact


def test_redact_tokens_in_paths() -> None:
    assert redact("/bookings/FL-AB2C-DE3F?token=geheim123") == "/bookings/***?token=***"
    assert redact("/staff/feed/abcDEF_12-3.ics") == "/staff/feed/***.ics"
    assert redact("/holds/xyz_123/confirm") == "/holds/***/confirm"
    assert redact("/termin/FL-AB2C-DE3F?token=geheim123") == "/termin/***?token=***"
    assert redact("/bookings/FL-AB2C-DE3F/check/cancel") == "/bookings/***/check/cancel"
    assert redact("/arbeitsplatz/termine/FL-AB2C-DE3F/absagen") == (
        "/arbeitsplatz/termine/***/absagen"
    )
    assert redact("/staff/bookings.csv?from=2026-12-01") == "/staff/bookings.csv?from=2026-12-01"
    assert redact("/slots?limit=5") == "/slots?limit=5"


def test_filter_rewrites_uvicorn_access_record() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/bookings/FL-AB2C-DE3F?token=geheim", "1.1", 200),
        None,
    )
    assert AccessLogRedactor().filter(record)
    assert "geheim" not in record.getMessage()
