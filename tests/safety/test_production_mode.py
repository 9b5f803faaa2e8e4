"""FL_ENV=production: every chat-side service refuses unsafe settings before it starts."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from runtime.production_check import VARIABLES, problems, variables_for, widget_origins

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / ".venv-bot" / "bin" / "python"
API = ROOT / ".venv-api" / "bin" / "python"
ACTIONS = ROOT / ".venv-actions" / "bin" / "python"
COMMANDS = {
    "rasa": [str(BOT), "-m", "bot.serve", "run"],
    "actions": [str(ACTIONS), "-m", "actions.server", "--port", "9"],
    "web": [str(API), "connectors/demo_server.py", "--port", "9"],
    "services": [str(API), "scripts/services.py"],
}
# Values a development set-up or a copied example would have.
DEVELOPMENT_VALUES = {
    "FL_TRACKER_KEY": "0" * 43 + "=",
    "FL_TRACKER_URL": "sqlite:///var/tracker.db",
    "FL_ACTIONS_TOKEN": "entwicklung-nur-lokal-actions-token",
    "APPOINTMENTS_SERVICE_TOKEN": "kurz",
    "FL_WIDGET_ORIGINS": "http://localhost:8080",
    "FL_RASA_URL": "http://localhost:5005",
    "RASA_TOKEN": "entwicklung-nur-lokal",
    "LOG_LEVEL": "DEBUG",
}
SAFE_VALUES = {
    "FL_TRACKER_KEY": Fernet.generate_key().decode(),
    "FL_TRACKER_URL": "postgresql://lotse:Gq7-vT2x@db.intern:5432/familienlotse",
    "FL_ACTIONS_TOKEN": "a1" * 24,
    "APPOINTMENTS_SERVICE_TOKEN": "b2" * 24,
    "FL_WIDGET_ORIGINS": "https://www.ibbenbueren.de, https://familie.kreis-steinfurt.de",
    "FL_RASA_URL": "https://chat.ibbenbueren.de",
}


def start(service: str, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Start a service with only FL_ENV=production and `extra` in its environment."""
    env = {"PATH": os.environ["PATH"], "FL_ENV": "production", **extra}
    return subprocess.run(
        COMMANDS[service] + list(args), cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("service", sorted(COMMANDS))
def test_each_service_refuses_to_start_with_nothing_set(service: str) -> None:
    result = start(service, {})
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Start abgebrochen" in output
    for variable in variables_for(service):
        assert f"{variable.name}: fehlt" in output


@pytest.mark.parametrize("service", sorted(COMMANDS))
def test_each_service_refuses_development_values(service: str) -> None:
    result = start(service, DEVELOPMENT_VALUES)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    for variable in variables_for(service):
        assert f"  - {variable.name}: " in output, variable.name
    if service in ("rasa", "actions", "services"):
        assert "LOG_LEVEL: DEBUG" in output


def test_safe_values_pass_the_check_for_every_service() -> None:
    for service in ("rasa", "actions", "web", "services"):
        assert problems(service, {"FL_ENV": "production", **SAFE_VALUES}) == []


@pytest.mark.parametrize("variable", ["FL_ACTIONS_TOKEN", "APPOINTMENTS_SERVICE_TOKEN"])
def test_a_short_secret_is_refused(variable: str) -> None:
    env = {"FL_ENV": "production", **SAFE_VALUES, variable: "x7" * 15}
    assert [line.split(":")[0] for line in problems("services", env)] == [variable]


def test_rasa_needs_the_api_token_for_ratings_unless_the_review_inbox_is_off() -> None:
    env = {"FL_ENV": "production", **SAFE_VALUES}
    del env["APPOINTMENTS_SERVICE_TOKEN"]
    assert [line.split(":")[0] for line in problems("rasa", env)] == ["APPOINTMENTS_SERVICE_TOKEN"]
    assert problems("rasa", {**env, "FL_REVIEW_INBOX": "0"}) == []
    # The action server books with it, inbox or not.
    assert problems("actions", {**env, "FL_REVIEW_INBOX": "0"})


def test_an_unknown_mode_is_refused_not_taken_for_development() -> None:
    assert problems("rasa", {"FL_ENV": "prod"})
    assert problems("rasa", {}) == []  # development is the default


def test_production_refuses_to_open_the_rasa_http_api() -> None:
    result = start("rasa", SAFE_VALUES, "--enable-api", "--auth-token", "x" * 40)
    assert result.returncode == 2
    assert "--enable-api:" in result.stderr and "--auth-token:" in result.stderr


def test_development_says_so_in_the_first_log_line(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "FL_WEB_PORT": "1"}  # port 1: refused at once
    result = subprocess.run(
        [str(API), "scripts/services.py", "--only", "web", "--timeout", "1"], cwd=ROOT,
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.splitlines()[0].startswith("[services] Entwicklungsmodus")


def test_widget_origins_come_from_the_variable_or_the_demo_page() -> None:
    city = {"FL_WIDGET_ORIGINS": "https://www.stadt-a.de/, https://b.de"}
    assert widget_origins(city) == ["https://www.stadt-a.de", "https://b.de"]
    assert widget_origins({"FL_WEB_PORT": "8123"}) == [
        "http://localhost:8123",
        "http://127.0.0.1:8123",
    ]
    assert widget_origins({"FL_ENV": "production"}) == []  # no silent default


def test_every_variable_is_described() -> None:
    assert all(v.description and v.services for v in VARIABLES)


def test_production_refuses_abbreviated_api_options() -> None:
    # argparse takes `--enable` for `--enable-api`: a prefix is the same door.
    result = start("rasa", SAFE_VALUES, "--enable", "--credentials", "bot/credentials.yml")
    assert result.returncode == 2
    assert "--enable:" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--credentials", ""), id="empty-credentials"),
        pytest.param(("--credentials", "bot/keine-datei.yml"), id="missing-credentials"),
        pytest.param(
            ("--credentials", "bot/credentials.production.yml", "--connector", "rest"),
            id="connector",
        ),
        pytest.param(
            ("--credentials", "bot/credentials.production.yml", "--cors", "*"), id="any-origin"
        ),
    ],
)
def test_production_never_falls_back_to_the_open_rest_channel(args: tuple[str, ...]) -> None:
    # Without an existing credentials file Rasa would open its REST channel instead.
    result = start("rasa", SAFE_VALUES, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Start abgebrochen" in result.stderr


def test_an_empty_credentials_variable_means_the_production_file() -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("services", ROOT / "scripts" / "services.py")
    assert spec and spec.loader
    services = importlib.util.module_from_spec(spec)
    sys.modules["services"] = services  # dataclasses look their module up there
    spec.loader.exec_module(services)
    env = {
        **SAFE_VALUES, "FL_ENV": "production", "FL_RASA_CREDENTIALS": "", "FL_RASA_HOST": "",
        "FL_API_PORT": "8000", "FL_ACTIONS_PORT": "5055", "FL_RASA_PORT": "5005",
        "FL_WEB_PORT": "8080",
    }  # fmt: skip
    rasa = services.services(env)["rasa"].command
    assert rasa[rasa.index("--credentials") + 1] == "bot/credentials.production.yml"
    assert rasa[rasa.index("--interface") + 1] == "127.0.0.1"
