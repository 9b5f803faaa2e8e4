"""`rasa data validate --fail-on-warnings`, with the warnings the project accepts.

Rasa 3.6 warns about things that are no mistake here (form questions "not used in any
story", intents that only answer a form). Those are listed with their reason in
bot/accepted_warnings.yml; every other warning fails, as does every error. Rasa itself
fails with --fail-on-warnings on some warnings only (e.g. an intent of the training data
that is missing from the domain), so the output is checked as well.

Usage: .venv-bot/bin/python scripts/validate.py [--root DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
WARNING = re.compile(r"UserWarning: (.*)$")
UNUSED_INTENT = re.compile(r"The intent '([^']+)' is not used in any story or rule\.")
UNUSED_UTTERANCE = re.compile(r"The utterance '([^']+)' is not used in any story or rule\.")


def run_rasa(root: Path) -> tuple[int, str]:
    rasa = REPO / ".venv-bot" / "bin" / "rasa"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"}
    cmd = [str(rasa), "data", "validate", "--fail-on-warnings", "--config", "bot/config.yml"]
    cmd += ["--domain", "bot/domain", "--data", "data/nlu", "data/rules", "data/stories"]
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    return result.returncode, ANSI.sub("", result.stdout + result.stderr)


def warnings_in(output: str) -> list[str]:
    return [m.group(1).strip() for line in output.splitlines() if (m := WARNING.search(line))]


def accepted_reason(warning: str, accepted: dict, root: Path) -> str | None:
    """The reason this warning is accepted, or None."""
    if m := UNUSED_INTENT.fullmatch(warning):
        return (accepted.get("intents_without_rules") or {}).get(m.group(1))
    if m := UNUSED_UTTERANCE.fullmatch(warning):
        name = m.group(1)
        rules = accepted.get("utterances_without_rules") or {}
        for rule in rules.values():
            if name in rule.get("names", []):
                return rule["reason"]
            if "pattern" in rule and re.search(rule["pattern"], name):
                return rule["reason"]
            if "found_in" in rule and _named_in_code(name, root / rule["found_in"]):
                return rule["reason"]
    return None


def _named_in_code(name: str, folder: Path) -> bool:
    word = re.compile(rf"\b{re.escape(name)}\b")
    return any(word.search(p.read_text(encoding="utf-8")) for p in folder.rglob("*.py"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO)
    args = parser.parse_args()
    root = args.root.resolve()
    accepted = yaml.safe_load((root / "bot" / "accepted_warnings.yml").read_text("utf-8")) or {}
    code, output = run_rasa(root)
    warnings = warnings_in(output)
    open_warnings = [w for w in warnings if accepted_reason(w, accepted, root) is None]
    for warning in open_warnings:
        print(f"WARNUNG: {warning}")
    if code != 0 and not open_warnings:
        print(output[-4000:])
    print(
        f"rasa data validate: {len(warnings) - len(open_warnings)} Warnungen akzeptiert "
        "(bot/accepted_warnings.yml, mit Begründung)."
    )
    if code != 0 or open_warnings:
        print(
            f"rasa data validate: NICHT bestanden ({len(open_warnings)} nicht akzeptierte "
            f"Warnungen, Rasa-Code {code}). Bitte die Ursache beheben; nur eine Warnung, die "
            "kein Fehler ist, mit Begründung in bot/accepted_warnings.yml eintragen."
        )
        return 1
    print("rasa data validate: keine Fehler, keine offenen Warnungen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
