"""The content files are complete: amounts are dated and sourced, contacts exist, and no
local name or phone number is written outside municipality.yml."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import yaml

from actions import content
from actions.content import ContentError
from actions.settings import PROJECT_ROOT, get_settings

AMOUNT = re.compile(r"(\d+(?:\.\d{3})*(?:,\d+)?) ?(?:€|Euro\b)")
PHONE = re.compile(r"\b0\d{2,5}[ /-]?\d[\d -]{3,}\d\b")
URL = re.compile(r"^https?://\S+$")
# Canonical `situation` values of the conversation contract (docs/conversation.md).
SITUATIONS = {
    "buergergeld", "alleinerziehend", "arbeitssuchend", "erwerbstaetig", "ausbildung",
    "sprache", "neu_zugezogen", "schulden", "wohnen", "gesundheit", "trennung", "erziehung",
}  # fmt: skip
OFFER_KEYS = {"id", "agency", "for", "text", "simple", "amounts", "rules", "apply", "kontakt"}
OFFER_KEYS |= {"overview", "relevant", "official", "apply_simple", "checked"}
REQUIRED = {"id", "agency", "for", "text", "simple", "apply", "kontakt"}
# Words that state a legal rule: an offer that says them must name the rule and source.
LEGAL = re.compile(r"\bRecht auf\b|\bAnspruch\b|§|\bbeitragsfrei\b|\bangerechnet\b")


def raw_offers() -> list[dict[str, Any]]:
    return content.support_raw()["offers"]


def amounts_in(text: str) -> list[Decimal]:
    return [Decimal(m.replace(".", "").replace(",", ".")) for m in AMOUNT.findall(text)]


def sentences(text: str) -> int:
    # A sentence ends after a word (not after "1." in "1. Klasse") before a capital.
    return len(re.split(r"(?<=[^\W\d][.!?]|\)[.!?])\s+(?=[A-ZÄÖÜ])", text.strip()))


def shown_texts() -> list[str]:
    """Every text the bot can show from the content files, placeholders filled."""
    catalogue = content.support()
    texts = [o.text for o in content.offers()] + [o.simple for o in content.offers()]
    texts += [o.apply for o in content.offers()] + [o.apply_simple for o in content.offers()]
    for agency in catalogue["agencies"].values():
        texts += [agency["intro"], agency.get("intro_simple", ""), agency.get("more_text", "")]
        texts += [more["title"] for more in agency.get("more", [])]
    texts += [hint.text for hint in content.situation_hints()]
    texts += [hint.simple for hint in content.situation_hints()]
    texts += [catalogue["joint"], catalogue["joint_simple"]]
    texts += list(catalogue["not_target_group"].values())
    for parts in content.answers().values():
        texts += [part.get(key, "") for part in parts for key in ("text", "simple")]
    texts += [content.consent().text, content.consent().simple_text]
    texts += [content.contact_text(contact) for contact in content.municipality()["contacts"]]
    return texts


# --- The catalogue's schema ---------------------------------------------------------


@pytest.mark.parametrize("raw", raw_offers(), ids=lambda raw: raw.get("id", "?"))
def test_offer_has_the_required_fields(raw: dict[str, Any]) -> None:
    assert set(raw) >= REQUIRED, REQUIRED - set(raw)
    assert set(raw) <= OFFER_KEYS, set(raw) - OFFER_KEYS
    assert re.fullmatch(r"[a-z][a-z0-9_]*", raw["id"])
    assert raw["agency"] in content.support_raw()["agencies"]
    for key in ("text", "simple", "apply"):
        assert isinstance(raw[key], str) and raw[key].strip(), key
    assert isinstance(raw.get("overview", True), bool)


@pytest.mark.parametrize("raw", raw_offers(), ids=lambda raw: raw.get("id", "?"))
def test_offer_conditions_are_valid(raw: dict[str, Any]) -> None:
    conditions = raw["for"]
    assert set(conditions) <= {"ages", "stage", "sgb2", "situation"}, conditions
    ages = conditions["ages"]
    assert set(ages) == {"min", "max"}
    assert all(isinstance(ages[key], int) for key in ("min", "max"))
    assert 0 <= ages["min"] <= ages["max"] <= 17
    assert conditions.get("stage", "kita") in content.STAGES
    assert conditions.get("sgb2", True) is True  # only "for SGB II households" is a condition
    assert set(conditions.get("situation", [])) <= SITUATIONS
    assert set(raw.get("relevant", [])) <= SITUATIONS


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
def test_offer_text_is_short(offer) -> None:
    assert sentences(offer.text) <= 2, offer.text
    assert "Du " not in offer.text and " du " not in offer.text  # formal "Sie"


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
def test_einfache_sprache_has_short_sentences(offer) -> None:
    assert offer.simple != offer.text
    for sentence in re.split(r"[.?!:]\s+", offer.simple):
        assert len(sentence.split()) <= 15, sentence


def test_offer_ids_are_unique() -> None:
    ids = [raw["id"] for raw in raw_offers()]
    assert len(ids) == len(set(ids))


def test_issue_5_offers_are_in_the_catalogue() -> None:
    ids = {offer.id for offer in content.offers()}
    assert {
        "but_mittagessen", "but_ausfluege", "but_schulbedarf", "but_teilhabe",
        "but_lernfoerderung", "but_schuelerbefoerderung", "kita_platz", "kita_beitrag", "ogs",
        "erziehungsberatung", "hilfen_zur_erziehung", "unterhaltsvorschuss", "kinderzuschlag",
        "kindergeld", "mehrbedarf_alleinerziehend", "eingliederung_16a", "weiterbildung",
        "teilzeitausbildung", "familienzentrum", "fruehe_hilfen",
    } <= ids  # fmt: skip


# --- Amounts, rules and sources ------------------------------------------------------


@pytest.mark.parametrize("raw", raw_offers(), ids=lambda raw: raw.get("id", "?"))
def test_amounts_are_dated_and_sourced(raw: dict[str, Any]) -> None:
    for amount in raw.get("amounts", []):
        assert isinstance(amount["value"], (int, float)) and amount["value"] > 0, amount
        assert amount["unit"].startswith("€"), amount
        assert isinstance(amount["valid_from"], date), amount
        assert amount["source"].startswith("https://"), amount
    for rule in raw.get("rules", []):
        assert rule["basis"] and URL.match(rule["source"]), rule
        assert isinstance(rule.get("since", date.min), date), rule


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
def test_every_amount_shown_is_in_the_offers_amounts(offer) -> None:
    known = {amount.value for amount in offer.amounts}
    for text in (offer.text, offer.simple, offer.apply):
        if "€" in text or "Euro" in text:
            assert offer.amounts, f"{offer.id}: Betrag ohne `amounts`: {text}"
        for value in amounts_in(text):
            assert value in known, f"{offer.id}: {value} € fehlt in `amounts`"


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
def test_amounts_and_rules_get_a_stand(offer) -> None:
    if LEGAL.search(offer.text) or LEGAL.search(offer.simple):
        assert offer.rules or offer.amounts, f"{offer.id}: Rechtsaussage ohne `rules`"
    if offer.amounts or offer.rules:
        assert offer.stand is not None


def test_the_overview_is_short() -> None:
    # The first explanation shows at most this many offers per agency (issue: too long
    # for a phone); the rest is behind "Mehr dazu".
    assert 2 <= content.support()["overview_max"] <= 4
    for agency in content.support()["agencies"].values():
        assert agency["more"] and agency["more_text"].startswith("Mehr dazu: ")


def test_every_situation_bound_offer_has_a_conditional_sentence() -> None:
    # Without the family's situation an answer names these offers in one "Wenn Sie …"
    # sentence; each offer needs a sentence of its own, pairs may share one.
    hints = content.situation_hints()
    single = {hint.offers[0] for hint in hints if len(hint.offers) == 1}
    for offer in content.offers():
        if offer.situation:
            assert offer.id in single, offer.id
    for hint in hints:
        for offer_id in hint.offers:
            assert content.offer(offer_id).situation, offer_id
        assert hint.text.startswith("Wenn ") and sentences(hint.text) == 1, hint.text
        assert hint.simple and "€" not in hint.text + hint.simple, hint.text


def test_children_under_three_have_their_own_text() -> None:
    texts = content.support()["not_target_group"]
    assert set(texts) == {"no_sgb2", "too_old", "too_young"}
    assert "3 bis 8 Jahren" in texts["too_young"] and "Frühen Hilfen" in texts["too_young"]
    assert "Familienbüro der Stadt Ibbenbüren" in texts["too_young"]


# Office words a family does not use. They may appear only where the text explains them.
JARGON = re.compile(
    r"Fallmanager|\bSGB\b|§|\bBuT\b|Regelbedarf|Eingliederung|psychosozial|Leistungsbezug"
    r"|Bedarfsgemeinschaft|Elternbeitr|Sozialgesetzbuch"
)


def test_no_office_jargon_is_shown() -> None:
    for text in shown_texts():
        assert not JARGON.search(text), text
        if "Mehrbedarf" in text:
            assert re.search(r"\bmehr\b.*(\(|Das heißt )Mehrbedarf", text), text
        if "Teilhabe" in text:
            assert "Bildung und Teilhabe" in text, text


def test_no_fallmanager_anywhere() -> None:
    path = get_settings().content_dir / "support.yml"
    assert "Fallmanager" not in path.read_text(encoding="utf-8")
    assert "Ihre Ansprechperson im Jobcenter" in content.offer("eingliederung_16a").apply


def test_intent_labels_are_the_familys_words() -> None:
    labels = content.intent_labels()
    assert labels["greet"] == "Hallo sagen"
    for intent, label in labels.items():
        if label is None:  # never offered as a suggestion
            continue
        assert len(label) <= 45, intent
        assert not JARGON.search(label) and "Begrüßung" not in label, intent
        assert not re.search(r"\b(OGS|Teilhabe|Situation)\b", label), (intent, label)


def test_the_stand_is_the_date_of_the_last_check_against_the_sources() -> None:
    # Not the date an amount took effect (January 2026), and not a later research date.
    assert content.offer("but_schulbedarf").stand == content.support()["checked"]
    assert content.offer("kita_platz").stand == content.support()["checked"]
    assert content.offer("fruehe_hilfen").stand is None


def all_sources() -> list[str]:
    sources = [a["source"] for raw in raw_offers() for a in raw.get("amounts", [])]
    sources += [r["source"] for raw in raw_offers() for r in raw.get("rules", [])]
    sources += [p["quelle"] for parts in content.answers().values() for p in parts if "quelle" in p]
    return sources


def fact_sources() -> set[str]:
    """The addresses content may cite: the numbered entries of data/content/sources.yml."""
    path = PROJECT_ROOT / "data" / "content" / "sources.yml"
    listed = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {url for key, url in listed.items() if re.fullmatch(r"S\d+", key)}


def test_every_amount_and_rule_cites_the_source_list() -> None:
    unknown = {source for source in all_sources() if source not in fact_sources()}
    assert not unknown, f"Nicht in data/content/sources.yml: {sorted(unknown)}"


def test_the_source_list_is_dated_and_complete() -> None:
    path = PROJECT_ROOT / "data" / "content" / "sources.yml"
    listed = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert re.fullmatch(r"[A-ZÄÖÜ][a-zäöü]+ \d{4}", listed["research_date"])
    numbered = {key: url for key, url in listed.items() if re.fullmatch(r"S\d+", key)}
    assert all(URL.match(url) for url in numbered.values())
    assert len(fact_sources()) >= 80


def test_answers_name_no_amounts_and_date_their_rules() -> None:
    # Amounts live only in the catalogue: a money answer names the offers.
    for intent, parts in content.answers().items():
        for part in parts:
            for key in ("text", "simple"):
                assert "€" not in part.get(key, ""), (intent, part[key])
            if "quelle" in part:
                assert isinstance(part.get("stand"), date), (intent, part)
                assert part["quelle"].startswith("https://"), (intent, part)


def test_answers_name_existing_offers_and_agencies() -> None:
    agencies = content.support()["agencies"]
    for parts in content.answers().values():
        for part in parts:
            if "catalogue" in part:
                assert part["catalogue"] in agencies
            for offer_id in part.get("offers", []):
                content.offer(offer_id)  # raises for an unknown id


# --- Contacts, placeholders and local data ---------------------------------------------


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
def test_every_kontakt_exists(offer) -> None:
    assert offer.kontakt in content.municipality()["contacts"]


def test_placeholders_are_filled_from_the_municipality() -> None:
    town = content.municipality()
    assert content.render("{stadt}") == town["name"] == "Stadt Ibbenbüren"
    assert content.render("in {ort}") == f"in {town['city']}"
    assert content.render("{familienbuero}") == (
        "Familienbüro der Stadt Ibbenbüren: Telefon 05451 931-5139"
    )
    assert content.render("{telefon:familienbuero}") == "05451 931-5139"
    assert (
        content.render("{name:erziehungsberatung}")
        == town["contacts"]["erziehungsberatung"]["name"]
    )


@pytest.mark.parametrize(
    "text", ["{unbekannt}", "{kontakt:gibt_es_nicht}", "{telefon:jugendamt}", "{stadt"]
)
def test_unknown_placeholders_and_contacts_fail(text: str) -> None:
    with pytest.raises(ContentError):
        content.render(text)


def test_no_placeholder_is_left_in_any_shown_text() -> None:
    for text in shown_texts():
        assert "{" not in text and "}" not in text, text


def local_literals() -> set[str]:
    """Names, numbers and addresses that only municipality.yml may contain."""
    town = content.municipality()
    entries = [*town["contacts"].values(), *town["agencies"].values(), town["familienbuero"]]
    literals = {town["city"]}
    for entry in entries:
        literals.add(entry["name"])
        if entry.get("phone"):
            literals |= {entry["phone"], entry["phone"].split()[0]}  # and its area code
        if entry.get("address"):
            literals.add(entry["address"].split(",")[0])
    return literals


def strings(value: Any) -> list[str]:
    """Every string of a loaded YAML tree."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.mark.parametrize("name", ["support", "answers"])
