"""Translations of the texts a family sees, as data under data/i18n/.

German is the source. A translation file `data/i18n/<code>/<table>.yml` maps a key to

    source: <version of the German text it translates>   (see `source_version`)
    de: <that German text, for the reader>
    text: <the translation>
    reviewed: false   (true once a reviewer has signed it off)

A translation whose `source` is not the version of today's German text is out of date and
never shown: the family reads the German text instead, and the translation tests fail
(tests/i18n). Tables:

- `responses`: the Rasa domain's responses, key = response name (+ `#button<n>` for the
  title of its n-th button); translated at output time by bot/translating_nlg.py.
- `phrases`: texts written by the actions; key = version of the German text, so a call
  `tr("Wann: {when}", lang)` needs no separate key. tests/i18n finds every such call.
- `consent`: the consent texts (data/content/consent*.yml), key = `<file>.<field>`.
- `content`: the catalogue's texts (offers, answers, labels), key = their path in the
  file (runtime/content_texts.py); rendered by actions/content in the family's language.

This module only reads YAML: the Rasa server, the action server and the scripts use it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

I18N_DIR = Path(
    os.environ.get("FL_I18N_DIR", Path(__file__).resolve().parent.parent / "data" / "i18n")
)
SOURCE_LANGUAGE = "de"
# The conversation's language (ISO 639-1); empty means German (docs/conversation.md).
LANGUAGE_SLOT = "language"
TABLES = ("responses", "phrases", "consent", "content")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Language:
    """One language a family can choose."""

    code: str
    name: str
    dir: str
    locale: str


@lru_cache(maxsize=1)
def languages() -> tuple[Language, ...]:
    """The configured languages, German first (data/i18n/languages.yml)."""
    raw = yaml.safe_load((I18N_DIR / "languages.yml").read_text(encoding="utf-8"))
    return tuple(Language(**entry) for entry in raw["languages"])


def codes() -> tuple[str, ...]:
    """ISO codes of all configured languages."""
    return tuple(language.code for language in languages())


def target_codes() -> tuple[str, ...]:
    """The languages that need translations (all but German)."""
    return tuple(code for code in codes() if code != SOURCE_LANGUAGE)


def language(code: str | None) -> Language:
    """The language of a code; German for an empty or unknown code."""
    by_code = {candidate.code: candidate for candidate in languages()}
    return by_code.get(code or "", by_code[SOURCE_LANGUAGE])


def normalise(value: Any) -> str:
    """A configured ISO code for a slot or metadata value, German for anything else.

    The slot may hold older values (a language's German name): they mean German here.
    """
    code = str(value or "").strip().lower()[:8]
    return code if code in codes() else SOURCE_LANGUAGE


def family_language(slots: Mapping[str, Any] | Any) -> str:
    """The conversation's language from a slot mapping or a rasa-sdk tracker."""
    if hasattr(slots, "get_slot"):
        return normalise(slots.get_slot(LANGUAGE_SLOT))
    return normalise(slots.get(LANGUAGE_SLOT))


def source_version(german: str) -> str:
    """The version of a German text: the start of its SHA-256, stable across machines."""
    return hashlib.sha256(german.strip().encode("utf-8")).hexdigest()[:12]


def placeholders(text: str) -> set[str]:
    """The `{…}` placeholders of a text; a translation must keep exactly these."""
    return set(_PLACEHOLDER.findall(text))


@lru_cache(maxsize=64)
def table(code: str, name: str) -> dict[str, dict[str, Any]]:
    """One translation table of one language ({} when the file does not exist)."""
    path = I18N_DIR / code / f"{name}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def lookup(name: str, key: str, german: str, code: str) -> str | None:
    """The current translation of `german` under `key`, or None (missing or out of date)."""
    if code == SOURCE_LANGUAGE:
        return None
    entry = table(code, name).get(key)
    if not entry or entry.get("source") != source_version(german) or not entry.get("text"):
        return None
    return str(entry["text"])


def translate(name: str, key: str, german: str, code: str) -> str:
    """The text in the family's language; the German text when no current translation exists."""
    return lookup(name, key, german, code) or german


@lru_cache(maxsize=1)
def _municipality_slots() -> dict[str, dict[str, str]]:
    path = I18N_DIR / "municipality_slots.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def municipality_slots(code: str) -> dict[str, str]:
    """The domain's local slot values (contacts, the benefit's name) in language `code`.

    Rendered with the German ones by scripts/render_municipality.py; only values that differ
    from German are listed.
    """
    return dict(_municipality_slots().get(code, {}))


def tr(german: str, code: str) -> str:
    """An action's own text in the family's language (table `phrases`, keyed by version)."""
    return translate("phrases", source_version(german), german, code)


def is_reviewed(name: str, key: str, code: str) -> bool:
    """True when a reviewer signed the translation off in the data."""
    return bool(table(code, name).get(key, {}).get("reviewed"))


def babel_locale(code: str) -> str:
    """The Babel locale for dates, times and amounts in this language."""
    return language(code).locale


def direction(code: str) -> str:
    """ "rtl" or "ltr"."""
    return language(code).dir
