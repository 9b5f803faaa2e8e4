"""The conversation's language, children's ages and crisis phrases in every language."""

from __future__ import annotations

import random

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.child_age_extractor import child_ages
from bot.components.language_detection import detect_language
from bot.components.language_detector import LanguageDetector, chosen_language
from bot.components.language_names import named_languages
from bot.components.multilingual_ages import extract_ages, normalise_digits
from runtime.crisis_patterns import is_crisis


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I need help with my children", "en"),
        ("Çocuklarım için yardıma ihtiyacım var", "tr"),
        ("Мне нужна помощь с детьми", "ru"),
        ("Мені потрібна допомога з дітьми", "uk"),
        ("أحتاج مساعدة لأولادي", "ar"),
        ("Ich brauche Hilfe für meine Kinder", "de"),
        # Mixed German and Arabic: the family's own language.
        ("meine Tochter ist 7، وابني عمره 3", "ar"),
    ],
)
def test_language_is_recognised(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text",
    ["ok", "4 und 7", "5", "ja", "hallo", "thank you", "nein danke", "Ayşe Yılmaz",
     "0171 2345678", "sabine.mueller@web.de", "", "12.03.2027 um 10:30"],
)  # fmt: skip
def test_short_or_ambiguous_messages_never_switch(text: str) -> None:
    assert detect_language(text) is None


# The alphabet of appointments/bookings/reference.py (the bot environment does not import
# the API's packages).
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def test_booking_references_never_switch() -> None:
    """CI run of 7f9734f: "FL-JB3T-Q5EY" was read as Arabizi, "FL-35UD-DWTQ" as Turkish,
    and the family got the next question in Arabic or Turkish."""
    rng = random.Random(20261206)
    for _ in range(2000):
        chars = "".join(rng.choice(_REFERENCE_ALPHABET) for _ in range(8))
        for text in (
            f"FL-{chars[:4]}-{chars[4:]}",
            f"RR-{chars[:4]}-{chars[4:]}",
            f"{chars[:4]}-{chars[4:]}",
            f"fl-{chars[:4]}-{chars[4:]}".lower(),
            f"fl {chars[:4]} {chars[4:]}".lower(),
            f"FL {chars[:4]}{chars[4:]}",
            f"Meine Nummer ist FL-{chars[:4]}-{chars[4:]}",
        ):
            assert detect_language(text) in (None, "de"), text


@pytest.mark.parametrize(
    "text", ["flight from Turkey tomorrow", "Is there a Baby-Kurs for mothers here"]
)
def test_words_that_look_a_little_like_references_still_count(text: str) -> None:
    assert detect_language(text) == "en"


def test_arabizi_still_counts_next_to_a_reference() -> None:
    assert detect_language("ana 3ayez a7joz maw3ed FL-JB3T-Q5EY") == "ar"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Können wir Englisch sprechen?", "en"),
        ("Can we speak German?", "de"),
        ("Türkçe konuşabilir miyiz?", "tr"),
        ("Говорите по-русски?", "ru"),
        ("Можна українською?", "uk"),
        ("ممكن نحكي عربي؟", "ar"),
        ("momken ne7ki 3arabi?", "ar"),
    ],
)
def test_switch_requests_name_the_language(text: str, code: str) -> None:
    assert named_languages(text)[0][0] == code


def _language(text: str, intent: str, metadata: dict | None = None) -> list[str]:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}})
    if metadata is not None:
        message.set("metadata", metadata)
    LanguageDetector({}).process([message])
    return [e["value"] for e in message.get(ENTITIES, []) if e["entity"] == "language"]


def test_switch_request_wins_over_metadata_and_text() -> None:
    assert _language("Can we speak German?", "change_language", {"language": "en"}) == ["de"]


def test_widget_choice_wins_over_the_text() -> None:
    assert _language("I need help with my children", "ask_program", {"language": "ar"}) == ["ar"]
    assert _language("4 und 7", "inform_child_age", {"language": "uk"}) == ["uk"]


def test_unknown_metadata_is_ignored_and_text_decides() -> None:
    assert chosen_language({"language": "fa"}) is None
    assert chosen_language({"language": "en-GB"}) == "en"
    assert _language("Мне нужна помощь с детьми", "ask_program", {"language": 3}) == ["ru"]


