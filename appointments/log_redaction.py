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


class TracebackRedactor(logging.Filter):
    """Keep only the exception type of logged errors, never the traceback or message.

    The server logs "Exception in ASGI application" with the whole traceback; messages and
    local values there may carry a family's name, phone number or e-mail address.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace exception details with the type's name; never drop the record."""
        if record.exc_info and record.exc_info[0] is not None:
            error_type = record.exc_info[0].__name__
            record.msg = f"{record.getMessage()} error_type={error_type}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


# Loggers whose records may carry exceptions raised while handling a family's request.
_ERROR_LOGGERS = ("uvicorn.error", "uvicorn", "fastapi", "starlette", "sqlalchemy")


def install() -> None:
    """Attach the redactors to uvicorn's access and error loggers once."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogRedactor) for f in access.filters):
        access.addFilter(AccessLogRedactor())
    for name in _ERROR_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, TracebackRedactor) for f in logger.filters):
            logger.addFilter(TracebackRedactor())
