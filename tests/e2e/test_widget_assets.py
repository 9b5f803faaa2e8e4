"""Static checks of the widget and demo page assets (no services needed)."""

from __future__ import annotations

import gzip
import re

from connectors.demo_pages import render_all
from tests.e2e.conftest import ROOT

WIDGET_SRC = ROOT / "connectors" / "widget" / "src"
WEB = ROOT / "connectors" / "web"
BUDGET_BYTES = 60 * 1024


def test_widget_js_and_css_stay_within_60_kb_gzip() -> None:
    """Each file gzipped on its own, as a server sends them (socket.io-client not counted)."""
    files = sorted(WIDGET_SRC.glob("*.js")) + sorted(WIDGET_SRC.glob("*.mjs"))
    files += sorted(WIDGET_SRC.glob("*.css"))
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in files)
    assert len(files) >= 10
    assert total <= BUDGET_BYTES, f"{total} bytes gzip"


def test_pages_load_nothing_from_other_hosts() -> None:
    for name, html in sorted(render_all().items()):
        assert 'lang="de"' in html, name
        for attribute, url in re.findall(r'\b(src|href)="([^"]*)"', html):
            assert url.startswith(("/", "#", "tel:", "{{")), f"{name}: {attribute}={url}"
    css = (WIDGET_SRC / "familienlotse.css").read_text() + (WEB / "css" / "site.css").read_text()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
