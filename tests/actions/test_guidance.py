"""The explanation depends on the children's ages and the family's situation."""

from __future__ import annotations

import re

import pytest

from actions import content
from actions.common.offer_texts import contact_line, not_target_group_message
from actions.support import ActionExplainSupport
from tests.actions.conftest import texts

STAND = re.compile(r" \(Stand: (Januar|Februar|März|April|Mai|Juni|Juli|August|September|"
                   r"Oktober|November|Dezember) \d{4}\)$")  # fmt: skip


async def explain(tracker_factory, dispatcher, **slots) -> list[str]:
    await ActionExplainSupport().run(dispatcher, tracker_factory(slots), {})
    return texts(dispatcher)


def shown(messages: list[str], offer_id: str, simple: bool = False) -> bool:
    """True when the offer's bullet is in one of the messages."""
    offer = content.offer(offer_id)
    # The plain words; the official name follows the first offer that carries it.
    return any(f"• {offer.wording(simple, official=False)}" in message for message in messages)


async def test_two_children_get_kita_and_school_offers(tracker_factory, dispatcher):
    messages = await explain(tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True)
    jugendamt, jobcenter, familienkasse, joint = messages
    assert jugendamt.startswith("Das Jugendamt der Stadt Ibbenbüren")
    assert jobcenter.startswith("Das Jobcenter Kreis Steinfurt")
    assert familienkasse.startswith("Die Familienkasse")
    # Kita for the 4-year-old, school for the 7-year-old.
    for offer_id in ("kita_platz", "kita_beitrag", "ogs", "but_schulbedarf", "but_mittagessen"):
        assert shown(messages, offer_id), offer_id
    assert "Kita" in jugendamt and "Offene Ganztagsschule" in jugendamt
    assert "Schulsachen" in jobcenter and "(Stand: März 2026)" in jobcenter
    assert joint.endswith("Möchten Sie einen gemeinsamen Termin?")
    more = [b["payload"] for m in dispatcher.messages[:3] for b in m["buttons"]]
    assert more == [
        "/ask_childcare",
        "/ask_parenting_help",
        "/ask_education_participation",
        "/ask_work_and_training",
        "/ask_money",
    ]
    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "/book_appointment"


async def test_offers_are_grouped_by_agency(tracker_factory, dispatcher):
    messages = await explain(tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True)
    for message in messages[:-1]:
        intro = message.split("\n")[0]
        agency = next(
            name for name, a in content.support()["agencies"].items() if a["intro"] == intro
        )
        for offer in content.offers():
            if f"• {offer.text}" in message:
                assert offer.agency == agency, offer.id


async def test_kita_child_gets_no_school_things(tracker_factory, dispatcher):
    messages = await explain(tracker_factory, dispatcher, child_ages=[4], receives_sgb2=True)
    assert shown(messages, "kita_platz") and shown(messages, "kita_beitrag")
    for offer_id in ("but_schulbedarf", "but_lernfoerderung", "but_schuelerbefoerderung", "ogs"):
        assert not shown(messages, offer_id), offer_id
    assert "Schulsachen" not in "\n".join(messages)


async def test_school_child_gets_no_kita_offers(tracker_factory, dispatcher):
    messages = await explain(tracker_factory, dispatcher, child_ages=[7], receives_sgb2=True)
    assert shown(messages, "but_schulbedarf") and shown(messages, "ogs")
    assert not shown(messages, "kita_platz") and not shown(messages, "kita_beitrag")


@pytest.mark.parametrize("situation", [["alleinerziehend"], ["trennung", "schulden"]])
async def test_single_parent_gets_mehrbedarf_and_unterhaltsvorschuss(
    tracker_factory, dispatcher, situation
):
    messages = await explain(
        tracker_factory, dispatcher, child_ages=[4], receives_sgb2=True, situation=situation
    )
    assert shown(messages, "mehrbedarf_alleinerziehend")
    assert shown(messages, "unterhaltsvorschuss")
    assert "202,68 €" in "\n".join(messages) and "227 €" in "\n".join(messages)


@pytest.mark.parametrize("situation", [None, [], ["erwerbstaetig"], ["buergergeld"]])
async def test_other_families_get_no_single_parent_money(tracker_factory, dispatcher, situation):
    messages = await explain(
        tracker_factory, dispatcher, child_ages=[4], receives_sgb2=True, situation=situation
    )
    assert not shown(messages, "mehrbedarf_alleinerziehend")
    assert not shown(messages, "unterhaltsvorschuss")
    assert "Mehrbedarf" not in "\n".join(messages)


