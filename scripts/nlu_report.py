"""Evaluate the trained model on the NLU test sets and write var/reports/nlu.md.

Two test sets, reported separately (tests/nlu/README.md):
- the development split `tests/nlu/test_nlu.yml`: every misclassified sentence is listed,
  grouped by intent, so a maintainer can act on it;
- the frozen split `tests/nlu/frozen/v*.yml`: only figures. Training data is never tuned
  against it, so its sentences are not shown here.
Near misses (`tests/nlu/near_misses.yml`, `tests/nlu/frozen/near_misses_v*.yml`) are
sentences that must NOT be classified as a given intent; the share rejected counts in the
gate.

Noise: 95 % bootstrap intervals (sentences drawn with replacement) for macro F1 and each
intent's F1. The "changed since the last accepted report" table compares with
tests/nlu/baseline.json on the sentences both runs share (paired bootstrap of the
difference): a change is called real only when its interval excludes 0. `--accept`
(`make nlu-accept`) makes the current results the new baseline.

The model is loaded once; Rasa's own evaluation (rasa.nlu.test.run_evaluation, as in
`rasa test nlu`) writes its files under var/results/nlu/ (dev) and var/results/nlu/frozen/.
The children's ages are checked per message as well: the set of `child_age` values
ChildAgeExtractor finds must equal the annotated set.

Exit code 1 when a gate is not met (CI).

Usage (from the repo root): .venv-bot/bin/python scripts/nlu_report.py [--skip-test] [--accept]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# The model's custom components (bot.components.…) are imported from the repository.
sys.path.insert(0, str(ROOT))
DEV_FILE = ROOT / "tests" / "nlu" / "test_nlu.yml"
FROZEN_DIR = ROOT / "tests" / "nlu" / "frozen"
NEAR_MISSES = ROOT / "tests" / "nlu" / "near_misses.yml"
BASELINE = ROOT / "tests" / "nlu" / "baseline.json"
MODEL = ROOT / "models" / "current.tar.gz"
RESULTS = ROOT / "var" / "results" / "nlu"
REPORT = ROOT / "var" / "reports" / "nlu.md"
# One JSON line per evaluated model: the quality page shows the gate per model version.
GATE_LOG = ROOT / "var" / "reports" / "nlu_gates.jsonl"
# Gates (README "Sprachverständnis"): the development split as before; the frozen split
# lower, because it was written independently of the training data and is never tuned
# against (its value on the first run: see tests/nlu/README.md).
MACRO_F1_GATE = 0.90
FROZEN_MACRO_F1_GATE = 0.80
NEAR_MISS_GATE = 0.60
# Every other language has its own held-out set, tests/nlu/frozen/<code>/v*.yml, written
# before its training data (issue "languages"): macro F1 and children's ages per language.
LANGUAGE_MACRO_F1_GATE = 0.85
LANGUAGE_AGE_GATE = 0.95
BOOTSTRAP_RUNS = 1000
AGE_EXTRACTOR = "ChildAgeExtractor"
SUMMARY_KEYS = ("accuracy", "macro avg", "weighted avg", "micro avg")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--gate", type=float, default=MACRO_F1_GATE)
    parser.add_argument("--frozen-gate", type=float, default=FROZEN_MACRO_F1_GATE)
    parser.add_argument("--near-miss-gate", type=float, default=NEAR_MISS_GATE)
    parser.add_argument(
        "--skip-test", action="store_true", help="only rewrite the report from existing results"
    )
    parser.add_argument(
        "--accept", action="store_true", help="make the current results the new baseline"
    )
    return parser.parse_args()


# --- running the model ---------------------------------------------------------------
def language_dirs() -> list[Path]:
    """tests/nlu/frozen/<code>/ of every language with a held-out set."""
    return sorted(d for d in FROZEN_DIR.iterdir() if d.is_dir() and any(d.glob("v*.yml")))


def frozen_data(out: Path) -> Path:
    """All frozen versions in one file for Rasa's evaluation."""
    from rasa.shared.nlu.training_data.loading import load_data

    files = sorted(FROZEN_DIR.glob("v*.yml"))
    merged = load_data(str(files[0])).merge(*[load_data(str(f)) for f in files[1:]])
    out.mkdir(parents=True, exist_ok=True)
    path = out / "frozen_test.yml"
    path.write_text(merged.nlu_as_yaml(), encoding="utf-8")
    return path


