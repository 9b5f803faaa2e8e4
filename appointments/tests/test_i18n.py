"""The German gettext catalogue covers every message the code uses, translated and consistent."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from appointments import i18n

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None}
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def used_messages() -> dict[str, str]:
    """Return every literal msgid passed to _() or N_() in the package's code → where."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE,
        method_map=[
            ("**/tests/**.py", "ignore"),
            ("**.py", "python"),
            # Workspace pages translate in their Jinja2 templates: {{ _("...") }}.
            ("**/templates/**.html", "jinja2.ext:babel_extract"),
        ],
        keywords=KEYWORDS,
    ):
        assert isinstance(message, str), f"plural/context messages are not used: {filename}"
        found.setdefault(message, f"{filename}:{lineno}")
    return found


def problems(catalog: Catalog, used: dict[str, str]) -> list[str]:
    """List messages that are missing, untranslated, fuzzy or have other placeholders."""
    found = []
    for msgid, where in sorted(used.items()):
        entry = catalog.get(msgid)
        if entry is None:
            found.append(f"missing: {msgid!r} ({where})")
        elif not entry.string:
            found.append(f"untranslated: {msgid!r} ({where})")
        elif entry.fuzzy:
            found.append(f"fuzzy: {msgid!r} ({where})")
        elif set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(str(entry.string))):
            found.append(f"placeholders differ: {msgid!r} ({where})")
    return found


def test_code_uses_messages() -> None:
    used = used_messages()
    assert len(used) >= 20
    assert "Hello {name}," in used


def test_every_used_message_is_translated() -> None:
    assert problems(i18n.read_catalogue(), used_messages()) == []


def test_catalogue_has_no_unused_entries() -> None:
    used = used_messages()
    unused = [m.id for m in i18n.read_catalogue() if m.id and m.id not in used]
    assert unused == []


def test_catalogue_passes_babel_checks() -> None:
    errors = [(m.id, [str(e) for e in errs]) for m, errs in i18n.read_catalogue().check()]
    assert errors == []


def test_the_checker_reports_bad_entries() -> None:
    catalog = Catalog(locale="de")
    catalog.add("Translated {x}", "Übersetzt {x}")
    catalog.add("Empty", "")
    catalog.add("Fuzzy", "Unscharf", flags=["fuzzy"])
    catalog.add("Hello {name}", "Hallo {nme}")
    used = {m: "x.py:1" for m in ("Translated {x}", "Empty", "Fuzzy", "Hello {name}", "New")}
    assert problems(catalog, used) == [
        "untranslated: 'Empty' (x.py:1)",
        "fuzzy: 'Fuzzy' (x.py:1)",
        "placeholders differ: 'Hello {name}' (x.py:1)",
        "missing: 'New' (x.py:1)",
    ]


@pytest.mark.parametrize(
    ("msgid", "german"),
    [
        ("Hello {name},", "Guten Tag {name},"),
        ("Kind regards", "Freundliche Grüße"),
        ("Booking number: {reference}", "Buchungsnummer: {reference}"),
    ],
)
def test_runtime_translation_is_german(msgid: str, german: str) -> None:
    assert i18n._(msgid) == german
