"""Check and write the family catalogues (appointments/locale/<code>/LC_MESSAGES/messages.po).

A family catalogue translates the German texts of `FAMILY_MESSAGES`. Each entry records
the version of the German text it translates and whether a reviewer signed it off, as
translator comments:

    # source: 3f2a9c1e0b7d
    # reviewed: false
    #. de: <the German text, for the reviewer>

The version is the start of the SHA-256 of the German text (as for the chat's texts,
runtime/translations.py), so a changed German text makes its translations out of date.
"""

import hashlib
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from appointments.i18n import LANGUAGE, LOCALE_DIR, catalogue_path, read_catalogue
from appointments.notify.family_messages import FAMILY_MESSAGES


def source_version(german: str) -> str:
    """The version of a German text."""
    return hashlib.sha256(german.strip().encode("utf-8")).hexdigest()[:12]


def family_codes() -> list[str]:
    """Languages with a family catalogue, German excluded."""
    return sorted(
        path.parent.parent.name
        for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")
        if path.parent.parent.name != LANGUAGE
    )


def _comment(comments: list[str], name: str) -> str | None:
    for comment in comments:
        key, _, value = comment.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


def problems(code: str) -> list[str]:
    """What is missing or out of date in one family catalogue."""
    german = read_catalogue(LANGUAGE)
    catalogue = read_catalogue(code)
    found = []
    for msgid in FAMILY_MESSAGES:
        source = german.get(msgid)
        entry = catalogue.get(msgid)
        if source is None or not source.string:
            found.append(f"de: fehlt: {msgid}")
        elif entry is None or not entry.string:
            found.append(f"{code}: fehlt: {msgid}")
        elif _comment(entry.user_comments, "source") != source_version(_singular(source.string)):
            found.append(f"{code}: veraltet (deutscher Text geändert): {msgid}")
        elif _comment(entry.user_comments, "reviewed") not in ("true", "false"):
            found.append(f"{code}: ohne Angabe reviewed: {msgid}")
    return found


def _singular(string: object) -> str:
    """Family messages have no plural forms, so a catalogue entry's text is one string."""
    return string if isinstance(string, str) else ""


def write(code: str, translations: dict[str, str]) -> Path:
    """Write the family catalogue of `code` for today's German texts, unreviewed."""
    german = read_catalogue(LANGUAGE)
    path = catalogue_path(code)
    old = read_catalogue(code) if path.exists() else None
    catalogue = Catalog(locale=code, domain="messages", project="Familienlotse", fuzzy=False)
    for msgid in FAMILY_MESSAGES:
        source = _singular(german[msgid].string)
        text = translations.get(msgid)
        reviewed = "false"
        if text is None and old is not None and old.get(msgid) is not None:
            previous = old[msgid]
            if _comment(previous.user_comments, "source") == source_version(source):
                text = _singular(previous.string) or None
                reviewed = _comment(previous.user_comments, "reviewed") or "false"
        if text is None:
            continue
        catalogue.add(
            msgid,
            text,
            user_comments=[f"source: {source_version(source)}", f"reviewed: {reviewed}"],
            auto_comments=[f"de: {source}"],
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False, sort_output=False)
    return path
