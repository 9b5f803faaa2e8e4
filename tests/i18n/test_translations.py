"""Every text a family reads in the chat exists in every language, for today's German text.

The German text is the source; a translation records the version of the German text it
translates (data/i18n/<code>/*.yml, scripts/translations.py). These tests fail when a text
is missing in a language, when its German text changed since it was translated, when a
translation lost a placeholder or a German office term, and when it has no `reviewed` mark.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from runtime import translations  # noqa: E402
from runtime.translations import source_version, target_codes, tr, translate  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "translations_script", ROOT / "scripts" / "translations.py"
)
assert _spec and _spec.loader
script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(script)

# German names a family needs at the office: where the German text names them, the
# translation keeps them visible (beside its own words).
OFFICE_TERMS = ("Jugendamt", "Jobcenter", "Familienbüro", "Kindergeld", "Bildung und Teilhabe")


def test_six_languages_configured_german_first() -> None:
    assert [language.code for language in translations.languages()] == [
        "de", "en", "ar", "uk", "ru", "tr",
    ]  # fmt: skip
    assert translations.direction("ar") == "rtl"
    assert {translations.direction(code) for code in ("de", "en", "uk", "ru", "tr")} == {"ltr"}


@pytest.mark.parametrize("code", target_codes())
def test_every_chat_text_translated_and_current(code: str) -> None:
    assert script.problems(code) == []


@pytest.mark.parametrize("code", target_codes())
def test_translations_keep_german_office_terms(code: str) -> None:
    missing = []
    for name, sources in script.german_sources().items():
        for key, german in sources.items():
            text = str(script.load_table(code, name)[key]["text"])
            for term in OFFICE_TERMS:
                if (
                    term in german
                    and term not in text
                    and not key.endswith(("#button1", "#button2"))
                ):
                    missing.append(f"{name}/{key}: {term}")
    assert missing == []


@pytest.mark.parametrize("code", target_codes())
def test_translations_are_marked_unreviewed_until_signed_off(code: str) -> None:
    for name in translations.TABLES:
        for key, entry in script.load_table(code, name).items():
            assert entry["reviewed"] in (True, False), f"{code}/{name}/{key}"


def test_a_changed_german_text_makes_its_translations_out_of_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sources = script.response_sources()
    sources["utter_goodbye"] = "Tschüss! Bis bald."
    monkeypatch.setattr(script, "response_sources", lambda: sources)
    found = script.problems("en")
    assert "en/responses: veraltet (deutscher Text geändert): utter_goodbye" in found
    # At run time the out-of-date translation is never shown: the family reads German.
    assert (
        translate("responses", "utter_goodbye", "Tschüss! Bis bald.", "en") == "Tschüss! Bis bald."
    )


def test_a_missing_text_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = script.response_sources()
    sources["utter_new_answer"] = "Eine neue Antwort."
    monkeypatch.setattr(script, "response_sources", lambda: sources)
    assert "ar/responses: fehlt: utter_new_answer" in script.problems("ar")


def test_current_translation_is_used_and_german_stays_german() -> None:
    german = "Diese gemeinsamen Termine sind frei. Welcher passt Ihnen?"
    assert tr(german, "en") == "These joint appointments are available. Which one suits you?"
    assert tr(german, "de") == german
    assert tr(german, "xx") == german
    assert source_version(german) == source_version(f"  {german}\n")


def test_every_tr_call_passes_a_literal_german_text() -> None:
    """Only literal texts can be found and checked; a variable would escape the check."""
    offenders = []
    for path in sorted((ROOT / "actions").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
            ):
                first = node.args[0] if node.args else None
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_translation_files_name_only_known_keys() -> None:
    sources = script.german_sources()
    for code in target_codes():
        for name in translations.TABLES:
            path = ROOT / "data" / "i18n" / code / f"{name}.yml"
            keys = set((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).keys())
            assert keys <= set(sources[name]), f"{code}/{name}: {sorted(keys - set(sources[name]))}"
