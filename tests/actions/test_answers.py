"""Answers to questions come from content and fit the family."""

from __future__ import annotations

import re

import pytest
import yaml
from rasa_sdk.events import SlotSet

from actions import content
from actions.answers import ActionAnswerQuestion
from actions.booking import ActionAskConsentJointCounselling
from actions.support import ActionExplainSupport
from tests.actions.conftest import ROOT, texts
from tests.nlu import project

# Every intent answered from content: the blocks of data/content/answers.yml. A new question
# is tested here as soon as it has an answer; tests/nlu/test_conversation_data.py checks
# that every question of the domain has one.
QUESTION_INTENTS = sorted(content.answers())
AMOUNT = re.compile(r"\d+(?:,\d+)? ?€")
STAND = re.compile(r"\(Stand: [A-ZÄ][a-zä]+ \d{4}\)$")


async def ask(tracker_factory, dispatcher, intent: str, **slots) -> str:
    tracker = tracker_factory(slots, text="…", intent=intent)
    await ActionAnswerQuestion().run(dispatcher, tracker, {})
    [answer] = texts(dispatcher)
    return answer


def test_every_question_of_the_domain_has_an_answer() -> None:
    # The questions of the domain (bot/domain/questions.yml, found by tests/nlu/project.py).
    missing = sorted(set(project.load().question_group) - set(QUESTION_INTENTS))
    assert not missing, f"Keine Antwort in data/content/answers.yml für: {missing}"


@pytest.mark.parametrize("intent", QUESTION_INTENTS)
def test_amounts_carry_stand_and_source(intent: str) -> None:
    for part in content.answers()[intent]:
        if AMOUNT.search(part.get("text", "")):
            assert part.get("stand") and part.get("quelle", "").startswith("https://"), part


@pytest.mark.parametrize("intent", QUESTION_INTENTS)
async def test_every_amount_in_an_answer_has_its_stand(tracker_factory, dispatcher, intent):
    slots = {"child_ages": [1, 4, 7], "situation": ["alleinerziehend", "erwerbstaetig"]}
    answer = await ask(tracker_factory, dispatcher, intent, **slots)
    for line in answer.split("\n"):
        if AMOUNT.search(line):
            assert STAND.search(line), line
    assert "{" not in answer and "}" not in answer


async def test_school_things_only_for_school_children(tracker_factory, dispatcher):
    kita = await ask(tracker_factory, dispatcher, "ask_education_participation", child_ages=[4])
    assert "Schulsachen" not in kita and "Mittagessen" in kita
    dispatcher.messages.clear()
    school = await ask(tracker_factory, dispatcher, "ask_education_participation", child_ages=[7])
    assert "130 € im August und 65 € im Februar" in school
    assert "(Stand: März 2026)" in school


async def test_single_parent_money_only_when_it_can_apply(tracker_factory, dispatcher):
    single = await ask(
        tracker_factory, dispatcher, "ask_money", child_ages=[4], situation=["alleinerziehend"]
    )
    assert "Mehrbedarf" in single and "Unterhaltsvorschuss" in single
    dispatcher.messages.clear()
    couple = await ask(
        tracker_factory, dispatcher, "ask_money", child_ages=[4], situation=["erwerbstaetig"]
    )
    assert "Mehrbedarf" not in couple and "Unterhaltsvorschuss" not in couple
    assert "357 €" in couple and "Kinderzuschlag" in couple


async def test_money_answer_is_the_catalogue(tracker_factory, dispatcher):
    # The amounts of an answer are the catalogue's, with its "Stand"; how to apply and
    # whom to ask once, for what matters most to this family.
    answer = await ask(
        tracker_factory, dispatcher, "ask_money", child_ages=[4], situation=["alleinerziehend"]
    )
    for offer_id in ("regelbedarf_kind", "kindergeld", "mehrbedarf_alleinerziehend"):
        assert f"• {content.offer(offer_id).text}" in answer, offer_id
    single = content.offer("mehrbedarf_alleinerziehend")
    assert answer.startswith(f"• {single.text}")  # what the family told comes first
    assert answer.count("So geht es:") == 1 and f"So geht es: {single.apply}" in answer
    assert answer.count("Kontakt: ") == 1 and "Fachdienst Soziales" in answer
    assert "(Stand: März 2026)" in answer


# Families as the exploratory tests met them: ages and what they told, or nothing yet.
TYPICAL_FAMILIES = [
    pytest.param({"child_ages": [4, 7], "receives_sgb2": True}, id="4+7"),
    pytest.param(
        {"child_ages": [4, 7], "receives_sgb2": True, "situation": ["alleinerziehend"]},
        id="4+7-single",
    ),
    pytest.param({"child_ages": [3], "receives_sgb2": True, "situation": ["trennung"]}, id="3"),
    pytest.param({"child_ages": [8], "situation": ["erwerbstaetig"]}, id="8-working"),
    pytest.param({}, id="nothing-told"),
]


