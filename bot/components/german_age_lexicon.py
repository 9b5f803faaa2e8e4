"""Word lists that tell a child's age from counts, money, dates and durations in German."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# All word lists hold folded forms (see `fold`): lower case, "ä"/"ae" → "a", "ß" → "ss".
YEAR_UNITS = frozenset({"jahr", "jahre", "jahren", "j", "jhr", "jr"})
# "2 Jahre lang", "3 Jahre her": a duration, not an age.
DURATION_AFTER = frozenset({"lang", "her", "spater", "zuvor", "danach", "davor", "vorher"})
# "seit ca. 2 Jahren", "Kinder unter 3 Jahren": looked for up to three words back.
DURATION_PREPS = _words(
    "seit vor nach fur in innerhalb binnen alle uber unter ab bis zwischen letzten nachsten"
)
# A number directly after these is a time, date, grade, address, range end or count.
PREV_BLOCK = _words(
    "um am ab bis seit vor nach fur in im zu zum zur uber unter zwischen als pro je à x "
    "der die das den dem des nr no nummer hausnummer haus klasse klassen stufe jahrgang "
    "jahrgangsstufe schuljahr seite zimmer raum linie bus gleis termin option platz etage "
    "stock punkt frage pflegegrad grad note level kapitel artikel abs absatz tel telefon "
    "handy fax plz postleitzahl kw runde tur insgesamt zusammen € § $ "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag"
)
STREET_SUFFIXES = ("strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer")
# German puts the counted noun right after the number ("drei Kinder", "15 Euro"), so a
# following noun or unit marks a quantity. Lower-case entries catch typed "2 kinder".
QUANTITY_WORDS = _words(
    "kinder kind kindern kids personen person leute leuten erwachsene erwachsenen geschwister "
    "sohne sohnen madchen jungs enkel enkelkinder euro eur cent ct prozent monat monate monaten "
    "woche wochen tag tage tagen stunde stunden std h min minute minuten uhr mal x stuck zimmer "
    "termine davon von € % $ £"
)
# Sentence starters and glue words: capitalised, but not a counted noun after a number.
FUNCTION_WORDS = _words(
    "und u oder aber sowie bzw er sie es ich du wir ihr der die das den dem des ein eine einen "
    "einem einer mein meine meinen meiner meinem unser unsere unseren unserer dein deine sein "
    "seine seinen ihre ihren ihrer beide beiden jetzt bald schon erst noch gerade auch dann "
    "also ja nein danke bitte ok okay wird ist sind hat haben wann wie was wo wenn weil dass "
    "da so alt"
)
# Singular child nouns may follow an age in a list ("Sohn 4 Tochter 7"); never lower-cased away.
CHILD_SINGULAR = _words(
    "sohn tochter junge baby kleine kleiner große großer grosse grosser älteste ältester "
    "jüngste jüngster mittlere mittlerer"
)
# Nouns (folded) that name a child; a new one between two ages means a new child.
CHILD_NOUNS = _words(
    "kind kinder kindern kindes kids sohn sohnes sohne sohnen sohnemann tochter tochtern junge "
    "jungen jungs madchen madel baby babys zwillinge zwillingen drillinge nachwuchs kleine "
    "kleiner kleinen kleinste grosse grosser grossen alteste altester jungste jungster mittlere "
    "enkel enkelin enkelkind pflegekind"
)
# Words that make bare numbers in the same message plausible as ages.
AGE_CUES = (
    YEAR_UNITS
    | CHILD_NOUNS
    | _words("alt alter alte alten altere alterer jung junger jungere geburtstag geburtstags")
    | _words("beide beiden")
)
# "Lea ist 7" names a child, "Der Termin ist 10" does not: a determiner before the subject.
DETERMINERS = _words(
    "der die das den dem des ein eine einen einem einer kein keine mein meine meinen unser "
    "unsere dein deine sein seine ihr ihre"
)
COPULAS = frozenset({"ist", "sind", "wird", "werden", "wurde", "wurden"})
SINGULAR_COPULAS = frozenset({"ist", "wird", "wurde"})
ADVERBS = _words("jetzt gerade schon erst bald fast knapp ca circa etwa nun noch")
# Inverted word order puts the subject after the verb: "jetzt ist sie 5".
COPULA_FILLERS = ADVERBS | {"er", "sie", "beide"}
# "wir sind 4", "ich bin 16", "insgesamt 5": the speaker's household or self, not a child.
COUNT_SUBJECTS = frozenset({"wir", "uns", "bin", "insgesamt"})
FUTURE_MARKERS = frozenset({"wird", "werden", "bald", "fast", "demnachst", "knapp"})
MULTIPLIERS = {"beide": 2, "beiden": 2, "zwillinge": 2, "zwillingen": 2, "drillinge": 3}
# "eine dreijährige Ausbildung" is a duration; matched as word endings ("Teilzeitausbildung").
DURATION_NOUNS = tuple(
    _words(
        "ausbildung umschulung weiterbildung studium lehre vertrag zeit pause beziehung ehe "
        "erfahrung arbeitslosigkeit tatigkeit haft frist programm kurs massnahme garantie projekt"
    )
)
ORDINAL_NOUNS = _words(
    "klasse schuljahr lebensjahr stock etage termin mal woche tag platz halbjahr quartal kw "
    "januar februar marz april mai juni juli august september oktober november dezember"
)
BARE_FILLERS = YEAR_UNITS | frozenset({"und", "u", "sowie", "alt", "einhalb", "ca", "etwa"})
BARE_PUNCT = frozenset(",+/&.!;()-½")
RANGE_WORDS = frozenset({"-", "–", "bis"})
