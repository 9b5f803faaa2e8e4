"""Logs without personal data in production: no tracebacks, no exception messages.

An exception message or a traceback's source lines can carry what a family typed (a
name, a phone number in a ValueError). In production every log record keeps only the
exception's type and the place it was raised; development keeps full tracebacks.
Installed through the record factory, so it survives Rasa's and Sanic's own logging set-up.
"""

from __future__ import annotations

import logging
import os
import traceback
from typing import Any

from runtime.production_check import is_production

_installed = False


def summarise(exc_info: Any) -> str:
    """Exception type and innermost file:line, without the message."""
    if not isinstance(exc_info, tuple) or exc_info[0] is None:
        return ""
    kind, _, tb = exc_info
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = ""
    if frames:
        last = frames[-1]
        where = f" in {os.path.basename(last.filename)}:{last.lineno}"
    return f" [{kind.__name__}{where}; Einzelheiten im Betrieb ausgeblendet]"


def install(force: bool | None = None) -> bool:
    """Strip tracebacks from every log record when in production; return whether active."""
    global _installed
    active = is_production() if force is None else force
    if not active or _installed:
        return active
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if record.exc_info:
            exc_info = record.exc_info
            # A record built directly (not via Logger) may still carry the flag itself.
            if exc_info is True:  # type: ignore[comparison-overlap]
                import sys

                exc_info = sys.exc_info()
            record.msg = f"{record.getMessage()}{summarise(exc_info)}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
    return True
