"""Texts from the gettext catalogues `appointments/locale/<code>/LC_MESSAGES/messages.po`.

German (`de`) holds every text; staff always read German. Texts for a family (its mails
and pages) are written inside `family_texts(code)` and then come from the family's
language's catalogue, which holds only those texts and falls back to German. Each
translated entry records the version of the German text it translates and whether a
reviewer signed it off (`# source: …`, `# reviewed: false`); tests/i18n checks them.

The .po file is read with Babel and compiled to .mo in memory on first use, so there is no
build step and no compiled file in the repository. A message missing from the German
catalogue falls back to its English msgid; a test makes sure that never happens.
"""

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
LANGUAGE = "de"


def catalogue_path(language: str = LANGUAGE) -> Path:
    """Return the path of the .po file of one language."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str = LANGUAGE) -> Catalog:
    """Parse the .po file (fuzzy entries are kept, but never used for translation)."""
    with catalogue_path(language).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


# The language texts are written in right now: German unless inside `family_texts`.
_current: ContextVar[str] = ContextVar("text_language", default=LANGUAGE)


@lru_cache(maxsize=16)
def translations(language: str = LANGUAGE) -> gettext.GNUTranslations:
    """Return the compiled translations of one language (compiled in memory, cached)."""
    buffer = BytesIO()
    write_mo(buffer, read_catalogue(language), use_fuzzy=False)
    buffer.seek(0)
    compiled = gettext.GNUTranslations(buffer)
    if language != LANGUAGE:
        # A text not (yet) translated is shown in German, never as the English msgid.
        compiled.add_fallback(translations(LANGUAGE))
    return compiled


def current_language() -> str:
    """The language texts are written in right now."""
    return _current.get()


@contextmanager
def family_texts(language: str) -> Iterator[None]:
    """Write the texts inside this block in `language` (a code with a catalogue)."""
    if not catalogue_path(language).exists():
        language = LANGUAGE
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """Translate one message into the current language (German by default)."""
    return translations(_current.get()).gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (module-level tables)."""
    return message
