"""Corpus of tricky messages for the review inbox's redaction (standard library only)."""

from __future__ import annotations

import pytest

from runtime.text_redaction import MAX_CHARS, digits_left, redact_text

# (message, what must be gone, what must stay)
CORPUS = [
    # --- German -------------------------------------------------------------------------
    ("Ich heiße Anna Schmidt und brauche Hilfe", ["Anna", "Schmidt"], ["brauche Hilfe"]),
    ("ich heisse anna und habe zwei kinder", ["anna"], ["habe zwei kinder"]),
    ("Mein Name ist Özlem Yılmaz-Kaya", ["Özlem", "Yılmaz"], ["Mein Name ist [NAME]"]),
    ("Name: Müller, Tel 0171 1234567", ["Müller", "0171", "1234567"], ["[TELEFON]"]),
    ("Rufen Sie mich an: +49 (0) 5451 93-15139", ["5451", "15139"], ["[TELEFON]"]),
    ("0 1 7 1 2 3 4 5 6 7 8", ["2 3 4 5"], ["[TELEFON]"]),
    ("meine nummer ist 0171/2345678, bitte", ["2345678"], ["bitte"]),
    (
        "null eins sieben eins zwei drei vier fünf sechs",
        ["sieben eins zwei"],
        ["[TELEFON]"],
    ),
    ("Schreiben Sie an anna.schmidt@gmx.de", ["anna.schmidt", "gmx.de"], ["[E-MAIL]"]),
    ("meine mail ist anna(at)web punkt de", ["web punkt de", "anna("], ["[E-MAIL]"]),
    ("Wir wohnen in der Hauptstraße 12a", ["Hauptstraße 12"], ["[ADRESSE]"]),
    ("Adresse: Große Straße 5, 49477 Ibbenbüren", ["Große Straße", "49477"], ["[ADRESSE]"]),
    ("Alte Münsterstr. 16", ["Münsterstr", "16"], ["[ADRESSE]"]),
    ("Mein Sohn ist am 03.05.2019 geboren", ["03.05.2019"], ["[DATUM]"]),
    ("geboren am 3.5.2019, kann er in die Kita?", ["3.5.2019"], ["[GEBURTSDATUM]", "Kita"]),
    ("Geburtsdatum 12. März 2018", ["März 2018"], ["[GEBURTSDATUM]"]),
    ("Meine Buchungsnummer ist FL-7KQ3-M9TX", ["7KQ3", "M9TX"], ["[BUCHUNGSNUMMER]"]),
    ("termin fl 7kq3 m9tx absagen", ["7kq3", "m9tx"], ["[BUCHUNGSNUMMER]", "absagen"]),
    ("Rückruf RR-ABCD-EFGH bitte", ["ABCD-EFGH"], ["[BUCHUNGSNUMMER]"]),
    ("BG-Nummer 12345BG0012345", ["12345BG0012345"], ["[NUMMER]"]),
    ("Kundennummer 98765", ["98765"], ["[NUMMER]"]),
    ("IBAN DE89 3704 0044 0532 0130 00", ["3704", "0532"], ["[IBAN]"]),
    ("Mein Kind heißt Leon, er ist 5", ["Leon"], ["[NAME]", "er ist 5"]),
    ("Frau Schmidt vom Jugendamt hat gesagt", ["Schmidt"], ["Frau [NAME] vom Jugendamt"]),
    ("schauen Sie auf https://example.org/akte?id=77", ["example.org", "77"], ["[LINK]"]),
    # Not personal data: must stay readable for the maintainers.
    ("Meine Kinder sind 4 und 7", [], ["Meine Kinder sind 4 und 7"]),
    ("Was kostet der Termin am 3. März?", [], ["am 3. März"]),
    ("Wir bekommen 1.200 Euro Bürgergeld", [], ["1.200 Euro"]),
    ("Ich bin alleinerziehend und habe Angst", [], ["Ich bin alleinerziehend"]),
    ("Geht Dienstag um 10:30 Uhr?", [], ["Dienstag um 10:30 Uhr"]),
    # --- English ------------------------------------------------------------------------
    ("My name is John Smith, call 0151 23456789", ["John", "Smith", "23456789"], ["[NAME]"]),
    ("I live at 12 Baker Street", ["Baker"], ["[ADRESSE]"]),
    ("my email is john at example dot com", ["example dot com"], ["[E-MAIL]"]),
    ("born 2019-03-05", ["2019-03-05"], ["[GEBURTSDATUM]"]),
    # --- Arabic -------------------------------------------------------------------------
    ("اسمي أحمد وأريد موعدا", ["أحمد"], ["[NAME]", "وأريد موعدا"]),
    ("رقمي ٠١٧١٢٣٤٥٦٧٨", ["٠١٧١٢٣٤٥٦٧٨"], ["[TELEFON]"]),
    # --- Ukrainian ----------------------------------------------------------------------
    ("Мене звати Олена, мій телефон 0171 2345678", ["Олена", "2345678"], ["[NAME]"]),
    ("вулиця Шевченка 12", ["Шевченка"], ["[ADRESSE]"]),
    # --- Russian ------------------------------------------------------------------------
    ("Меня зовут Иван Петров", ["Иван", "Петров"], ["Меня зовут [NAME]"]),
    ("дата рождения 05.03.2019", ["05.03.2019"], ["[GEBURTSDATUM]"]),
    # --- Turkish ------------------------------------------------------------------------
    ("Benim adım Ayşe Demir", ["Ayşe", "Demir"], ["[NAME]"]),
    ("Atatürk Caddesi No: 5 de oturuyorum", ["Atatürk", "No: 5"], ["[ADRESSE]"]),
    ("doğum tarihi 1.2.2018", ["1.2.2018"], ["[GEBURTSDATUM]"]),
]


@pytest.mark.parametrize(("message", "gone", "kept"), CORPUS, ids=[c[0][:40] for c in CORPUS])
def test_redact_text_removes_personal_data_and_keeps_the_rest(
    message: str, gone: list[str], kept: list[str]
) -> None:
    redacted = redact_text(message)
    for value in gone:
        assert value not in redacted, f"{value!r} blieb stehen: {redacted!r}"
    for value in kept:
        assert value in redacted, f"{value!r} fehlt: {redacted!r}"


@pytest.mark.parametrize(("message", "gone", "kept"), CORPUS, ids=[c[0][:40] for c in CORPUS])
def test_redact_text_twice_changes_nothing(message: str, gone: list[str], kept: list[str]) -> None:
    once = redact_text(message)
    assert redact_text(once) == once


def test_redact_text_leaves_no_digit_run_of_five_or_more() -> None:
    for message, _gone, _kept in CORPUS:
        assert digits_left(redact_text(message)) < 5, message


def test_redact_text_cuts_long_messages() -> None:
    redacted = redact_text("Hilfe " * 500)
    assert len(redacted) <= MAX_CHARS
    assert redacted.endswith("…")


def test_redact_text_handles_empty_input() -> None:
    assert redact_text("") == ""
