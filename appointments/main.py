"""FastAPI application factory; `app` is what `uvicorn appointments.main:app` serves."""

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from appointments.availability.router import router as slots_router
from appointments.bookings.router import router as bookings_router
from appointments.callbacks.router import router as callbacks_router
from appointments.clock import Clock, system_clock
from appointments.config import Settings
from appointments.db import make_engine, make_session_factory
from appointments.error_handlers import register_error_handlers
from appointments.family.router import router as family_router
from appointments.health import router as health_router
from appointments.log_redaction import install as install_log_redaction
from appointments.production import UnsafeConfigurationError, ensure_safe
from appointments.rate_limits import RateLimiter
from appointments.review.router import router as review_router
from appointments.review.routes import router as review_pages_router
from appointments.staff_api.admin_router import router as admin_router
from appointments.staff_api.router import router as staff_router
from appointments.waitlist.router import router as waitlist_router
from appointments.workspace.router import router as workspace_router

DESCRIPTION = (
    "Terminbuchung für die gemeinsame Beratung von Jugendamt und Jobcenter. "
    "Eine Familie bucht einen Termin, an dem je eine Fachkraft beider Stellen zugleich Zeit hat."
)


def create_app(settings: Settings | None = None, clock: Clock = system_clock) -> FastAPI:
    """Build the app with its own engine (no connection is opened until the first request)."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url)
    ensure_safe(settings, engine)
    if settings.environment == "development":
        logging.getLogger("uvicorn.error").warning(
            "Termin-API im Entwicklungsmodus (FL_ENV=development): Entwicklungswerte sind "
            "erlaubt, nicht für den Betrieb."
        )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="Familienlotse – Termindienst",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.clock = clock
    app.state.rate_limiter = RateLimiter(settings)
    register_error_handlers(app)
    install_log_redaction()
    for router in (
        health_router,
        slots_router,
        bookings_router,
        callbacks_router,
        family_router,
        staff_router,
        admin_router,
        waitlist_router,
        review_router,
        review_pages_router,  # before the workspace: its catch-all answers unknown pages
        workspace_router,
    ):
        app.include_router(router)
    return app


def _create_or_refuse() -> FastAPI:
    try:
        return create_app()
    except UnsafeConfigurationError as error:
        # One clear message instead of a traceback; the process manager sees exit code 3.
        print(str(error), file=sys.stderr, flush=True)
        sys.exit(3)


app = _create_or_refuse()