@pytest.mark.parametrize("family", TYPICAL_FAMILIES)
@pytest.mark.parametrize("intent", QUESTION_INTENTS)
async def test_answers_fit_a_phone(tracker_factory, dispatcher, intent, family):
    answer = await ask(tracker_factory, dispatcher, intent, **family)
    # 1050: both names of the benefit and each offer's official name (issue 12).
    assert len(answer) <= 1050, (len(answer), answer)
    assert answer.count("So geht es") <= 1
    assert answer.count("Kontakt") <= 1


async def test_unknown_situation_is_one_conditional_sentence(tracker_factory, dispatcher):
    answer = await ask(tracker_factory, dispatcher, "ask_money", child_ages=[4, 7])
    for offer_id in ("mehrbedarf_alleinerziehend", "unterhaltsvorschuss", "kinderzuschlag"):
        assert content.offer(offer_id).text not in answer, offer_id
    assert answer.count("Wenn Sie allein erziehen") == 1
    [single] = [line for line in answer.split("\n") if line.startswith("Wenn Sie allein")]
    assert "Unterhaltsvorschuss" in single and "€" not in single and STAND.search(single)
    assert "Wenn Sie arbeiten" in answer  # Kinderzuschlag, in one sentence as well
    dispatcher.messages.clear()
    couple = await ask(
        tracker_factory, dispatcher, "ask_money", child_ages=[4, 7], situation=["erwerbstaetig"]
    )
    assert "allein" not in couple and "Unterhaltsvorschuss" not in couple


@pytest.mark.parametrize("intent", ["ask_jobcenter_support", "ask_education_participation"])
async def test_school_question_gets_no_single_parent_or_addiction_help(
    tracker_factory, dispatcher, intent
):
    # "Was zahlt das Jobcenter für die Schule?" from a family that told nothing else.
    answer = await ask(tracker_factory, dispatcher, intent, child_ages=[7])
    assert "Schulsachen" in answer
    assert "Mehrbedarf" not in answer and "allein" not in answer and "Sucht" not in answer


async def test_program_says_what_to_bring_and_who_decides_the_topics(tracker_factory, dispatcher):
    answer = await ask(tracker_factory, dispatcher, "ask_program")
    assert "Jugendamt" in answer and "Jobcenter" in answer and "an einem Tisch" in answer
    assert "Briefe und Bescheide" in answer
    assert "bestimmen Sie selbst" in answer
    assert "nur mit dem Jobcenter" in answer


async def test_location_is_honest_about_access_and_address(tracker_factory, dispatcher):
    answer = await ask(tracker_factory, dispatcher, "ask_location")
    assert "barrierefrei" in answer and "Rollstuhl" in answer
    # The access and the hours are not confirmed; the exact address comes from the staff.
    assert answer.count("noch nicht bestätigt") == 2
    assert "Die genaue Adresse bekommen Sie vor dem Termin" in answer
    assert "Die Öffnungszeiten sind noch nicht bestätigt." in answer
    assert "Große Straße" not in answer  # the house number is not known
    dispatcher.messages.clear()
    simple = await ask(tracker_factory, dispatcher, "ask_location", simple_language=True)
    assert "Rollstuhl" in simple and "05451 931-5139" in simple


async def test_childcare_answer_fits_the_childrens_stage(tracker_factory, dispatcher):
    school = await ask(tracker_factory, dispatcher, "ask_childcare", child_ages=[7])
    assert "Offene Ganztagsschule" in school and content.offer("kita_platz").text not in school
    dispatcher.messages.clear()
    kita = await ask(tracker_factory, dispatcher, "ask_childcare", child_ages=[4])
    assert content.offer("kita_beitrag").text in kita and "Offene Ganztagsschule" not in kita
    assert "Familienzentren" in kita


async def test_parenting_help_names_fruehe_hilfen_for_a_baby(tracker_factory, dispatcher):
    answer = await ask(tracker_factory, dispatcher, "ask_parenting_help", child_ages=[1, 5])
    assert "Frühen Hilfen" in answer and "Familienbüro der Stadt Ibbenbüren" in answer
    assert answer.startswith(f"• {content.offer('fruehe_hilfen').text}")
    dispatcher.messages.clear()
    older = await ask(tracker_factory, dispatcher, "ask_parenting_help", child_ages=[5])
    assert "Frühen Hilfen" not in older and "Hilfen zur Erziehung" in older


async def test_answers_use_einfache_sprache_when_asked(tracker_factory, dispatcher):
    answer = await ask(
        tracker_factory, dispatcher, "ask_education_participation", child_ages=[7],
        simple_language=True,
    )  # fmt: skip
    assert content.offer("but_schulbedarf").simple in answer
    assert content.offer("but_schulbedarf").text not in answer


