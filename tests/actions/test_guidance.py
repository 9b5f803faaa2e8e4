"""The explanation depends on the children's ages and the family's situation."""

from __future__ import annotations

import pytest

from actions.guidance import ActionExplainSupport
from tests.actions.conftest import texts


async def explain(tracker_factory, dispatcher, **slots):
    await ActionExplainSupport().run(dispatcher, tracker_factory(slots), {})
    return texts(dispatcher)


async def test_two_children_get_kita_and_school_offers(tracker_factory, dispatcher):
    jugendamt, jobcenter, joint = await explain(
        tracker_factory, dispatcher, child_ages=[4, 7], receives_sgb2=True
    )
    assert jugendamt.startswith("Das Jugendamt der Stadt Ibbenbüren")
    assert "Kita" in jugendamt and "Offenen Ganztagsschule" in jugendamt
    assert "Schulsachen" in jobcenter and "(Stand: Januar 2026)" in jobcenter
    assert joint.endswith("Möchten Sie einen gemeinsamen Termin?")
    more = [b["payload"] for m in dispatcher.messages[:2] for b in m["buttons"]]
    assert more == [
        "/ask_childcare",
        "/ask_parenting_help",
        "/ask_education_participation",
        "/ask_work_and_training",
    ]
    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "/affirm"


async def test_kita_child_gets_no_school_things(tracker_factory, dispatcher):
    jugendamt, jobcenter, _ = await explain(
        tracker_factory, dispatcher, child_ages=[4], receives_sgb2=True
    )
    assert "Schulsachen" not in jobcenter
    assert "Offenen Ganztagsschule" not in jugendamt


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        pytest.param(
            {"child_ages": [4], "receives_sgb2": False},
            "Bürgergeld oder Grundsicherung",
            id="no-sgb2",
        ),
        pytest.param(
            {"child_ages": [11, 13], "receives_sgb2": True}, "3 bis 8 Jahren", id="too-old"
        ),
    ],
)
async def test_outside_target_group_gets_honest_answer_and_contact(
    tracker_factory, dispatcher, slots, expected
):
    first, more = await explain(tracker_factory, dispatcher, **slots)
    assert expected in first
    assert "Familienbüro der Stadt Ibbenbüren: Telefon 05451 931-5139" in first
    assert more == "utter_more_questions"  # a statement: no yes/no that starts a booking
