"""Render the demo pages (connectors/web/*.html) from one layout and data/content/municipality.yml.

Header, navigation, footer and the widget tag live once in connectors/page_templates/base.html;
each page's own text lives in page_templates/<page>.html. Names, phone numbers and addresses
come from municipality.yml, so each local fact is written once. `make content` runs this
script, and tests/connectors/test_demo_pages.py fails when a page is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "connectors" / "web"
TEMPLATES = ROOT / "connectors" / "page_templates"
SOURCE = ROOT / "data" / "content" / "municipality.yml"

# File name → the page's own template; the order is the footer's.
PAGES = ("index", "einfache-sprache", "leichte-sprache", "barrierefreiheit", "datenschutz")


def tel_link(phone: str) -> str:
    """ "05451 931-5139" → "+4954519315139" (German numbers only)."""
    digits = re.sub(r"\D", "", phone)
    return "+49" + digits[1:] if digits.startswith("0") else "+" + digits


def local_facts(municipality: dict[str, Any]) -> dict[str, Any]:
    """What the pages say about this municipality, from its configuration only."""
    office = municipality["contacts"]["familienbuero"]
    town_hall = municipality["agencies"]["jugendamt"]["address"]
    street, _, postcode_city = town_hall.partition(", ")
    return {
        "name": municipality["name"],
        "city": municipality["city"],
        "jugendamt": municipality["agencies"]["jugendamt"]["name"],
        "jobcenter": municipality["agencies"]["jobcenter"]["name"],
        "office": office["name"],
        "phone": office["phone"],
        "tel": tel_link(office["phone"]),
        "town_hall": town_hall,
        "town_hall_street": street,
        "town_hall_city": postcode_city,
    }


def environment() -> Environment:
    """Jinja2 with autoescaping; a missing fact is an error, never an empty string."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
    )


def render_all(municipality: dict[str, Any] | None = None) -> dict[str, str]:
    """Return file name → rendered HTML for every demo page."""
    if municipality is None:
        municipality = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    facts = local_facts(municipality)
    env = environment()
    return {
        f"{page}.html": env.get_template(f"{page}.html").render(m=facts, page=page)
        for page in PAGES
    }


def main() -> int:
    """Write the pages; print which changed."""
    for name, html in render_all().items():
        target = WEB / name
        if not target.exists() or target.read_text(encoding="utf-8") != html:
            target.write_text(html, encoding="utf-8")
            print(f"geschrieben: connectors/web/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
