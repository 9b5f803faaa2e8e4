"""Check a trained model against the test splits, then activate it (or roll back) live.

    python scripts/model_switch.py check models/familienlotse-<hash>.tar.gz
    python scripts/model_switch.py activate models/familienlotse-<hash>.tar.gz
    python scripts/model_switch.py rollback
    python scripts/model_switch.py status

`check` runs scripts/nlu_report.py for that model (development split, frozen split, near
misses; report var/reports/nlu-<model>.md) and logs the gate in var/reports/nlu_gates.jsonl.
`activate` refuses a model without a passing check, points the link (default
models/active.tar.gz; Rasa must be started with it: FL_MODEL=models/active.tar.gz) at the
model, remembers the old target in models/previous.tar.gz and sends SIGHUP to every Rasa
process in var/run/rasa-*.pid: each loads the model from the link again, without a restart
(bot/serve.py). `rollback` swaps back. Rasa's `PUT /model` stays closed (it would let the
holder of the HTTP token load any file); this needs shell access on the chat host.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
GATE_LOG = ROOT / "var" / "reports" / "nlu_gates.jsonl"


def run_dir() -> Path:
    """Where bot/serve.py writes the process ids (FL_RUN_DIR, default var/run)."""
    return Path(os.environ.get("FL_RUN_DIR") or ROOT / "var" / "run")


def passed_gate(model: Path, log: Path = GATE_LOG) -> bool:
    """True if the newest check of this model (by file name) passed every gate."""
    result = None
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and entry.get("model") == model.name:
                result = entry.get("passed") is True
    return bool(result)


def relink(link: Path, target: Path) -> None:
    """Point `link` at `target` atomically (a new link, then rename over the old one)."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(os.path.relpath(target, link.parent))
    temporary.replace(link)


def signal_rasa() -> list[int]:
    """Send SIGHUP to every running Rasa process with a pid file; return their ids."""
    signalled = []
    for path in sorted(run_dir().glob("rasa-*.pid")):
        try:
            pid = int(path.read_text(encoding="utf-8").strip())
            os.kill(pid, signal.SIGHUP)
        except (ValueError, ProcessLookupError, PermissionError):
            continue
        signalled.append(pid)
    return signalled


def activate(model: Path, link: Path, log: Path = GATE_LOG) -> str:
    """Activate a checked model; return a German message (raises SystemExit if refused)."""
    model = model.resolve()
    if not model.is_file():
        raise SystemExit(f"Modell nicht gefunden: {model}")
    if not passed_gate(model, log):
        raise SystemExit(
            f"{model.name} hat keine bestandene Prüfung. Zuerst: "
            f"python scripts/model_switch.py check {model}"
        )
    previous = link.with_name("previous.tar.gz")
    if link.exists() and link.resolve() != model:
        relink(previous, link.resolve())
    relink(link, model)
    pids = signal_rasa()
    return f"Aktiv: {model.name} ({link}); neu geladen in {len(pids)} Rasa-Prozess(en)."


def rollback(link: Path) -> str:
    """Swap the active and the previous model; return a German message."""
    previous = link.with_name("previous.tar.gz")
    if not previous.exists():
        raise SystemExit("Kein vorheriges Modell gespeichert.")
    old, current = previous.resolve(), link.resolve() if link.exists() else None
    relink(link, old)
    if current:
        relink(previous, current)
    pids = signal_rasa()
    return f"Zurück zu {old.name}; neu geladen in {len(pids)} Rasa-Prozess(en)."


def check(model: Path) -> int:
    """Evaluate the model on the test splits; exit code 0 if every gate passed."""
    name = model.resolve().name.removesuffix(".tar.gz")
    command = [
        str(ROOT / ".venv-bot" / "bin" / "python"), str(ROOT / "scripts" / "nlu_report.py"),
        "--model", str(model.resolve()),
        "--out", str(ROOT / "var" / "results" / f"nlu-{name}"),
        "--report", str(ROOT / "var" / "reports" / f"nlu-{name}.md"),
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    """Parse the command and run it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "activate", "rollback", "status"))
    parser.add_argument("model", nargs="?", type=Path)
    parser.add_argument("--link", type=Path, default=MODELS / "active.tar.gz")
    args = parser.parse_args(argv)
    if args.command in ("check", "activate") and args.model is None:
        parser.error("Bitte das Modell angeben, z. B. models/familienlotse-<hash>.tar.gz")
    if args.command == "check":
        return check(args.model)
    if args.command == "activate":
        print(activate(args.model, args.link))
    elif args.command == "rollback":
        print(rollback(args.link))
    else:
        active = args.link.resolve().name if args.link.exists() else "keins"
        print(f"Aktiv ({args.link}): {active}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
