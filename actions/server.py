"""The action server (`python -m actions.server --port 5055`): rasa-sdk, closed to all but Rasa.

Runs in .venv-actions (Python 3.11+, rasa-sdk 3.21); Rasa 3.6 on Python 3.10 calls it over
HTTP only, and tests/contract replays calls recorded from Rasa 3.6 against it.

- Listens on FL_ACTIONS_HOST (default 127.0.0.1), never on all interfaces by default.
- `/webhook` and `/actions` need `Authorization: Bearer <FL_ACTIONS_TOKEN>`, the secret Rasa
  sends (bot/endpoints.yml): none → 401, a wrong one → 403. `/health` stays open.
- A failing action answers 500 without echoing the request (it holds the conversation),
  and in production logs carry no tracebacks (runtime/log_privacy.py).
- In production the start is refused while a secret is missing or unsafe.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from typing import Any

from runtime.production_check import DEV_ACTIONS_TOKEN, is_production, mode_line, problems, refusal

logger = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})


def actions_token() -> str:
    """The shared secret: FL_ACTIONS_TOKEN, in development a published default."""
    token = os.environ.get("FL_ACTIONS_TOKEN", "").strip()
    if token:
        return token
    if is_production():
        raise RuntimeError("FL_ACTIONS_TOKEN fehlt.")
    return DEV_ACTIONS_TOKEN


def authorisation_status(header: str | None, token: str) -> int | None:
    """None when the header carries the token; else 401 (no credential) or 403 (wrong one)."""
    if not header or not header.startswith("Bearer "):
        return 401
    given = header.removeprefix("Bearer ").strip()
    if hmac.compare_digest(given.encode(), token.encode()):
        return None
    return 403


def create_app(token: str) -> Any:
    """rasa-sdk's app for the `actions` package, with the secret checked first."""
    from rasa_sdk.endpoint import create_app as sdk_app
    from rasa_sdk.executor import ActionExecutor
    from sanic import response
    from sanic.request import Request

    executor = ActionExecutor()
    executor.register_package("actions")
    # No CORS: browsers have no business calling the action server.
    app = sdk_app(executor, cors_origins=[])

    @app.middleware("request")
    async def require_token(request: Request) -> Any:
        if request.path in OPEN_PATHS:
            return None
        status = authorisation_status(request.headers.get("authorization"), token)
        if status is None:
            return None
        logger.warning("actions.refused status=%s path=%s", status, request.path)
        return response.json({"error": "nicht berechtigt"}, status=status)

    async def failed(request: Request, exception: Exception) -> Any:
        logger.error("actions.failed path=%s", request.path, exc_info=exception)
        return response.json({"error": "Aktion fehlgeschlagen"}, status=500)

    # rasa-sdk registers its own catch-all handler, which echoes the request body (the whole
    # conversation) in the answer; Sanic refuses a second one, so ours takes its place.
    app.error_handler.cached_handlers[(Exception, None)] = failed
    return app


def main(argv: list[str] | None = None) -> int:
    """Check the settings and serve the actions."""
    parser = argparse.ArgumentParser(description="Familienlotse action server")
    parser.add_argument("--port", type=int, default=int(os.environ.get("FL_ACTIONS_PORT", 5055)))
    parser.add_argument("--host", default=os.environ.get("FL_ACTIONS_HOST") or "127.0.0.1")
    args = parser.parse_args(argv)
    found = problems("actions")
    if found:
        print(refusal("actions", found), file=sys.stderr, flush=True)
        return 2
    print(mode_line("actions"), flush=True)
    from rasa_sdk import utils

    from runtime import log_privacy

    level = os.environ.get("LOG_LEVEL") or "INFO"
    utils.configure_colored_logging(level)
    log_privacy.install()
    app = create_app(actions_token())
    logger.info("actions.listening host=%s port=%s", args.host, args.port)
    # One process, as with the SDK's older Sanic: scripts/services.py and the cluster stop
    # it by its process id. More instances are more processes behind nginx (docs/skalierung.md).
    app.run(args.host, args.port, single_process=True, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
