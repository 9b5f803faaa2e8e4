"""Tests for the German child-age rules in bot.components.german_ages."""

from __future__ import annotations

import pytest

from bot.components.german_ages import AgeMention, extract_child_ages
from bot.components.german_number_words import fold, parse_cardinal, parse_ordinal

AGES = [
    # Plain digits and lists
    pytest.param("4 und 7", [4, 7], id="digits-und"),
    pytest.param("3, 5 und 8 Jahre", [3, 5, 8], id="list-comma-space-jahre"),
    pytest.param("3,5 und 8 Jahre", [3, 5, 8], id="list-comma-no-space-is-three-children"),
    pytest.param("Ich habe drei Kinder: 2, 5 und 7", [2, 5, 7], id="count-then-list"),
    pytest.param("Ich habe 2 Kinder, 4 und 7 Jahre alt", [4, 7], id="count-digit-then-list"),
    pytest.param("Ich habe 3 Kinder (2, 4, 6)", [2, 4, 6], id="list-in-brackets"),
    pytest.param("im Alter von 2, 5 und 9 Jahren", [2, 5, 9], id="im-alter-von"),
    pytest.param("der Große 6, die Kleine 3", [6, 3], id="der-grosse-die-kleine"),
    pytest.param("mein Sohn ist 4 und meine Tochter 7", [4, 7], id="sohn-ist-tochter"),
    pytest.param("Sohn 4 Tochter 7", [4, 7], id="no-punctuation"),
    pytest.param("Mein Sohn (5) und meine Tochter (8)", [5, 8], id="brackets"),
    pytest.param("Sohn: 4 Jahre, Tochter: 7 Jahre", [4, 7], id="colon-jahre"),
    pytest.param("meine kinder sind 4 und 7", [4, 7], id="lower-case"),
    pytest.param("MEIN SOHN IST 4", [4], id="upper-case"),
    pytest.param("Wir sind zu viert, die Kinder sind 3 und 6", [3, 6], id="zu-viert-then-ages"),
    pytest.param("Kinder 4 und 6, wir sind 4 Personen", [4, 6], id="ages-then-persons"),
    pytest.param("Meine Nummer: 05451 931-5139, Kinder 4 und 7", [4, 7], id="phone-then-ages"),
    pytest.param("Hauptstraße 12, Sohn 4", [4], id="street-then-age"),
    pytest.param("lea4@example.de, Tochter 4", [4], id="email-then-age"),
    pytest.param("Ich bin 35, meine Tochter 4", [4], id="parent-age-out-of-range"),
    pytest.param("ein Kind mit 4", [4], id="kind-mit"),
    pytest.param("Ich habe eine Tochter mit 4 Jahren", [4], id="mit-jahren"),
    pytest.param("Meine Tochter ist vor kurzem 4 Jahre alt geworden", [4], id="vor-kurzem-alt"),
    pytest.param("Meine Tochter ist 4. Mein Sohn ist 7", [4, 7], id="sentence-dot-pronoun"),
    pytest.param("Lea ist 7. Tom ist 4.", [7, 4], id="sentence-dot-name"),
    pytest.param("Ich mache eine dreijährige Ausbildung, mein Sohn ist 4", [4], id="ausbildung"),
    # Bare answers to "Wie alt sind Ihre Kinder?"
    pytest.param("7", [7], id="bare-digit"),
    pytest.param("7.", [7], id="bare-digit-full-stop"),
    pytest.param("4+7", [4, 7], id="bare-plus"),
    pytest.param("4 + 7", [4, 7], id="bare-plus-spaced"),
    pytest.param("4/7", [4, 7], id="bare-slash"),
    pytest.param("vier und sieben", [4, 7], id="bare-words"),
    pytest.param("vier", [4], id="bare-word"),
    pytest.param("eins und vier", [1, 4], id="bare-eins"),
    pytest.param("sieben Jahre", [7], id="bare-word-jahre"),
    # Number words, spelled with and without umlauts
    pytest.param("Mein Sohn ist fünf", [5], id="fuenf-umlaut"),
    pytest.param("Meine Tochter ist fuenf", [5], id="fuenf-ue"),
    pytest.param("Meine Tochter ist funf Jahre alt", [5], id="fuenf-plain-u"),
    pytest.param("Er ist zwölf", [12], id="zwoelf-umlaut"),
    pytest.param("Er ist zwoelf", [12], id="zwoelf-oe"),
    pytest.param("Sie ist zwo", [2], id="zwo"),
    pytest.param("Mein Sohn ist ein Jahr alt", [1], id="ein-jahr-alt"),
    pytest.param("Sie ist ein halbes Jahr alt", [0], id="ein-halbes-jahr"),
    pytest.param("Lea ist 7", [7], id="name-ist"),
    pytest.param("für den Sportverein meines Sohnes (7)", [7], id="genitive-sohnes"),
    pytest.param("Die Kinder sind drei und fünf", [3, 5], id="words-list"),
    # "-jährig" compounds
    pytest.param("sie ist dreijährig", [3], id="dreijaehrig"),
    pytest.param("Meine Vierjährige", [4], id="vierjaehrige-capitalised"),
    pytest.param("ein achtjaehriger Junge", [8], id="achtjaehrig-ae"),
    pytest.param("mein 5-jährigen Sohn", [5], id="digit-hyphen-jaehrig"),
    pytest.param("die 6jährige", [6], id="digit-glued-jaehrig"),
    pytest.param("Mein Sohn, 5 jährig", [5], id="digit-space-jaehrig"),
    pytest.param("Ich habe einen 4-jährigen und eine 7-Jährige", [4, 7], id="two-compounds"),
    pytest.param("anderthalbjährig", [1], id="anderthalbjaehrig"),
    # Units "J.", "Jahre (alt)"
    pytest.param("5 J.", [5], id="j-dot"),
    pytest.param("Tochter 5 J., Sohn 8 J.", [5, 8], id="j-dot-list"),
    pytest.param("Er ist 5 Jahre alt", [5], id="jahre-alt"),
    pytest.param("5Jahre", [5], id="jahre-glued"),
    pytest.param("Mein Sohn ist 4 Jahre und 3 Monate", [4], id="years-and-months"),
    pytest.param("Er ist 2 Jahre und geht seit 1 Jahr in die Kita", [2], id="age-and-duration"),
    # Twins and "beide": one stated age, two children
    pytest.param("beide fünf", [5, 5], id="beide-word"),
    pytest.param("beide sind 5", [5, 5], id="beide-sind"),
    pytest.param("Zwillinge, 4", [4, 4], id="zwillinge"),
    pytest.param("4-jährige Zwillinge", [4, 4], id="zwillinge-after"),
    pytest.param("Wir haben Zwillinge, die sind 5", [5, 5], id="zwillinge-die-sind"),
    pytest.param("Zwillinge (4) und ein Baby (1)", [4, 4, 1], id="zwillinge-and-baby"),
    pytest.param("Meine beiden Kinder sind 4 und 7", [4, 7], id="beiden-with-list"),
    pytest.param("Der Große ist 6, die beiden Kleinen sind 3", [6, 3, 3], id="beiden-kleinen"),
    # Half years belong to one child
    pytest.param("dreieinhalb", [3], id="dreieinhalb"),
    pytest.param("eineinhalb", [1], id="eineinhalb"),
    pytest.param("3,5 Jahre", [3], id="decimal-jahre"),
    pytest.param("Sie ist 3,5", [3], id="decimal-after-singular-ist"),
    pytest.param("Sie sind 3,5", [3, 5], id="decimal-after-plural-sind-is-list"),
    pytest.param("Meine Tochter ist 3,5 und mein Sohn 8", [3, 8], id="decimal-then-list"),
    pytest.param("Mein Sohn ist 3 1/2", [3], id="fraction"),
    pytest.param("Mein Sohn ist 3½", [3], id="fraction-glyph"),
    pytest.param("3,5-jährig", [3], id="decimal-jaehrig"),
    # Current age wins over the coming birthday
    pytest.param("wird bald 6, ist jetzt 5", [5], id="wird-bald-ist-jetzt"),
    pytest.param("Sie wird im August 6 und ist jetzt 5", [5], id="wird-im-august"),
    pytest.param("mein Sohn wird 6", [6], id="only-future-age"),
    pytest.param("Er wird im Januar sieben", [7], id="only-future-age-word"),
    pytest.param("Mein Sohn ist 5, er wird bald 6", [5], id="ist-then-wird-same-child"),
    pytest.param("Tochter ist 5, Sohn wird bald 6", [5, 6], id="wird-for-second-child"),
    # Birthdays
    pytest.param("Sie hatte gerade ihren dritten Geburtstag", [3], id="dritten-geburtstag"),
    pytest.param("Sie feiert bald ihren 4. Geburtstag", [4], id="digit-ordinal-geburtstag"),
]