async def test_local_contacts_come_from_the_municipality(tracker_factory, dispatcher):
    answer = await ask(tracker_factory, dispatcher, "ask_location")
    assert "Familienbüro der Stadt Ibbenbüren" in answer and "05451 931-5139" in answer
    dispatcher.messages.clear()
    work = await ask(tracker_factory, dispatcher, "ask_work_and_training", child_ages=[4])
    # The Jobcenter's local phone is not confirmed: only its name and website are shown.
    assert "Kontakt: Jobcenter Kreis Steinfurt (im Internet: https://" in work


@pytest.mark.parametrize("ages", [[5], [4, 7], [1, 4, 7], []])
async def test_fear_of_the_jugendamt_is_answered_first(tracker_factory, dispatcher, ages):
    # "Ich habe Angst vor dem Jugendamt. Nehmen die mir die Kinder weg?"
    answer = await ask(tracker_factory, dispatcher, "ask_jugendamt_support", child_ages=ages)
    assert answer.startswith("Viele Eltern haben diese Sorge.")
    reassurance = answer.split("\n\n")[0]
    assert "nicht für Kontrolle" in reassurance
    assert "verliert deshalb nicht sein Kind" in reassurance
    assert "in Gefahr" in reassurance and "mit den Eltern" in reassurance
    assert STAND.search(reassurance)
    assert answer.index("verliert deshalb nicht sein Kind") < answer.index("•")
    assert 2 <= answer.count("\n• ") + answer.startswith("• ") <= 3
    assert "Erziehungsberatung" in answer


async def test_eligibility_is_honest_without_sgb2(tracker_factory, dispatcher):
    answer = await ask(
        tracker_factory, dispatcher, "ask_eligibility", child_ages=[5], receives_sgb2=False
    )
    assert "kein Grundsicherungsgeld (früher Bürgergeld)" in answer and "05451 931-5139" in answer
    assert "passt das Angebot" not in answer


async def test_unknown_intent_falls_back(tracker_factory, dispatcher):
    tracker = tracker_factory({}, text="…", intent="greet")
    await ActionAnswerQuestion().run(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_default"]


async def test_simpler_language_switches_the_rest_of_the_conversation(tracker_factory, dispatcher):
    tracker = tracker_factory(
        {"child_ages": [4]}, text="Das verstehe ich nicht", intent="simpler_language"
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, {})
    assert events == [SlotSet("simple_language", True)]
    assert texts(dispatcher)[0].startswith("Ich schreibe jetzt einfacher.")

    dispatcher.messages.clear()
    slots = {"child_ages": [4], "receives_sgb2": True, "simple_language": True}
    await ActionExplainSupport().run(dispatcher, tracker_factory(slots), {})
    jugendamt, jobcenter, familienkasse, joint = texts(dispatcher)
    assert jugendamt.startswith("Das Jugendamt hilft Familien.")
    assert familienkasse.startswith("Die Familienkasse zahlt Geld für Kinder.")
    assert jobcenter.startswith(
        "Das Jobcenter hilft Familien mit Grundsicherungsgeld (früher Bürgergeld)."
    )
    assert "Ein Antrag ist ein Formular." in jugendamt
    assert "Zu dritt an einem Tisch." in joint

    dispatcher.messages.clear()
    await ActionAskConsentJointCounselling().run(dispatcher, tracker_factory(slots), {})
    assert texts(dispatcher)[-1].startswith("Wir brauchen Ihre Erlaubnis.")


@pytest.fixture
def municipality_edit(tmp_path, monkeypatch):
    """A copy of data/content whose municipality.yml a test edits, as a city would."""
    import shutil

    from actions.settings import get_settings

    folder = tmp_path / "content"
    shutil.copytree(ROOT / "data" / "content", folder)
    path = folder / "municipality.yml"

    def edit(change) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        monkeypatch.setenv("FL_CONTENT_DIR", str(folder))
        for cached in (get_settings, content.municipality, content.answers):
            cached.cache_clear()

    yield edit
    monkeypatch.delenv("FL_CONTENT_DIR")
    for cached in (get_settings, content.municipality, content.answers):
        cached.cache_clear()


async def test_confirmed_opening_hours_are_one_data_edit(
    tracker_factory, dispatcher, municipality_edit
):
    def confirm(data):
        data["contacts"]["familienbuero"]["opening_hours"] = "Mo–Fr 8:30–12 Uhr"

    municipality_edit(confirm)
    answer = await ask(tracker_factory, dispatcher, "ask_location")
    assert "Öffnungszeiten: Mo–Fr 8:30–12 Uhr." in answer
    assert "Öffnungszeiten sind noch nicht bestätigt" not in answer


def test_unconfirmed_opening_hours_are_never_shown(municipality_edit) -> None:
    # A value written down before the city confirmed it (the contact still marked).
    def unconfirmed(data):
        office = data["contacts"]["familienbuero"]
        office.update(opening_hours="Mo–Fr 8:30–12 Uhr", zu_bestaetigen=True)

    municipality_edit(unconfirmed)
    shown = content.render("{oeffnungszeiten:familienbuero}")
    assert shown == "Die Öffnungszeiten sind noch nicht bestätigt."
