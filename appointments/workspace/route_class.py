"""The route class of every workspace page: errors become German HTML or a sign-in redirect."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from appointments.staff.errors import NotVisibleError
from appointments.workspace import pages
from appointments.workspace.deps import LOGIN_PATH
from appointments.workspace.errors import CsrfError, ForbiddenError, SignInRequiredError

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class WorkspaceRoute(APIRoute):
    """A route whose workspace errors become German HTML pages or a sign-in redirect."""

    def get_route_handler(self) -> Handler:
        """Wrap FastAPI's handler (dependencies run inside it, so their errors are caught)."""
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await original(request)
            except SignInRequiredError:
                return RedirectResponse(LOGIN_PATH, status_code=303, headers=pages.HEADERS)
            except ForbiddenError:
                return pages.error_page(403)
            except NotVisibleError:  # PageNotFoundError and the domain's own
                return pages.error_page(404)
            except CsrfError:
                return pages.error_page(400)

        return handler
