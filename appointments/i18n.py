"""German texts from the gettext catalogue `appointments/locale/de/LC_MESSAGES/messages.po`.

The .po file is read with Babel and compiled to .mo in memory on first use, so there is no
build step and no compiled file in the repository. A message missing from the catalogue
falls back to its English msgid; a test makes sure that never happens.
"""

import gettext
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


@lru_cache(maxsize=4)
def translations(language: str = LANGUAGE) -> gettext.GNUTranslations:
    """Return the compiled translations of one language (compiled in memory, cached)."""
    buffer = BytesIO()
    write_mo(buffer, read_catalogue(language), use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str) -> str:
    """Translate one message into German."""
    return translations().gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (module-level tables)."""
    return message
