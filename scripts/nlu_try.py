"""Show how the trained model understands one sentence: intent ranking and entities.

Usage: make nlu-try TEXT="Wann hat das Familienbüro geöffnet?"
       (.venv-bot/bin/python scripts/nlu_try.py "…" [--model models/current.tar.gz])
For many sentences in a row: `.venv-bot/bin/rasa shell nlu -m models/current.tar.gz`
(README, "Einen Satz ausprobieren").
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the model's own components live in bot/components


async def parse(model: Path, text: str) -> dict:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    from scripts.nlu_report import quiet

    quiet()
    agent = Agent.load(model_path=str(model))
    return await agent.processor.parse_message(UserMessage(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    if not args.text.strip():
        raise SystemExit('Bitte einen Satz angeben: make nlu-try TEXT="…"')
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    warnings.filterwarnings("ignore")
    result = asyncio.run(parse(args.model, args.text))
    intent = result["intent"]
    print(f"Satz: „{args.text}“")
    print(f"Erkannt: {intent['name']} ({intent['confidence']:.2f})")
    print("Rangfolge:")
    for entry in (result.get("intent_ranking") or [])[: args.top]:
        print(f"  {entry['confidence']:.3f}  {entry['name']}")
    entities = result.get("entities") or []
    print("Entities:" if entities else "Entities: keine")
    for e in entities:
        said = e.get("text") or args.text[e.get("start", 0) : e.get("end", 0)]
        print(f"  {e['entity']} = {e.get('value')!r} („{said}“, {e.get('extractor')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
