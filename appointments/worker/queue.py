"""The Huey instance of one deployment, chosen by APPOINTMENTS_QUEUE_URL.

sqlite:///path  – SqliteHuey: the embedded default, no server to run (`make run`).
redis://…       – RedisHuey: several API instances and workers share it (cluster profile).
memory://       – no queue at all: the API delivers right after its commit (tests only).
"""

from pathlib import Path

from huey import Huey, RedisHuey, SqliteHuey

DEFAULT_QUEUE_NAME = "familienlotse"
MEMORY = "memory://"


def is_memory(queue_url: str) -> bool:
    """Tell whether the URL means "no queue, deliver in the API process"."""
    return queue_url.startswith(MEMORY)


def make_huey(queue_url: str, name: str = DEFAULT_QUEUE_NAME) -> Huey:
    """Create the Huey instance for a queue URL (not for memory://).

    `name` keeps two deployments (or test runs) on one Redis apart.
    """
    if queue_url.startswith("sqlite://"):
        path = Path(queue_url.removeprefix("sqlite://").removeprefix("/") or "var/queue.db")
        if queue_url.startswith("sqlite:////"):
            path = Path("/") / path
        path.parent.mkdir(parents=True, exist_ok=True)
        # utc=True: periodic schedules below are in UTC, whatever the host's zone.
        return SqliteHuey(name, filename=str(path), utc=True)
    if queue_url.startswith(("redis://", "rediss://")):
        return RedisHuey(name, url=queue_url, utc=True)
    raise ValueError("queue URL must start with sqlite:// or redis://")