NOT_AGES = [
    # Words that only look like number words once "ue" is read as "ü"
    pytest.param("neuen", id="neuen-is-not-neun"),
    pytest.param("Ich brauche einen neuen Termin", id="neuen-termin"),
    # Counts
    pytest.param("drei Kinder", id="drei-kinder"),
    pytest.param("2 Kinder", id="2-kinder"),
    pytest.param("3 kleine Kinder", id="adjective-kinder"),
    pytest.param("Wir sind zu fünft", id="zu-fuenft"),
    pytest.param("zu dritt", id="zu-dritt"),
    pytest.param("wir sind 4 Personen", id="personen"),
    pytest.param("Wir sind 4", id="wir-sind"),
    pytest.param("Kinderzuschlag für 2 Kinder", id="fuer-2-kinder"),
    pytest.param("Ich habe 2 Fragen zu meinen Kindern", id="fragen"),
    pytest.param("Ich bin 16 und habe ein Baby", id="ich-bin"),
    pytest.param("Ich habe 3 Kinder, 2 davon gehen in die Kita", id="davon"),
    # Money
    pytest.param("Das kostet 20 Euro", id="euro"),
    pytest.param("Meine Kinder bekommen 15 € im Monat", id="euro-sign"),
    pytest.param("300€", id="euro-glued"),
    pytest.param("Ich bekomme 250 Euro Kindergeld für meine 3 Kinder", id="kindergeld"),
    # Durations
    pytest.param("seit einem Jahr", id="seit-einem-jahr"),
    pytest.param("Seit 2 Jahren wohnen wir hier mit den Kindern", id="seit-2-jahren"),
    pytest.param("seit ca. 2 Jahren allein mit den Kindern", id="seit-ca-2-jahren"),
    pytest.param("vor 3 Jahren", id="vor-3-jahren"),
    pytest.param("Unser Baby ist 3 Monate alt", id="monate"),
    pytest.param("eine dreijährige Ausbildung", id="dreijaehrige-ausbildung"),
    pytest.param("Kita ab 3 Jahren", id="ab-3-jahren"),
    pytest.param("Kinder von 3 bis 6 Jahren", id="range-von-bis"),
    pytest.param("Kinder zwischen 3 und 8 Jahren", id="range-zwischen"),
    # School grades
    pytest.param("Meine Tochter geht in die zweite Klasse", id="zweite-klasse"),
    pytest.param("Meine Tochter ist in der 2. Klasse", id="2-dot-klasse"),
    pytest.param("Mein Sohn ist in Klasse 3", id="klasse-3"),
    # Dates and times
    pytest.param("Mein Sohn hat am 3.12. Geburtstag", id="date-digits"),
    pytest.param("Mein Sohn hat am 3. März Geburtstag", id="date-month"),
    pytest.param("2026", id="year"),
    pytest.param("Kann meine Tochter um 10 Uhr kommen?", id="um-10-uhr"),
    pytest.param("14:30", id="clock-time"),
    pytest.param("Dienstag 10 für meine Kinder?", id="weekday-hour"),
    # Phone numbers, addresses
    pytest.param("0171 1234567", id="mobile"),
    pytest.param("Tel. 05451 931-5139 für die Kinder", id="landline"),
    pytest.param("Große Straße 5", id="house-number"),
    pytest.param("49477", id="postcode"),
    # Ordinals and articles
    pytest.param("Ich möchte den zweiten Termin", id="zweiten-termin"),
    pytest.param("ein Kind", id="article-ein"),
    pytest.param("eine Tochter", id="article-eine"),
    pytest.param("ein", id="bare-article"),
    # Out of range and no age context
    pytest.param("Meine Tochter ist 19", id="adult-child"),
    pytest.param("Ich nehme 2", id="no-age-context"),
    pytest.param("Der Termin ist 10", id="copula-with-non-child-subject"),
    pytest.param("Die Hausnummer ist 12", id="hausnummer-ist"),
]


