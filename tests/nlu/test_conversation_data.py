"""Every intent of the domain has what the conversation needs: a label, an answer where it
is a question, and a rule or form that handles it.

Question intents are found from the domain and the content, not from a list here:
- an intent with a block in data/content/answers.yml is answered by action_answer_question;
- an intent declared in bot/domain/questions.yml may be asked at any time, also while a
  form runs, so every form in which rules answer questions must answer it too.
Messages are in German and name the intent and the file to edit.
"""

from __future__ import annotations

import pytest
import yaml

from tests.nlu import project as p

PROJECT = p.load()
ANSWERS = "data/content/answers.yml"


def _accepted_without_rules() -> dict[str, str]:
    path = PROJECT.root / "bot" / "accepted_warnings.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("intents_without_rules") or {}


def _loops_answering_questions() -> set[str]:
    """Forms in which rules answer questions (from data/rules), e.g. family_form."""
    return {loop for loops in PROJECT.answered_in().values() for loop in loops if loop}


@pytest.mark.parametrize("intent", PROJECT.classified_intents)
def test_intent_has_a_label_entry(intent: str) -> None:
    assert intent in PROJECT.labels, (
        f"Absicht '{intent}' fehlt in data/content/intent_labels.yml. Bitte einen kurzen "
        "Knopftext in den Worten der Familie eintragen („Meinten Sie …?“), oder `null`, "
        "wenn die Absicht nie vorgeschlagen werden soll."
    )


@pytest.mark.parametrize("intent", PROJECT.question_group)
def test_question_intent_has_an_answer(intent: str) -> None:
    assert intent in PROJECT.answers, (
        f"Absicht '{intent}' steht in bot/domain/questions.yml (Fragen), hat aber keinen Block "
        f"in {ANSWERS}. Bitte dort `{intent}:` mit der Antwort anlegen."
    )


@pytest.mark.parametrize("intent", sorted(PROJECT.answers))
def test_answer_belongs_to_an_intent_of_the_domain(intent: str) -> None:
    assert intent in PROJECT.domain_intents, (
        f"{ANSWERS} hat einen Block '{intent}', aber die Absicht steht in keiner Datei unter "
        "bot/domain/. Bitte in bot/domain/questions.yml (Liste `intents:`) eintragen."
    )


@pytest.mark.parametrize("intent", sorted(PROJECT.answers))
def test_answered_intent_has_a_rule(intent: str) -> None:
    assert PROJECT.answered_in().get(intent), (
        f"Absicht '{intent}' hat eine Antwort in {ANSWERS}, aber keine Regel führt zu "
        f"{p.ANSWER_ACTION}. Bitte in data/rules/questions.yml eine Regel anlegen: "
        f"`- intent: {intent}` gefolgt von `- action: {p.ANSWER_ACTION}`."
    )


@pytest.mark.parametrize("intent", PROJECT.question_group)
def test_question_is_answered_outside_and_inside_forms(intent: str) -> None:
    needed = {None} | _loops_answering_questions()
    missing = sorted(needed - PROJECT.answered_in().get(intent, set()), key=str)
    where = ", ".join("ohne Formular" if loop is None else f"während {loop}" for loop in missing)
    assert not missing, (
        f"Absicht '{intent}' wird nicht überall beantwortet. Es fehlt je eine Regel "
        f"`- intent: {intent}` → `- action: {p.ANSWER_ACTION}` für: {where}. Bitte in "
        "data/rules/questions.yml ergänzen (Muster: die Regeln der anderen Fragen dort)."
    )


@pytest.mark.parametrize("intent", PROJECT.question_group)
def test_question_is_not_taken_as_a_name(intent: str) -> None:
    assert intent in PROJECT.not_intents("contact_name"), (
        f"Absicht '{intent}' fehlt in `not_intent` des Slots contact_name "
        "(bot/domain/booking.yml): sonst wird die Frage bei „Wie ist Ihr Name?“ als Name "
        "gespeichert."
    )


@pytest.mark.parametrize("intent", PROJECT.classified_intents)
def test_intent_is_handled_by_a_rule_story_or_form(intent: str) -> None:
    handled = set(PROJECT.intents_in_dialogue()) | PROJECT.slot_mapping_intents()
    handled |= set(_accepted_without_rules())
    assert intent in handled, (
        f"Absicht '{intent}' wird von keiner Regel (data/rules/), Geschichte (data/stories/) "
        "oder Slot-Zuordnung (bot/domain/) behandelt. Bitte eine Regel anlegen; ist die "
        "Absicht nur eine Antwort in einem Formular, mit Begründung in "
        "bot/accepted_warnings.yml (intents_without_rules) eintragen."
    )