def test_no_entity_when_nothing_is_known() -> None:
    assert _language("ok", "affirm") == []
    assert _language('/choose_slot{"appointment_slot":"x"}', "choose_slot") == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("my son is five", [5]),
        ("I have two kids, they are 3 and 8", [3, 8]),
        ("twins, both six", [6, 6]),
        ("oğlum 5 yaşında", [5]),
        ("iki çocuğum var, 4 ve 8", [4, 8]),
        ("on iki yaşında bir kızım var", [12]),
        ("сыну 5 лет", [5]),
        ("у меня двое детей, 4 и 8", [4, 8]),
        ("синові 5 років", [5]),
        ("моєму сину п'ять років", [5]),
        ("عمره 5 سنوات", [5]),
        ("بنتي عمرها ٧ سنين", [7]),
        ("عمر ابنتي ۶ سنوات", [6]),
        ("عندي ولدين ٤ و ٦", [4, 6]),
        ("عندي بنت عمرها سنتين", [2]),
        ("ibni 3omro 4 snin", [4]),
        ("٣ و ٨", [3, 8]),
    ],
)
def test_ages_in_other_languages(text: str, ages: list[int]) -> None:
    assert [m.value for m in extract_ages(text)] == ages


@pytest.mark.parametrize(
    "text",
    ["we are in Germany for 2 years", "he hit me 3 times", "it costs 20 euro",
     "when does bus 5 leave?", "3 çocuğum var", "мы в Германии уже 2 года",
     "у нас 3 детей", "منذ 3 سنوات في ألمانيا", "my son is in grade 2", "3.5 years",
     "bir sorum var", "see you at 5"],
)  # fmt: skip
def test_counts_money_times_and_durations_are_not_ages(text: str) -> None:
    assert extract_ages(text) == []


def test_mixed_german_and_other_language_finds_both() -> None:
    assert [m.value for m in child_ages("mein Sohn ist 4, my daughter is 6")] == [4, 6]
    assert [m.value for m in child_ages("meine Tochter ist 7، وابني عمره 3")] == [7, 3]
    assert [m.value for m in child_ages("Meine Kinder sind ٤ und ٧")] == [4, 7]


def test_digits_keep_their_positions() -> None:
    text = "عمره ٥ سنوات"
    assert len(normalise_digits(text)) == len(text) and "5" in normalise_digits(text)


@pytest.mark.parametrize(
    "text",
    ["my husband hits me", "I want to end my life", "we have nowhere to sleep tonight",
     "زوجي يضربني", "بفكر أنهي حياتي", "чоловік мене б'є", "не хочу більше жити",
     "муж меня бьет", "думаю о суициде", "kocam beni dövüyor", "intiharı düşünüyorum",
     "bu gece kalacak yerimiz yok"],
)  # fmt: skip
def test_crisis_phrases_in_every_language(text: str) -> None:
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    ["my son hits other kids", "I need a new passport", "ابني ما بيسمع كلامي",
     "син постійно влаштовує сварки", "сын не слушается", "oğlum beni dinlemiyor",
     "Mein Sohn schlägt andere Kinder"],
)  # fmt: skip
def test_parenting_questions_are_not_crises(text: str) -> None:
    assert not is_crisis(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Können wir Englisch sprechen?", "en"),
        ("Can we speak German?", "de"),
        ("Türkçe konuşabilir miyiz?", "tr"),
        ("Говорите по-русски?", "ru"),
        ("Можна говорити українською?", "uk"),
        ("ممكن نحكي عربي؟", "ar"),
    ],
)
def test_switch_phrase_becomes_change_language(text: str, code: str) -> None:
    message = Message(data={TEXT: text, INTENT: {"name": "ask_interpreter", "confidence": 0.7}})
    LanguageDetector({}).process([message])
    assert message.get(INTENT)["name"] == "change_language"
    assert [e["value"] for e in message.get(ENTITIES) if e["entity"] == "language"] == [code]


@pytest.mark.parametrize(
    "text",
    ["kann jemand arabisch sprechen beim termin", "Sprechen Sie Englisch?",
     "Haben Sie einen Dolmetscher für Arabisch?", "gibt es das auch auf türkisch"],
)  # fmt: skip
def test_interpreter_questions_stay_interpreter_questions(text: str) -> None:
    message = Message(data={TEXT: text, INTENT: {"name": "ask_interpreter", "confidence": 0.7}})
    LanguageDetector({}).process([message])
    assert message.get(INTENT)["name"] == "ask_interpreter"


def test_plain_words_request_is_not_a_language_switch() -> None:
    ranking = [
        {"name": "change_language", "confidence": 0.6},
        {"name": "simpler_language", "confidence": 0.3},
    ]
    message = Message(
        data={
            TEXT: "geht das auch in leichter Sprache",
            INTENT: ranking[0],
            "intent_ranking": ranking,
        }
    )
    LanguageDetector({}).process([message])
    assert message.get(INTENT)["name"] == "simpler_language"


def test_language_word_keeps_a_switch_request() -> None:
    message = Message(
        data={
            TEXT: "Können wir die Sprache wechseln?",
            INTENT: {"name": "change_language", "confidence": 0.8},
        }
    )
    LanguageDetector({}).process([message])
    assert message.get(INTENT)["name"] == "change_language"
