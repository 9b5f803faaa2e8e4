"""Languages of families: German names for staff, and the catalogue a family's texts use.

Staff read German only, so a family's language is shown by its German name ("Arabisch").
Texts for families (mails, family pages) use the family's own language where a catalogue
`appointments/locale/<code>/LC_MESSAGES/messages.po` exists, German otherwise.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from appointments.i18n import LOCALE_DIR

SOURCE = "de"
# The project's one list of languages (code, own name, direction, Babel locale).
LANGUAGES_FILE = Path(__file__).resolve().parent.parent / "data" / "i18n" / "languages.yml"


@lru_cache(maxsize=1)
def configured() -> dict[str, dict[str, Any]]:
    """The configured languages by code ({} when the file is not deployed with the API)."""
    if not LANGUAGES_FILE.exists():
        return {}
    raw = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    return {entry["code"]: entry for entry in raw["languages"]}


@lru_cache(maxsize=32)
def german_name(code: str | None) -> str:
    """ "Arabisch" for "ar"; the code itself when Babel does not know it."""
    code = (code or SOURCE).strip().lower()
    return Locale.parse("de").languages.get(code) or code


@lru_cache(maxsize=1)
def family_languages() -> tuple[str, ...]:
    """Languages with a family catalogue (German always)."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")}
    return tuple(sorted(found | {SOURCE}))


def family_language(code: str | None) -> str:
    """The language a family's mails and pages are written in."""
    code = (code or SOURCE).strip().lower()
    return code if code in family_languages() else SOURCE


def babel_locale(code: str | None) -> str:
    """The Babel locale for dates and times in this language."""
    code = family_language(code)
    locale = configured().get(code, {}).get("locale") or ("de_DE" if code == SOURCE else code)
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return "de_DE"
    return locale


def direction(code: str | None) -> str:
    """ "rtl" for right-to-left scripts, else "ltr"."""
    entry = configured().get(family_language(code), {})
    return "rtl" if entry.get("dir") == "rtl" else "ltr"


def needs_interpreter_hint(code: str | None) -> bool:
    """True when staff should think of an interpreter: the family did not chat in German."""
    return (code or SOURCE).strip().lower() != SOURCE
