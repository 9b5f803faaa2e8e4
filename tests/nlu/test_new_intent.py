"""Adding an intent, as a maintainer would, in a temporary copy of the project.

- With 5 examples and no test sentences, the checks fail and name the intent.
- With enough examples, test sentences (development and a new frozen version), a label,
  an answer and its rules, every check passes, without editing a test file.
- `make validate` (scripts/validate.py) fails when the intent is missing from the domain.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
INTENT = "ask_opening_hours"
EXAMPLES = [
    "wann hat das familienbüro offen",
    "wie sind die öffnungszeiten vom familienbüro",
    "ist das familienbüro heute geöffnet",
    "bis wann kann ich im familienbüro vorbeikommen",
    "hat das familienbüro am freitag auf",
    "wann ist das familienbüro besetzt",
    "öffnungszeiten familienbüro bitte",
    "kann ich montags ins familienbüro kommen",
    "ab wann ist das familienbüro morgens da",
    "wann sind die sprechzeiten im familienbüro",
    "hat das büro auch nachmittags geöffnet",
    "wann erreiche ich das familienbüro persönlich",
    "ist das familienbüro in den ferien geöffnet",
    "welche tage hat das familienbüro offen",
    "wann macht das familienbüro zu",
    "gibt es eine offene sprechstunde im familienbüro",
    "wann kann ich ohne termin ins familienbüro",
    "wie lange hat das familienbüro heute auf",
    "ist samstags jemand im familienbüro",
    "familienbüro geöffnet?",
    "zu welchen zeiten ist das familienbüro offen",
    "wann kann ich dort einfach vorbeigehen",
    "hat das familienbüro mittags zu",
    "öffnungszeiten bitte",
    "wann ist das büro der stadt für familien offen",
]
DEV = [
    "wann hat euer familienbüro geöffnet",
    "zu welcher uhrzeit öffnet das familienbüro",
    "hat das familienbüro donnerstags länger auf",
    "ist das familienbüro über mittag zu",
    "wann kann man im familienbüro jemanden antreffen",
    "familienbüro öffnungszeiten montag",
    "bis wie viel uhr ist das familienbüro offen",
    "hat das familienbüro in der woche jeden tag auf",
]
FROZEN = [
    "wann darf ich beim familienbüro vorbeischauen",
    "sind die im familienbüro auch abends da",
    "wie lange ist das familienbüro am mittwoch offen",
    "hat das familienbüro zwischen den jahren geöffnet",
    "wann genau ist das familienbüro erreichbar vor ort",
]


def nlu_block(examples: list[str]) -> str:
    lines = [f"  - intent: {INTENT}", "    examples: |"]
    return "\n".join(lines + [f"      - {e}" for e in examples]) + "\n"


def copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("bot", "data", "actions", "tests"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    return target


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def add_to_domain(root: Path) -> None:
    edit_yaml(root / "bot/domain/questions.yml", lambda d: d["intents"].append(INTENT))


def run_checks(root: Path, *tests: str) -> subprocess.CompletedProcess:
    """The project's own tests, run from the repository against the copy."""
    env = {
        **os.environ,
        "FL_PROJECT_ROOT": str(root),
        "FL_CONTENT_DIR": str(root / "data/content"),
        "PYTHONWARNINGS": "ignore",
    }
    cmd = [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "asyncio_mode=auto"]
    return subprocess.run(
        [*cmd, *tests], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


DATA_CHECKS = ("tests/nlu/test_nlu_data.py", "tests/nlu/test_conversation_data.py")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_new_intent_with_five_examples_and_no_test_sentences_fails_by_name(copy: Path):
    add_to_domain(copy)
    append(copy / "data/nlu/questions_offer.yml", nlu_block(EXAMPLES[:5]))
    result = run_checks(copy, *DATA_CHECKS)
    out = result.stdout
    assert result.returncode == 1, out[-3000:]
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    assert all(INTENT in line for line in failed), failed
    assert f"Absicht '{INTENT}' hat 5 Trainingsbeispiele, mindestens 25" in out
    assert "data/nlu/questions_offer.yml" in out
    assert f"Absicht '{INTENT}' hat 0 Testsätze im Entwicklungs-Testsatz" in out
    assert f"Absicht '{INTENT}' hat 0 Sätze im eingefrorenen Testsatz" in out
    assert f"Absicht '{INTENT}' fehlt in data/content/intent_labels.yml" in out
    assert f"Absicht '{INTENT}' steht in bot/domain/questions.yml (Fragen), hat aber keinen" in out


def test_a_complete_new_intent_passes_every_check_without_editing_a_test(copy: Path):
    add_to_domain(copy)
    append(copy / "data/nlu/questions_offer.yml", nlu_block(EXAMPLES))
    append(copy / "tests/nlu/test_nlu.yml", nlu_block(DEV))
    # The next free frozen version, as a maintainer adds it (never an edit of an old one).
    versions = [int(p.stem[1:]) for p in (copy / "tests/nlu/frozen").glob("v*.yml")]
    frozen = copy / f"tests/nlu/frozen/v{max(versions) + 1}.yml"
    frozen.write_text('version: "3.1"\nnlu:\n' + nlu_block(FROZEN), encoding="utf-8")
    digest = hashlib.sha256(frozen.read_bytes()).hexdigest()
    append(copy / "tests/nlu/frozen/MANIFEST", f"{digest}  {frozen.name}\n")
    append(copy / "data/content/intent_labels.yml", f"{INTENT}: Öffnungszeiten\n")
    append(
        copy / "data/content/answers.yml",
        f'{INTENT}:\n  - text: "Das {{name:familienbuero}}: {{oeffnungszeiten:familienbuero}}"\n',
    )

    def rules(data):
        plain = {"steps": [{"intent": INTENT}, {"action": "action_answer_question"}]}
        data["rules"].append({"rule": f"Frage {INTENT}", **plain})
        for form in ("family_form", "booking_form"):
            steps = plain["steps"] + [{"action": form}, {"active_loop": form}]
            condition = [{"active_loop": form}]
            rule = {"rule": f"{INTENT} in {form}", "condition": condition, "steps": steps}
            data["rules"].append(rule)

    edit_yaml(copy / "data/rules/questions.yml", rules)
    edit_yaml(
        copy / "bot/domain/booking.yml",
        lambda d: d["slots"]["contact_name"]["mappings"][0]["not_intent"].append(INTENT),
    )
    result = run_checks(copy, *DATA_CHECKS, "tests/actions/test_answers.py")
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"[{INTENT}]" not in result.stdout  # nothing about it failed or was skipped
    validate = run_validate(copy)
    assert validate.returncode == 0, validate.stdout[-3000:]


def run_validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, str(ROOT / "scripts" / "validate.py"), "--root", str(root)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_validate_fails_when_the_intent_is_missing_from_the_domain(copy: Path):
    append(copy / "data/nlu/questions_offer.yml", nlu_block(EXAMPLES))
    result = run_validate(copy)
    assert result.returncode == 1, result.stdout[-3000:]
    assert f"'{INTENT}'" in result.stdout and "not listed in your domain" in result.stdout
    assert "NICHT bestanden" in result.stdout
