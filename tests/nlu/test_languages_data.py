"""Checks on the training and held-out data of the languages besides German.

Each folder data/nlu/<code>/ is a language; it needs training examples for every intent
group, and a held-out set tests/nlu/frozen/<code>/v*.yml (written before the training data,
never tuned against) with at least 15 messages per intent group.
"""

from __future__ import annotations

import pytest

from tests.nlu import project as p

PROJECT = p.load()
ROOT = PROJECT.root
CODES = p.language_codes(ROOT)
GROUPED = {intent for intents in p.INTENT_GROUPS.values() for intent in intents}


def test_there_are_other_languages() -> None:
    assert {"en", "ar", "uk", "ru", "tr"} <= set(CODES)


def test_intent_groups_name_domain_intents() -> None:
    assert sorted(GROUPED - set(PROJECT.domain_intents)) == []


@pytest.mark.parametrize("code", CODES)
def test_language_trains_every_grouped_intent(code: str) -> None:
    training = p.language_sentences(ROOT, ROOT / "data" / "nlu" / code)
    thin = {i: training.count(i) for i in GROUPED if training.count(i) < p.MIN_LANGUAGE_EXAMPLES}
    assert thin == {}, (
        f"data/nlu/{code}/: zu wenige Trainingsbeispiele (mindestens "
        f"{p.MIN_LANGUAGE_EXAMPLES}) für {thin}"
    )


@pytest.mark.parametrize("code", CODES)
def test_language_has_a_held_out_set_per_group(code: str) -> None:
    folder = PROJECT.frozen_dir / code
    held_out = p.language_sentences(ROOT, folder) if folder.exists() else p.Sentences()
    short = {
        group: sum(held_out.count(i) for i in intents)
        for group, intents in p.INTENT_GROUPS.items()
        if sum(held_out.count(i) for i in intents) < p.MIN_LANGUAGE_GROUP_SENTENCES
    }
    assert short == {}, (
        f"tests/nlu/frozen/{code}/: zu wenige Testsätze je Gruppe (mindestens "
        f"{p.MIN_LANGUAGE_GROUP_SENTENCES}): {short}. Eine NEUE Version v<N>.yml anlegen."
    )
    missing = sorted(i for i in GROUPED if held_out.count(i) == 0)
    assert missing == [], f"tests/nlu/frozen/{code}/: keine Testsätze für {missing}"


@pytest.mark.parametrize("code", CODES)
def test_held_out_sentences_are_not_training_sentences(code: str) -> None:
    training = p.language_sentences(ROOT, ROOT / "data" / "nlu" / code).texts()
    held_out = p.language_sentences(ROOT, PROJECT.frozen_dir / code).texts()
    assert sorted(training & held_out) == []