async def test_working_parents_hear_of_kinderzuschlag(tracker_factory, dispatcher):
    working = await explain(
        tracker_factory, dispatcher, child_ages=[5], receives_sgb2=True, situation=["erwerbstaetig"]
    )
    assert shown(working, "kinderzuschlag")
    dispatcher.messages.clear()
    other = await explain(tracker_factory, dispatcher, child_ages=[5], receives_sgb2=True)
    assert not shown(other, "kinderzuschlag")


async def test_sibling_under_three_gets_fruehe_hilfen(tracker_factory, dispatcher):
    with_baby = await explain(tracker_factory, dispatcher, child_ages=[1, 4], receives_sgb2=True)
    assert shown(with_baby, "fruehe_hilfen")
    dispatcher.messages.clear()
    without = await explain(tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True)
    assert not shown(without, "fruehe_hilfen")


@pytest.mark.parametrize("ages", [[1, 4, 7], [3], [8]])
async def test_every_amount_and_rule_carries_its_stand(tracker_factory, dispatcher, ages):
    messages = await explain(
        tracker_factory,
        dispatcher,
        child_ages=ages,
        receives_sgb2=True,
        situation=["alleinerziehend", "erwerbstaetig"],
    )
    bullets = [line for message in messages for line in message.split("\n") if line[:1] == "•"]
    assert bullets
    for line in bullets:
        offer = next(o for o in content.offers() if line.startswith(f"• {o.text}"))
        if "€" in line or offer.amounts or offer.rules:
            assert STAND.search(line), line
        else:
            assert "Stand:" not in line, line


async def test_overview_stays_brief(tracker_factory, dispatcher):
    messages = await explain(tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True)
    for offer in content.offers():
        if not offer.overview:
            assert not shown(messages, offer.id), offer.id
    assert all(message.count("•") <= 10 for message in messages)


async def test_the_overview_is_rated_once_under_its_last_agency(tracker_factory, dispatcher):
    await explain(tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True)
    rated = [m for m in dispatcher.messages if m.get("answer_id")]
    assert [m["answer_id"] for m in rated] == ["erklaerung/ueberblick"]
    # Under the last agency's offers, not under the question that asks for a date.
    last_agency, question = dispatcher.messages[-2:]
    assert rated[0] is last_agency
    assert "Möchten Sie einen gemeinsamen Termin?" in question["text"]
    # The wish itself: the button still books after other questions in between (a bare
    # /affirm then had nothing to answer).
    assert [b["payload"] for b in question["buttons"]] == ["/book_appointment", "/deny"]


async def test_simple_language_uses_the_einfache_sprache_variant(tracker_factory, dispatcher):
    messages = await explain(
        tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True, simple_language=True
    )
    assert messages[0].startswith("Das Jugendamt hilft Familien.")
    for offer_id in ("kita_platz", "but_schulbedarf", "kindergeld"):
        assert shown(messages, offer_id, simple=True), offer_id
        assert not shown(messages, offer_id), offer_id
    assert "Zu dritt an einem Tisch." in messages[-1]


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        pytest.param(
            {"child_ages": [4], "receives_sgb2": False},
            "Grundsicherungsgeld (früher Bürgergeld)",
            id="no-sgb2",
        ),
        pytest.param(
            {"child_ages": [11, 13], "receives_sgb2": True}, "3 bis 8 Jahren", id="too-old"
        ),
        pytest.param({"child_ages": [2], "receives_sgb2": True}, "Frühen Hilfen", id="too-young"),
    ],
)
async def test_outside_target_group_gets_honest_answer_and_contact(
    tracker_factory, dispatcher, slots, expected
):
    first, more = await explain(tracker_factory, dispatcher, **slots)
    assert expected in first
    assert "Familienbüro der Stadt Ibbenbüren: Telefon 05451 931-5139" in first
    assert more == "utter_more_questions"  # a statement: no yes/no that starts a booking


