"""Serve the Familienlotse demo page and chat widget (standard library, Jinja2 and PyYAML).

    python connectors/demo_server.py --port 8080 --rasa-url http://localhost:5005

Routes:
    /, /<page>.html                    rendered at start (connectors/demo_pages.py) + Rasa URL
    /css/, /assets/                    connectors/web/
    /widget/                           connectors/widget/src/
    /widget/vendor/socket.io.min.js    connectors/widget/node_modules/socket.io-client/dist/

Only files with a known type are served; no directory listings, no dotfiles,
nothing outside those folders. The log shows method, path (no query) and status.

With FL_ENV=production the server refuses to start unless FL_RASA_URL is a public https
address and FL_WIDGET_ORIGINS names the sites that embed the chat (runtime/production_check.py).
"""

from __future__ import annotations

import argparse
import html
import sys
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Final

try:  # run as a script (`python connectors/demo_server.py`) or as a module
    from connectors import accessibility_feedback, demo_pages
except ModuleNotFoundError:  # pragma: no cover - script mode puts connectors/ on the path
    import accessibility_feedback  # type: ignore[no-redef]
    import demo_pages  # type: ignore[no-redef]

CONNECTORS_DIR: Final = Path(__file__).resolve().parent
if str(CONNECTORS_DIR.parent) not in sys.path:
    sys.path.insert(0, str(CONNECTORS_DIR.parent))
from runtime.production_check import mode_line, problems, refusal  # noqa: E402

WEB_DIR: Final = CONNECTORS_DIR / "web"
WIDGET_DIR: Final = CONNECTORS_DIR / "widget"
WIDGET_SRC_DIR: Final = WIDGET_DIR / "src"
SOCKETIO_DIST_DIR: Final = WIDGET_DIR / "node_modules" / "socket.io-client" / "dist"

WIDGET_PREFIX: Final = "/widget/"
VENDOR_PREFIX: Final = "/widget/vendor/"
SOCKETIO_CLIENT: Final = SOCKETIO_DIST_DIR / "socket.io.min.js"
VENDOR_FILES: Final[dict[str, Path]] = {
    "/widget/vendor/socket.io.min.js": SOCKETIO_CLIENT,
    "/widget/vendor/socket.io.min.js.map": SOCKETIO_DIST_DIR / "socket.io.min.js.map",
}

RASA_URL_PLACEHOLDER: Final = "{{RASA_URL}}"

CONTENT_TYPES: Final[dict[str, str]] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}

MISSING_VENDOR_MESSAGE: Final = (
    "socket.io-client fehlt: bitte `npm ci` in connectors/widget ausführen.\n"
    "socket.io-client is missing: run `npm ci` in connectors/widget."
)


