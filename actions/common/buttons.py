"""The yes/no answer buttons under a question (the widget shows them as quick replies)."""

from __future__ import annotations


def yes_no(yes: str, no: str, yes_payload: str = "/affirm") -> list[dict[str, str]]:
    """Two buttons: `yes` sends `yes_payload`, `no` sends /deny."""
    return [{"title": yes, "payload": yes_payload}, {"title": no, "payload": "/deny"}]
