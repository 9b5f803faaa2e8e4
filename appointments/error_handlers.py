"""The handlers that turn every failure of the API into German JSON."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from appointments.errors import AppointmentsError
from appointments.validation_messages import field_errors

logger = logging.getLogger(__name__)

INVALID_INPUT_MESSAGE = "Einige Angaben sind nicht korrekt. Bitte prüfen Sie die markierten Felder."
SERVER_ERROR_MESSAGE = (
    "Es ist ein technischer Fehler aufgetreten. Bitte versuchen Sie es später noch einmal."
)
_HTTP_MESSAGES = {
    404: ("not_found", "Diese Adresse gibt es nicht."),
    405: ("method_not_allowed", "Diese Anfrage ist hier nicht möglich."),
}


def _body(code: str, message: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if errors is not None:
        body["errors"] = errors
    return body


async def handle_appointments_error(_request: Request, exc: Exception) -> JSONResponse:
    """Render an AppointmentsError (the one handler for domain errors)."""
    assert isinstance(exc, AppointmentsError)
    return JSONResponse(
        _body(exc.code, exc.message, exc.errors), status_code=exc.status, headers=exc.headers
    )


async def handle_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """Translate pydantic's English validation errors into German per-field messages."""
    assert isinstance(exc, RequestValidationError)
    errors = field_errors(exc.errors())
    return JSONResponse(_body("invalid_input", INVALID_INPUT_MESSAGE, errors), status_code=422)


async def handle_http_error(_request: Request, exc: Exception) -> JSONResponse:
    """Render framework HTTP errors (unknown route, wrong method) in German."""
    assert isinstance(exc, StarletteHTTPException)
    code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", SERVER_ERROR_MESSAGE))
    return JSONResponse(_body(code, message), status_code=exc.status_code, headers=exc.headers)


async def handle_unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    """Log the exception type only (messages may carry personal data) and answer in German."""
    logger.error("request.failed error_type=%s", type(exc).__name__)
    return JSONResponse(_body("server_error", SERVER_ERROR_MESSAGE), status_code=500)


def register_error_handlers(app: FastAPI) -> None:
    """Install all exception handlers on the app."""
    app.add_exception_handler(AppointmentsError, handle_appointments_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(Exception, handle_unexpected_error)
