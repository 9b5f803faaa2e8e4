"""deploy/production.env.example lists every chat-side setting, one comment each.

Only the blocks this side owns are read (Rasa, Action-Server, Demo-Seite / Widget), so
other services can keep their own blocks in the same file.
"""

from __future__ import annotations

import re
from pathlib import Path

from runtime.production_check import VARIABLES

ROOT = Path(__file__).resolve().parents[2]
OWN_BLOCKS = ("Rasa", "Action-Server", "Demo-Seite / Widget")
# Read from the environment by the chat side (grep the code for the name to see where).
OPTIONAL = {
    "FL_ENV", "FL_RASA_HOST", "FL_RASA_PORT", "FL_RASA_CREDENTIALS", "LOG_LEVEL",
    "FL_CHAT_MAX_MESSAGE_CHARS", "FL_CHAT_MAX_METADATA_BYTES", "FL_CHAT_RATE_SESSION",
    "FL_CHAT_RATE_ADDRESS", "FL_CHAT_RATE_DELETE", "FL_CHAT_RATE_REDIS_URL",
    "FL_CHAT_CLIENT_IP_HEADER", "FL_ACTIONS_HOST", "FL_ACTIONS_PORT", "FL_ACTIONS_URL",
    "FL_WEB_PORT", "FL_APPOINTMENTS_URL", "FL_REVIEW_INBOX",
}  # fmt: skip
SOURCES = [
    "runtime/production_check.py", "bot/serve.py", "actions/server.py", "scripts/services.py",
    "connectors/socketio_channel.py", "connectors/rate_limit.py", "connectors/demo_server.py",
    "connectors/answer_feedback.py", "runtime/review_inbox_switch.py",
]  # fmt: skip


def own_entries() -> dict[str, list[str]]:
    """Variable → the comment lines above it, from the blocks this side owns."""
    entries: dict[str, list[str]] = {}
    block, comments = None, []
    for line in (ROOT / "deploy" / "production.env.example").read_text().splitlines():
        header = re.fullmatch(r"# === (.+) ===", line)
        if header:
            block, comments = header.group(1), []
        elif block in OWN_BLOCKS and line.startswith("#"):
            comments.append(line)
        elif block in OWN_BLOCKS and "=" in line:
            entries[line.split("=", 1)[0]] = comments
            comments = []
    return entries


def test_every_checked_variable_is_listed_and_every_listed_one_is_known() -> None:
    listed = set(own_entries())
    checked = {v.name for v in VARIABLES}
    assert checked <= listed, checked - listed
    assert listed == checked | OPTIONAL


def test_every_variable_has_a_comment() -> None:
    assert all(comments for comments in own_entries().values())


def test_every_optional_variable_is_read_by_the_code() -> None:
    code = "\n".join((ROOT / path).read_text() for path in SOURCES)
    code += (ROOT / "bot" / "endpoints.yml").read_text()
    missing = [name for name in OPTIONAL if name not in code]
    assert not missing


def test_secrets_are_left_empty() -> None:
    entries = (ROOT / "deploy" / "production.env.example").read_text()
    for variable in VARIABLES:
        assert re.search(rf"^{variable.name}=$", entries, re.MULTILINE), variable.name
