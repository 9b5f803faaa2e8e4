"""Weekdays and times of day a family names ("dienstags vormittags", "egal"), in every language.

The waitlist keeps them as wishes; the callback form uses them to tell a time from a wish
to book.
"""

from __future__ import annotations

import re
from typing import Any

# Weekdays (0 = Monday … 4 = Friday) and times of day in the chat's languages; the
# buttons send the German words, typed answers may use any of them.
_WEEKDAYS = (
    r"montag|monday|pazartesi|понедельник|понеділ|الاثنين|الإثنين",
    r"dienstag|tuesday|sal[ıi]|вторник|вівтор|الثلاثاء",
    r"mittwoch|wednesday|[çc]ar[şs]amba|сред[аыу]|серед|الأربعاء|الاربعاء",
    r"donnerstag|thursday|per[şs]embe|четверг|четвер|الخميس",
    r"freitag|friday|cuma|пятниц|п[ʼ'’]?ятниц|الجمعة",
)
_AFTERNOON = re.compile(
    r"nachmittag|afternoon|[öo][ğg]leden sonra|после обеда|дн[её]м|після обіду|вдень|بعد الظهر"
)
_MORNING = re.compile(
    r"vormittag|morgens|früh|morning|[öo][ğg]leden [öo]nce|sabah|утр|ранок|вранці|صباح"
)
_ANY = re.compile(
    r"egal|beliebig|jederzeit|immer|flexibel|any ?time|doesn.?t matter|no preference|"
    r"fark etmez|farketmez|всё равно|все равно|любо[ей]|байдуже|будь-коли|لا يهم|أي وقت"
)


def parse_wishes(text: str) -> dict[str, list[Any]] | None:
    """Weekdays and times of day from an answer; empty lists mean "any"; None: not understood."""
    lowered = text.lower()
    weekdays = [day for day, pattern in enumerate(_WEEKDAYS) if re.search(pattern, lowered)]
    times = []
    if _MORNING.search(lowered):
        times.append("morning")
    if _AFTERNOON.search(lowered):
        times.append("afternoon")
    if weekdays or times or _ANY.search(lowered):
        return {"weekdays": weekdays, "times": times}
    return None
