"""Retrain the NLU on exported review-inbox examples and say how it reads one message.

Run with the bot environment (Rasa 3.6) by tests/e2e/test_review_inbox_e2e.py:
    .venv-bot/bin/python tests/e2e/nlu_retrain.py --data DIR --intents a b --text "…" --out DIR

The training data are the German examples of the given intents from DIR/nlu/*.yml plus
everything in DIR/nlu/inbox/ (what `appointments.review.export` wrote), trained with the
project's own pipeline (bot/config.yml). A subset, because a full training takes minutes
on the 2-core machine; `make train` reads data/nlu/inbox/ with the rest of data/nlu.
Prints one JSON line: the intent, its confidence, how many examples, how long it took.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the pipeline's own components live in bot/components


def training_data(data: Path, intents: set[str]):  # type: ignore[no-untyped-def]
    """The German examples of `intents`, the lookup tables, and the whole inbox."""
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    german = [load_data(str(path)) for path in sorted((data / "nlu").glob("*.yml"))]
    merged = TrainingData().merge(*german)
    subset = merged.filter_training_examples(lambda example: example.get("intent") in intents)
    inbox = [load_data(str(path)) for path in sorted((data / "nlu" / "inbox").glob("*.yml"))]
    return subset.merge(*inbox)


async def parse(model: str, text: str) -> dict:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    agent = Agent.load(model_path=model)
    return await agent.processor.parse_message(UserMessage(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--intents", nargs="+", required=True)
    parser.add_argument("--text", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    warnings.filterwarnings("ignore")

    from rasa.model_training import train_nlu

    started = time.monotonic()
    data = training_data(args.data, set(args.intents))
    args.out.mkdir(parents=True, exist_ok=True)
    nlu_file = args.out / "nlu.yml"
    nlu_file.write_text(data.nlu_as_yaml(), encoding="utf-8")
    model = train_nlu(
        config=str(ROOT / "bot" / "config.yml"),
        nlu_data=str(nlu_file),
        output=str(args.out),
        fixed_model_name="inbox-retrain",
    )
    if not model:
        print(json.dumps({"error": "training failed"}))
        return 1
    result = asyncio.run(parse(model, args.text))
    print(
        json.dumps(
            {
                "intent": result["intent"]["name"],
                "confidence": round(float(result["intent"]["confidence"]), 3),
                "examples": len(data.intent_examples),
                "seconds": round(time.monotonic() - started),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
