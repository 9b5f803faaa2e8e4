"""The demo pages, rendered from one layout and data/content/municipality.yml.

Header, navigation, footer and the widget tag live once in connectors/page_templates/base.html;
each page's own text lives in page_templates/<page>.html. Names, phone numbers and addresses
come from municipality.yml, so each local fact is written once in the repository. The demo
server (connectors/demo_server.py) renders the pages when it starts; a city's CMS would use
its own page template and keep only the widget tag.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "connectors" / "page_templates"
SOURCE = ROOT / "data" / "content" / "municipality.yml"

# Served as /<page>.html (index also as /); each has its own template.
PAGES = ("index", "einfache-sprache", "leichte-sprache", "barrierefreiheit", "datenschutz")


def tel_link(phone: str) -> str:
    """ "01234 567-89" → "+49123456789", for a tel: link (German numbers)."""
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


def load_municipality() -> dict[str, Any]:
    """The municipality's configuration as written."""
    loaded: dict[str, Any] = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    return loaded


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
        municipality = load_municipality()
    facts = local_facts(municipality)
    env = environment()
    return {
        f"{page}.html": env.get_template(f"{page}.html").render(m=facts, page=page)
        for page in PAGES
    }
