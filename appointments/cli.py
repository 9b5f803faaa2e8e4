"""Command line: `python -m appointments.cli migrate|seed|purge|purge-review|forget`."""

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config

from appointments.bookings.exceptions import BookingNotFoundError
from appointments.bookings.retention import forget, purge
from appointments.callbacks.service import purge_callbacks
from appointments.clock import Clock, system_clock
from appointments.config import Settings
from appointments.db import make_engine, make_session_factory
from appointments.notify.mailer import purge_mail_files
from appointments.review.service import purge_review
from appointments.seed.loader import apply_seed, load_seed_file

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"


def alembic_config(database_url: str) -> Config:
    """Return the Alembic config for this package, pointed at the given database."""
    config = Config(str(ALEMBIC_INI))
    # Passed as an attribute, not via set_main_option: ini interpolation would mangle "%".
    config.attributes["database_url"] = database_url
    return config


def migrate(settings: Settings) -> None:
    """Upgrade the database schema to the newest migration."""
    make_engine(settings.database_url).dispose()  # creates var/ for SQLite files
    command.upgrade(alembic_config(settings.database_url), "head")


def seed(settings: Settings) -> None:
    """Load the seed YAML into the database (idempotent); demo data never in production."""
    data = load_seed_file(settings.seed_file)
    if settings.environment == "production" and data.demo_data:
        raise SystemExit(
            "Demo-Daten werden im Betrieb nicht eingespielt (demo data is refused in "
            "production): bitte APPOINTMENTS_SEED_FILE auf die echte Datei setzen."
        )
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            apply_seed(session, data, settings.demo_staff_password.get_secret_value())
    finally:
        engine.dispose()


def run_purge(settings: Settings, clock: Clock = system_clock) -> int:
    """Erase personal data of bookings past the retention period; return how many."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            return purge(session, settings, clock())
    finally:
        engine.dispose()


def run_purge_callbacks(settings: Settings, clock: Clock = system_clock) -> int:
    """Erase personal data of callback requests that are done or past retention."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            return purge_callbacks(session, settings, clock())
    finally:
        engine.dispose()


def run_forget(settings: Settings, reference: str, clock: Clock = system_clock) -> None:
    """Erase one family's personal data (raises BookingNotFoundError for unknown references)."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            forget(session, reference, clock())
    finally:
        engine.dispose()


def run_purge_review(settings: Settings, clock: Clock = system_clock) -> int:
    """Delete review-inbox items older than APPOINTMENTS_REVIEW_RETENTION_DAYS; return how many."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            return purge_review(session, settings, clock())
    finally:
        engine.dispose()


def main(
    argv: Sequence[str] | None = None,
    settings: Settings | None = None,
    clock: Clock = system_clock,
) -> int:
    """Parse arguments and run one command."""
    parser = argparse.ArgumentParser(prog="python -m appointments.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="alembic upgrade head")
    sub.add_parser("seed", help="load the seed YAML (agencies, staff, windows, accounts)")
    sub.add_parser(
        "purge", help="erase personal data after APPOINTMENTS_RETENTION_DAYS (and done callbacks)"
    )
    sub.add_parser(
        "purge-review", help="delete review-inbox items after APPOINTMENTS_REVIEW_RETENTION_DAYS"
    )
    forget_parser = sub.add_parser("forget", help="erase one family's personal data now")
    forget_parser.add_argument("--reference", required=True, help="booking reference FL-XXXX-XXXX")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    settings = settings or Settings()
    if args.command == "migrate":
        migrate(settings)
    elif args.command == "seed":
        seed(settings)
    elif args.command == "purge":
        count = run_purge(settings, clock)
        print(f"Personenbezogene Daten von {count} Buchung(en) gelöscht.")
        count = run_purge_callbacks(settings, clock)
        print(f"Personenbezogene Daten von {count} Rückrufbitte(n) gelöscht.")
        count = purge_mail_files(settings.mail_dir)
        print(f"{count} E-Mail-Datei(en) aus der Entwicklung gelöscht.")
    elif args.command == "purge-review":
        count = run_purge_review(settings, clock)
        print(f"{count} Eintrag/Einträge aus dem Prüfeingang gelöscht (Aufbewahrungsfrist).")
    else:
        try:
            run_forget(settings, args.reference, clock)
        except BookingNotFoundError as exc:
            print(exc.message, file=sys.stderr)
            return 1
        print(f"Die Daten zur Buchung {args.reference.strip().upper()} wurden gelöscht.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
