"""German phrases that always mean acute danger, whatever the classifier thinks.

The list is short and specific on purpose: a crisis message must never be read as a name
or a question (the emergency numbers come first), while "mein Kind schlägt andere Kinder"
is a parenting question and must not match. Maintainers extend it with tests.
"""

from __future__ import annotations

import re

from .crisis_phrases_languages import is_crisis_in_other_language

_VICTIM = r"(?:mich|uns|die kinder|(?:meine[nrs]?|unsere[nrs]?) (?:kinder|kind|tochter|sohn|frau))"
_HARMED = r"(?:geschlagen|misshandelt|missbraucht|vergewaltigt)"

# Words that may stand between "wir sind" and the danger: time and place, not "mir"/"uns".
_NOW = (
    r"(?:gerade|jetzt|grade|hier|zu hause|zuhause|daheim|akut|im moment|momentan|wirklich"
    r"|echt|nicht mehr|gar|alle|heute)"
)
_UNSAFE = (
    r"(?:in (?:großer |akuter )?(?:gefahr|lebensgefahr)\b"
    r"|nicht (?:mehr )?sicher\b(?!,? *(?:ob|wann|was|wie|wo|wer|welche\w*|mit|über|bei|dass)\b)"
    r"|nicht (?:mehr )?in sicherheit\b"
    r"|bedroht\b)"
)

_SELF_HARM = r"(?:das leben (?:zu )?nehmen|um(?:zu)?bringen|töten|etwas antun|was antun)"

_PATTERNS = [
    # Suicidal thoughts.
    rf"\b(?:mir|mich)\b.{{0,30}}\b{_SELF_HARM}\b",
    r"\bnicht mehr (?:leben|weiterleben|da sein)\b",
    r"\b(?:suizid\w*|selbstmord\w*)",
    r"\b(?:will|möchte|wollen|werde) (?:\w+ )?sterben\b",
    # Violence against the parent or the children.
    rf"\b(?:schlägt|schlug|würgt|tritt) {_VICTIM}\b",
    rf"\b(?:hat|haben) {_VICTIM} (?:geschlagen|gewürgt|verletzt)",
    rf"\b(?:werde|werden|wird|wurde|wurden) (?:\w+ ){{0,3}}{_HARMED}\b",
    r"\bhäusliche gewalt\b",
    r"\b(?:bedroht|bedrohen) (?:mich|uns|die kinder)\b",
    r"\bbringt (?:mich|uns) um\b",
    r"droht\w{0,12}\b.{0,30}\bum(?:zu)?bringen\b",
    # A child in danger or missing.
    r"\b(?:kind|kinder|tochter|sohn)\b.{0,25}\b(?:in gefahr|verschwunden|entführt)\b",
    # Present danger said without a violence verb: "wir sind gerade in Gefahr", "hier
    # sind wir nicht sicher". First person only, and never the doubt of "ich bin mir nicht
    # sicher" or "nicht sicher, ob …".
    rf"\b(?:ich bin|bin ich|wir sind|sind wir)\b(?: {_NOW}){{0,3}} {_UNSAFE}",
    rf"\b(?:hier|zu hause|zuhause|bei uns)\b(?: {_NOW}){{0,2}} (?:sind wir|bin ich)"
    rf"(?: {_NOW}){{0,2}} {_UNSAFE}",
    r"\b(?:wir|ich) (?:fühlen|fühle) (?:uns|mich)\b(?: \w+){0,3} "
    r"(?:nicht (?:mehr )?sicher|bedroht|in gefahr)\b",
    r"\bangst um (?:unser|mein) leben\b",
    # No place to sleep tonight.
    r"\b(?:heute|diese) nacht\b.{0,40}\b(?:schlafen|schlafplatz|obdach\w*|straße)\b",
    r"\bobdachlos\b",
]
CRISIS_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def is_crisis(text: str) -> bool:
    """True when the text names acute danger in words the lists know (every language)."""
    # Keyboards without umlauts: "schlaegt" is "schlägt".
    folded = text.lower().replace("ae", "ä").replace("oe", "ö").replace("ue", "ü")
    return CRISIS_RE.search(folded) is not None or is_crisis_in_other_language(text)
