"""The demo pages come from one layout and municipality.yml: each local fact is written once."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import pytest

from connectors import demo_pages as render_pages

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "connectors" / "page_templates"
WEB = ROOT / "connectors" / "web"


@pytest.fixture(scope="module")
def municipality() -> dict[str, Any]:
    return render_pages.load_municipality()


def test_every_page_is_rendered_from_its_template() -> None:
    pages = render_pages.render_all()
    assert sorted(pages) == sorted(f"{name}.html" for name in render_pages.PAGES)
    for name, html in pages.items():
        assert html.startswith('<!doctype html>\n<html lang="de">'), name
        assert "{%" not in html and "{{ " not in html, name
        # The demo server puts the Rasa URL in at start.
        assert 'data-server="{{RASA_URL}}"' in html, name


def test_no_rendered_page_is_kept_in_the_repository() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "connectors/web"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [path for path in tracked if path.endswith(".html")] == []


def test_the_page_itself_is_marked_in_navigation_and_footer() -> None:
    pages = render_pages.render_all()
    assert '<a href="/" aria-current="page">Familie und Kinder</a>' in pages["index.html"]
    assert '<a href="/datenschutz.html" aria-current="page">' in pages["datenschutz.html"]
    assert pages["datenschutz.html"].count('aria-current="page"') == 2  # footer + breadcrumb
    assert 'href="/#kontakt"' in pages["datenschutz.html"]
    assert 'href="#kontakt"' in pages["index.html"]


@pytest.mark.parametrize(
    "fact", ["phone", "tel", "name", "city", "office", "jugendamt", "jobcenter", "town_hall"]
)
def test_no_template_writes_a_local_fact(municipality: dict[str, Any], fact: str) -> None:
    value = render_pages.local_facts(municipality)[fact]
    for template in TEMPLATES.glob("*.html"):
        assert value not in template.read_text(encoding="utf-8"), f"{fact} in {template.name}"


def test_layout_is_written_once() -> None:
    layout_marks = ('class="site-header"', 'class="site-footer"', 'src="/widget/familienlotse.js"')
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        expected = 1 if template.name == "base.html" else 0
        assert [text.count(mark) for mark in layout_marks] == [expected] * 3, template.name


def test_another_municipality_changes_every_page(municipality: dict[str, Any]) -> None:
    other = copy.deepcopy(municipality)
    other["name"], other["city"] = "Stadt Musterstadt", "Musterstadt"
    other["contacts"]["familienbuero"]["phone"] = "01234 567-89"
    other["contacts"]["familienbuero"]["name"] = "Familienbüro der Stadt Musterstadt"
    other["agencies"]["jugendamt"]["name"] = "Jugendamt der Stadt Musterstadt"
    other["agencies"]["jugendamt"]["address"] = "Markt 1, 12345 Musterstadt"
    old = render_pages.local_facts(municipality)
    for name, html in render_pages.render_all(other).items():
        assert old["phone"] not in html and old["tel"] not in html, name
        assert "Ibbenbüren" not in html, name
        assert 'href="tel:+49123456789"' in html, name
        assert "Musterstadt" in html, name
        assert 'data-fallback="Familienbüro der Stadt Musterstadt, Telefon 01234 567-89."' in html


def test_tel_link_of_a_german_number() -> None:
    assert render_pages.tel_link("01234 567-89") == "+49123456789"
    assert render_pages.tel_link("+49 30 1234") == "+49301234"