def near_miss_sentences() -> dict[str, list[str]]:
    import yaml

    found: dict[str, list[str]] = {}
    for path in [NEAR_MISSES, *sorted(FROZEN_DIR.glob("near_misses_v*.yml"))]:
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for intent, texts in (data.get("not_intent") or {}).items():
                split = "frozen" if path.parent == FROZEN_DIR else "dev"
                found.setdefault(f"{split}:{intent}", []).extend(texts)
    return found


def quiet() -> None:
    """Only Rasa's warnings and errors, not one debug line per parsed message."""
    import logging

    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    # Rasa resets the warning filters; its pinned libraries warn about their own futures.
    warnings.filterwarnings("ignore")


async def evaluate(model: Path, out: Path) -> None:
    """Rasa's evaluation of both splits and the near misses, with one loaded model."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.nlu.test import run_evaluation

    quiet()
    agent = Agent.load(model_path=str(model))
    for split_out, data, plot in ((out, DEV_FILE, True), (out / "frozen", None, False)):
        if split_out.exists():
            for old in split_out.glob("*.json"):
                old.unlink()
        split_out.mkdir(parents=True, exist_ok=True)
        path = data or frozen_data(split_out)
        await run_evaluation(
            str(path), agent.processor, output_directory=str(split_out), successes=True,
            errors=True, disable_plotting=not plot, domain_path=str(ROOT / "bot" / "domain"),
        )  # fmt: skip
    for folder in language_dirs():
        split_out = out / "languages" / folder.name
        if split_out.exists():
            for old in split_out.glob("*.json"):
                old.unlink()
        split_out.mkdir(parents=True, exist_ok=True)
        # A language's folder holds only its versions; Rasa reads the folder as one set.
        await run_evaluation(
            str(folder), agent.processor, output_directory=str(split_out),
            successes=True, errors=True, disable_plotting=True,
            domain_path=str(ROOT / "bot" / "domain"),
        )  # fmt: skip
    near: dict[str, list[dict[str, Any]]] = {}
    for key, texts in near_miss_sentences().items():
        for text in texts:
            parsed = await agent.processor.parse_message(UserMessage(text))
            near.setdefault(key, []).append(
                {"text": text, "predicted": parsed["intent"]["name"],
                 "confidence": parsed["intent"]["confidence"]}
            )  # fmt: skip
    (out / "near_misses.json").write_text(json.dumps(near, ensure_ascii=False, indent=1))


def run_model(model: Path, out: Path) -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    warnings.filterwarnings("ignore")
    asyncio.run(evaluate(model, out))


# --- results -------------------------------------------------------------------------
def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


@dataclass
class Split:
    name: str
    out: Path
    texts: list[str]
    truth: list[str]
    predicted: list[str]
    confidence: list[float]

    @classmethod
    def read(cls, name: str, out: Path) -> Split:
        items = load_json(out / "intent_successes.json") + load_json(out / "intent_errors.json")
        items.sort(key=lambda i: (i["intent"], i["text"]))
        return cls(
            name, out, [i["text"] for i in items], [i["intent"] for i in items],
            [i["intent_prediction"]["name"] or "—" for i in items],
            [i["intent_prediction"]["confidence"] or 0.0 for i in items],
        )  # fmt: skip

    def report(self) -> dict[str, Any]:
        return load_json(self.out / "intent_report.json") or {}

    def as_baseline(self) -> dict[str, Any]:
        return {t: [y, p] for t, y, p in zip(self.texts, self.truth, self.predicted, strict=True)}


def f1_table(truth: np.ndarray, pred: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per label F1 and whether the label occurs (in the truth or the predictions)."""
    counts = np.bincount(truth * k + pred, minlength=k * k).reshape(k, k)
    tp = np.diag(counts).astype(float)
    support, predicted = counts.sum(axis=1), counts.sum(axis=0)
    denominator = support + predicted
    f1 = np.divide(2 * tp, denominator, out=np.zeros(k), where=denominator > 0)
    return f1, denominator > 0


