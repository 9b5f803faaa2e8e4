"""Check and maintain the translations under data/i18n/ (see runtime/translations.py).

    python scripts/translations.py              list missing and out-of-date translations
                                                (exit 1 if there are any)
    python scripts/translations.py --todo en    print what `en` still needs, as YAML stubs
                                                with the German text, ready to translate
    python scripts/translations.py --import en responses file.yml
                                                take `key: translation` pairs from a file
                                                into data/i18n/en/responses.yml, with the
                                                version of today's German text and
                                                `reviewed: false`

German sources per table:
- responses: the default (unconditioned) variation of every response in bot/domain/*.yml,
  and the title of each of its buttons (`<name>#button<n>`);
- phrases: every `tr("…", …)` call with a literal German text under actions/ and in
  scripts/render_municipality.py (contact lines of the domain's responses);
- consent: `text`, `yes_label`, `no_label` of data/content/consent*.yml (`<file>.<field>`);
- content: the catalogue's family texts, keyed by their path (runtime/content_texts.py).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from runtime.content_texts import content_sources  # noqa: E402
from runtime.translations import (  # noqa: E402  (needs the project root on the path)
    I18N_DIR,
    TABLES,
    placeholders,
    source_version,
    target_codes,
)

CONSENT_FIELDS = ("text", "yes_label", "no_label")


def response_sources() -> dict[str, str]:
    """German response texts and button titles of the domain."""
    sources: dict[str, str] = {}
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (domain.get("responses") or {}).items():
            plain = [v for v in variations if not v.get("condition")] or variations
            default = plain[0]
            if default.get("text"):
                sources[name] = str(default["text"])
            for index, button in enumerate(default.get("buttons") or [], start=1):
                sources[f"{name}#button{index}"] = str(button["title"])
    return sources


def phrase_sources() -> dict[str, str]:
    """German texts of the actions' `tr()` calls, keyed by their version."""
    sources: dict[str, str] = {}
    paths = [*sorted((ROOT / "actions").rglob("*.py")), ROOT / "scripts" / "render_municipality.py"]
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                text = node.args[0].value
                sources[source_version(text)] = text
    return sources


def consent_sources() -> dict[str, str]:
    """The consent texts shown to families."""
    sources: dict[str, str] = {}
    for path in sorted((ROOT / "data" / "content").glob("consent*.yml")):
        consent = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in CONSENT_FIELDS:
            sources[f"{path.stem}.{field}"] = str(consent[field])
    return sources


def german_sources() -> dict[str, dict[str, str]]:
    """Every text that needs a translation, by table."""
    return {
        "responses": response_sources(),
        "phrases": phrase_sources(),
        "consent": consent_sources(),
        "content": content_sources(ROOT / "data" / "content"),
    }


def load_table(code: str, name: str) -> dict[str, dict]:
    """A translation table as written ({} when missing)."""
    path = I18N_DIR / code / f"{name}.yml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def problems(code: str) -> list[str]:
    """What is missing, out of date or broken in one language."""
    found = []
    for name, sources in german_sources().items():
        entries = load_table(code, name)
        for key, german in sources.items():
            entry = entries.get(key)
            if not entry or not entry.get("text"):
                found.append(f"{code}/{name}: fehlt: {key}")
            elif entry.get("source") != source_version(german):
                found.append(f"{code}/{name}: veraltet (deutscher Text geändert): {key}")
            elif placeholders(str(entry["text"])) != placeholders(german):
                found.append(f"{code}/{name}: Platzhalter anders als im Deutschen: {key}")
            elif "reviewed" not in entry:
                found.append(f"{code}/{name}: ohne Angabe reviewed: {key}")
    return found


def write_table(code: str, name: str, entries: dict[str, dict]) -> None:
    """Write a table in a stable, readable form."""
    path = I18N_DIR / code / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"# {name} in language `{code}`: maintained with scripts/translations.py.\n"
        "# source = version of the German text (`de`); reviewed = signed off by a reviewer.\n"
    )
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=True, width=100)
    path.write_text(header + body, encoding="utf-8")


def import_translations(code: str, name: str, path: Path) -> int:
    """Merge `key: translation` pairs for today's German texts; return how many."""
    sources = german_sources()[name]
    given = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = load_table(code, name)
    for key, text in given.items():
        if key not in sources:
            raise SystemExit(f"Unbekannter Schlüssel in {path}: {key}")
        entries[key] = {
            "source": source_version(sources[key]),
            "de": sources[key],
            "text": text,
            "reviewed": False,
        }
    write_table(code, name, {key: entries[key] for key in entries if key in sources})
    return len(given)


def todo(code: str) -> str:
    """YAML stubs for everything `code` still needs, German text as the value."""
    stubs: dict[str, dict[str, str]] = {}
    for name, sources in german_sources().items():
        entries = load_table(code, name)
        for key, german in sources.items():
            entry = entries.get(key) or {}
            if entry.get("source") != source_version(german):
                stubs.setdefault(name, {})[key] = german
    return yaml.safe_dump(stubs, allow_unicode=True, sort_keys=False, width=100)


def main(argv: list[str]) -> int:
    """Command line: check (default), --todo <code>, --import <code> <table> <file>."""
    if argv[:1] == ["--todo"] and len(argv) == 2:
        print(todo(argv[1]), end="")
        return 0
    if argv[:1] == ["--import"] and len(argv) == 4 and argv[2] in TABLES:
        count = import_translations(argv[1], argv[2], Path(argv[3]))
        print(f"{count} Übersetzungen nach data/i18n/{argv[1]}/{argv[2]}.yml übernommen.")
        return 0
    if argv:
        print(__doc__)
        return 2
    found = [problem for code in target_codes() for problem in problems(code)]
    for problem in found:
        print(problem)
    print(f"{len(found)} Probleme." if found else "Alle Übersetzungen vorhanden und aktuell.")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
