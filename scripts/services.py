"""Start the Familienlotse services with labelled output; Ctrl-C stops all of them.

Used by `make run` (all five services; the worker delivers mail) and by tests that need
some of them. Ports, databases and the token come from the environment (see README);
nothing here is secret.

FL_ENV=production (README, "Betrieb") fills in no development value, checks every setting
of the chat side first and refuses to start with one list of what is missing; Rasa then
runs without its HTTP API and with bot/credentials.production.yml.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from runtime.production_check import (  # noqa: E402 (the repository root is put on the path first)
    DEV_ACTIONS_TOKEN,
    is_production,
    mode_line,
    problems,
    refusal,
    widget_origins,
)

BOT = ROOT / ".venv-bot" / "bin"
API = ROOT / ".venv-api" / "bin"
# The action server runs on current Python with the maintained rasa-sdk (SECURITY.md).
ACTIONS = ROOT / ".venv-actions" / "bin"
DEV_TOKEN = "entwicklung-nur-lokal"


@dataclass(frozen=True)
class Service:
    """One process: how to start it and how to see that it is ready."""

    name: str
    command: list[str]
    # Empty: no HTTP endpoint (the worker); ready once it runs.
    health_url: str


def environment() -> dict[str, str]:
    """The environment with the development defaults filled in."""
    env = dict(os.environ)
    defaults = {
        "FL_API_PORT": "8000",
        "FL_ACTIONS_PORT": "5055",
        "FL_RASA_PORT": "5005",
        "FL_WEB_PORT": "8080",
        "RASA_TELEMETRY_ENABLED": "false",
        # The action server listens on all interfaces unless told otherwise.
        "SANIC_HOST": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
        # Rasa 3.6 and its pinned libraries print pages of deprecation warnings.
        "PYTHONWARNINGS": "ignore",
    }
    if not is_production(env):
        # Published development values; production must bring its own (README, "Betrieb").
        defaults.update(
            {
                "RASA_TOKEN": DEV_TOKEN,
                "FL_ACTIONS_TOKEN": DEV_ACTIONS_TOKEN,
                # The development value the API accepts for holds, bookings and callbacks.
                "APPOINTMENTS_SERVICE_TOKEN": "entwicklung-dienst-nur-lokal",
                "FL_TRACKER_DIALECT": "sqlite",
                "FL_TRACKER_DB": str(ROOT / "var" / "tracker.db"),
            }
        )
    for key, value in defaults.items():
        env.setdefault(key, value)
    env.setdefault("FL_WIDGET_ORIGINS", ",".join(widget_origins(env)))
    env.setdefault("FL_APPOINTMENTS_URL", f"http://127.0.0.1:{env['FL_API_PORT']}")
    env.setdefault("FL_ACTIONS_URL", f"http://127.0.0.1:{env['FL_ACTIONS_PORT']}/webhook")
    if not is_production(env):
        env.setdefault("FL_RASA_URL", f"http://localhost:{env['FL_RASA_PORT']}")
    return env


def services(env: dict[str, str]) -> dict[str, Service]:
    """All services in start order."""
    model = env.get("FL_MODEL", str(ROOT / "models" / "current.tar.gz"))
    web_origins = widget_origins(env)
    production = is_production(env)
    # Development: the HTTP API on 127.0.0.1 behind the token. Production: no HTTP API at
    # all, only `/`, /socket.io and the channel webhooks (bot/serve.py refuses the rest).
    api = [] if production else ["--enable-api", "--auth-token", env["RASA_TOKEN"]]
    default_credentials = "bot/credentials.production.yml" if production else "bot/credentials.yml"
    # An empty value (as in the production template) means the default, never "no file".
    credentials = env.get("FL_RASA_CREDENTIALS") or default_credentials
    rasa_host = env.get("FL_RASA_HOST") or "127.0.0.1"
    rasa_probe = "127.0.0.1" if rasa_host in ("0.0.0.0", "::") else rasa_host
    return {
        "api": Service(
            "api",
            [str(API / "uvicorn"), "appointments.main:app", "--host", "127.0.0.1",
             "--port", env["FL_API_PORT"], "--no-access-log"],
            f"http://127.0.0.1:{env['FL_API_PORT']}/healthz",
        ),
        # Delivers the mail outbox and runs the scheduled purges (appointments/worker).
        "worker": Service("worker", [str(API / "python"), "-m", "appointments.worker"], ""),
        "actions": Service(
            "actions",
            [str(ACTIONS / "python"), "-m", "actions.server", "--port", env["FL_ACTIONS_PORT"]],
            f"http://127.0.0.1:{env['FL_ACTIONS_PORT']}/health",
        ),
        "rasa": Service(
            "rasa",
            [str(BOT / "python"), "-m", "bot.serve", "run", "--model", model, *api,
             "--endpoints", "bot/endpoints.yml", "--credentials", credentials,
             "--interface", rasa_host,
             "--port", env["FL_RASA_PORT"], "--cors", *web_origins],
            # `/` answers once the model is loaded; no token in the URL.
            f"http://{rasa_probe}:{env['FL_RASA_PORT']}/",
        ),
        "web": Service(
            "web",
            [str(API / "python"), "connectors/demo_server.py", "--port", env["FL_WEB_PORT"],
             "--rasa-url", env.get("FL_RASA_URL", "")],
            f"http://127.0.0.1:{env['FL_WEB_PORT']}/",
        ),
    }  # fmt: skip


def _pump(name: str, stream: object) -> None:
    label = f"[{name:<7}] "
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        sys.stdout.write(label + line)
        sys.stdout.flush()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 400
    except (urllib.error.URLError, OSError):
        return False


def _port_in_use(url: str) -> bool:
    parsed = urllib.parse.urlsplit(url)
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((parsed.hostname or "127.0.0.1", parsed.port or 80)) == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", default="api,worker,actions,rasa,web", help="comma-separated services"
    )
    parser.add_argument("--timeout", type=float, default=240, help="seconds to wait for health")
    args = parser.parse_args()
    env = environment()
    print(mode_line("services", env), flush=True)
    found = problems("services", env)
    if found:
        print(refusal("services", found), flush=True)
        return 2
    chosen = [services(env)[name] for name in args.only.split(",")]
    # A leftover server on the port would answer the health check in place of ours.
    busy = [s for s in chosen if s.health_url and _port_in_use(s.health_url)]
    if busy:
        for service in busy:
            url = service.health_url.split("?")[0]
            print(f"[{service.name:<7}] Port belegt ({url}) – läuft noch ein alter Dienst?")
        return 1
    processes: dict[str, subprocess.Popen[str]] = {}

    def stop_all(*_: object) -> None:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        for service in chosen:
            process = subprocess.Popen(
                service.command, cwd=ROOT, env=env, text=True, start_new_session=True,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )  # fmt: skip
            processes[service.name] = process
            threading.Thread(target=_pump, args=(service.name, process.stdout), daemon=True).start()
        deadline = time.monotonic() + args.timeout
        pending = list(chosen)
        while pending:
            for service in list(pending):
                if processes[service.name].poll() is not None:
                    code = processes[service.name].returncode
                    print(f"[{service.name:<7}] ist beendet (Code {code}).")
                    return 1
                if not service.health_url or _healthy(service.health_url):
                    where = service.health_url.split("?")[0] or "läuft"
                    print(f"[{service.name:<7}] bereit: {where}")
                    pending.remove(service)
            if time.monotonic() > deadline:
                print(
                    "Nicht alle Dienste wurden rechtzeitig bereit: "
                    + ", ".join(s.name for s in pending)
                )
                return 1
            time.sleep(1)
        if "web" in processes:
            url = f"http://localhost:{env['FL_WEB_PORT']}"
            print(f"\nFamilienlotse läuft: {url}  (Beenden mit Strg+C)\n")
        print("ALLE DIENSTE BEREIT", flush=True)
        while all(process.poll() is None for process in processes.values()):
            time.sleep(0.5)
        stopped = [name for name, process in processes.items() if process.poll() is not None]
        print("Dienst beendet: " + ", ".join(stopped) + " – alle anderen werden gestoppt.")
        return 1
    except KeyboardInterrupt:
        print("\nStoppe alle Dienste …")
        return 0
    finally:
        stop_all()


if __name__ == "__main__":
    sys.exit(main())
