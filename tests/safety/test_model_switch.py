"""scripts/model_switch.py: only a checked model is activated; Rasa is told by SIGHUP."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import model_switch

LISTENER = """
import signal, sys, time
from pathlib import Path
out = Path(sys.argv[1])
signal.signal(signal.SIGHUP, lambda *_: out.write_text(out.read_text() + "HUP\\n"))
out.write_text("")
while True:
    time.sleep(0.05)
"""


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    models = tmp_path / "models"
    models.mkdir()
    for name in (
        "familienlotse-aaa.tar.gz",
        "familienlotse-bbb.tar.gz",
        "familienlotse-ccc.tar.gz",
    ):
        (models / name).write_bytes(b"model")
    log = tmp_path / "nlu_gates.jsonl"
    log.write_text(
        "\n".join(
            json.dumps({"model": name, "passed": passed})
            for name, passed in (
                ("familienlotse-aaa.tar.gz", True),
                ("familienlotse-bbb.tar.gz", False),
                ("familienlotse-bbb.tar.gz", True),  # the newest check counts
                ("familienlotse-ccc.tar.gz", False),
            )
        ),
        encoding="utf-8",
    )
    run = tmp_path / "run"
    run.mkdir()
    monkeypatch.setenv("FL_RUN_DIR", str(run))
    heard = tmp_path / "heard.txt"
    process = subprocess.Popen([sys.executable, "-c", LISTENER, str(heard)])
    while not heard.exists():
        time.sleep(0.05)
    (run / "rasa-5005.pid").write_text(str(process.pid))
    (run / "rasa-5006.pid").write_text("999999")  # a process that has ended
    yield models, log, heard
    process.terminate()
    process.wait(timeout=5)


def _heard(path: Path, times: int) -> None:
    deadline = time.monotonic() + 5
    while path.read_text().count("HUP") < times and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.read_text().count("HUP") == times


def test_activate_and_rollback_relink_and_signal(setup) -> None:
    models, log, heard = setup
    link = models / "active.tar.gz"
    message = model_switch.activate(models / "familienlotse-aaa.tar.gz", link, log)
    assert link.resolve().name == "familienlotse-aaa.tar.gz"
    assert "neu geladen in 1 Rasa-Prozess(en)" in message
    _heard(heard, 1)

    model_switch.activate(models / "familienlotse-bbb.tar.gz", link, log)
    assert link.resolve().name == "familienlotse-bbb.tar.gz"
    assert (models / "previous.tar.gz").resolve().name == "familienlotse-aaa.tar.gz"
    _heard(heard, 2)

    model_switch.rollback(link)
    assert link.resolve().name == "familienlotse-aaa.tar.gz"
    assert (models / "previous.tar.gz").resolve().name == "familienlotse-bbb.tar.gz"
    _heard(heard, 3)


def test_a_model_without_a_passing_check_is_refused(setup) -> None:
    models, log, heard = setup
    link = models / "active.tar.gz"
    with pytest.raises(SystemExit, match="keine bestandene Prüfung"):
        model_switch.activate(models / "familienlotse-ccc.tar.gz", link, log)
    assert not link.exists()
    assert heard.read_text() == ""
