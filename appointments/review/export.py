"""`make nlu-inbox-export`: annotated inbox items into data/nlu/inbox/<language>.yml.

- Only items a maintainer annotated; only their redacted text. Markers such as
  "[TELEFON]" become plain words ("telefonnummer"): brackets are Rasa's entity syntax.
- Deduplicated against every example under data/nlu/ (also hand-written ones, which are
  never touched: the export writes only its own files under data/nlu/inbox/, and keeps
  every example already there).
- A text that is in a test split (tests/nlu/test_nlu.yml, tests/nlu/frozen/, near misses)
  never enters training, also when it was moved there after the annotation.
- Then `rasa data validate` (scripts/validate.py) on the result; prints what changed.

Usage: python -m appointments.review.export [--data DIR] [--tests DIR] [--no-validate]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy.exc import OperationalError, ProgrammingError

from appointments.config import Settings
from appointments.db import make_engine, make_session_factory
from appointments.review.service import annotated_items

REPO = Path(__file__).resolve().parents[2]
INBOX_DIR = "inbox"
HEADER = (
    'version: "3.1"\n'
    "# Erzeugt von `make nlu-inbox-export` aus dem Prüfeingang (annotierte, geschwärzte\n"
    "# Nachrichten). Beispiele bleiben stehen; neue kommen dazu. Von Hand geschriebene\n"
    "# Beispiele gehören in die anderen Dateien unter data/nlu/.\n"
)
MARKER_WORDS = {
    "[NAME]": "name",
    "[TELEFON]": "telefonnummer",
    "[E-MAIL]": "e-mail-adresse",
    "[ADRESSE]": "adresse",
    "[GEBURTSDATUM]": "geburtsdatum",
    "[DATUM]": "datum",
    "[BUCHUNGSNUMMER]": "buchungsnummer",
    "[IBAN]": "iban",
    "[LINK]": "link",
    "[NUMMER]": "nummer",
}
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def training_text(text: str) -> str:
    """Return the redacted text as a training sentence (no markers, no Rasa syntax)."""
    for marker, word in MARKER_WORDS.items():
        text = text.replace(marker, word)
    text = re.sub(r"[\[\]{}()]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def plain(example: str) -> str:
    """Return an example without entity annotations, for comparison."""
    return re.sub(r"\s+", " ", _ANNOTATION.sub(r"\1", example)).strip().lower()


def annotated_example(text: str, entities: Iterable[dict[str, object]]) -> str:
    """Return `text` with Rasa's inline entity annotations `[value](entity)`."""
    for entity in entities:
        value, name = str(entity.get("value") or ""), str(entity.get("entity") or "")
        value = training_text(value)
        start = text.find(value) if value and name else -1
        if start >= 0:
            text = f"{text[:start]}[{value}]({name}){text[start + len(value) :]}"
    return text


def _examples_in(data: object) -> Iterable[tuple[str | None, str]]:
    """(intent or None, example) of a Rasa NLU or near-miss file."""
    if not isinstance(data, dict):
        return
    for block in data.get("nlu") or []:
        if isinstance(block, dict) and isinstance(block.get("examples"), str):
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    yield block.get("intent"), line[2:]
    # near_misses.yml: {"not_intent": {intent: [sentences]}}
    for sentences in (data.get("not_intent") or {}).values():
        for sentence in sentences or []:
            yield None, str(sentence)


