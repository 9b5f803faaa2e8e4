"""Intent and entity names from the bot's domain (bot/domain/*.yml), for the annotation form."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "bot" / "domain"
# Not something a maintainer can choose as "the right intent".
_NOT_CHOOSABLE = {"nlu_fallback"}


def _names(items: object) -> list[str]:
    names = []
    for item in items or []:  # type: ignore[attr-defined]
        name = next(iter(item)) if isinstance(item, dict) else item
        if isinstance(name, str):
            names.append(name)
    return names


@lru_cache(maxsize=1)
def domain_names(directory: Path = DOMAIN_DIR) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (intents, entities) of the domain, sorted."""
    intents: set[str] = set()
    entities: set[str] = set()
    for path in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        intents.update(_names(data.get("intents")))
        entities.update(_names(data.get("entities")))
    return tuple(sorted(intents - _NOT_CHOOSABLE)), tuple(sorted(entities))
