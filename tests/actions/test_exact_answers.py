"""The exact question: a named offer leads the answer; a broad question gets the overview."""

from __future__ import annotations

import re

import pytest

from actions import content
from actions.answers import ActionAnswerQuestion
from actions.common.exact_answers import benefit_groups, offers_for
from tests.actions.conftest import texts

STAND = re.compile(r"\(Stand: [A-ZÄ][a-zä]+ \d{4}\)")


def benefit(value: str) -> dict:
    return {"entity": "benefit", "value": value, "extractor": "RegexEntityExtractor"}


def age(value: int) -> dict:
    return {"entity": "child_age", "value": value, "extractor": "ChildAgeExtractor"}


async def answer(tracker_factory, dispatcher, intent, entities, **slots) -> list[str]:
    tracker = tracker_factory(slots, text="…", intent=intent, entities=entities)
    await ActionAnswerQuestion().run(dispatcher, tracker, {})
    return texts(dispatcher)


async def test_a_named_benefit_leads_with_its_amount_for_the_childs_age(
    tracker_factory, dispatcher
) -> None:
    [reply] = await answer(
        tracker_factory, dispatcher, "ask_money", [benefit("unterhaltsvorschuss"), age(7)]
    )
    first = reply.split("\n")[0]
    assert "Unterhaltsvorschuss" in first and STAND.search(first), reply
    assert re.search(r"Für ein Kind mit 7 Jahren: 299 € im Monat \(Stand: ", reply), reply
    assert "227 €" not in reply.split("\n", 1)[1], reply  # only the amount for age 7 below
    assert "Quelle: https://" in reply
    assert "So geht es: " in reply and "Kontakt: " in reply
    # Not the general money overview.
    assert "Regelsatz" not in reply and "Kindergeld" not in reply


async def test_the_ages_the_family_told_choose_the_amount(tracker_factory, dispatcher) -> None:
    [reply] = await answer(
        tracker_factory, dispatcher, "ask_money", [benefit("regelbedarf_kind")],
        child_ages=[4, 7],
    )  # fmt: skip
    assert "Für ein Kind mit 4 Jahren: 357 € im Monat" in reply
    assert "Für ein Kind mit 7 Jahren: 390 € im Monat" in reply


async def test_kindergeld_question_answers_kindergeld(tracker_factory, dispatcher) -> None:
    [reply] = await answer(tracker_factory, dispatcher, "ask_money", [benefit("kindergeld")])
    assert reply.startswith("• ") and "259 €" in reply.split("\n")[0], reply
    assert "Familienkasse" in reply


async def test_a_group_lists_its_parts_for_the_family(tracker_factory, dispatcher) -> None:
    [reply] = await answer(
        tracker_factory, dispatcher, "ask_education_participation",
        [benefit("bildung_und_teilhabe")], child_ages=[4], receives_sgb2=True,
    )  # fmt: skip
    assert "Mittagessen" in reply and "Ausflüge" in reply
    # School things are for school children: not for a family with a 4-year-old.
    assert "Schulsachen" not in reply


async def test_an_offer_that_does_not_fit_says_why(tracker_factory, dispatcher) -> None:
    [reply] = await answer(
        tracker_factory, dispatcher, "ask_education_participation",
        [benefit("but_schulbedarf")], child_ages=[4],
    )  # fmt: skip
    assert "130 €" in reply and "passt das für Ihre Kinder nicht" in reply


async def test_data_protection_questions_are_not_offer_answers(tracker_factory, dispatcher):
    [reply] = await answer(
        tracker_factory, dispatcher, "ask_data_protection", [benefit("kindergeld")]
    )
    assert "anonym" in reply and "259 €" not in reply


async def test_broad_question_shows_the_overview_for_the_family(
    tracker_factory, dispatcher
) -> None:
    replies = await answer(
        tracker_factory, dispatcher, "ask_overview", [], child_ages=[4], receives_sgb2=True
    )
    joined = "\n".join(replies)
    assert "Jugendamt" in joined and "Jobcenter" in joined and "Familienkasse" in joined
    assert "Kita" in joined and "Schulsachen" not in joined  # a 4-year-old: no school offers
    buttons = [b["payload"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert "/ask_childcare" in buttons


async def test_broad_question_without_ages_says_what_would_help(tracker_factory, dispatcher):
    replies = await answer(tracker_factory, dispatcher, "ask_overview", [])
    assert "wie alt Ihre Kinder sind" in replies[0]


async def test_broad_question_outside_the_target_group(tracker_factory, dispatcher) -> None:
    [reply] = await answer(
        tracker_factory, dispatcher, "ask_overview", [], child_ages=[4], receives_sgb2=False
    )
    assert content.contact_text("familienbuero") in reply


@pytest.mark.parametrize("group", sorted(benefit_groups()))
def test_every_group_names_offers_of_the_catalogue(group: str) -> None:
    ids = {offer.id for offer in content.offers()}
    assert set(benefit_groups()[group]) <= ids
    assert offers_for(group)
