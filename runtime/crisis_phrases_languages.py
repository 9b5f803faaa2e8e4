"""Crisis phrases in English, Arabic (also transliterated), Ukrainian, Russian and Turkish.

Like the German list (crisis_patterns.py): short and specific, for violence, suicidal
thoughts, a child in danger or missing, and no place to sleep tonight. "My son hits other
kids" is a parenting question and must not match. Maintainers extend it with tests
(tests/components/test_crisis_languages.py).
"""

from __future__ import annotations

import re

_EN = [
    r"\b(?:kill|hurt|harm) myself\b",
    r"\bend(?:ing)? (?:my life|it all)\b",
    r"\bsuicid\w*",
    r"\b(?:don'?t|do not|no longer) want to (?:live|be alive)\b",
    r"\bwant to die\b",
    r"\b(?:hits?|beats?|beat|beating|kicks?|kicked|chokes?|choked|strangl\w+|hurts?|harms?)"
    r" (?:me|us|my (?:kids?|children|child|son|daughter|baby)|the (?:kids|children|baby))\b",
    r"\b(?:was|were|been|being|is|are|got) (?:\w+ ){0,2}(?:abused|raped|molested)\b",
    r"\bdomestic (?:violence|abuse)\b",
    r"\bthreat\w* (?:me|us|to kill)\b",
    r"\bkill (?:me|us|my (?:kids?|children|son|daughter))\b",
    r"\b(?:partner|husband|boyfriend|ex|father|he) (?:is|gets|got|became)"
    r" (?:very |really )?violent\b",
    r"\b(?:child|kid|son|daughter|baby)\b.{0,25}\b(?:in danger|missing|kidnapped)\b",
    r"\b(?:we are|we're|i am|i'm|we)\b(?: \w+){0,2} (?:in danger|not safe)\b",
    r"\b(?:scared|afraid|fear) for (?:my|our) li(?:fe|ves)\b",
    r"\b(?:nowhere|no place|no where) to (?:sleep|stay|go)\b.{0,20}\btonight\b",
    r"\btonight\b.{0,40}\b(?:nowhere to sleep|no place to sleep|on the street|homeless)\b",
    r"\bhomeless\b",
    r"\b(?:can'?t|cannot) go (?:back )?home\b",
]
_AR = [
    r"(?:يضربني|يضربنا|بيضربني|ضربني|ضربنا|يضربون?ي|بيضربنا|yadrobni|bidrobni|darabni)",
    r"(?:ضرب|يضرب|بيضرب)\s+(?:الأولاد|الاولاد|ولادي|أولادي|اولادي|ابني|بنتي|ابنتي|طفلي)",
    r"(?:أقتل|اقتل)\s+(?:نفسي|حالي)",
    r"(?:انتحار|الانتحار|أنتحر|انتحر)",
    r"(?:أنهي|انهي|أنهي)\s+حياتي",
    r"(?:لا\s+أريد|لا\s+اريد|ما\s+بدي|مابدي)\s+(?:أن\s+|ان\s+)?(?:أعيش|اعيش|عيش)",
    r"(?:أريد|اريد|بدي)\s+(?:أن\s+|ان\s+)?(?:أموت|اموت|موت)",
    r"(?:يقتلني|يقتلنا|بالقتل|يقتل\s+(?:الأولاد|أولادي|ابني|بنتي))",
    r"(?:يهددني|يهددنا|بيهددنا|بيهددني|يهددوننا)",
    r"(?:عنف\s+(?:أسري|اسري|منزلي)|يعنفني|بيعنفني|تحرش|اغتصاب|اعتداء\s+جنسي)",
    r"(?:نحن|نحنا|ابني|بنتي|ابنتي|طفلي|ولدي|أولادي|اولادي|الأولاد)\s*(?:\S+\s+){0,2}(?:بخطر|في\s+خطر)",
    r"(?:لسنا|مش|لسنا)\s+(?:بأمان|في\s+أمان|بامان)",
    r"(?:ابني|بنتي|ابنتي|طفلي|ولدي)\s*(?:\S+\s+){0,1}(?:مفقود|مفقودة|اختفى|اختفت|مخطوف|مخطوفة)",
    r"(?:أذى|آذى|يؤذي|بيأذي|يأذي)\s+(?:ابني|بنتي|ابنتي|طفلي|ولدي|الأولاد|أولادي)",
    r"الليلة.{0,30}(?:ننام|نبات|الشارع|مأوى)|(?:ننام|نبات|الشارع|مأوى).{0,30}الليلة",
    r"(?:بلا\s+مأوى|بدون\s+مأوى)",
    r"(?:خائفة|خايفة|خائف|خايف|أخاف|اخاف)\s+على\s+(?:حياتي|حياتنا)",
    r"(?:أخاف|اخاف|خايفة|خائفة)\s+(?:أن\s+|ان\s+)?(?:يقتلني|يقتلنا)",
    r"(?:ما\s+بقدر|لا\s+أستطيع|لا\s+استطيع)\s+(?:أن\s+|ان\s+)?(?:أرجع|ارجع)\s+(?:عالبيت|للبيت|إلى\s+البيت)",
]
_UK = [
    r"(?:б['’ʼ]є|б['’ʼ]ють)\s+(?:мене|нас|дітей|сина|доньку)",
    r"(?:мене|нас|дітей)\s+(?:б['’ʼ]є|б['’ʼ]ють)",
    r"\b(?:побив|побила|вдарив|вдарила)\b",
    r"б['’ʼ]ється",
    r"(?:вб['’ʼ]є|уб['’ʼ]є|вбити|убити)\s+(?:мене|нас)|(?:мене|нас)\s+(?:вб['’ʼ]є|уб['’ʼ]є|вбити|убити)",
    r"накласти на себе руки|покінчити (?:з собою|з життям)|самогубств|суїцид",
    r"не хочу (?:більше )?жити|хочу померти",
    r"(?:в|у) небезпеці|не (?:в|у) безпеці",
    r"погрожу\w*",
    r"(?:дитина|син|донька|доня|дочка)\w*\s+(?:\S+\s+)?(?:зник|зникла|викрал\w*)",
    r"насильств\w*|знущал\w*|скривдив\w*|кривдить",
    r"(?:нема|немає|ніде)\s+(?:\S+\s+){0,2}(?:спати|ночувати)|на вулиці",
    r"боюся за (?:своє |наше )?життя",
    r"не можу повернутися додому",
]
_RU = [
    r"(?:бь[её]т|избивает)\s+(?:меня|нас|детей|сына|дочь)",
    r"(?:меня|нас|детей)\s+(?:бь[её]т|избивает)",
    r"\b(?:избил|избила|ударил|ударила)\b",
    r"дер[её]тся",
    r"(?:убь[её]т|убить)\s+(?:меня|нас)|(?:меня|нас)\s+(?:убь[её]т|убить)",
    r"покончить с собой|самоубийств|суицид",
    r"не хочу (?:больше )?жить|хочу умереть",
    r"в опасности|не в безопасности",
    r"угрожа\w*",
    r"(?:ребен\w*|ребён\w*|сын\w*|доч\w*)\s+(?:\S+\s+)?(?:пропал\w*|похитил\w*|похищен\w*)",
    r"(?:моя|мой)\s+(?:дочь|сын|ребенок|ребёнок)\s+пропал\w*",
    r"насили\w*|издевал\w*|обидел\w*\s+(?:мою|моего|меня)|обижает\s+(?:мою|моего|меня|детей)",
    r"негде\s+(?:\S+\s+){0,2}(?:спать|ночевать)|на улице",
    r"боюсь за (?:свою |нашу )?жизнь",
    r"не могу вернуться домой",
]
_TR = [
    r"döv(?:üyor|dü|er|üyorlar|mek)|dayak",
    r"öldür(?:mek|ecek|mesinden|mekle|ür)",
    r"intihar|canıma kıy|hayatıma son|yaşamak istemiyorum|ölmek istiyorum",
    r"tehlikede|güvende değil",
    r"tehdit",
    r"(?:çocu\w*|kız\w*|oğl\w*)\s+(?:\S+\s+)?(?:kayboldu|kaçırıldı)",
    r"şiddet|istismar|taciz|tecavüz",
    r"zarar ver(?:iyor|di|ecek)",
    r"(?:kalacak|uyuyacak|gidecek)\s+(?:bir\s+)?yer(?:imiz|im)?\s+yok|sokaktay(?:ız|ım)",
    r"hayatımdan (?:endişe|korku)|canımdan korkuyorum",
    r"eve dönemiyorum",
]


def _compiled(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# One expression per script, tried only when the text has letters of that script: a long
# message then costs one pass per script it uses (tests/safety/test_linear_regex.py).
_LATIN_RE = _compiled(_EN + _TR)
_ARABIC_RE = _compiled(_AR)
_CYRILLIC_RE = _compiled(_UK + _RU)
_HAS_ARABIC = re.compile(r"[\u0600-\u06ff]")
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HAS_LATIN = re.compile(r"[a-zçğıöşü]", re.IGNORECASE)


# The chat channel refuses longer messages before NLU (connectors/socketio_channel.py); the
# many alternatives here cost about ten times the German list per character, so a longer
# text from a channel without that limit is left to the German list and the classifier.
MAX_TEXT_CHARS = 2000


def is_crisis_in_other_language(text: str) -> bool:
    """True when the text names acute danger in a supported language other than German."""
    if len(text) > MAX_TEXT_CHARS:
        return False
    lowered = text.lower()
    checks = (
        (_HAS_LATIN, _LATIN_RE),
        (_HAS_ARABIC, _ARABIC_RE),
        (_HAS_CYRILLIC, _CYRILLIC_RE),
    )
    return any(has.search(lowered) and found.search(lowered) for has, found in checks)
