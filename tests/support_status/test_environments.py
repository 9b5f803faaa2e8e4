"""The action server runs on its own current Python and needs nothing from Rasa itself."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_actions_import_only_rasa_sdk_never_rasa() -> None:
    found = []
    for path in sorted((ROOT / "actions").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "rasa"]
    assert found == []


def test_this_environment_is_current_python_with_the_new_sdk() -> None:
    from importlib.metadata import version

    assert sys.version_info >= (3, 11)
    locked = (ROOT / "requirements" / "actions.lock").read_text(encoding="utf-8").splitlines()
    assert f"rasa-sdk=={version('rasa-sdk')}" in locked


def test_services_and_cluster_start_the_actions_from_their_environment() -> None:
    spec = importlib.util.spec_from_file_location("services", ROOT / "scripts" / "services.py")
    assert spec and spec.loader
    services = importlib.util.module_from_spec(spec)
    sys.modules["services"] = services  # dataclasses look their module up there
    spec.loader.exec_module(services)
    command = services.services(services.environment())["actions"].command
    assert command[0] == str(ROOT / ".venv-actions" / "bin" / "python"), command
    assert command[1:3] == ["-m", "actions.server"]
    cluster = (ROOT / "scripts" / "cluster.py").read_text(encoding="utf-8")
    assert '[str(ACTIONS / "python"), "-m", "actions.server"' in cluster
