"""Adapters for Rasa 3.6's hot paths, installed together wherever the bot serves.

Each adapter keeps Rasa's behaviour and removes work that grew with load or with the
length of a conversation; docs/skalierung.md says what each one bought. They are
installed when the tracker store is imported, which every `rasa run` with
bot/endpoints.yml does, and not in `rasa train`. `python -m bot.hot_paths <rasa args>`
runs Rasa's command line with them (scripts/test_stories.sh), so the test stories
predict exactly as the server does.
"""

from __future__ import annotations

import sys

from bot import action_validation, deferred_ted, event_types, state_history

ADAPTERS = (action_validation, event_types, state_history, deferred_ted)


def install() -> None:
    """Install every adapter (again: no change)."""
    for adapter in ADAPTERS:
        adapter.install()


def all_installed() -> bool:
    """True when every adapter is active in this process."""
    return all(adapter.is_installed() for adapter in ADAPTERS)


if __name__ == "__main__":
    install()
    from rasa.__main__ import main

    sys.argv[0] = "rasa"
    main()
