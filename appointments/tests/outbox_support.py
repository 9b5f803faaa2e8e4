"""A real local SMTP server (aiosmtpd) that can be started late and counts Message-IDs."""

import asyncio
import socket
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast

from aiosmtpd.controller import Controller


def free_port() -> int:
    """Return a port nobody listens on (yet)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Inbox:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(cast(EmailMessage, parsed))
        return "250 OK"

    def message_ids(self) -> Counter[str]:
        """How often each Message-ID arrived."""
        return Counter(str(message["Message-ID"]) for message in self.messages)


@contextmanager
def smtp_server(port: int) -> Iterator[Inbox]:
    """Run an SMTP server on the given port until the block ends."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()
        asyncio.set_event_loop(None)
