"""Checks on the NLU training data that `rasa data validate` does not make."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rasa.nlu.utils.pattern_utils import extract_patterns
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
TEST_FILE = ROOT / "tests" / "nlu" / "test_nlu.yml"
CONTRACT_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "inform_child_age",
    "inform_situation", "ask_program", "ask_eligibility", "ask_jobcenter_support",
    "ask_jugendamt_support", "ask_education_participation", "ask_childcare",
    "ask_parenting_help", "ask_money", "ask_work_and_training", "book_appointment",
    "cancel_appointment", "reschedule_appointment", "ask_costs", "ask_location",
    "ask_data_protection", "ask_interpreter", "request_human", "emergency", "out_of_scope",
    "simpler_language",
}  # fmt: skip
LARGE_INTENTS = {"inform_child_age", "inform_situation", "book_appointment", "out_of_scope"}
SITUATION_VALUES = {
    "buergergeld", "alleinerziehend", "arbeitssuchend", "erwerbstaetig", "ausbildung",
    "sprache", "neu_zugezogen", "schulden", "wohnen", "gesundheit", "trennung", "erziehung",
}  # fmt: skip


@pytest.fixture(scope="module")
def training() -> TrainingData:
    return load_data(str(NLU_DIR))


@pytest.fixture(scope="module")
def held_out() -> TrainingData:
    return load_data(str(TEST_FILE))


def _texts_by_file() -> Counter:
    counts: Counter = Counter()
    for path in sorted(NLU_DIR.glob("*.yml")):
        for message in load_data(str(path)).intent_examples:
            counts[message.get("text").strip().lower()] += 1
    return counts


def test_every_contract_intent_has_enough_examples(training: TrainingData) -> None:
    counts = Counter(m.get("intent") for m in training.intent_examples)
    for intent in CONTRACT_INTENTS:
        assert counts[intent] >= (60 if intent in LARGE_INTENTS else 25), intent


def test_no_sentence_in_two_intents_or_files() -> None:
    duplicates = [text for text, n in _texts_by_file().items() if n > 1]
    assert duplicates == []


def test_held_out_sentences_are_not_trained(training: TrainingData, held_out: TrainingData) -> None:
    trained = {m.get("text").strip().lower() for m in training.intent_examples}
    leaked = [m.get("text") for m in held_out.intent_examples if m.get("text").lower() in trained]
    assert leaked == []


def test_held_out_set_covers_every_intent(held_out: TrainingData) -> None:
    counts = Counter(m.get("intent") for m in held_out.intent_examples)
    for intent in CONTRACT_INTENTS:
        assert counts[intent] >= 8, intent


def test_child_age_is_never_annotated_in_training(training: TrainingData) -> None:
    assert "child_age" not in training.entities


def _lookup(training: TrainingData, name: str) -> set[str]:
    table = next(t for t in training.lookup_tables if t["name"] == name)
    return {e.lower() for e in table["elements"]}


def test_lookup_entries_are_synonyms_of_canonical_values(training: TrainingData) -> None:
    entries = _lookup(training, "situation")
    synonyms = {k.lower(): v for k, v in training.entity_synonyms.items()}
    situation_synonyms = {k: v for k, v in synonyms.items() if v in SITUATION_VALUES}
    # Every synonym maps to a situation value or to an offer (benefit, below).
    assert set(synonyms.values()) <= SITUATION_VALUES | benefit_values()
    missing = sorted(
        e for e in entries if e not in situation_synonyms and e not in SITUATION_VALUES
    )
    assert missing == []
    assert set(situation_synonyms.values()) | entries >= SITUATION_VALUES


def benefit_values() -> set[str]:
    """Canonical `benefit` values: offer ids of the catalogue and its named groups."""
    content = ROOT / "data" / "content"
    offers = yaml.safe_load((content / "support.yml").read_text(encoding="utf-8"))["offers"]
    groups = yaml.safe_load((content / "benefit_groups.yml").read_text(encoding="utf-8"))
    return {offer["id"] for offer in offers} | set(groups)


def test_benefit_lookup_maps_to_offers_of_the_catalogue(training: TrainingData) -> None:
    entries = _lookup(training, "benefit")
    synonyms = {k.lower(): v for k, v in training.entity_synonyms.items()}
    values = benefit_values()
    unmapped = sorted(e for e in entries if synonyms.get(e, e) not in values)
    assert unmapped == []
    # The names the contract lists all reach an offer.
    for name in ("kindergeld", "kinderzuschlag", "kiz", "unterhaltsvorschuss", "but",
                 "bildung und teilhabe", "schulbedarf", "schulsachen", "mittagessen",
                 "kita-beiträge", "mehrbedarf"):  # fmt: skip
        assert name in entries and synonyms.get(name, name) in values, name
    annotated = {
        e["value"]
        for m in training.intent_examples
        for e in m.get("entities") or []
        if e["entity"] == "benefit"
    }
    assert annotated and annotated <= values


def test_situation_annotations_match_the_lookup(training: TrainingData) -> None:
    """Each annotation is what RegexEntityExtractor + EntitySynonymMapper would produce.

    Only for training data: the held-out set annotates what the family means, so that
    scripts/nlu_report.py counts lookup hits such as "kein Geld vom Amt" as errors.
    """
    pattern = extract_patterns(training, use_regexes=False, use_only_entities=True)
    regex = re.compile(next(p["pattern"] for p in pattern if p["name"] == "situation"), re.I)
    synonyms = {k.lower(): v for k, v in training.entity_synonyms.items()}
    mismatches = []
    for message in training.intent_examples:
        # Training data annotates the entity only in inform_situation.
        if message.get("intent") != "inform_situation":
            continue
        text = message.get("text")
        found = [
            (m.start(), m.end(), synonyms.get(m.group(0).lower(), m.group(0).lower()))
            for m in regex.finditer(text)
        ]
        annotated = [
            (e["start"], e["end"], e["value"])
            for e in message.get("entities") or []
            if e["entity"] == "situation"
        ]
        if sorted(found) != sorted(annotated):
            mismatches.append((text, found, annotated))
    assert mismatches == []
