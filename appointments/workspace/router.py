"""The one router of the staff workspace, included by `appointments.main`."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from appointments.reminders import routes as agenda_routes
from appointments.waitlist import router as waitlist_routes
from appointments.workspace import (
    routes_admin,
    routes_auth,
    routes_availability,
    routes_bookings,
    routes_password,
    routes_tools,
)
from appointments.workspace.deps import PREFIX, UserDep
from appointments.workspace.errors import PageNotFoundError
from appointments.workspace.route_class import WorkspaceRoute

router = APIRouter()
_PARTS = (
    routes_auth,
    routes_password,
    routes_bookings,
    routes_availability,
    routes_tools,
    routes_admin,
    agenda_routes,  # the daily agenda opt-in (appointments/reminders)
)
for _part in _PARTS:
    router.include_router(_part.router)
router.include_router(waitlist_routes.workspace_router)  # the staff's waitlist page

# Last: any other workspace address gets the German HTML page, not the API's JSON 404.
_fallback = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)


@_fallback.get("/{rest:path}", response_class=HTMLResponse)
def unknown_page(rest: str, user: UserDep) -> HTMLResponse:
    """Answer unknown workspace addresses (after sign-in, so nothing is revealed before)."""
    raise PageNotFoundError()


router.include_router(_fallback)