@pytest.mark.parametrize(("text", "expected"), AGES)
def test_extract_child_ages_finds_one_value_per_child(text: str, expected: list[int]) -> None:
    assert [m.value for m in extract_child_ages(text)] == expected


@pytest.mark.parametrize("text", NOT_AGES)
def test_extract_child_ages_ignores_non_ages(text: str) -> None:
    assert extract_child_ages(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("4 und 7", [AgeMention(4, 0, 1), AgeMention(7, 6, 7)], id="digits"),
        pytest.param("sie ist dreijährig", [AgeMention(3, 8, 18)], id="compound-whole-word"),
        pytest.param("Mein Sohn ist 3 1/2", [AgeMention(3, 14, 19)], id="fraction-span"),
        pytest.param("beide fünf", [AgeMention(5, 6, 10)] * 2, id="beide-same-span"),
        pytest.param(
            "3,5 und 8 Jahre",
            [AgeMention(3, 0, 1), AgeMention(5, 2, 3), AgeMention(8, 8, 9)],
            id="split-decimal-list",
        ),
    ],
)
def test_extract_child_ages_reports_character_offsets(
    text: str, expected: list[AgeMention]
) -> None:
    assert extract_child_ages(text) == expected


@pytest.mark.parametrize(
    ("word", "folded"),
    [("fünf", "funf"), ("Fuenf", "funf"), ("zwölf.", "zwolf"), ("Achtjährige", "achtjahrige")],
)
def test_fold_unifies_umlaut_spellings(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_parse_number_words() -> None:
    assert [parse_cardinal(w) for w in ("zwo", "sechzehn", "dreieinhalb", "ein")] == [
        2,
        16,
        3,
        None,
    ]
    assert [parse_ordinal(w) for w in ("dritten", "siebte", "achten", "sieben")] == [
        3,
        7,
        8,
        None,
    ]
