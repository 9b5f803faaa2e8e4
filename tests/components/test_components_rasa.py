"""Tests for GermanTokenizer and ChildAgeExtractor as Rasa graph components."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine import validation
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.data import TrainingType
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components import ChildAgeExtractor, GermanTokenizer
from bot.components.german_tokenizer import load_german_pipeline

TOKENIZER_NAME = "bot.components.german_tokenizer.GermanTokenizer"
EXTRACTOR_NAME = "bot.components.child_age_extractor.ChildAgeExtractor"


@pytest.fixture()
def tokenizer(tmp_path: Path) -> GermanTokenizer:
    return GermanTokenizer.create(
        GermanTokenizer.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("x"),
        ExecutionContext(GraphSchema({}), "test"),
    )


@pytest.fixture()
def extractor(tmp_path: Path) -> ChildAgeExtractor:
    return ChildAgeExtractor.create(
        ChildAgeExtractor.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("x"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def _tokens(tokenizer: GermanTokenizer, text: str) -> list[tuple[str, str]]:
    message = Message.build(text=text)
    tokenizer.process([message])
    return [(t.text, t.lemma) for t in message.get(TOKENS_NAMES[TEXT])]


def test_tokenizer_lemmatizes_in_original_case(tokenizer: GermanTokenizer) -> None:
    assert _tokens(tokenizer, "Meine Kinder sind 4 und 7.") == [
        ("Meine", "Meine"),
        ("Kinder", "Kind"),
        ("sind", "sein"),
        ("4", "4"),
        ("und", "und"),
        ("7", "7"),
        (".", "."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("am 3. März um 14:30", ["am", "3.", "März", "um", "14:30"], id="ordinal"),
        pytest.param("z.B. Tel. 0171/1234567", ["z.B.", "Tel.", "0171/1234567"], id="mobile"),
        pytest.param("05451 931-5139 oder", ["05451 931-5139", "oder"], id="landline"),
        pytest.param("+49 171 1234567", ["+49 171 1234567"], id="international"),
        pytest.param(
            "Mail: max.mustermann@example.de!",
            ["Mail", ":", "max.mustermann@example.de", "!"],
            id="email",
        ),
        pytest.param("Meine\n Tochter  ist 4", ["Meine", "Tochter", "ist", "4"], id="spaces"),
    ],
)
def test_tokenizer_keeps_german_units_whole(
    tokenizer: GermanTokenizer, text: str, expected: list[str]
) -> None:
    message = Message.build(text=text)
    tokenizer.process([message])
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert [t.text for t in tokens] == expected
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_tokenizer_builds_spacy_pipeline_once(tmp_path: Path) -> None:
    first = GermanTokenizer.create(
        GermanTokenizer.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("a"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    second = GermanTokenizer(GermanTokenizer.get_default_config())
    assert first._nlp is second._nlp is load_german_pipeline()
    assert load_german_pipeline().pipe_names == ["lemmatizer"]


def test_tokenizer_fingerprint_addon_names_versions() -> None:
    addon = GermanTokenizer.fingerprint_addon(GermanTokenizer.get_default_config())
    assert addon.startswith("german_tokenizer-")
    assert "spacy-3.4" in addon


def test_extractor_adds_one_entity_per_child(
    tokenizer: GermanTokenizer, extractor: ChildAgeExtractor
) -> None:
    message = Message.build(text="Meine Kinder sind vier und 7 Jahre alt")
    extractor.process(tokenizer.process([message]))
    assert message.get(ENTITIES) == [
        {
            "entity": "child_age",
            "value": 4,
            "start": 18,
            "end": 22,
            "confidence_entity": 1.0,
            "extractor": "ChildAgeExtractor",
        },
        {
            "entity": "child_age",
            "value": 7,
            "start": 27,
            "end": 28,
            "confidence_entity": 1.0,
            "extractor": "ChildAgeExtractor",
        },
    ]
    assert message.as_dict_nlu()[ENTITIES] == message.get(ENTITIES)


def test_extractor_works_without_tokenizer(extractor: ChildAgeExtractor) -> None:
    message = Message.build(text="beide sind 5")
    extractor.process([message])
    assert [e["value"] for e in message.get(ENTITIES)] == [5, 5]


def test_extractor_does_not_duplicate_existing_child_age(extractor: ChildAgeExtractor) -> None:
    text = "Kinder 4 und 7, wir bekommen Bürgergeld"
    earlier = {"entity": "child_age", "value": "4", "start": 7, "end": 8, "extractor": "DIET"}
    other = {"entity": "situation", "value": "buergergeld", "start": 29, "end": 39}
    message = Message.build(text=text)
    message.set(ENTITIES, [earlier, other])
    extractor.process([message])
    extractor.process([message])  # a second run must not add anything either
    entities = message.get(ENTITIES)
    assert entities[:2] == [earlier, other]
    assert [(e["value"], e["extractor"]) for e in entities[2:]] == [(7, "ChildAgeExtractor")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("wir sind 4 Personen", id="count"),
        pytest.param('/choose_slot{"appointment_slot":"2026-12-03T10:00"}', id="payload"),
        pytest.param("", id="empty"),
    ],
)
def test_extractor_adds_nothing(extractor: ChildAgeExtractor, text: str) -> None:
    message = Message.build(text=text)
    extractor.process([message])
    assert [e for e in message.get(ENTITIES, []) if e["entity"] == "child_age"] == []


def test_config_names_resolve_and_graph_validates() -> None:
    config = {
        "recipe": "default.v1",
        "language": "de",
        "pipeline": [
            {"name": TOKENIZER_NAME},
            {"name": "CountVectorsFeaturizer"},
            {"name": "LogisticRegressionClassifier"},
            {"name": EXTRACTOR_NAME},
            {"name": "EntitySynonymMapper"},
        ],
        "policies": [],
    }
    model_config = DefaultV1Recipe().graph_config_for_recipe(
        config, {}, training_type=TrainingType.NLU
    )
    validation.validate(model_config)
    uses = {node.uses for node in model_config.predict_schema.nodes.values()}
    assert {GermanTokenizer, ChildAgeExtractor} <= uses
