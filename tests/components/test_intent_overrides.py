"""Crisis phrases always become `emergency`; unsure messages with ages become inform intents."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from bot.components.emergency_override import EmergencyOverride
from bot.components.inform_override import InformOverride
from runtime.crisis_patterns import is_crisis

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "Ich will mir das Leben nehmen",
        "ich möchte mich umbringen",
        "Ich will nicht mehr leben",
        "ich habe suizidgedanken",
        "Mein Mann schlägt mich",
        "er hat mich geschlagen",
        "Mein Sohn wird zu Hause geschlagen",
        "häusliche Gewalt",
        "Mein Ex bedroht uns",
        "Mein Kind ist verschwunden",
        "Wir wissen nicht, wo wir heute Nacht schlafen sollen",
        "Wir sind obdachlos",
        "Er schlägt meinen Sohn",
        "er schlaegt unsere Kinder",
        "Ich denke daran, mir das Leben zu nehmen",
        "ich habe vor, mich umzubringen",
        "Er hat gedroht, mich umzubringen",
        # Present danger without a violence verb, first person, present tense.
        "Wir sind jetzt gerade in großer Gefahr",
        "hier sind wir nicht mehr sicher",
        "Ich bin zu Hause nicht sicher",
        "Wir fühlen uns daheim nicht mehr sicher",
        "wir sind nicht mehr in Sicherheit",
        "Ich habe Angst um mein Leben",
    ],
)
def test_crisis_phrases_match(text: str) -> None:
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mein Kind schlägt andere Kinder im Kindergarten",
        "Mein Kindergeld ist verschwunden",
        "Die Kinder streiten oft",
        "Henrike Quastenberg",
        "Was kostet das?",
        "Ich möchte den Termin absagen",
        "Kann das Jugendamt mir die Kinder wegnehmen?",
        # Doubt is not danger.
        "Ich bin mir nicht sicher",
        "Wir sind uns nicht sicher, ob wir Bürgergeld bekommen",
        "Wir sind nicht sicher, ob das für uns passt",
        "Sind meine Daten hier sicher?",
        "Wir sind jetzt in Sicherheit",
    ],
)
def test_everyday_messages_do_not_match(text: str) -> None:
    assert not is_crisis(text)


def _examples(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                pairs.append((block["intent"], text))
    return pairs


def test_no_other_training_or_test_example_is_taken_for_an_emergency() -> None:
    paths = [
        *sorted((ROOT / "data" / "nlu").glob("*.yml")),
        ROOT / "tests" / "nlu" / "test_nlu.yml",
    ]
    wrong = [
        (intent, text)
        for path in paths
        for intent, text in _examples(path)
        if intent != "emergency" and is_crisis(text)
    ]
    assert wrong == []


def test_override_puts_emergency_first() -> None:
    message = Message.build(text="Ich will mir das Leben nehmen")
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
    message.set("intent_ranking", [{"name": "nlu_fallback", "confidence": 0.5}])

    [processed] = EmergencyOverride().process([message])

    assert processed.get("intent") == {"name": "emergency", "confidence": 1.0}
    assert processed.get("intent_ranking")[0]["name"] == "emergency"


def test_override_leaves_other_messages_and_payloads_alone() -> None:
    plain = Message.build(text="Was kostet das?")
    plain.set("intent", {"name": "ask_costs", "confidence": 0.9})
    payload = Message.build(text='/choose_slot{"appointment_slot":"x"}')
    payload.set("intent", {"name": "choose_slot", "confidence": 1.0})

    EmergencyOverride().process([plain, payload])

    assert plain.get("intent")["name"] == "ask_costs"
    assert payload.get("intent")["name"] == "choose_slot"


def _fallback(text: str, ranking: list[tuple[str, float]], entities: list[str]) -> Message:
    message = Message.build(text=text)
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
    message.set(
        "intent_ranking",
        [{"name": "nlu_fallback", "confidence": 0.5}]
        + [{"name": name, "confidence": score} for name, score in ranking],
    )
    message.set("entities", [{"entity": entity, "value": "x"} for entity in entities])
    return message


def test_unsure_message_with_age_is_an_inform() -> None:
    message = _fallback(
        "ich bin alleinerziehend, mein sohn ist 3",
        [("inform_situation", 0.45), ("inform_child_age", 0.41)],
        ["situation", "child_age"],
    )
    InformOverride().process([message])
    assert message.get("intent")["name"] == "inform_situation"


def test_unsure_question_keeps_its_fallback() -> None:
    question = _fallback("was kriegt mein 5 jähriger", [("ask_money", 0.4)], ["child_age"])
    no_entities = _fallback("hmm naja", [("inform_child_age", 0.4)], [])
    InformOverride().process([question, no_entities])
    assert question.get("intent")["name"] == "nlu_fallback"
    assert no_entities.get("intent")["name"] == "nlu_fallback"