def bootstrap(
    truth: list[str], pred: list[str], runs: int = BOOTSTRAP_RUNS, seed: int = 20
) -> dict[str, Any]:
    """Macro F1 and per-intent F1 with 95 % intervals, sentences drawn with replacement.

    Macro F1 averages over the labels that occur (as sklearn and Rasa do), so a
    prediction such as nlu_fallback with no test sentence counts with F1 0.
    """
    labels = sorted(set(truth) | set(pred))
    index = {label: i for i, label in enumerate(labels)}
    y, p, k = np.array([index[t] for t in truth]), np.array([index[q] for q in pred]), len(labels)
    f1, present = f1_table(y, p, k)
    rng = np.random.default_rng(seed)
    macros, per_label = [], []
    for _ in range(runs):
        sample = rng.integers(0, len(y), len(y))
        f, occurs = f1_table(y[sample], p[sample], k)
        macros.append(f[occurs].mean())
        # An intent with no sentence in the draw has no F1: left out of its interval.
        has_truth = np.bincount(y[sample], minlength=k) > 0
        per_label.append(np.where(has_truth, f, np.nan))
    per = np.array(per_label)
    intents = {}
    for label, i in index.items():
        if label in truth:
            low, high = np.nanpercentile(per[:, i], [2.5, 97.5])
            intents[label] = (float(f1[i]), float(low), float(high))
    low, high = np.percentile(macros, [2.5, 97.5])
    return {"macro": (float(f1[present].mean()), float(low), float(high)), "intents": intents}


def paired_change(
    now: Split, base: dict[str, list[str]], runs: int = BOOTSTRAP_RUNS, seed: int = 21
) -> dict[str, Any]:
    """Change of macro F1 and each intent's F1 against the baseline, on shared sentences.

    Returns {"n": shared sentences, "macro": (Δ, low, high), "intents": {intent: (before,
    now, Δ, low, high)}}. A change is real when its 95 % interval excludes 0.
    """
    rows = [
        (y, base[t][1], p)
        for t, y, p in zip(now.texts, now.truth, now.predicted, strict=True)
        if t in base and base[t][0] == y
    ]
    new = len(now.texts) - len(rows)
    if not rows:
        return {"n": 0, "macro": None, "intents": {}, "new": new}
    labels = sorted({r[0] for r in rows} | {r[1] for r in rows} | {r[2] for r in rows})
    index = {label: i for i, label in enumerate(labels)}
    y = np.array([index[r[0]] for r in rows])
    b, p = np.array([index[r[1]] for r in rows]), np.array([index[r[2]] for r in rows])
    k = len(labels)
    f_b, occ_b = f1_table(y, b, k)
    f_p, occ_p = f1_table(y, p, k)
    rng = np.random.default_rng(seed)
    macro_d, per_d = [], []
    for _ in range(runs):
        s = rng.integers(0, len(y), len(y))
        fb, ob = f1_table(y[s], b[s], k)
        fp, op = f1_table(y[s], p[s], k)
        macro_d.append(fp[op].mean() - fb[ob].mean())
        has_truth = np.bincount(y[s], minlength=k) > 0
        per_d.append(np.where(has_truth, fp - fb, np.nan))
    per = np.array(per_d)
    intents, flips = {}, {}
    for label, i in index.items():
        if label in {r[0] for r in rows}:
            low, high = np.nanpercentile(per[:, i], [2.5, 97.5])
            intents[label] = (float(f_b[i]), float(f_p[i]), float(f_p[i] - f_b[i]), low, high)
            worse = sum(1 for t, was, now in rows if t == label and was == t != now)
            better = sum(1 for t, was, now in rows if t == label and was != t == now)
            flips[label] = (worse, better)
    low, high = np.percentile(macro_d, [2.5, 97.5])
    delta = float(f_p[occ_p].mean() - f_b[occ_b].mean())
    result = {"n": len(rows), "macro": (delta, float(low), float(high)), "intents": intents}
    return {**result, "new": new, "flips": flips}


