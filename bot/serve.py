"""Start Rasa (`python -m bot.serve run …`, same arguments as `rasa run`), safely.

Before Rasa is even imported, production settings are checked (runtime/production_check.py),
so an unsafe configuration is refused in a second, not after loading the model. Then:

- `PUT /model` (loading a model over HTTP: a pickle, i.e. code) is refused with 403 in
  every mode; models are only loaded from disk: at start, and again from the same
  `--model` path on SIGHUP (scripts/model_switch.py activates a checked model that way,
  without a restart; the process id is in var/run/rasa-<port>.pid).
- In production the HTTP API (`--enable-api`, `--auth-token`, `--jwt-secret`) is refused:
  the public listener carries only `/`, `/socket.io` and the channel webhooks from the
  credentials file (bot/credentials.production.yml: no REST channel). Debug logging is
  refused too, and tracebacks are reduced to type and place (runtime/log_privacy.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

from runtime.production_check import is_production, mode_line, problems, refusal, widget_origins

logger = logging.getLogger(__name__)

# Arguments that open the HTTP API or write message texts into the log.
_PRODUCTION_FORBIDDEN = ("--enable-api", "--auth-token", "--jwt-secret", "--debug", "-vv")


def forbidden_arguments(argv: list[str]) -> list[str]:
    """Command-line arguments that production does not allow.

    argparse accepts any unambiguous prefix of a long option (`--enable` for
    `--enable-api`), so a prefix of a forbidden option counts as that option.
    """
    found = []
    for arg in argv:
        name = arg.split("=", 1)[0]
        if name in _PRODUCTION_FORBIDDEN or (
            name.startswith("--")
            and len(name) > 2
            and any(option.startswith(name) for option in _PRODUCTION_FORBIDDEN)
        ):
            found.append(arg)
    return found


def channel_problems(argv: list[str]) -> list[str]:
    """Production channels come only from an existing credentials file.

    Rasa silently falls back to its open REST channel when `--credentials` names no file
    (an empty FL_RASA_CREDENTIALS, a typo) or when `--connector` is given.
    """
    found = []
    if any(arg.split("=", 1)[0] == "--connector" for arg in argv):
        found.append("--connector: im Betrieb kommen Kanäle nur aus der credentials-Datei")
    path = _option_value(argv, "--credentials")
    if not path or not os.path.isfile(path):
        found.append(
            "--credentials: die Kanal-Datei fehlt oder ist leer (FL_RASA_CREDENTIALS); "
            "ohne sie öffnet Rasa den REST-Kanal"
        )
    if "*" in _option_values(argv, "--cors"):
        found.append("--cors *: im Betrieb nur die Seiten aus FL_WIDGET_ORIGINS")
    return found


def _option_values(argv: list[str], option: str) -> list[str]:
    """The values after `option` (up to the next option), also from `option=value`."""
    values: list[str] = []
    for index, arg in enumerate(argv):
        if arg.startswith(option + "="):
            values.append(arg.split("=", 1)[1])
        elif arg == option:
            for value in argv[index + 1 :]:
                if value.startswith("-"):
                    break
                values.append(value)
    return values


def _option_value(argv: list[str], option: str) -> str:
    values = _option_values(argv, option)
    return values[0] if values else ""


def fill_tracker_settings(env: dict[str, str] | os._Environ[str]) -> None:
    """Let endpoints.yml expand when only FL_TRACKER_URL is given (the store reads the URL)."""
    url = env.get("FL_TRACKER_URL")
    if url:
        env.setdefault("FL_TRACKER_DIALECT", url.split(":", 1)[0].split("+", 1)[0])
        env.setdefault("FL_TRACKER_DB", url.rsplit("/", 1)[-1].split("?", 1)[0])


def _refuse_model_upload() -> None:
    """Wrap Rasa's app factory so that `PUT /model` always answers 403."""
    import rasa.server
    from sanic import response
    from sanic.request import Request

    original = rasa.server.create_app

    async def refuse(request: Request) -> Any:
        if request.method == "PUT" and request.path.rstrip("/") == "/model":
            return response.json(
                {"error": "Modelle werden nur beim Start von der Festplatte geladen."},
                status=403,
            )
        return None

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        app.register_middleware(refuse, "request")
        return app

    rasa.server.create_app = create_app


def _reload_model_on_sighup(argv: list[str]) -> None:
    """Load the model again from the `--model` path on SIGHUP (scripts/model_switch.py).

    The path is usually a link (models/active.tar.gz) that a maintainer points at a checked
    model; the running chat keeps its connections and conversations. `PUT /model` stays
    closed: only someone who can signal this process on the host can switch models.
    """
    model = _option_value(argv, "--model") or _option_value(argv, "-m")
    if not model:
        return
    import rasa.server

    original = rasa.server.create_app
    default_run_dir = Path(__file__).resolve().parents[1] / "var" / "run"
    run_dir = Path(os.environ.get("FL_RUN_DIR") or default_run_dir)
    port = _option_value(argv, "--port") or _option_value(argv, "-p") or "5005"

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)

        async def reload(app_: Any) -> None:
            path = str(Path(model).resolve())
            loop = asyncio.get_running_loop()
            try:
                await loop.run_in_executor(None, app_.ctx.agent.load_model, path)
            except Exception as error:  # the old model keeps answering
                logger.error("rasa.model.reload_failed error=%s", type(error).__name__)
                return
            logger.warning("rasa.model.reloaded model=%s", Path(path).name)

        async def install(app_: Any, loop: Any) -> None:
            loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(reload(app_)))
            run_dir.mkdir(parents=True, exist_ok=True)
            (run_dir / f"rasa-{port}.pid").write_text(str(os.getpid()), encoding="utf-8")

        app.register_listener(install, "after_server_start")
        return app

    rasa.server.create_app = create_app


def main(argv: list[str] | None = None) -> int:
    """Check the settings, then hand over to Rasa's command line."""
    argv = list(sys.argv[1:] if argv is None else argv)
    found = problems("rasa")
    if is_production():
        found += [
            f"{arg}: die Rasa-HTTP-API bzw. Debug-Logs sind im Betrieb geschlossen"
            for arg in forbidden_arguments(argv)
        ]
        if argv[:1] == ["run"]:
            found += channel_problems(argv)
    if found:
        print(refusal("rasa", found), file=sys.stderr, flush=True)
        return 2
    print(mode_line("rasa"), flush=True)
    if is_production():
        os.environ.setdefault("LOG_LEVEL", "INFO")
    fill_tracker_settings(os.environ)
    if argv[:1] == ["run"] and "--cors" not in argv:
        # The same origins as the channel's own check (FL_WIDGET_ORIGINS).
        argv += ["--cors", *widget_origins()]

    from runtime import log_privacy

    log_privacy.install()
    _refuse_model_upload()
    if argv[:1] == ["run"]:
        _reload_model_on_sighup(argv)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
