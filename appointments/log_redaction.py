"""Keep secrets in URLs (manage tokens, feed tokens) out of the access log."""

import logging
import re

_QUERY_TOKEN = re.compile(r"(token=)[^&\s]+")
_FEED_TOKEN = re.compile(r"(/staff/feed/)[^/\s?]+(\.ics)")
_HOLD_ID = re.compile(r"(/holds/)[^/\s?]+")
# Booking references identify a family's appointment: not in logs either.
_REFERENCE = re.compile(r"(/bookings/|/termin/|/termine/)[^/\s?]+")


def redact(path: str) -> str:
    """Replace secret parts of a request path with `***`."""
    path = _QUERY_TOKEN.sub(r"\1***", path)
    path = _FEED_TOKEN.sub(r"\1***\2", path)
    path = _HOLD_ID.sub(r"\1***", path)
    return _REFERENCE.sub(r"\1***", path)


class AccessLogRedactor(logging.Filter):
    """Filter for `uvicorn.access`; its args are (client, method, path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the path argument in place; never drop the record."""
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact(args[2]), *args[3:])
        return True


def install() -> None:
    """Attach the redactor to uvicorn's access logger once."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogRedactor) for f in access.filters):
        access.addFilter(AccessLogRedactor())