class DemoServer(ThreadingHTTPServer):
    """HTTP server that knows the Rasa URL to put into the page."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], rasa_url: str) -> None:
        super().__init__(address, DemoRequestHandler)
        self.rasa_url = rasa_url
        self.content_security_policy = build_content_security_policy(rasa_url)
        # Rendered once at start from the templates and municipality.yml.
        self.pages = {
            f"/{name}": fill_template(html.encode("utf-8"), rasa_url)
            for name, html in demo_pages.render_all().items()
        }
        self.pages["/"] = self.pages["/index.html"]


class DemoRequestHandler(BaseHTTPRequestHandler):
    """GET/HEAD for the demo page, the widget sources and the socket.io client."""

    server: DemoServer
    server_version = "FamilienlotseDemo"

    def version_string(self) -> str:
        """Name the server without Python's version."""
        return self.server_version

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_POST(self) -> None:
        """Only the accessibility feedback form accepts a POST."""
        path = urllib.parse.urlsplit(self.path).path
        if path != accessibility_feedback.ROUTE:
            self._send_text(HTTPStatus.NOT_FOUND, "Nicht gefunden / Not found", True)
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        length = max(0, min(length, accessibility_feedback.MAX_BODY + 1))
        status, body = accessibility_feedback.handle(self.rfile.read(length))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self._send_security_headers(is_html=True)
        self.end_headers()
        self.wfile.write(body)

    def _serve(self, *, send_body: bool) -> None:
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if url_path in self.server.pages:
            self._send(HTTPStatus.OK, ".html", self.server.pages[url_path], "no-store", send_body)
            return
        if url_path in VENDOR_FILES and not VENDOR_FILES[url_path].is_file():
            self._send_text(HTTPStatus.SERVICE_UNAVAILABLE, MISSING_VENDOR_MESSAGE, send_body)
            return
        file_path = resolve_path(url_path)
        content_type = CONTENT_TYPES.get(file_path.suffix) if file_path else None
        if file_path is None or content_type is None:
            self._send_text(HTTPStatus.NOT_FOUND, "Nicht gefunden / Not found", send_body)
            return
        body = file_path.read_bytes()
        if file_path.suffix == ".html":
            body = fill_template(body, self.server.rasa_url)
        cache = "no-store" if file_path.suffix == ".html" else "no-cache"
        self._send(HTTPStatus.OK, file_path.suffix, body, cache, send_body)

    def _send(
        self, status: HTTPStatus, suffix: str, body: bytes, cache: str, send_body: bool
    ) -> None:
        """Answer with one body and the security headers (CSP for pages)."""
        is_html = suffix == ".html"
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPES[suffix])
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self._send_security_headers(is_html)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _send_text(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        self._send(status, ".txt", f"{text}\n".encode(), "no-store", send_body)

    def _send_security_headers(self, is_html: bool) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if is_html:
            self.send_header("Content-Security-Policy", self.server.content_security_policy)
            self.send_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log method, path without query string, and status: no client address."""
        raw_path = getattr(self, "path", "") or ""
        path = urllib.parse.urlsplit(raw_path).path or "-"
        method = getattr(self, "command", None) or "-"
        status = int(code) if isinstance(code, int) else code
        sys.stderr.write(f"{time.strftime('%H:%M:%S')} {method} {path} {status}\n")

    def log_error(self, format: str, *args: object) -> None:
        """Drop the stdlib's error lines: they can contain the raw request line."""

    def log_message(self, format: str, *args: object) -> None:
        """Drop the stdlib's default access log (client address, full request line)."""


def resolve_path(url_path: str) -> Path | None:
    """Map a decoded URL path to a file to serve, or None."""
    if url_path in VENDOR_FILES:
        return VENDOR_FILES[url_path]
    if url_path.startswith(VENDOR_PREFIX):
        return None
    if url_path.startswith(WIDGET_PREFIX):
        return safe_join(WIDGET_SRC_DIR, url_path[len(WIDGET_PREFIX) :])
    if not url_path.startswith("/"):
        return None
    return safe_join(WEB_DIR, url_path[1:])


def safe_join(root: Path, relative: str) -> Path | None:
    """Return the regular file `root/relative`, or None if it is missing or outside `root`.

    Rejects empty, "." and ".." segments, dotfiles, backslashes and NUL bytes before
    touching the file system, then checks the resolved path (symlinks included).
    """
    if relative == "" or relative.endswith("/"):
        return None
    parts = relative.split("/")
    for part in parts:
        if part in ("", ".", "..") or part.startswith(".") or "\\" in part or "\x00" in part:
            return None
    root = root.resolve()
    candidate = root.joinpath(*parts).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def fill_template(body: bytes, rasa_url: str) -> bytes:
    """Put the Rasa URL (attribute-escaped) into an HTML page."""
    text = body.decode("utf-8")
    return text.replace(RASA_URL_PLACEHOLDER, html.escape(rasa_url, quote=True)).encode("utf-8")


def build_content_security_policy(rasa_url: str) -> str:
    """Allow only this server, plus HTTP(S) and WebSocket connections to Rasa."""
    websocket_origin = "ws" + rasa_url.removeprefix("http")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            f"connect-src 'self' {rasa_url} {websocket_origin}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def rasa_origin(value: str) -> str:
    """Validate --rasa-url: an http(s) origin without path, query or fragment."""
    parts = urllib.parse.urlsplit(value.strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise argparse.ArgumentTypeError(
            "erwartet eine http(s)-Adresse ohne Pfad, z. B. http://localhost:5005 / "
            "expected an http(s) origin without path, e.g. http://localhost:5005"
        )
    try:
        port = parts.port
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"ungültiger Port / invalid port: {value}") from error
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Familienlotse demo page with the chat widget (pages rendered at start).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default: 8080)")
    parser.add_argument(
        "--rasa-url",
        type=rasa_origin,
        default="http://localhost:5005",
        help="Rasa server origin the widget connects to (default: http://localhost:5005)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Start the server; return the exit code."""
    args = parse_args(argv)
    found = problems("web")
    if found:
        sys.stderr.write(refusal("web", found) + "\n")
        return 2
    print(mode_line("web"), flush=True)
    if not SOCKETIO_CLIENT.is_file():
        sys.stderr.write(f"{MISSING_VENDOR_MESSAGE}\n({SOCKETIO_CLIENT})\n")
        return 1
    try:
        server = DemoServer((args.host, args.port), args.rasa_url)
    except OSError as error:
        sys.stderr.write(
            f"Server konnte nicht starten / could not start on {args.host}:{args.port}: "
            f"{error.strerror or error}\n"
        )
        return 1
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Familienlotse-Demo: http://{host}:{args.port}/  (Rasa: {args.rasa_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
