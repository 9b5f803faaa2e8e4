"""How often the language recognition is right, silent or wrong, per language.

Runs bot/components/language_detection.py over the training examples of every language
(data/nlu/ for German, data/nlu/<code>/ for the others) and the German development split.
"Wrong" is the costly case: the conversation would switch to a language the family did
not write. Never run on the held-out sets (tests/nlu/frozen/): they are not for tuning.

Usage: .venv-bot/bin/python scripts/language_detection_report.py
"""

from __future__ import annotations

import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.components.language_detection import detect_language  # noqa: E402


def sentences(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in (block.get("examples") or "").splitlines() if "intent" in block else []:
                if line.strip().startswith("- "):
                    text = line.strip()[2:]
                    found.append(re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", text))
    return found


def main() -> None:
    nlu = ROOT / "data" / "nlu"
    sets = {"de": sentences([*sorted(nlu.glob("*.yml")), ROOT / "tests" / "nlu" / "test_nlu.yml"])}
    for folder in sorted(d for d in nlu.iterdir() if d.is_dir()):
        sets[folder.name] = sentences(sorted(folder.glob("*.yml")))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    print("| Sprache | Sätze | richtig | keine Angabe | falsch (Wechsel in andere Sprache) |")
    print("|---|---|---|---|---|")
    total = 0
    for code, texts in sets.items():
        results = Counter(detect_language(t) for t in texts)
        total += len(texts)
        right, silent = results[code], results[None]
        wrong = len(texts) - right - silent
        print(f"| {code} | {len(texts)} | {right} | {silent} | {wrong} |")
    elapsed = (time.perf_counter() - start) / max(total, 1) * 1000
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"\n{elapsed:.2f} ms je Nachricht; Speicher des Erkenners: +{grown:.0f} MB (maxrss)")


if __name__ == "__main__":
    main()
