"""The repository stands alone: no file points to documents outside it.

A person who clones the repository has only the repository. The conversation contract is
docs/conversation.md, the sources are data/content/sources.yml.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Written so that this file does not match itself.
OUTSIDE = re.compile(
    r"\.\.[/\\]shared|(?<![\w/])(?:CONVERSATION|ARCHITECTURE|STYLE)\.md|\bfacts\.md|RASA-NOTE[S]"
)
SKIP_PARTS = {".git", ".venv-bot", ".venv-api", "node_modules", "var", "models", "results"}


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        return [ROOT / name for name in out.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout
        return [p for p in ROOT.rglob("*") if p.is_file() and not SKIP_PARTS & set(p.parts)]


def test_no_file_refers_to_documents_outside_the_repository() -> None:
    found = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, (
        "Diese Stellen verweisen auf Dokumente außerhalb des Repositorys. Bitte auf "
        "docs/conversation.md, data/content/sources.yml oder README verweisen oder den "
        "Inhalt in eigenen Worten hier festhalten:\n" + "\n".join(found)
    )


def test_the_contract_and_the_sources_are_in_the_repository() -> None:
    assert (ROOT / "docs" / "conversation.md").is_file()
    assert (ROOT / "data" / "content" / "sources.yml").is_file()