def verdict(low: float, high: float) -> str:
    if high < 0:
        return "**schlechter (echt)**"
    if low > 0:
        return "besser (echt)"
    return "im Rauschen"


# --- report sections -----------------------------------------------------------------
def shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def interval(values: tuple[float, float, float]) -> str:
    return f"{values[0]:.3f} [{values[1]:.3f}–{values[2]:.3f}]"


def intent_table(split: Split, noise: dict[str, Any], near: dict[str, Any]) -> list[str]:
    report = split.report()
    lines = [
        "| Intent | Precision | Recall | F1 [95 %-Intervall] | Support "
        "| Beinahe-Treffer abgelehnt |",
        "|---|---|---|---|---|---|",
    ]
    for intent, (f1, low, high) in sorted(noise["intents"].items()):
        row = report.get(intent, {})
        nm = near.get(intent)
        nm_text = f"{nm[0]}/{nm[1]}" if nm else "–"
        lines.append(
            f"| {intent} | {row.get('precision', 0):.3f} | {row.get('recall', 0):.3f} "
            f"| {f1:.3f} [{low:.3f}–{high:.3f}] | {row.get('support', 0)} | {nm_text} |"
        )
    return lines


def errors_by_intent(split: Split) -> list[str]:
    """Every misclassified sentence, grouped by its true intent."""
    by_intent: dict[str, list[tuple[str, str, float]]] = {}
    for text, y, p, c in zip(
        split.texts, split.truth, split.predicted, split.confidence, strict=True
    ):
        if y != p:
            by_intent.setdefault(y, []).append((text, p, c))
    if not by_intent:
        return ["Keine."]
    lines = []
    for intent in sorted(by_intent):
        errors = sorted(by_intent[intent], key=lambda e: -e[2])
        lines += ["", f"### {intent} ({len(errors)})", ""]
        lines += [f"- „{t}“ → `{p}` ({c:.2f})" for t, p, c in errors]
    return lines


def change_section(change: dict[str, Any], accepted: str) -> list[str]:
    if not change["n"]:
        return [f"Keine gemeinsamen Sätze mit der angenommenen Grundlage ({accepted})."]
    d, low, high = change["macro"]
    lines = [
        f"Grundlage: `{accepted}`; verglichen auf {change['n']} Sätzen, die beide Läufe "
        "haben (gepaarter Bootstrap, 95 %). „echt“ heißt: das Intervall der Änderung "
        "schließt 0 aus; sonst ist die Änderung kleiner als das Rauschen. Eine Grenze von "
        "genau 0 heißt: nur wenige Sätze haben sich geändert, zu wenige für ein Urteil. "
        "F1 eines Intents ändert sich auch, wenn *andere* Sätze neu als er erkannt werden "
        "(Precision).",
        "",
        f"- Macro-F1: {d:+.3f} [{low:+.3f} bis {high:+.3f}] – {verdict(low, high)}",
        "",
        "| Intent | F1 vorher | F1 jetzt | Änderung [95 %] | Urteil "
        "| Sätze neu falsch / neu richtig |",
        "|---|---|---|---|---|---|",
    ]
    rows = sorted(change["intents"].items(), key=lambda kv: kv[1][2])
    for intent, (before, now, delta, lo, hi) in rows:
        if abs(delta) < 1e-9 and lo == hi == 0:
            continue
        worse, better = change["flips"][intent]
        lines.append(
            f"| {intent} | {before:.3f} | {now:.3f} | {delta:+.3f} [{lo:+.3f} bis {hi:+.3f}] "
            f"| {verdict(lo, hi)} | {worse} / {better} |"
        )
    unchanged = sum(1 for v in change["intents"].values() if abs(v[2]) < 1e-9 and v[3] == v[4] == 0)
    if unchanged == len(change["intents"]):
        lines = [*lines[:-2], "Keine Änderung bei einem Intent."]
    else:
        lines += ["", f"{unchanged} Intents ohne jede Änderung sind nicht aufgeführt."]
    if change["new"]:
        lines += [f"{change['new']} Sätze sind neu seit der Grundlage und nicht verglichen."]
    return lines