def _read(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def known_examples(nlu_dir: Path) -> set[str]:
    """Every training example under data/nlu/ (plain, lower case)."""
    return {plain(e) for p in sorted(nlu_dir.rglob("*.yml")) for _i, e in _examples_in(_read(p))}


def test_sentences(tests_dir: Path) -> set[str]:
    """Every sentence of the development, frozen and near-miss test sets."""
    paths = [tests_dir / "test_nlu.yml", tests_dir / "near_misses.yml"]
    paths += sorted((tests_dir / "frozen").glob("*.yml"))
    return {plain(e) for p in paths if p.exists() for _i, e in _examples_in(_read(p))}


def read_inbox_file(path: Path) -> dict[str, list[str]]:
    """Examples per intent of one generated inbox file (empty when it does not exist)."""
    found: dict[str, list[str]] = defaultdict(list)
    if path.exists():
        for intent, example in _examples_in(_read(path)):
            if intent:
                found[intent].append(example)
    return found


def render_inbox_file(examples: dict[str, list[str]]) -> str:
    """Return the YAML of one inbox file, intents and examples sorted (stable diffs)."""
    lines = [HEADER, "nlu:\n"]
    for intent in sorted(examples):
        lines.append(f"  - intent: {intent}\n    examples: |\n")
        lines += [f"      - {example}\n" for example in sorted(set(examples[intent]))]
    return "".join(lines)


@dataclass
class ExportResult:
    """What an export changed."""

    added: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    duplicates: int = 0
    in_test_sets: int = 0

    def report(self) -> str:
        """Return a German summary for the maintainer."""
        lines = []
        for language in sorted(self.added):
            lines.append(
                f"data/nlu/{INBOX_DIR}/{language}.yml: {len(self.added[language])} neue Beispiele"
            )
            lines += [f"  + {intent}: {text}" for intent, text in self.added[language]]
        if not self.added:
            lines.append("Keine neuen Beispiele.")
        lines.append(
            f"Übersprungen: {self.duplicates} schon vorhanden, {self.in_test_sets} im Testsatz."
        )
        return "\n".join(lines)


def export(items: Sequence[object], data_dir: Path, tests_dir: Path) -> ExportResult:
    """Add the annotated items to data_dir/nlu/inbox/<language>.yml; return what changed."""
    nlu_dir = data_dir / "nlu"
    known = known_examples(nlu_dir)
    tests = test_sentences(tests_dir)
    result = ExportResult()
    files: dict[str, dict[str, list[str]]] = {}
    for item in items:
        language = getattr(item, "language", "de")
        language = language if _LANGUAGE.match(language or "") else "de"
        intent = getattr(item, "annotated_intent", None)
        text = training_text(getattr(item, "text", "") or "")
        if not intent or not text:
            continue
        key = plain(text)
        if key in tests:
            result.in_test_sets += 1
            continue
        if key in known:
            result.duplicates += 1
            continue
        entities = yaml.safe_load(getattr(item, "annotated_entities", None) or "[]") or []
        if language not in files:
            files[language] = read_inbox_file(nlu_dir / INBOX_DIR / f"{language}.yml")
        example = annotated_example(text, entities)
        files[language][intent].append(example)
        known.add(key)
        result.added[language].append((intent, example))
    for language, examples in files.items():
        path = nlu_dir / INBOX_DIR / f"{language}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_inbox_file(examples), encoding="utf-8")
    return result


def validate(data_dir: Path) -> int:
    """Run scripts/validate.py (rasa data validate) on bot/ with this data folder."""
    with tempfile.TemporaryDirectory(prefix="fl-inbox-validate-") as root:
        for name in ("bot", "actions"):
            os.symlink(REPO / name, Path(root) / name)
        os.symlink(data_dir.resolve(), Path(root) / "data")
        command = [str(REPO / "scripts" / "validate.sh"), "--root", root]
        return subprocess.run(command, cwd=REPO, check=False).returncode


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    """Export, validate and print what changed."""
    parser = argparse.ArgumentParser(prog="python -m appointments.review.export")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="data folder")
    parser.add_argument(
        "--tests", type=Path, default=REPO / "tests" / "nlu", help="tests/nlu folder"
    )
    parser.add_argument("--no-validate", action="store_true", help="skip rasa data validate")
    args = parser.parse_args(argv)
    settings = settings or Settings()
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            result = export(annotated_items(session), args.data, args.tests)
    except (OperationalError, ProgrammingError) as error:
        print(
            f"Der Prüfeingang ist in dieser Datenbank nicht lesbar ({type(error).__name__}). "
            "Bitte APPOINTMENTS_DATABASE_URL prüfen und die Datenbank migrieren (`make db`).",
            file=sys.stderr,
        )
        return 2
    finally:
        engine.dispose()
    print(result.report())
    if args.no_validate or not result.added:
        return 0
    code = validate(args.data)
    if code:
        print(
            "rasa data validate ist fehlgeschlagen (siehe oben). Bitte die neuen Beispiele in "
            f"{args.data}/nlu/{INBOX_DIR}/ prüfen.",
            file=sys.stderr,
        )
    return code


if __name__ == "__main__":
    sys.exit(main())
