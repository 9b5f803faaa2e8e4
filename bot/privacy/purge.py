"""Erase conversations that have been inactive for longer than the retention time.

Run regularly (cron/systemd timer): `python -m bot.privacy.purge`; `make purge-conversations`.
The retention time comes from FL_CONVERSATION_RETENTION_HOURS (default 24).
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

from rasa.core.tracker_store import TrackerStore
from rasa.utils.endpoints import read_endpoint_config

ENDPOINTS = Path(__file__).resolve().parents[1] / "endpoints.yml"


async def purge(hours: float) -> int:
    """Delete inactive conversations from the configured store; return the events removed."""
    store = TrackerStore.create(read_endpoint_config(str(ENDPOINTS), "tracker_store"))
    store = getattr(store, "_tracker_store", store)
    return await store.delete_inactive(hours * 3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = float(os.environ.get("FL_CONVERSATION_RETENTION_HOURS", "24"))
    parser.add_argument("--hours", type=float, default=default)
    args = parser.parse_args()
    removed = asyncio.run(purge(args.hours))
    print(f"{removed} Gesprächsereignisse gelöscht (älter als {args.hours:g} Stunden).")


if __name__ == "__main__":
    main()