def near_miss_summary(split: str, near: dict[str, list[dict[str, Any]]]) -> dict[str, tuple]:
    """Per intent: (rejected, total, hits) of its near misses in one split."""
    summary = {}
    for key, items in near.items():
        which, intent = key.split(":", 1)
        if which == split:
            hits = [i for i in items if i["predicted"] == intent]
            summary[intent] = (len(items) - len(hits), len(items), hits)
    return summary


def age_accuracy(nlu: Path, out: Path) -> tuple[int, int, int, list[str]]:
    """Messages whose predicted set of ages equals the annotated set, over all messages."""
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
        for entity, row in sorted(load_json(path).items()):
            if entity in SUMMARY_KEYS or entity == "no_entity" or not isinstance(row, dict):
                continue
            if row["precision"] == 0 and row["recall"] == 0:
                continue
            lines.append(
                f"| {extractor} | {entity} | {row['precision']:.3f} | {row['recall']:.3f} "
                f"| {row['f1-score']:.3f} | {row['support']} |"
            )
    return lines


# --- the report ----------------------------------------------------------------------
def write_report(args: argparse.Namespace) -> bool:
    dev, frozen = Split.read("dev", args.out), Split.read("frozen", args.out / "frozen")
    if not dev.texts or not frozen.texts:
        raise SystemExit(f"Keine Ergebnisse unter {args.out}: erst ohne --skip-test laufen.")
    near = load_json(args.out / "near_misses.json") or {}
    baseline = load_json(args.baseline) or {}
    noise = {s.name: bootstrap(s.truth, s.predicted) for s in (dev, frozen)}
    misses = {s: near_miss_summary(s, near) for s in ("dev", "frozen")}
    rejected = sum(v[0] for m in misses.values() for v in m.values())
    total = sum(v[1] for m in misses.values() for v in m.values())
    near_share = rejected / total if total else 1.0
    gates = {
        "dev": noise["dev"]["macro"][0] >= args.gate,
        "frozen": noise["frozen"]["macro"][0] >= args.frozen_gate,
        "near": near_share >= args.near_miss_gate,
    }

    def status(ok: bool) -> str:
        return "bestanden" if ok else "**NICHT bestanden**"

    correct, n_age, with_age, age_failures = age_accuracy(DEV_FILE, args.out)
    age_ok = with_age - len(age_failures)
    accepted = baseline.get("accepted", "keine") if baseline else "keine"
    lines = [
        "# NLU-Bericht",
        "",
        f"- Modell: `{args.model.resolve().name}`",
        f"- **Entwicklungs-Testsatz** (`{shown(DEV_FILE)}`, {len(dev.texts)} Sätze): "
        f"Macro-F1 **{interval(noise['dev']['macro'])}** (Grenze {args.gate:.2f}: "
        f"{status(gates['dev'])})",
        f"- **Eingefrorener Testsatz** (`tests/nlu/frozen/v*.yml`, {len(frozen.texts)} Sätze): "
        f"Macro-F1 **{interval(noise['frozen']['macro'])}** (Grenze {args.frozen_gate:.2f}: "
        f"{status(gates['frozen'])})",
        f"- **Beinahe-Treffer** abgelehnt: {rejected}/{total} = {near_share:.3f} "
        f"(Grenze {args.near_miss_gate:.2f}: {status(gates['near'])})",
        f"- Intervalle: 95 % Bootstrap ({BOOTSTRAP_RUNS} Ziehungen der Sätze mit "
        "Zurücklegen). Ein Intent mit 12 Testsätzen bewegt sich schon durch einen Satz um "
        "0,04–0,08; kleinere Änderungen sind Rauschen.",
        f"- Angenommene Grundlage: {accepted} (`{shown(args.baseline)}`, neu annehmen mit "
        "`make nlu-accept`)",
        f"- Kinderalter (ChildAgeExtractor, Entwicklungs-Testsatz), Nachrichten mit genau den "
        f"richtigen Altern: **{correct}/{n_age} = {correct / max(n_age, 1):.3f}**; unter den "
        f"{with_age} Nachrichten mit erwartetem oder gefundenem Alter {age_ok}/{with_age}",
        f"- Rohdaten: `{shown(args.out)}/` (Konfusionsmatrix "
        f"`{shown(args.out / 'intent_confusion_matrix.png')}`)",
        "",
        "## Entwicklungs-Testsatz: Intents",
        "",
        *intent_table(dev, noise["dev"], misses["dev"]),
        "",
        "## Entwicklungs-Testsatz: jeder falsch erkannte Satz (richtig → erkannt, Konfidenz)",
        *errors_by_intent(dev),
        "",
        "## Beinahe-Treffer, die als der Intent erkannt wurden",
        "",
        "Sätze, die ausdrücklich *nicht* dieser Intent sind (z. B. Öffnungszeiten anderer "
        "Ämter). Jeder Treffer hier ist ein Fehler der Precision.",
        "",
    ]
    hits = [
        f"- `{intent}` ({which}): „{h['text']}“ ({h['confidence']:.2f})"
        for which in ("dev", "frozen")
        for intent, (_, _, found) in sorted(misses[which].items())
        for h in found
        if which == "dev"
    ]
    frozen_hits = sum(len(v[2]) for v in misses["frozen"].values())
    lines += hits or ["Keine (Entwicklungs-Testsatz)."]
    lines += [f"- eingefrorener Testsatz: {frozen_hits} Treffer (Sätze nicht gezeigt)"]
    lines += ["", "## Geändert seit dem letzten angenommenen Bericht", ""]
    lines += ["### Entwicklungs-Testsatz", ""]
    lines += change_section(paired_change(dev, baseline.get("dev", {})), accepted)
    lines += ["", "### Eingefrorener Testsatz", ""]
    lines += change_section(paired_change(frozen, baseline.get("frozen", {})), accepted)
    lines += [
        "",
        "## Eingefrorener Testsatz: Intents",
        "",
        "Nur Zahlen: Die Sätze werden nicht gezeigt, damit niemand das Training auf sie "
        "abstimmt (tests/nlu/README.md).",
        "",
        *intent_table(frozen, noise["frozen"], misses["frozen"]),
        "",
        "## Entities (Entwicklungs-Testsatz, tokenweise, aus Rasas Extraktor-Berichten)",
        "",
        *entity_section(args.out),
        "",
        "## Kinderalter: Fehler je Nachricht",
        "",
        *([f"- {failure}" for failure in age_failures] or ["Keine."]),
    ]
    language_lines, languages_ok = language_section(args.out)
    at = lines.index("## Entwicklungs-Testsatz: Intents")
    lines[at:at] = language_lines
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.out / "summary.json").write_text(
        json.dumps({"dev": dev.as_baseline(), "frozen": frozen.as_baseline()},
                   ensure_ascii=False, indent=0, sort_keys=True),
        encoding="utf-8",
    )  # fmt: skip
    log_gate(args, noise["dev"]["macro"][0], noise["frozen"]["macro"][0], near_share, gates)
    print(
        f"NLU Macro-F1 Entwicklung {interval(noise['dev']['macro'])} (Grenze {args.gate:.2f}), "
        f"eingefroren {interval(noise['frozen']['macro'])} (Grenze {args.frozen_gate:.2f}), "
        f"Beinahe-Treffer abgelehnt {rejected}/{total} (Grenze {args.near_miss_gate:.2f}); "
        f"Bericht: {shown(args.report)}"
    )
    return all(gates.values()) and languages_ok


