"""Errors of the workspace pages; `route_class.WorkspaceRoute` renders them as German HTML."""

from appointments.staff.errors import NotVisibleError


class SignInRequiredError(Exception):
    """No valid session: the browser is sent to the sign-in page."""


class ForbiddenError(Exception):
    """Signed in, but the role or person does not allow this."""


class PageNotFoundError(NotVisibleError):
    """Unknown, or not visible to this user (both look the same, so nothing leaks)."""


class CsrfError(Exception):
    """A form came without the session's CSRF token (old tab, or a forged request)."""
