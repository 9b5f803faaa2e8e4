"""Write tests/conversations/test_wish_stories.yml: every form question × every wish.

At each question of the family form, the booking form, the change-a-booking form and the
callback form, the family says something else: that it wants to book, a question, that
it wants to cancel, to talk to a person, an emergency, or "Stopp". Each pair is one test
story, so a new form question or a new rule is checked against all of them. The stories
are generated (a table is easier to keep complete than 80 hand-written stories) and
committed; tests/actions/test_wishes.py fails when the file is not up to date.

Usage (from the repo root): python3 scripts/wish_stories.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "conversations" / "test_wish_stories.yml"

Step = tuple[str, str]  # ("user", "text|intent"), ("action", name), ("loop", name or "null")


def user(text: str, intent: str) -> Step:
    return ("user", f"{text}|{intent}")


def act(name: str) -> Step:
    return ("action", name)


def loop(name: str | None) -> Step:
    return ("loop", name or "null")


GREETED = [user("Hallo", "greet"), act("utter_greet"), act("family_form"), loop("family_form")]
BOOKING = [user("Ich möchte einen Termin", "book_appointment"), act("booking_form"),
           loop("booking_form")]  # fmt: skip
MANAGE = [user("Ich möchte meinen Termin absagen", "cancel_appointment"),
          act("action_start_manage"), act("manage_booking_form"),
          loop("manage_booking_form")]  # fmt: skip
CALLBACK = [user("Bitte rufen Sie mich an", "request_callback"), act("action_start_callback"),
            act("callback_form"), loop("callback_form")]  # fmt: skip


def answer(text: str, intent: str, form: str) -> list[Step]:
    """An answer the form takes: the form asks its next question."""
    return [user(text, intent), act(form)]


# Each question: (form, the family's words that lead to it, what the question asks).
QUESTIONS: list[tuple[str, list[Step], str]] = [
    ("family_form", GREETED, "Alter der Kinder"),
    ("family_form", GREETED + answer("4 und 7", "inform_child_age", "family_form"), "Bürgergeld"),
    ("booking_form", BOOKING, "Alter der Kinder"),
    ("booking_form", BOOKING + answer("4 und 7", "inform_child_age", "booking_form"),
     "Bürgergeld"),
    ("booking_form", BOOKING + answer("4 und 7", "inform_child_age", "booking_form")
     + answer("ja", "affirm", "booking_form"), "Terminauswahl"),
    ("booking_form", BOOKING + answer("4 und 7", "inform_child_age", "booking_form")
     + answer("ja", "affirm", "booking_form") + answer("den ersten", "choose_slot",
     "booking_form"), "Name"),
    ("booking_form", BOOKING + answer("4 und 7", "inform_child_age", "booking_form")
     + answer("ja", "affirm", "booking_form") + answer("den ersten", "choose_slot",
     "booking_form") + answer("Lena Beispiel", "inform_contact", "booking_form"),
     "Telefon oder E-Mail"),
    ("booking_form", BOOKING + answer("4 und 7", "inform_child_age", "booking_form")
     + answer("ja", "affirm", "booking_form") + answer("den ersten", "choose_slot",
     "booking_form") + answer("Lena Beispiel", "inform_contact", "booking_form")
     + answer("0171 5550123", "inform_contact", "booking_form"), "Einwilligung"),
    ("manage_booking_form", MANAGE, "Buchungsnummer"),
    ("manage_booking_form", MANAGE + answer("FL-7KQ3-M9TX", "nlu_fallback",
     "manage_booking_form"), "Prüfangabe"),
    ("callback_form", CALLBACK, "Name für den Rückruf"),
    ("callback_form", CALLBACK + answer("Lena Beispiel", "inform_contact", "callback_form"),
     "Telefon für den Rückruf"),
    ("callback_form", CALLBACK + answer("Lena Beispiel", "inform_contact", "callback_form")
     + answer("0171 5550123", "inform_contact", "callback_form"), "Zeit für den Rückruf"),
]  # fmt: skip

# What the family says instead of answering, and the steps that must follow, by form.
WISHES: dict[str, tuple[str, str, str]] = {
    "Terminwunsch": ("Ich möchte einen gemeinsamen Termin", "book_appointment", "book"),
    "Frage": ("Was kostet das?", "ask_costs", "question"),
    "Absagen": ("Ich möchte meinen Termin absagen", "cancel_appointment", "cancel"),
    "Mensch": ("Ich möchte mit einem Menschen sprechen", "request_human", "human"),
    "Notfall": ("Hilfe, wir sind zu Hause nicht mehr sicher", "emergency", "emergency"),
    "Aufhören": ("Stopp", "goodbye", "stop"),
}


def resume(form: str) -> list[Step]:
    return [act(form), loop(form)]


def leave(form: str, *then: Step) -> list[Step]:
    """The running form ends; end_flow clears what the other flows collected."""
    cleanup = [] if form == "family_form" else [act("action_end_flow")]
    return [act("action_deactivate_loop"), loop(None), *cleanup, *then]


START_BOOKING = [act("booking_form"), loop("booking_form")]
START_MANAGE = [act("action_start_manage"), act("manage_booking_form"),
                loop("manage_booking_form")]  # fmt: skip


def expected(form: str, wish: str) -> list[Step]:
    """What the assistant does when the family says `wish` at a question of `form`."""
    if wish == "book":
        if form == "booking_form":
            return [act("utter_booking_in_progress"), *resume(form)]
        return [act("utter_booking_wish_taken"), *leave(form, *START_BOOKING)]
    if wish == "question":
        return [act("action_answer_question"), *resume(form)]
    if wish == "cancel":
        if form == "family_form":
            return leave(form, *START_MANAGE)
        if form == "booking_form":  # "doch keinen Termin": the booking stops
            return [act("utter_booking_stopped"), *leave(form)]
        if form == "manage_booking_form":  # the wish itself: asked again, no failure
            return [act(form)]
        return START_MANAGE
    if wish == "human":
        return [act("utter_human_contact"), *resume(form)]
    if wish == "emergency":
        return [act("utter_emergency"), act("utter_emergency_resume"), *resume(form)]
    return [act("utter_goodbye"), *leave(form)]  # stop


def render(steps: list[Step]) -> list[str]:
    lines = []
    for kind, value in steps:
        if kind == "user":
            text, intent = value.split("|")
            lines += ["      - user: |", f"          {text}", f"        intent: {intent}"]
        elif kind == "action":
            lines.append(f"      - action: {value}")
        else:
            lines.append(f"      - active_loop: {value}")
    return lines


FORM_NAMES = {
    "family_form": "Fragen zur Familie",
    "booking_form": "Buchung",
    "manage_booking_form": "Terminverwaltung",
    "callback_form": "Rückrufwunsch",
}


def stories() -> str:
    lines = [
        "# Generated by scripts/wish_stories.py – edit the script, not this file.",
        'version: "3.1"',
        "stories:",
    ]
    for form, prefix, question in QUESTIONS:
        for title, (text, intent, wish) in WISHES.items():
            lines.append(f"  - story: {title} bei der Frage „{question}“ ({FORM_NAMES[form]})")
            lines.append("    steps:")
            lines += render([*prefix, user(text, intent), *expected(form, wish)])
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.write_text(stories(), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(QUESTIONS) * len(WISHES)} Geschichten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
