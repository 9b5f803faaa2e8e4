"""Evaluate the trained model on the held-out NLU set and write var/reports/nlu.md.

Runs `rasa test nlu` on tests/nlu/test_nlu.yml, then summarises intent_report.json,
intent_errors.json and the extractor reports in one Markdown file. The children's ages are
checked per message as well: the set of `child_age` values ChildAgeExtractor finds must
equal the annotated set. Exits 1 when the macro F1 of the intents is below the gate (CI).

Usage (from the repo root): .venv-bot/bin/python scripts/nlu_report.py [--skip-test]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_FILE = ROOT / "tests" / "nlu" / "test_nlu.yml"
MODEL = ROOT / "models" / "current.tar.gz"
RESULTS = ROOT / "var" / "results" / "nlu"
REPORT = ROOT / "var" / "reports" / "nlu.md"
RASA = ROOT / ".venv-bot" / "bin" / "rasa"
MACRO_F1_GATE = 0.90
AGE_EXTRACTOR = "ChildAgeExtractor"
SUMMARY_KEYS = ("accuracy", "macro avg", "weighted avg", "micro avg")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--nlu", type=Path, default=TEST_FILE)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--gate", type=float, default=MACRO_F1_GATE)
    parser.add_argument(
        "--skip-test", action="store_true", help="only rewrite the report from existing results"
    )
    return parser.parse_args()


def run_rasa_test(model: Path, nlu: Path, out: Path) -> None:
    """Run `rasa test nlu` and fail loudly if it fails."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"}
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    cmd = [str(RASA), "test", "nlu", "--nlu", str(nlu), "--model", str(model)]
    cmd += ["--out", str(out), "--successes"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"rasa test nlu failed with code {result.returncode}")


