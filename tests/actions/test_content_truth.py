"""Today's truth in every family-facing text: the benefit's name by date, the "Stand" of the
last check, official names, no placeholders, complete consent, Einfache Sprache, help lines."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml

from actions import content
from actions.settings import PROJECT_ROOT
from connectors.demo_pages import render_all

DOMAIN = PROJECT_ROOT / "bot" / "domain"
CONTENT = PROJECT_ROOT / "data" / "content"
TODAY = date.today()
# "Bürgergeld" may only appear as the former name.
PRESENT_TENSE_OLD_NAME = re.compile(r"(?<!früher )(?<!frühere )Bürgergeld(?!-Bescheid)")


def load(path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def domain_responses() -> dict[str, list[dict[str, Any]]]:
    responses: dict[str, list[dict[str, Any]]] = {}
    for path in DOMAIN.glob("*.yml"):
        responses.update((load(path) or {}).get("responses") or {})
    return responses


def domain_texts() -> list[str]:
    """Every response text, with the rendered municipality slots filled in."""
    slots = {
        name: spec["initial_value"]
        for name, spec in load(DOMAIN / "municipality.yml")["slots"].items()
    }
    texts = []
    for variants in domain_responses().values():
        for variant in variants:
            text = variant.get("text", "")
            texts.append(
                re.sub(r"\{(\w+)\}", lambda m: str(slots.get(m.group(1), m.group(0))), text)
            )
    return texts


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")
        self.parts += [
            value or "" for name, value in attrs if name in ("alt", "title", "aria-label")
        ]

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(name: str) -> str:
    parser = _Text()
    parser.feed(render_all()[name])
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def content_texts() -> list[str]:
    """Every text of the content files a family can read, as the bot shows it."""
    catalogue = content.support()
    texts = []
    for offer in content.offers():
        texts += [offer.wording(False), offer.wording(True), offer.apply, offer.apply_simple]
    for agency in catalogue["agencies"].values():
        texts += [agency["intro"], agency.get("intro_simple", ""), agency.get("more_text", "")]
    for hint in content.situation_hints():
        texts += [hint.text, hint.simple]
    texts += [
        catalogue["joint"],
        catalogue["joint_simple"],
        *catalogue["not_target_group"].values(),
    ]
    for parts in content.answers().values():
        texts += [part.get(key, "") for part in parts for key in ("text", "simple")]
    for name in ("consent", "consent_callback"):
        texts += [content.consent(name).text, content.consent(name).simple_text]
    texts += list(content.topic_labels().values())
    return texts


def family_texts() -> list[tuple[str, str]]:
    pages = [(name, page_text(name)) for name in sorted(render_all())]
    return (
        [("domain", text) for text in domain_texts()]
        + [("content", text) for text in content_texts()]
        + pages
    )


# --- Today's name -----------------------------------------------------------------------


def test_the_benefits_name_is_chosen_by_date() -> None:
    assert content.benefit_name(date(2026, 6, 30))["shown"] == "Bürgergeld"
    assert content.benefit_name(date(2026, 7, 1))["name"] == "Grundsicherungsgeld"
    # Bundesrat and publication are not verified: both names, until someone verifies them.
    current = content.benefit_name(date(2026, 12, 6))
    assert current["shown"] == "Grundsicherungsgeld (früher Bürgergeld)"
    assert current["verified"] is False and current["sources"]


def test_texts_use_todays_name() -> None:
    shown = content.benefit_name()["shown"]
    assert content.render("{leistung}") == shown
    rendered = load(DOMAIN / "municipality.yml")["slots"]["benefit_name"]["initial_value"]
    assert rendered == shown, "bitte `make content` ausführen"
    assert shown in content.support()["not_target_group"]["no_sgb2"]


FAMILY_TEXTS = family_texts()
FAMILY_IDS = [f"{where}-{index}" for index, (where, _) in enumerate(FAMILY_TEXTS)]


@pytest.mark.parametrize(("where", "text"), FAMILY_TEXTS, ids=FAMILY_IDS)
def test_no_family_text_calls_the_benefit_buergergeld_today(where: str, text: str) -> None:
    assert not PRESENT_TENSE_OLD_NAME.search(text), (where, text)


def test_the_reform_status_is_recorded_with_sources() -> None:
    sources = load(CONTENT / "sources.yml")
    status = sources["status"]["neue_grundsicherung"]
    assert status["researched"] <= TODAY
    assert {"Zustimmung des Bundesrats"} <= set(status["not_verified"])
    for fact in status["verified"]:
        assert fact["sources"] and all(source in sources for source in fact["sources"])
    for source in content.benefit_name()["sources"]:
        assert source in sources


def test_families_may_say_either_name() -> None:
    lookup = (PROJECT_ROOT / "data" / "nlu" / "situation_lookup.yml").read_text(encoding="utf-8")
    for word in ("Bürgergeld", "Grundsicherungsgeld", "Grundsicherung"):
        assert f"- {word}\n" in lookup, word


# --- Stand and review-by dates ----------------------------------------------------------


def test_stand_is_the_last_check_and_never_in_the_future() -> None:
    checked = content.support()["checked"]
    assert checked <= TODAY
    for offer in content.offers():
        if offer.amounts or offer.rules:
            assert offer.stand == offer.checked and offer.stand <= TODAY, offer.id
    for parts in content.answers().values():
        for part in parts:
            if "stand" in part:
                assert part["stand"] <= TODAY, part


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
def test_amounts_are_reviewed_in_time(offer) -> None:
    """Fails once a review-by date has passed: then check the amount against its source,
    correct it, and set `checked` and a new `review_by`."""
    for amount in offer.amounts:
        assert amount.valid_from <= TODAY, (offer.id, amount)
        assert amount.review_by is not None, (offer.id, amount)
        assert amount.review_by >= TODAY, (
            f"{offer.id}: {amount.value} € bis {amount.review_by} prüfen"
        )


# --- Official names -----------------------------------------------------------------------


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
@pytest.mark.parametrize("simple", [False, True], ids=["text", "simple"])
def test_every_offer_shows_its_official_name_once(offer, simple: bool) -> None:
    assert offer.official, offer.id
    shown = offer.wording(simple)
    assert shown.casefold().count(offer.official.casefold()) == 1, shown
    assert shown.startswith(offer.wording(simple, official=False))


def test_the_education_package_is_named_in_the_explanation() -> None:
    from actions.common.offer_texts import agency_message, family_offers

    message = agency_message("jobcenter", family_offers([4, 7], [], True))
    assert message.count("Bildung und Teilhabe") == 1, message


# --- No placeholders ------------------------------------------------------------------------


@pytest.mark.parametrize(("where", "text"), FAMILY_TEXTS, ids=FAMILY_IDS)
def test_no_placeholder_reaches_a_family(where: str, text: str) -> None:
    assert not content.has_placeholder(text), (where, text)
    assert "Hausnummer" not in text, (where, text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Familienbüro der Stadt, Große Straße (Hausnummer zu bestätigen)",
            "Familienbüro der Stadt",
        ),
        ("Rathaus, Raum zu_bestaetigen, 49477 Ort", "Rathaus, 49477 Ort"),
        ("Familienbüro, Marktplatz 3", "Familienbüro, Marktplatz 3"),
    ],
)
def test_the_chat_drops_unconfirmed_place_details(text: str, shown: str) -> None:
    assert content.family_place(text) == shown


# --- Complete consent --------------------------------------------------------------------


def _privacy() -> dict[str, Any]:
    return content.municipality()["privacy"]


@pytest.mark.parametrize("name", ["consent", "consent_callback"])
@pytest.mark.parametrize("simple", [False, True], ids=["text", "simple"])
def test_consent_names_everything_a_family_must_know(name: str, simple: bool) -> None:
    privacy = _privacy()
    text = re.sub(r"\s+", " ", content.consent(name).wording(simple))
    assert f"{privacy['retention_days']} Tage" in text  # how long
    assert privacy["controller"]["name"] in text and privacy["controller"]["address"] in text
    officer = privacy["data_protection_officer"]
    if officer.get("zu_bestaetigen"):
        assert "Datenschutz" in text and "über die Stadt" in text.replace(
            "Über die Stadt", "über die Stadt"
        )
    else:
        assert officer["email"] in text
    # to whom: both agencies for the joint consultation, the Familienbüro for a callback
    whom = ("Familienbüro",) if name == "consent_callback" else ("Jugendamt", "Jobcenter")
    assert all(recipient in text for recipient in whom)
    assert "LDI NRW" in text  # the right to complain
    assert re.search(r"widerrufen|zurücknehmen", text)
    assert re.search(r"freiwillig|müssen nicht Ja sagen", text)


@pytest.mark.parametrize("simple", [False, True], ids=["text", "simple"])
def test_joint_consent_names_topics_needs_and_the_limits_after_the_meeting(simple: bool) -> None:
    text = re.sub(r"\s+", " ", content.consent().wording(simple))
    for topic in ("Gesundheit", "Schulden", "Trennung", "Dolmetschen"):
        assert topic in text, topic
    assert "im Vertrauen" in text and "Kind in Gefahr" in text  # § 65 and § 8a SGB VIII
    assert "Gespräch" in text  # what for


def test_callback_consent_names_who_sees_callbacks() -> None:
    # Only the Familienbüro's staff see callback requests in the workspace
    # (APPOINTMENTS_CALLBACK_AGENCY); the consent names them and nobody else.
    for simple in (False, True):
        text = re.sub(r"\s+", " ", content.consent("consent_callback").wording(simple))
        assert "im Familienbüro" in text
        assert "Jobcenter" not in text and "Jugendamt" not in text


def test_every_callback_text_names_the_same_recipients_as_the_consent() -> None:
    # The chat, the confirmation and the privacy page must not promise a call from
    # someone the consent does not name (only the Familienbüro sees callbacks).
    page = page_text("datenschutz.html")
    texts = [page.split("Wenn Sie um einen Rückruf bitten", 1)[1].split("Wie lange", 1)[0]]
    for path in DOMAIN.glob("*.yml"):
        for name, variants in (yaml.safe_load(path.read_text()).get("responses") or {}).items():
            texts += [v["text"] for v in variants if "ruft Sie" in v.get("text", "")]
            if name.startswith("utter_callback"):
                texts += [v["text"] for v in variants if "Rückruf" in v.get("text", "")]
    confirmation = (PROJECT_ROOT / "actions" / "callback.py").read_text()
    texts.append(confirmation.split("angekommen.")[1][:80])
    assert len(texts) >= 5
    for text in texts:
        assert "Jobcenter" not in text and "Jugendamt" not in text, text


def test_a_new_consent_version_is_recorded() -> None:
    assert content.consent().version == "einwilligung-gemeinsame-beratung-2026-12-v2"
    assert content.consent("consent_callback").version == "einwilligung-rueckruf-2026-12-v3"


def test_the_privacy_page_says_the_same_at_length() -> None:
    text = page_text("datenschutz.html")
    privacy = _privacy()
    for needed in (
        privacy["controller"]["address"], f"{privacy['retention_days']} Tage", "LDI NRW",
        "§ 65 Sozialgesetzbuch Achtes Buch, SGB VIII", "§ 8a SGB VIII",
        "Gesundheit", "Schulden", "Trennung",
        "Art. 9", "widerrufen", "Datenschutzbeauftragte",
        content.consent().version, content.consent("consent_callback").version,
    ):  # fmt: skip
        assert needed in text, needed


# --- Einfache Sprache ------------------------------------------------------------------


def test_simple_texts_keep_the_conditions_that_matter() -> None:
    uvg = content.offer("unterhaltsvorschuss").simple
    assert "abgezogen" in uvg and content.benefit_name()["name"] in uvg
    transport = content.offer("but_schuelerbefoerderung").simple
    assert "nächsten passenden Schule" in transport and "niemand sonst" in transport


@pytest.mark.parametrize("offer", content.offers(), ids=lambda offer: offer.id)
def test_so_geht_es_has_a_simple_version(offer) -> None:
    assert offer.apply_simple and offer.apply_simple != offer.apply


REPAIR_PROMPTS = [
    "utter_emergency", "utter_default", "utter_ask_rephrase", "utter_child_ages_not_understood",
    "utter_receives_sgb2_not_understood", "utter_repair_offer", "utter_repair_offer_required",
    "utter_slot_not_understood", "utter_contact_invalid", "utter_consent_not_understood",
    "utter_callback_consent_not_understood", "utter_manage_check_invalid",
]  # fmt: skip


@pytest.mark.parametrize("name", REPAIR_PROMPTS)
def test_emergency_and_repair_prompts_have_a_simple_version(name: str) -> None:
    variants = domain_responses()[name]
    simple = [
        v for v in variants
        if {"type": "slot", "name": "simple_language", "value": True} in (v.get("condition") or [])
    ]  # fmt: skip
    plain = [v for v in variants if not v.get("condition")]
    assert simple and plain, name
    assert simple[0]["text"] != plain[0]["text"]


# --- Help lines --------------------------------------------------------------------------


NUMBER = re.compile(r"\b(?:0800(?: \d+)+|116 \d{3}|11[02])\b")


def test_the_emergency_answer_names_parents_and_childrens_lines() -> None:
    for variant in domain_responses()["utter_emergency"]:
        for number in ("0800 111 0 550", "116 111", "110", "112", "{child_protection_contact}"):
            assert number in variant["text"], number


def test_worries_about_a_child_get_a_phone_route_and_110() -> None:
    rendered = load(DOMAIN / "municipality.yml")["slots"]["child_protection_contact"]
    text = rendered["initial_value"]
    route = content.municipality()["emergency"]["child_protection"]["phone_route"]
    assert content.municipality()["contacts"][route]["phone"] in text
    assert "Polizei 110" in text


def test_every_help_line_number_has_a_source() -> None:
    sources = load(CONTENT / "sources.yml")
    lines = sources["help_lines"]
    for entry in lines.values():
        assert entry["source"] in sources or entry["source"] == "gesetzlicher Notruf", entry
    for variant in domain_responses()["utter_emergency"]:
        for number in NUMBER.findall(variant["text"]):
            assert number in lines, number