def test_public_helpers_render_the_municipality() -> None:
    assert contact_line() == "Familienbüro der Stadt Ibbenbüren: Telefon 05451 931-5139"
    message = not_target_group_message("too_old")
    assert "das Familienbüro der Stadt Ibbenbüren weiter" in message
    assert "{" not in message


def test_children_under_three_hear_the_truth_and_where_to_go() -> None:
    # family.target_group_gap says "too_young" when every child is under 3.
    message = not_target_group_message("too_young")
    assert message.startswith("Das gemeinsame Gespräch ist für Familien mit Kindern von 3 bis 8")
    assert "Frühen Hilfen" in message and "Familienhebamme" in message
    assert message.endswith("Familienbüro der Stadt Ibbenbüren: Telefon 05451 931-5139")
    assert "{" not in message


async def test_first_explanation_fits_a_phone(tracker_factory, dispatcher):
    messages = await explain(tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True)
    limit = content.support()["overview_max"]
    assert limit <= 4
    for message in messages[:-1]:
        assert 1 <= message.count("\n• ") <= limit, message
        assert len(message) <= 700, len(message)
    # 1550: each offer names its official name once beside the plain words (issue 12).
    assert sum(len(message) for message in messages) <= 1550
    # What is left out is one tap away.
    assert all(m["buttons"] for m in dispatcher.messages[:-1])


@pytest.mark.parametrize(
    "slots",
    [
        {"child_ages": [1, 4, 7], "situation": ["alleinerziehend", "erwerbstaetig", "schulden"]},
        {"child_ages": [3, 5, 6, 8], "situation": ["trennung"]},
        {"child_ages": [4, 7]},
    ],
)
async def test_no_agency_gets_more_than_the_limit(tracker_factory, dispatcher, slots):
    messages = await explain(tracker_factory, dispatcher, receives_sgb2=True, **slots)
    for message in messages[:-1]:
        assert message.count("\n• ") <= content.support()["overview_max"], message


async def test_what_the_family_told_comes_first(tracker_factory, dispatcher):
    messages = await explain(
        tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True,
        situation=["alleinerziehend", "schulden"],
    )  # fmt: skip
    jugendamt, jobcenter = messages[0].split("\n"), messages[1].split("\n")
    assert jugendamt[1].startswith(f"• {content.offer('unterhaltsvorschuss').text}")
    assert jobcenter[1].startswith(f"• {content.offer('mehrbedarf_alleinerziehend').text}")
    assert jobcenter[2].startswith(f"• {content.offer('eingliederung_16a').text}")  # Schulden


async def test_no_fallmanager_and_no_paragraphs_in_the_explanation(tracker_factory, dispatcher):
    messages = await explain(
        tracker_factory, dispatcher, child_ages=[1, 4, 7], receives_sgb2=True,
        situation=["alleinerziehend", "erwerbstaetig", "schulden"],
    )  # fmt: skip
    # The official names stand beside the plain words; the plain words carry no jargon.
    text = re.sub(r"\(amtlich: [^)]*\)", "", "\n".join(messages))
    for word in ("Fallmanager", "§", "SGB", "BuT", "Regelbedarf", "Eingliederung"):
        assert word not in text, word


@pytest.mark.parametrize(
    ("offer_id", "family", "strict", "expected"),
    [
        ("kita_platz", {"ages": [4]}, True, True),
        ("kita_platz", {"ages": [6]}, True, False),  # from 6 the child is taken as at school
        ("but_schulbedarf", {"ages": [6]}, True, True),
        ("but_schulbedarf", {"ages": [4], "receives_sgb2": True}, True, False),
        ("but_schulbedarf", {"ages": [7], "receives_sgb2": False}, True, False),
        ("unterhaltsvorschuss", {"ages": [4]}, True, False),
        ("unterhaltsvorschuss", {"ages": [4]}, False, True),  # answers: not told yet
        ("unterhaltsvorschuss", {"ages": [4], "situation": ["erwerbstaetig"]}, False, False),
        ("unterhaltsvorschuss", {"ages": [12], "situation": ["alleinerziehend"]}, True, False),
        ("fruehe_hilfen", {"ages": [2, 5]}, True, True),
    ],
)
def test_offer_applies_to_the_family(offer_id, family, strict, expected) -> None:
    offer = content.offer(offer_id)
    assert (
        offer.applies(
            family["ages"], family.get("situation"), family.get("receives_sgb2"), strict=strict
        )
        is expected
    )
