"""Requests to switch the chat's language, recognised by fixed phrases in each language.

"Können wir Englisch sprechen?" is close to interpreter questions the classifier knows
("Sprechen Sie Englisch?" asks about the appointment, ask_interpreter); these phrases ask
for *this chat* in a named language and always mean change_language. Questions about the
appointment ("kann jemand beim Termin Arabisch sprechen") do not match.
"""

from __future__ import annotations

import re

_DE_LANG = r"(?:deutsch|englisch|arabisch|ukrainisch|russisch|türkisch|tuerkisch)"
_EN_LANG = r"(?:german|english|arabic|ukrainian|russian|turkish)"
_TR_LANG = r"(?:türkçe|turkce|almanca|ingilizce|i̇ngilizce|arapça|arapca|rusça|rusca|ukraynaca)"
_RU_LANG = r"по-(?:русски|немецки|английски|украински|турецки|арабски)"
_UK_LANG = (
    r"(?:українською|німецькою|англійською|російською|турецькою|арабською"
    r"|по-українськи|по-німецьки|по-англійськи)"
)
_AR_LANG = (
    r"(?:بال)?(?:عربي|العربية|عربية|ألماني|الماني|الألمانية|انجليزي|إنجليزي|الإنجليزية"
    r"|تركي|التركية|روسي|الروسية)"
)

_PATTERNS = [
    r"\b(?:können|koennen|könnten|kannst|kann) (?:wir|du|sie|ich)\b(?: \w+){0,2} (?:auf |in )?"
    rf"{_DE_LANG} (?:sprechen|schreiben|reden|chatten|weitermachen|weiterschreiben|antworten)\b",
    rf"^\W*(?:bitte )?(?:auf |in )?{_DE_LANG}(?: bitte| weiter)?\W*$",
    rf"\b(?:can|could) (?:we|you|i) (?:please )?(?:speak|talk|write|chat|continue|answer|reply)"
    rf"(?: to me| with me)? (?:in )?{_EN_LANG}\b",
    rf"\b(?:switch|change)(?: the language)? (?:to|into) {_EN_LANG}\b",
    rf"^\W*(?:in )?{_EN_LANG},? please\W*$",
    rf"\b{_TR_LANG}\w* (?:konuş|yaz|devam|geç)\w*",
    rf"^\W*{_TR_LANG}\w* lütfen\W*$",
    rf"(?:говорите|говорить|пишите|писать|давайте|можно|перейд\w+)\b.{{0,15}}{_RU_LANG}",
    rf"^\W*{_RU_LANG},? пожалуйста\W*$",
    rf"(?:говоріть|говорити|пишіть|писати|давайте|можна|перейд\w+)\b.{{0,15}}{_UK_LANG}",
    rf"^\W*{_UK_LANG},? будь ласка\W*$",
    rf"(?:نحكي|نتكلم|نتحدث|تكتب|اكتب|اكتبلي|نكتب|احكي|تحكي|تتكلم)\s+{_AR_LANG}",
    rf"^\W*{_AR_LANG}\s+(?:لو\s+سمحت|من\s+فضلك)\W*$",
]
_SWITCH_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def is_switch_request(text: str) -> bool:
    """True when the text asks to go on in a named language."""
    return _SWITCH_RE.search(text.strip().lower()) is not None


# A request to switch names a language or the word "language" itself; "leichte Sprache" and
# "Fachsprache" ask for simpler words (simpler_language), not another language.
_LANGUAGE_WORD = re.compile(
    r"(?<![\w-])(?:sprache\w*|language\w*|dil\w*|язык\w*|мов\w*|لغة|اللغة|باللغة|لغتي)",
    re.IGNORECASE,
)
_PLAIN_WORDS = re.compile(
    r"(?:leicht|einfach|verständlich|fach)\w*\s*sprache|plain language|simple language",
    re.IGNORECASE,
)


def could_be_switch_request(text: str, names_a_language: bool) -> bool:
    """False when a message read as change_language cannot be one: it names neither a
    language nor the word "language", or it asks for plain words."""
    lowered = text.lower()
    if _PLAIN_WORDS.search(lowered):
        return False
    return names_a_language or _LANGUAGE_WORD.search(lowered) is not None
