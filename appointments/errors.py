"""The error type of the service: a user-safe German message, an HTTP status and a code.

No FastAPI here, so domain packages can raise it; `error_handlers` turns it into JSON.
"""


class AppointmentsError(Exception):
    """An error with a user-safe German message, an HTTP status and a snake_case code."""

    def __init__(
        self,
        message: str,
        status: int,
        code: str,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.errors = errors
        self.headers = headers
