"""The NLU report's arithmetic: intervals, the changed-since table, the error list."""

from __future__ import annotations

from pathlib import Path

from scripts import nlu_report as report


def split(truth: list[str], predicted: list[str]) -> report.Split:
    texts = [f"satz {i}" for i in range(len(truth))]
    return report.Split("dev", Path("."), texts, truth, predicted, [0.9] * len(truth))


def test_perfect_predictions_have_no_noise() -> None:
    truth = ["a"] * 10 + ["b"] * 10
    result = report.bootstrap(truth, truth, runs=200)
    assert result["macro"] == (1.0, 1.0, 1.0)
    assert result["intents"]["a"] == (1.0, 1.0, 1.0)


def test_one_error_in_twelve_gives_an_interval_around_the_f1() -> None:
    truth = ["a"] * 12 + ["b"] * 12
    predicted = ["a"] * 11 + ["b"] + ["b"] * 12
    f1, low, high = report.bootstrap(truth, predicted, runs=500)["intents"]["a"]
    assert round(f1, 3) == 0.957
    assert low < f1 <= high <= 1.0 and low < 0.9


def test_a_large_drop_is_real_and_a_single_flip_is_noise() -> None:
    truth = ["a"] * 40 + ["b"] * 40
    base = {f"satz {i}": [t, t] for i, t in enumerate(truth)}
    many = split(truth, ["b"] * 20 + ["a"] * 20 + ["b"] * 40)
    change = report.paired_change(many, base, runs=300)
    *_, low, high = change["intents"]["a"]
    assert high < 0 and report.verdict(low, high) == "**schlechter (echt)**"
    assert change["flips"]["a"] == (20, 0)
    one = split(truth, ["b"] + ["a"] * 39 + ["b"] * 40)
    *_, low, high = report.paired_change(one, base, runs=300)["intents"]["a"]
    assert report.verdict(low, high) == "im Rauschen"


def test_new_sentences_are_counted_not_compared() -> None:
    now = split(["a", "a", "b"], ["a", "a", "b"])
    change = report.paired_change(now, {"satz 0": ["a", "a"]}, runs=50)
    assert change["n"] == 1 and change["new"] == 2


def test_every_error_is_listed_under_its_true_intent() -> None:
    now = split(["a", "a", "b"], ["b", "a", "a"])
    lines = report.errors_by_intent(now)
    assert "### a (1)" in lines and "### b (1)" in lines
    assert "- „satz 0“ → `b` (0.90)" in lines