def shown(path: Path) -> str:
    """A path relative to the repo root when it is inside it."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def load_json(path: Path) -> list | dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def intent_rows(report: dict) -> list[tuple[str, dict]]:
    return sorted((k, v) for k, v in report.items() if k not in SUMMARY_KEYS)


def worst_confusions(errors: list[dict], limit: int = 10) -> list[tuple[tuple[str, str], int, str]]:
    """Count (true, predicted) pairs among the misclassified messages, with one example.

    Most frequent pairs first; among equally frequent ones the most confident mistake.
    """
    pairs: Counter = Counter()
    worst: dict[tuple[str, str], tuple[float, str]] = {}
    for error in errors:
        pair = (error["intent"], error["intent_prediction"]["name"])
        confidence = error["intent_prediction"]["confidence"]
        pairs[pair] += 1
        if confidence > worst.get(pair, (-1.0, ""))[0]:
            worst[pair] = (confidence, error["text"])
    ranked = sorted(pairs, key=lambda pair: (-pairs[pair], -worst[pair][0]))
    return [(pair, pairs[pair], worst[pair][1]) for pair in ranked[:limit]]


def age_accuracy(nlu: Path, out: Path) -> tuple[int, int, int, list[str]]:
    """Messages whose predicted set of ages equals the annotated set, over all messages.

    Compares ChildAgeExtractor's output (from Rasa's successes/errors files, so the model
    that was tested) with the annotations of every test message, including messages with no
    age, where any age found is an error. Also returns how many messages have an age
    annotated or found, for the accuracy on those alone.
    """
    from rasa.shared.nlu.training_data.loading import load_data

    predicted: dict[str, list] = {}
    for name in (f"{AGE_EXTRACTOR}_successes.json", f"{AGE_EXTRACTOR}_errors.json"):
        for item in load_json(out / name):
            predicted[item["text"]] = [
                e for e in item.get("predicted_entities", []) if e.get("entity") == "child_age"
            ]
    messages = load_data(str(nlu)).intent_examples
    correct, with_age, failures = 0, 0, []
    for message in messages:
        text = message.get("text")
        expected = {
            int(e["value"]) for e in message.get("entities") or [] if e["entity"] == "child_age"
        }
        found = {int(e["value"]) for e in predicted.get(text, [])}
        with_age += bool(expected or found)
        if found == expected:
            correct += 1
        else:
            failures.append(f"„{text}“: erwartet {sorted(expected)}, gefunden {sorted(found)}")
    return correct, len(messages), with_age, failures


def entity_section(out: Path) -> list[str]:
    """One row per extractor and entity it produces (rows of 0/0 are entities it never makes)."""
    lines = [
        "| Extraktor | Entity | Precision | Recall | F1 | Support |",
        "|---|---|---|---|---|---|",
    ]
    for path in sorted(out.glob("*_report.json")):
        extractor = path.name.removesuffix("_report.json")
        if extractor in ("intent", "response_selection"):
            continue
        for entity, row in intent_rows(load_json(path)):
            if entity == "no_entity" or not isinstance(row, dict):
                continue
            if row["precision"] == 0 and row["recall"] == 0:
                continue
            lines.append(
                f"| {extractor} | {entity} | {row['precision']:.3f} | {row['recall']:.3f} "
                f"| {row['f1-score']:.3f} | {row['support']} |"
            )
    return lines


def write_report(args: argparse.Namespace) -> float:
    report = load_json(args.out / "intent_report.json")
    if not report:
        raise SystemExit(f"No intent_report.json in {args.out}")
    errors = load_json(args.out / "intent_errors.json")
    macro_f1 = report["macro avg"]["f1-score"]
    correct, total, with_age, age_failures = age_accuracy(args.nlu, args.out)
    age_ok = with_age - len(age_failures)
    status = "bestanden" if macro_f1 >= args.gate else "NICHT bestanden"
    matrix = args.out / "intent_confusion_matrix.png"
    lines = [
        "# NLU-Bericht (zurückgehaltener Testsatz)",
        "",
        f"- Modell: `{args.model.resolve().name}`",
        f"- Testsatz: `{shown(args.nlu)}`, {report['macro avg']['support']} Sätze",
        f"- **Macro-F1 der Intents: {macro_f1:.3f}** (Grenze {args.gate:.2f}: {status})",
        f"- Accuracy der Intents: {report.get('accuracy', 0):.3f}",
        f"- Weighted-F1: {report['weighted avg']['f1-score']:.3f}",
        f"- Konfusionsmatrix: `{shown(matrix)}`",
        f"- Kinderalter (ChildAgeExtractor), Nachrichten mit genau den richtigen Altern: "
        f"**{correct}/{total} = {correct / total:.3f}**; unter den {with_age} Nachrichten mit "
        f"erwartetem oder gefundenem Alter {age_ok}/{with_age} = {age_ok / max(with_age, 1):.3f}",
        "",
        "## Intents",
        "",
        "| Intent | Precision | Recall | F1 | Support |",
        "|---|---|---|---|---|",
    ]
    for intent, row in intent_rows(report):
        lines.append(
            f"| {intent} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1-score']:.3f} "
            f"| {row['support']} |"
        )
    lines += ["", "## Die 10 häufigsten Verwechslungen", ""]
    confusions = worst_confusions(errors)
    if confusions:
        lines += ["| richtig | vorhergesagt | Anzahl | Beispiel |", "|---|---|---|---|"]
        lines += [f"| {t} | {p} | {n} | {ex} |" for (t, p), n, ex in confusions]
    else:
        lines.append("Keine.")
    lines += ["", "## Entities (tokenweise, aus Rasas Extraktor-Berichten)", ""]
    lines += entity_section(args.out)
    lines += ["", "## Kinderalter: Fehler je Nachricht", ""]
    lines += [f"- {failure}" for failure in age_failures] or ["Keine."]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return macro_f1


def main() -> int:
    args = parse_args()
    if not args.skip_test:
        run_rasa_test(args.model, args.nlu, args.out)
    macro_f1 = write_report(args)
    print(f"NLU macro F1 {macro_f1:.3f} (Grenze {args.gate:.2f}); Bericht: {args.report}")
    return 0 if macro_f1 >= args.gate else 1


if __name__ == "__main__":
    sys.exit(main())
