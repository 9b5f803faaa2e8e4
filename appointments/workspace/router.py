"""The one router of the staff workspace, included by `appointments.main`."""

from fastapi import APIRouter

from appointments.workspace import (
    routes_admin,
    routes_auth,
    routes_availability,
    routes_bookings,
    routes_tools,
)

router = APIRouter()
for _part in (routes_auth, routes_bookings, routes_availability, routes_tools, routes_admin):
    router.include_router(_part.router)
