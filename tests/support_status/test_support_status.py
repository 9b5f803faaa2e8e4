"""SECURITY.md's data: every runtime with its end of support, and a decision once it passed."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
STATUS = ROOT / "docs" / "support-status.yml"
IMAGES = ROOT / "deploy" / "images"
# Which environment and image each Python version of the data is for.
PYTHON_OF = {"rasa": "3.10", "actions": "3.11", "api": "3.11"}
LOCK_OF = {"rasa": "bot", "actions": "actions", "api": "api"}


def entries() -> list[dict[str, Any]]:
    return yaml.safe_load(STATUS.read_text(encoding="utf-8"))["entries"]


def overdue(items: list[dict[str, Any]], today: dt.date) -> list[str]:
    """Names of entries past their end of support without a decision that is still valid."""
    found = []
    for item in items:
        end = item["end_of_support"]
        if end == "none" or end >= today:
            continue
        decision = item.get("decision") or {}
        if not (decision.get("text") and decision.get("date")):
            found.append(f"{item['name']}: Support endete {end}, keine Entscheidung")
        elif decision.get("review_by") is None or decision["review_by"] < today:
            found.append(f"{item['name']}: Entscheidung vom {decision['date']} ist zu prüfen")
    return found


def test_every_entry_is_complete() -> None:
    for item in entries():
        required = {"name", "version", "used_by", "end_of_support", "source", "mitigation"}
        missing = required - set(item)
        assert not missing, (item.get("name"), missing)
        end = item["end_of_support"]
        assert end == "none" or isinstance(end, dt.date), (item["name"], end)
        assert item["source"].strip().startswith("https://"), item["name"]


def test_no_end_of_support_has_passed_without_a_decision() -> None:
    assert overdue(entries(), dt.date.today()) == []


def test_a_passed_end_date_without_decision_is_reported() -> None:
    # The check itself: the same data one day after Python 3.11's end, its entry undecided.
    items = entries()
    day_after = dt.date(2027, 11, 1)
    reported = overdue(items, day_after)
    assert any(line.startswith("Python 3.11:") for line in reported)
    python_310 = next(i for i in items if i["name"] == "Python 3.10")
    assert overdue([{**python_310, "decision": None}], dt.date(2026, 11, 1))
    review = python_310["decision"]["review_by"]
    assert overdue([python_310], review + dt.timedelta(days=1))


def test_the_pinned_versions_are_the_locked_ones() -> None:
    for item in entries():
        for pin in item.get("pinned") or []:
            lock, requirement = pin.split(":", 1)
            lines = (ROOT / lock).read_text(encoding="utf-8").splitlines()
            assert requirement in lines, (item["name"], pin)


def test_the_python_versions_are_those_of_the_environments() -> None:
    names = {item["name"] for item in entries()}
    for version in set(PYTHON_OF.values()):
        assert f"Python {version}" in names
    # This test runs in the action server's environment (make test-bot).
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == PYTHON_OF["actions"]


@pytest.mark.parametrize("image", sorted(PYTHON_OF))
def test_each_image_uses_its_python_and_installs_only_from_its_lock(image: str) -> None:
    text = (IMAGES / image / "Dockerfile").read_text(encoding="utf-8")
    lines = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    base = [line for line in lines if line.startswith("FROM ")]
    assert base == [f"FROM python:{PYTHON_OF[image]}-slim"], base
    lock = f"requirements/{LOCK_OF[image]}.lock"
    assert f"COPY {lock} {lock}" in lines
    installs = re.findall(r"pip install ([^\\&\n]+)", text)
    assert installs, image
    for args in installs:
        packages = [a for a in args.split() if not a.startswith("-") and a != lock]
        # Nothing besides the lock, except pip itself (the bot lock needs pip<25).
        assert packages in ([], ['"pip<25"']), (image, args)
        if not packages:
            assert f"--no-deps -r {lock}" in args, (image, args)
    assert any(line.startswith("USER ") and line != "USER root" for line in lines), image
    assert "SECURITY.md" in text and "Not built in CI here" in text


def test_security_md_names_every_entry_and_the_data_file() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "docs/support-status.yml" in text
    for item in entries():
        assert item["name"] in text, item["name"]


# What each image runs, and the first-party packages its code imports at start.
IMAGE_CODE = {"actions": "actions", "rasa": "bot", "api": "appointments"}
FIRST_PARTY = ("actions", "appointments", "bot", "connectors", "runtime")


@pytest.mark.parametrize("image", sorted(PYTHON_OF))
def test_each_image_copies_what_its_code_imports(image: str) -> None:
    """The images are not built here: a moved module (bot/production_check.py → runtime/)
    left the actions image copying a file that no longer exists."""
    text = (IMAGES / image / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    sources = [
        path
        for line in text.splitlines()
        if line.startswith("COPY ")
        for path in line.split()[1:-1]
    ]
    for source in sources:
        assert (ROOT / source).exists(), (image, source)
    copied = {source.split("/")[0] for source in sources}
    imported = set()
    for path in (ROOT / IMAGE_CODE[image]).rglob("*.py"):
        if "tests" in path.parts:
            continue
        found = re.findall(r"^(?:from|import) (\w+)", path.read_text(encoding="utf-8"), re.M)
        imported |= {name for name in found if name in FIRST_PARTY}
    assert imported <= copied, (image, imported - copied)
