"""`make nlu-inbox-export`: annotated items become Rasa examples, never test sentences."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.review.export import REPO, export, main, training_text
from appointments.review.models import ReviewItem
from appointments.review.service import annotated_items
from appointments.tests.conftest import FROZEN_NOW


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/nlu: tests never write into the real data/ folder."""
    shutil.copytree(REPO / "data" / "nlu", tmp_path / "data" / "nlu")
    return tmp_path / "data"


def _item(session: Session, number: int, text: str, intent: str | None, **extra: str) -> None:
    session.add(
        ReviewItem(
            id=f"item{number}",
            day=FROZEN_NOW.date(),
            week="2026-W50",
            text=text,
            language=extra.get("language", "de"),
            reason="unsicher",
            status="annotiert" if intent else "neu",
            annotated_intent=intent,
            annotated_entities=extra.get("entities"),
        )
    )
    session.commit()


def test_training_text_has_no_markers_or_rasa_syntax() -> None:
    assert training_text("ruf [NAME] an: [TELEFON] (bitte)") == "ruf name an: telefonnummer bitte"


def test_export_adds_new_examples_and_skips_known_and_test_sentences(
    session: Session, data_copy: Path
) -> None:
    _item(session, 1, "was kostet das, meine nummer [TELEFON]", "ask_costs")
    _item(session, 2, "muss ich da was bezahlen", "ask_costs")  # frozen test split v1
    _item(session, 3, "mein kind ist vier, kita?", "ask_childcare", entities=(
        '[{"entity": "child_age", "value": "vier", "start": 13, "end": 17}]'
    ))  # fmt: skip
    _item(session, 4, "як записатися", "book_appointment", language="uk")
    _item(session, 5, "nicht annotiert", None)
    inbox = data_copy / "nlu" / "inbox"
    inbox.mkdir()
    (inbox / "de.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: ask_costs\n    examples: |\n      - schon da\n',
        encoding="utf-8",
    )

    result = export(annotated_items(session), data_copy, REPO / "tests" / "nlu")

    german = yaml.safe_load((inbox / "de.yml").read_text(encoding="utf-8"))
    examples = {block["intent"]: block["examples"] for block in german["nlu"]}
    assert examples["ask_costs"] == "- schon da\n- was kostet das, meine nummer telefonnummer\n"
    assert examples["ask_childcare"] == "- mein kind ist [vier](child_age), kita?\n"
    assert "muss ich da was bezahlen" not in (inbox / "de.yml").read_text(encoding="utf-8")
    assert "як записатися" in (inbox / "uk.yml").read_text(encoding="utf-8")
    assert (result.in_test_sets, result.duplicates) == (1, 0)
    assert "2 neue Beispiele" in result.report()
    # Hand-written files are untouched.
    assert (data_copy / "nlu" / "general.yml").read_bytes() == (
        REPO / "data" / "nlu" / "general.yml"
    ).read_bytes()

    again = export(annotated_items(session), data_copy, REPO / "tests" / "nlu")
    assert not again.added and again.duplicates == 3


def test_cli_exports_without_validation(
    session: Session, data_copy: Path, settings, capsys
) -> None:
    _item(session, 1, "gibt es einen termin am samstag", "book_appointment")
    code = main(["--data", str(data_copy), "--no-validate"], settings=settings)
    assert code == 0
    assert "+ book_appointment: gibt es einen termin am samstag" in capsys.readouterr().out
    assert (data_copy / "nlu" / "inbox" / "de.yml").exists()
    assert not (REPO / "data" / "nlu" / "inbox" / "de.yml").exists()


def test_cli_explains_a_database_without_the_inbox(tmp_path: Path, capsys) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'leer.db'}", environment="test")
    assert main(["--data", str(tmp_path), "--no-validate"], settings=settings) == 2
    assert "make db" in capsys.readouterr().err
