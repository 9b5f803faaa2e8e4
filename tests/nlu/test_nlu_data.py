"""Checks on the NLU training and test data that `rasa data validate` does not make.

Every intent of the domain is checked, found from bot/domain (tests/nlu/project.py), not
from a list here: a new intent is checked as soon as it is in the domain. Messages are in
German and name the intent and the file to edit.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import pytest
import yaml
from rasa.nlu.utils.pattern_utils import extract_patterns
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData

from tests.nlu import project as p

PROJECT = p.load()
ROOT = PROJECT.root
NLU_DIR = ROOT / "data" / "nlu"
# The intent names of the conversation contract (docs/conversation.md): they must exist.
# Which intents are checked comes from the domain, not from this list.
CONTRACT_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "inform_child_age",
    "inform_situation", "ask_program", "ask_eligibility", "ask_jobcenter_support",
    "ask_jugendamt_support", "ask_education_participation", "ask_childcare",
    "ask_parenting_help", "ask_money", "ask_work_and_training", "book_appointment",
    "cancel_appointment", "reschedule_appointment", "ask_costs", "ask_location",
    "ask_data_protection", "ask_interpreter", "request_human", "emergency", "out_of_scope",
    "simpler_language",
}  # fmt: skip
SITUATION_VALUES = {
    "buergergeld", "alleinerziehend", "arbeitssuchend", "erwerbstaetig", "ausbildung",
    "sprache", "neu_zugezogen", "schulden", "wohnen", "gesundheit", "trennung", "erziehung",
}  # fmt: skip
MANIFEST = PROJECT.frozen_dir / "MANIFEST"


def _where(sentences: p.Sentences, intent: str, default: str) -> str:
    return ", ".join(sorted(sentences.files.get(intent, []))) or default


@pytest.fixture(scope="module")
def training() -> TrainingData:
    return load_data(str(NLU_DIR))


def test_contract_intents_exist_in_the_domain() -> None:
    missing = sorted(CONTRACT_INTENTS - set(PROJECT.domain_intents))
    assert not missing, (
        f"Absichten des Gesprächsvertrags fehlen in bot/domain/: {missing}. Sie dürfen nicht "
        "umbenannt oder entfernt werden (docs/conversation.md)."
    )


def test_trained_intents_are_in_the_domain() -> None:
    unknown = sorted(set(PROJECT.training.by_intent) - set(PROJECT.domain_intents))
    assert not unknown, "".join(
        f"\nAbsicht '{i}' steht in {_where(PROJECT.training, i, 'data/nlu/')}, aber in keiner "
        "Datei unter bot/domain/ (Liste `intents:`). Bitte dort eintragen."
        for i in unknown
    )


@pytest.mark.parametrize("intent", PROJECT.classified_intents)
def test_intent_has_enough_training_examples(intent: str) -> None:
    need = p.MIN_EXAMPLES_BROAD if intent in p.BROAD_INTENTS else p.MIN_EXAMPLES
    have = PROJECT.training.count(intent)
    assert have >= need, (
        f"Absicht '{intent}' hat {have} Trainingsbeispiele, mindestens {need} sind nötig. "
        "Bitte Sätze ergänzen in "
        f"{_where(PROJECT.training, intent, 'einer Datei unter data/nlu/')}."
    )


@pytest.mark.parametrize("intent", PROJECT.classified_intents)
def test_intent_has_development_test_sentences(intent: str) -> None:
    have = PROJECT.dev.count(intent)
    assert have >= p.MIN_DEV_SENTENCES, (
        f"Absicht '{intent}' hat {have} Testsätze im Entwicklungs-Testsatz, mindestens "
        f"{p.MIN_DEV_SENTENCES} sind nötig. Bitte eigene Sätze (nicht aus dem Training) "
        "ergänzen in tests/nlu/test_nlu.yml."
    )


@pytest.mark.parametrize("intent", PROJECT.classified_intents)
def test_intent_has_frozen_test_sentences(intent: str) -> None:
    have = PROJECT.frozen.count(intent)
    assert have >= p.MIN_FROZEN_SENTENCES, (
        f"Absicht '{intent}' hat {have} Sätze im eingefrorenen Testsatz, mindestens "
        f"{p.MIN_FROZEN_SENTENCES} sind nötig. Bitte eine NEUE Datei "
        "tests/nlu/frozen/v<nächste Nummer>.yml mit eigenen Sätzen anlegen und in "
        "tests/nlu/frozen/MANIFEST eintragen (tests/nlu/frozen/README.md)."
    )


def test_test_data_names_only_domain_intents() -> None:
    named = {(i, f) for s in (PROJECT.dev, PROJECT.frozen) for i, fs in s.files.items() for f in fs}
    unknown = sorted((i, f) for i, f in named if i not in PROJECT.domain_intents)
    unknown += sorted(
        (i, "tests/nlu/near_misses.yml oder tests/nlu/frozen/near_misses_v*.yml")
        for i in PROJECT.near_misses()
        if i not in PROJECT.domain_intents
    )
    assert not unknown, "".join(
        f"\nAbsicht '{i}' in {f} gibt es in bot/domain/ nicht." for i, f in unknown
    )


def test_no_sentence_in_two_intents_or_files() -> None:
    counts: Counter = Counter()
    for path in sorted(NLU_DIR.rglob("*.yml")):  # with data/nlu/inbox/
        for message in load_data(str(path)).intent_examples:
            counts[message.get("text").strip().lower()] += 1
    duplicates = sorted(text for text, n in counts.items() if n > 1)
    assert duplicates == [], f"Doppelt in data/nlu/: {duplicates}"


def test_test_sentences_are_not_trained() -> None:
    trained = PROJECT.training.texts()
    near = {t.strip().lower() for ts in PROJECT.near_misses().values() for t in ts}
    leaked = []
    for name, texts in (
        ("tests/nlu/test_nlu.yml", PROJECT.dev.texts()),
        ("tests/nlu/frozen/", PROJECT.frozen.texts()),
        ("Beinahe-Treffer", near),
    ):
        leaked += [f"„{t}“ ({name})" for t in sorted(texts & trained)]
    assert not leaked, (
        "Diese Testsätze stehen auch im Training (data/nlu/); dann misst der Test nichts. "
        "Bitte den Satz im Training durch einen anderen ersetzen: " + "; ".join(leaked)
    )


def test_frozen_split_is_not_a_copy_of_the_development_split() -> None:
    shared = sorted(PROJECT.dev.texts() & PROJECT.frozen.texts())
    assert not shared, f"Sätze in beiden Testsätzen: {shared}"


def test_near_misses_are_not_test_sentences_of_the_same_intent() -> None:
    wrong = [
        f"„{text}“ ist Beinahe-Treffer und zugleich Testsatz von '{intent}'"
        for intent, texts in PROJECT.near_misses().items()
        for text in texts
        for split in (PROJECT.dev, PROJECT.frozen)
        if text.strip().lower() in {t.strip().lower() for t in split.by_intent.get(intent, [])}
    ]
    assert not wrong, "\n".join(wrong)


def test_frozen_files_are_never_edited() -> None:
    """A frozen version is never changed; new sentences go into a new version file."""
    listed = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split()
            listed[name] = digest
    problems = []
    for path in p.frozen_version_files(ROOT):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        name = p.frozen_name(path, ROOT)
        if name not in listed:
            problems.append(
                f"{name} fehlt in tests/nlu/frozen/MANIFEST. Neue Version eintragen mit "
                f"der Zeile: {digest}  {name}"
            )
        elif listed[name] != digest:
            problems.append(
                f"tests/nlu/frozen/{name} wurde geändert. Eingefrorene Dateien werden nie "
                "bearbeitet: Änderung zurücknehmen und stattdessen eine neue Version anlegen."
            )
    present = {p.frozen_name(q, ROOT) for q in p.frozen_version_files(ROOT)}
    missing = sorted(set(listed) - present)
    problems += [f"tests/nlu/frozen/{name} steht im MANIFEST, fehlt aber." for name in missing]
    assert not problems, "\n".join(problems)


def test_child_age_is_never_annotated_in_training(training: TrainingData) -> None:
    assert "child_age" not in training.entities


def _lookup(training: TrainingData, name: str) -> set[str]:
    """Entries of all lookup tables of that name (one per language folder)."""
    tables = [t for t in training.lookup_tables if t["name"] == name]
    return {e.lower() for table in tables for e in table["elements"]}


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

    Only for training data: the test sets annotate what the family means, so that
    scripts/nlu_report.py counts lookup hits such as "kein Geld vom Amt" as errors.
    """
    pattern = extract_patterns(training, use_regexes=False, use_only_entities=True)
    # One pattern per lookup table (German and each language folder); Rasa uses them all.
    regex = re.compile("|".join(p["pattern"] for p in pattern if p["name"] == "situation"), re.I)
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
