"""Door 9: mail goes over STARTTLS with a login (or implicit TLS), never in plain text.

A real local SMTP server (aiosmtpd) with a throwaway certificate made by openssl.
"""

import asyncio
import smtplib
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from appointments.config import Settings
from appointments.notify import mailer

USER, SECRET = "termine", "ein-langes-mailpasswort"


@dataclass
class Server:
    """What the SMTP server saw."""

    messages: list[bytes] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    tls: list[bool] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content)
        self.tls.append(server.transport.get_extra_info("ssl_object") is not None)
        return "250 OK"

    def authenticate(self, _server: Any, _session: Any, _env: Any, _mech: str, data: Any) -> Any:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            USER.encode(),
            SECRET.encode(),
        )
        if ok:
            self.logins.append(data.login.decode())
        return AuthResult(success=ok)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    return context


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Server, int]]:
    handler = Server()
    port = _free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=_server_context(certificate),
        require_starttls=True,
        auth_required=True,
        authenticator=handler.authenticate,
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
        asyncio.set_event_loop(None)


def _settings(tmp_path: Path, port: int, cert: Path, **extra: Any) -> Settings:
    return Settings(
        environment="test",
        mail_dir=tmp_path / "mail",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_username=USER,
        smtp_password=SECRET,
        smtp_ca_file=cert,
        **extra,
    )


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Test"
    message.set_content("Hallo Mira")
    return message


def test_mail_goes_over_starttls_with_login(
    starttls_server: tuple[Server, int], certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    server, port = starttls_server
    mailer.deliver(_settings(tmp_path, port, certificate[0]), _message())

    assert len(server.messages) == 1 and b"Hallo Mira" in server.messages[0]
    assert server.tls == [True]
    assert server.logins == [USER]
    assert not (tmp_path / "mail").exists()


def test_an_untrusted_certificate_is_refused(
    starttls_server: tuple[Server, int], tmp_path: Path
) -> None:
    server, port = starttls_server
    settings = _settings(tmp_path, port, Path("/etc/ssl/certs/ca-certificates.crt"))
    with pytest.raises(ssl.SSLCertVerificationError):
        mailer.deliver(settings, _message())
    assert server.messages == []


def test_a_server_without_starttls_gets_no_mail(tmp_path: Path) -> None:
    handler = Server()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = _settings(tmp_path, port, Path("/etc/ssl/certs/ca-certificates.crt"))
        with pytest.raises(smtplib.SMTPNotSupportedError):
            mailer.deliver(settings, _message())
    finally:
        controller.stop()
        asyncio.set_event_loop(None)
    assert handler.messages == []


def test_implicit_tls_where_configured(certificate: tuple[Path, Path], tmp_path: Path) -> None:
    handler = Server()
    port = _free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        ssl_context=_server_context(certificate),
        # aiosmtpd counts only STARTTLS as TLS for AUTH; here the whole connection is TLS.
        auth_required=True,
        auth_require_tls=False,
        authenticator=handler.authenticate,
    )
    controller.start()
    try:
        settings = _settings(tmp_path, port, certificate[0], smtp_security="ssl")
        mailer.deliver(settings, _message())
    finally:
        controller.stop()
        asyncio.set_event_loop(None)
    assert handler.tls == [True] and handler.logins == [USER]