def language_section(out: Path) -> tuple[list[str], bool]:
    """Per language: macro F1 with interval and children's ages on its held-out set."""
    rows, ok = [], True
    for folder in language_dirs():
        split_out = out / "languages" / folder.name
        split = Split.read(folder.name, split_out)
        if not split.texts:
            raise SystemExit(f"Keine Ergebnisse unter {split_out}: erst ohne --skip-test laufen.")
        macro = bootstrap(split.truth, split.predicted)["macro"]
        correct, total, with_age, failures = age_accuracy(folder, split_out)
        ages = correct / max(total, 1)
        passed = macro[0] >= LANGUAGE_MACRO_F1_GATE and ages >= LANGUAGE_AGE_GATE
        ok = ok and passed
        rows.append(
            f"| {folder.name} | {len(split.texts)} | {interval(macro)} | {correct}/{total} = "
            f"{ages:.3f} ({with_age - len(failures)}/{with_age} mit Alter) "
            f"| {'bestanden' if passed else '**NICHT bestanden**'} |"
        )
        print(
            f"NLU {folder.name}: Macro-F1 {interval(macro)} (Grenze {LANGUAGE_MACRO_F1_GATE:.2f}), "
            f"Kinderalter {ages:.3f} (Grenze {LANGUAGE_AGE_GATE:.2f})"
        )
    if not rows:
        return [], True
    return [
        "## Weitere Sprachen (eingefrorene Testsätze `tests/nlu/frozen/<Sprache>/`)",
        "",
        f"Grenzen je Sprache: Macro-F1 ≥ {LANGUAGE_MACRO_F1_GATE:.2f}, Nachrichten mit genau "
        f"den richtigen Kinderaltern ≥ {LANGUAGE_AGE_GATE:.2f}. Nur Zahlen, keine Sätze.",
        "",
        "| Sprache | Sätze | Macro-F1 [95 %-Intervall] | Kinderalter | Grenzen |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ], ok


def log_gate(
    args: argparse.Namespace, dev: float, frozen: float, near: float, gates: dict[str, bool]
) -> None:
    """Append this model's gate result to var/reports/nlu_gates.jsonl."""
    from datetime import datetime, timezone

    entry = {
        "model": args.model.resolve().name,
        "date": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        "dev_macro_f1": round(dev, 3),
        "frozen_macro_f1": round(frozen, 3),
        "near_miss_share": round(near, 3),
        "passed": all(gates.values()),
    }
    GATE_LOG.parent.mkdir(parents=True, exist_ok=True)
    with GATE_LOG.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


def baseline_json(summary: dict[str, Any]) -> str:
    """One sentence per line, sorted, so that a new baseline reads well in a diff."""
    lines = ["{", f'"accepted": {json.dumps(summary["accepted"], ensure_ascii=False)},']
    for split in ("dev", "frozen"):
        items = sorted(summary[split].items())
        lines.append(f'"{split}": {{')
        lines += [
            f"  {json.dumps(text, ensure_ascii=False)}: {json.dumps(pair, ensure_ascii=False)}"
            + ("," if i < len(items) - 1 else "")
            for i, (text, pair) in enumerate(items)
        ]
        lines.append("}," if split == "dev" else "}")
    return "\n".join(lines) + "\n}\n"


def accept(args: argparse.Namespace) -> None:
    """Make the last results the baseline the report compares with."""
    from datetime import datetime, timezone

    summary = load_json(args.out / "summary.json")
    if not summary:
        raise SystemExit("Keine Ergebnisse: erst `make test-nlu` laufen lassen.")
    summary["accepted"] = (
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, Modell {args.model.resolve().name}"
    )
    with tempfile.NamedTemporaryFile("w", delete=False, dir=args.baseline.parent) as handle:
        handle.write(baseline_json(summary))
    os.chmod(handle.name, 0o644)
    shutil.move(handle.name, args.baseline)
    print(f"Neue Grundlage: {shown(args.baseline)} ({summary['accepted']}). Bitte committen.")


def main() -> int:
    args = parse_args()
    if args.accept:
        accept(args)
        return 0
    if not args.skip_test:
        run_model(args.model, args.out)
    return 0 if write_report(args) else 1


if __name__ == "__main__":
    sys.exit(main())
