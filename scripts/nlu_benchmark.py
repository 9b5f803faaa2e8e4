"""Print training time and /model/parse latency; figures for the NLU report, not assertions.

Training time is read from the last `make train` log ("Training dauerte N s", var/train.log
or --train-log), or measured with --train, which runs `rasa train --force` into a
temporary directory. Parse latency is measured over --calls messages from the held-out set,
either against a running server (--url http://localhost:5005, optional --token) or, by
default, in-process with a Rasa Agent loaded from the model. --append adds the figures to
var/reports/nlu.md.

Usage (from the repo root): .venv-bot/bin/python scripts/nlu_benchmark.py [--train] [--append]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "current.tar.gz"
TRAIN_LOG = ROOT / "var" / "train.log"
TEST_FILE = ROOT / "tests" / "nlu" / "test_nlu.yml"
REPORT = ROOT / "var" / "reports" / "nlu.md"
RASA = ROOT / ".venv-bot" / "bin" / "rasa"
TRAIN_TIME_RE = re.compile(r"Training dauerte (\d+) s")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="time `rasa train --force` now")
    parser.add_argument("--train-log", type=Path, default=TRAIN_LOG)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--url", help="base URL of a running Rasa server, e.g. :5005")
    parser.add_argument("--token", default=os.environ.get("FL_RASA_TOKEN"))
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--append", action="store_true", help=f"append to {REPORT}")
    return parser.parse_args()


def time_training() -> float:
    """Run a full forced training into a temporary directory; return seconds."""
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"}
    with tempfile.TemporaryDirectory() as out:
        cmd = [str(RASA), "train", "--force", "--config", "bot/config.yml"]
        cmd += ["--domain", "bot/domain", "--data", "data/nlu", "data/rules", "data/stories"]
        cmd += ["--out", out]
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def logged_training_time(log: Path) -> float | None:
    """The last "Training dauerte N s" line of scripts/train.sh's output, if any."""
    if not log.exists():
        return None
    found = TRAIN_TIME_RE.findall(log.read_text(encoding="utf-8", errors="replace"))
    return float(found[-1]) if found else None


def sample_texts(n: int) -> list[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    texts = [m.get("text") for m in load_data(str(TEST_FILE)).intent_examples]
    return [texts[i % len(texts)] for i in range(n)]


def parse_latencies_http(url: str, token: str | None, texts: list[str]) -> list[float]:
    endpoint = url.rstrip("/") + "/model/parse" + (f"?token={token}" if token else "")
    timings = []
    for text in texts:
        body = json.dumps({"text": text}).encode()
        request = urllib.request.Request(
            endpoint, data=body, headers={"Content-Type": "application/json"}
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        timings.append(time.perf_counter() - start)
    return timings


def parse_latencies_agent(model: Path, texts: list[str]) -> list[float]:
    # The model names custom components as bot.components.*, importable from the root.
    sys.path.insert(0, str(ROOT))
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # parse debug events would print the messages

    async def run() -> list[float]:
        agent = Agent.load(str(model))
        await agent.parse_message("Hallo")  # warm-up: first call builds TF graphs
        timings = []
        for text in texts:
            start = time.perf_counter()
            await agent.parse_message(text)
            timings.append(time.perf_counter() - start)
        return timings

    return asyncio.run(run())


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> int:
    args = parse_args()
    if args.train:
        train_s, train_src = time_training(), "gemessen mit `rasa train --force`"
    else:
        train_s, train_src = logged_training_time(args.train_log), f"aus `{args.train_log.name}`"
    texts = sample_texts(max(args.calls, 50))
    if args.url:
        timings, where = parse_latencies_http(args.url, args.token, texts), args.url
    else:
        timings, where = parse_latencies_agent(args.model, texts), "Agent im Prozess"
    ms = [t * 1000 for t in timings]
    lines = [
        "",
        "## Leistung (Messwerte, keine Grenzwerte)",
        "",
        f"- Volles Training: {f'{train_s:.0f} s' if train_s else 'unbekannt'} ({train_src}), "
        f"{os.cpu_count()} CPU-Kerne",
        f"- /model/parse über {len(ms)} Aufrufe ({where}): p50 {percentile(ms, 50):.1f} ms, "
        f"p90 {percentile(ms, 90):.1f} ms, max {max(ms):.1f} ms",
    ]
    print("\n".join(lines).strip())
    if args.append:
        with REPORT.open("a", encoding="utf-8") as report:
            report.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
