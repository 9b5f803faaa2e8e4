"""Local names and numbers reach the domain only through the rendered municipality file."""

from __future__ import annotations

import importlib.util
import re

import yaml

from actions.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "bot" / "domain"
RENDERED = DOMAIN / "municipality.yml"
PHONE = re.compile(r"\b0\d{3,5} \d{3}-\d{3,}")


def _renderer():
    spec = importlib.util.spec_from_file_location(
        "render_municipality", PROJECT_ROOT / "scripts" / "render_municipality.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rendered_file_is_current() -> None:
    renderer = _renderer()
    source = yaml.safe_load(renderer.SOURCE.read_text(encoding="utf-8"))
    assert RENDERED.read_text(encoding="utf-8") == renderer.render(source)
    assert renderer.TRANSLATED.read_text(encoding="utf-8") == renderer.render_translated(source)


def test_domain_texts_name_no_city_and_no_local_number() -> None:
    municipality = yaml.safe_load(
        (PROJECT_ROOT / "data" / "content" / "municipality.yml").read_text(encoding="utf-8")
    )
    for path in DOMAIN.glob("*.yml"):
        if path == RENDERED:
            continue
        text = path.read_text(encoding="utf-8")
        assert municipality["city"] not in text, path.name
        assert not PHONE.search(text), path.name


def test_unconfirmed_contacts_show_no_invented_details() -> None:
    municipality = yaml.safe_load(
        (PROJECT_ROOT / "data" / "content" / "municipality.yml").read_text(encoding="utf-8")
    )
    values = _renderer().slot_values(municipality)
    assert values["family_office_contact"].endswith("Telefon 05451 931-5139")
    # The Jobcenter's local phone was not found: it is named with its website only.
    assert (
        "Jobcenter Kreis Steinfurt (im Internet: https://www.jobcenter-kreis-steinfurt.de)"
        in (values["human_contacts"])
    )
    for contact in municipality["contacts"].values():
        if contact.get("zu_bestaetigen"):
            shown = _renderer().contact_text(contact)
            for field in ("phone", "address"):
                assert not contact.get(field) or contact[field] not in shown


def test_domain_and_actions_show_a_contact_alike() -> None:
    from actions import content

    municipality = content.municipality()
    for contact_id, contact in municipality["contacts"].items():
        assert _renderer().contact_text(contact) == content.contact_text(contact_id)


def test_responses_use_only_known_slots() -> None:
    slots: set[str] = set()
    texts: list[str] = []
    for path in DOMAIN.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        slots |= set(data.get("slots", {}))
        for variants in (data.get("responses") or {}).values():
            texts += [variant.get("text", "") for variant in variants]
    for text in texts:
        for name in re.findall(r"\{(\w+)\}", text):
            assert name in slots, name
