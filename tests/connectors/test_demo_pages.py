"""The demo pages come from one layout and municipality.yml: each local fact is written once."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "connectors" / "page_templates"
WEB = ROOT / "connectors" / "web"


def _renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_pages", ROOT / "scripts/render_pages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_pages = _renderer()


@pytest.fixture(scope="module")
def municipality() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "data/content/municipality.yml").read_text(encoding="utf-8"))


def test_pages_on_disk_are_the_rendered_ones() -> None:
    for name, html in render_pages.render_all().items():
        on_disk = (WEB / name).read_text(encoding="utf-8")
        assert on_disk == html, f"connectors/web/{name} ist veraltet: `make content` ausführen"


def test_every_page_is_rendered() -> None:
    assert sorted(render_pages.render_all()) == sorted(p.name for p in WEB.glob("*.html"))


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
    assert render_pages.tel_link("05451 931-5139") == "+4954519315139"