def test_no_local_names_or_numbers_outside_the_municipality_file(name: str) -> None:
    path = get_settings().content_dir / f"{name}.yml"
    written = strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    forbidden = local_literals() | {"Ibbenbüren", "05451", "Steinfurt", "Caritas", "Fachdienst"}
    for text in written:
        for literal in forbidden:
            assert literal not in text, f"{name}.yml: {literal!r} – bitte einen Platzhalter nutzen"


def confirmed_phones() -> set[str]:
    town = content.municipality()
    entries = [*town["contacts"].values(), town["familienbuero"]]
    return {str(e["phone"]) for e in entries if e.get("phone") and not e.get("zu_bestaetigen")}


def test_every_phone_number_shown_is_a_configured_contact() -> None:
    # Only numbers from the municipality file may appear: nothing invented in texts.
    for text in shown_texts():
        for number in PHONE.findall(text):
            assert number in confirmed_phones(), number


def test_unconfirmed_contacts_never_show_phone_or_address() -> None:
    texts = "\n".join(shown_texts())
    for contact_id, contact in content.municipality()["contacts"].items():
        if not contact.get("zu_bestaetigen"):
            continue
        shown = content.contact_text(contact_id)
        assert shown.startswith(contact["name"])
        for key in ("phone", "address"):
            if contact.get(key):
                assert contact[key] not in shown
                assert contact[key] not in texts, (contact_id, key)


def test_unconfirmed_contact_data_is_marked_and_empty() -> None:
    jobcenter = content.municipality()["agencies"]["jobcenter"]
    assert jobcenter["zu_bestaetigen"] is True
    assert jobcenter["address"] is None


def test_stage_is_assumed_from_the_age() -> None:
    assert [content.stage_of(age) for age in (0, 3, 5, 6, 8)] == [
        "kita", "kita", "kita", "school", "school",
    ]  # fmt: skip


# --- Names other files rely on ------------------------------------------------------------


def domain_intents() -> set[str]:
    intents: set[str] = set()
    for path in (PROJECT_ROOT / "bot" / "domain").glob("*.yml"):
        intents |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("intents", []))
    return intents


def test_intent_labels_and_answers_name_real_intents() -> None:
    intents = domain_intents()
    assert set(content.intent_labels()) <= intents
    assert set(content.answers()) <= intents


def test_more_buttons_ask_answered_questions() -> None:
    for agency in content.support()["agencies"].values():
        assert agency["more"]
        for more in agency["more"]:
            assert more["intent"] in content.answers()
