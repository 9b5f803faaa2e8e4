"""FL_ENV=production: the API refuses unsafe settings with one message naming every problem."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from appointments.config import DEFAULT_SECRET_KEY, DEFAULT_SERVICE_TOKEN, Settings
from appointments.db import make_engine, make_session_factory
from appointments.main import create_app
from appointments.models import Base
from appointments.production import UnsafeConfigurationError
from appointments.tests.databases import postgres_schema
from appointments.tests.factories import create_account, create_agency

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / "deploy" / "production.env.example"
API_BLOCK = "# === Termin-API (appointments) ==="
# Every variable the refusal must name when nothing at all is configured.
EXPECTED_WHEN_EMPTY = (
    "APPOINTMENTS_SECRET_KEY",
    "APPOINTMENTS_SERVICE_TOKEN",
    "APPOINTMENTS_DATABASE_URL",
    "APPOINTMENTS_SMTP_HOST",
    "APPOINTMENTS_SMTP_USERNAME",
    "APPOINTMENTS_SMTP_PASSWORD",
    "APPOINTMENTS_PUBLIC_BASE_URL",
    "APPOINTMENTS_SEED_FILE",
)
DEVELOPMENT_VALUES = {
    "APPOINTMENTS_SECRET_KEY": DEFAULT_SECRET_KEY,
    "APPOINTMENTS_SERVICE_TOKEN": DEFAULT_SERVICE_TOKEN,
    "APPOINTMENTS_DATABASE_URL": "sqlite:///var/appointments.db",
    "APPOINTMENTS_DEMO_STAFF_PASSWORD": "demo-passwort",
    "APPOINTMENTS_MAIL_DIR": "var/mail",
    "APPOINTMENTS_SMTP_HOST": "",
    "APPOINTMENTS_SMTP_PASSWORD": "kurz",
    "APPOINTMENTS_PUBLIC_BASE_URL": "http://localhost:8000",
    "APPOINTMENTS_SMTP_SECURITY": "none",
}
SAFE = {
    "secret_key": "s" * 40,
    "service_token": "t" * 40,
    "smtp_host": "mail.stadt.example",
    "smtp_username": "termine",
    "smtp_password": "ein-langes-mailpasswort",
    "public_base_url": "https://termine.stadt.example",
}


def _start_api(extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Start the API as scripts/services.py does (uvicorn, same entry), with a bare env."""
    env = {"PATH": os.environ.get("PATH", ""), "FL_ENV": "production", **extra}
    command = [sys.executable, "-m", "uvicorn", "appointments.main:app", "--host", "127.0.0.1",
               "--port", "0", "--no-access-log"]  # fmt: skip
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_production_without_settings_refuses_and_names_everything(tmp_path: Path) -> None:
    result = _start_api({}, tmp_path)

    assert result.returncode == 3
    assert "Termin-API startet nicht" in result.stderr
    assert "Traceback" not in result.stderr
    for name in EXPECTED_WHEN_EMPTY:
        assert name in result.stderr, name


def test_production_with_development_values_refuses_and_names_everything(
    tmp_path: Path,
) -> None:
    result = _start_api(DEVELOPMENT_VALUES, tmp_path)

    assert result.returncode == 3
    for name in (*DEVELOPMENT_VALUES, "APPOINTMENTS_SMTP_USERNAME", "APPOINTMENTS_SEED_FILE"):
        assert name in result.stderr, name
    assert "Entwicklungswert" in result.stderr and "SQLite" in result.stderr
    # The message names problems, never the secret values themselves.
    assert DEFAULT_SERVICE_TOKEN not in result.stderr and "demo-passwort" not in result.stderr


def test_fl_env_wins_over_a_development_appointments_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FL_ENV", "production")
    monkeypatch.setenv("APPOINTMENTS_ENVIRONMENT", "development")
    assert Settings().environment == "production"
    monkeypatch.setenv("FL_ENV", "prod")  # a typo fails closed
    with pytest.raises(ValueError, match="FL_ENV"):
        Settings()


def test_development_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FL_ENV", raising=False)
    monkeypatch.delenv("APPOINTMENTS_ENVIRONMENT", raising=False)
    assert Settings().environment == "development"


def test_safe_production_settings_start_and_demo_accounts_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = tmp_path / "stadt.yml"
    seed.write_text("agencies: []\n", encoding="utf-8")
    monkeypatch.delenv("FL_ENV", raising=False)
    with postgres_schema() as database_url:
        engine = make_engine(database_url)
        Base.metadata.create_all(engine)
        settings = Settings(
            environment="production", database_url=database_url, seed_file=seed, **SAFE
        )
        try:
            assert create_app(settings).state.settings.environment == "production"
            with make_session_factory(engine)() as session:
                create_agency(session, "jugendamt")
                create_account(session, "demo.musterfrau", "ein-echtes-passwort-123", None)
                create_account(session, "a.schmidt", "demo-passwort", None)
                session.commit()
            with pytest.raises(UnsafeConfigurationError) as refused:
                create_app(settings)
        finally:
            engine.dispose()
    assert "2 Demo-Konto" in str(refused.value)
    assert refused.value.problems == [
        "Datenbank: 2 Demo-Konto/-Konten mit Demo-Name oder Demo-Passwort (demo accounts "
        "present); bitte deaktivieren"
    ]


def _example_variables() -> list[str]:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    assert API_BLOCK in text
    block = text.split(API_BLOCK, 1)[1].split("\n# === ", 1)[0]
    lines = block.strip().splitlines()
    names = [m.group(1) for line in lines if (m := re.match(r"#?\s*([A-Z_]+)=", line))]
    # One comment per variable: the line before each assignment is a comment.
    for index, line in enumerate(lines):
        if re.match(r"#?\s*APPOINTMENTS_[A-Z_]+=", line):
            assert lines[index - 1].startswith("# "), line
    return names


def test_production_env_example_lists_exactly_the_api_settings() -> None:
    documented = {name for name in _example_variables() if name.startswith("APPOINTMENTS_")}
    settings = {f"APPOINTMENTS_{name.upper()}" for name in Settings.model_fields}
    # ENVIRONMENT is replaced by the shared FL_ENV switch, which the block sets instead.
    assert documented == settings - {"APPOINTMENTS_ENVIRONMENT"}
    assert "FL_ENV" in _example_variables()


def test_filled_in_example_gives_valid_production_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = ENV_EXAMPLE.read_text(encoding="utf-8").split(API_BLOCK, 1)[1].split("\n# === ")[0]
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            monkeypatch.setenv(name, value)
    for name in ("SECRET_KEY", "SERVICE_TOKEN", "SMTP_USERNAME", "SMTP_PASSWORD"):
        monkeypatch.setenv(f"APPOINTMENTS_{name}", "x" * 40)
    settings = Settings()
    assert settings.environment == "production"
    assert settings.rate_limit_storage.startswith("redis://")


@pytest.mark.parametrize(
    "value",
    ["entwicklung-nur-lokal-actions-token-lang", "example-secret-" + "x" * 30, "Passwort" * 5],
)
def test_published_example_secrets_are_refused(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Long enough, but copied from the repository or a how-to rather than generated.
    from appointments.production import settings_problems

    monkeypatch.setenv("FL_ENV", "production")
    monkeypatch.setenv("APPOINTMENTS_SERVICE_TOKEN", value)
    problems = settings_problems(Settings())
    assert any(p.startswith("APPOINTMENTS_SERVICE_TOKEN: veröffentlichter") for p in problems)
