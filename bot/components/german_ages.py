"""Find children's ages (0–17 years) in German free text; pure Python, no Rasa import."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import german_age_lexicon as lex
from .german_age_tokens import NUM_RE, Tok, is_number, key_at, looks_back, tok_at, tokenize
from .german_number_words import (
    is_years_old_suffix,
    parse_cardinal,
    parse_ordinal,
    parse_years_old_word,
)

MAX_AGE = 17

_LIST_DECIMAL_RE = re.compile(r"(\d{1,2}),(\d)")


@dataclass(frozen=True)
class AgeMention:
    """One child's age in years and the character span that states it."""

    value: int
    start: int
    end: int


@dataclass(frozen=True)
class _Candidate:
    value: int
    first: int
    last: int
    strong: bool  # has its own age marker ("Jahre", "-jährig", "Geburtstag")
    future: bool = False


def extract_child_ages(text: str) -> list[AgeMention]:
    """Return one AgeMention per child in text order; counts, money, dates etc. are skipped."""
    toks = _split_list_decimals(tokenize(text))
    found = _find_candidates(toks)
    if not found:
        return []
    weak_ok = _is_bare_answer(toks) or _has_age_context(toks)
    kept = _drop_future_ages(toks, [c for c in found if c.strong or weak_ok])
    mentions: list[AgeMention] = []
    for n, cand in enumerate(kept):
        following = kept[n + 1] if n + 1 < len(kept) else None
        mention = AgeMention(cand.value, toks[cand.first].start, toks[cand.last].end)
        mentions.extend([mention] * _multiplier(toks, cand, following))
    return mentions


def _split_list_decimals(toks: list[Tok]) -> list[Tok]:
    # "3,5 und 8" lists three children, "3,5 Jahre" and "sie ist 3,5" describe one child.
    out: list[Tok] = []
    for n, tok in enumerate(toks):
        match = tok.kind == "num" and not tok.suffix and _LIST_DECIMAL_RE.fullmatch(tok.text)
        if not match or _is_decimal_age(toks, n) or _is_quantity(toks, n + 1):
            out.append(tok)
            continue
        first, second = match.group(1), match.group(2)
        comma = tok.start + len(first)
        out.append(Tok(first, tok.start, comma, "num", first))
        out.append(Tok(",", comma, comma + 1, "punct", ","))
        out.append(Tok(second, comma + 1, tok.end, "num", second))
    return out


def _find_candidates(toks: list[Tok]) -> list[_Candidate]:
    found: list[_Candidate] = []
    i = 0
    while i < len(toks):
        cand = _candidate_at(toks, i)
        if cand:
            found.append(cand)
        i = cand.last + 1 if cand else i + 1
    return found


def _candidate_at(toks: list[Tok], i: int) -> _Candidate | None:
    tok = toks[i]
    if tok.kind == "word":
        years_old = parse_years_old_word(tok.key)
        if years_old is not None:
            return None if _before_duration_noun(toks, i) else _Candidate(years_old, i, i, True)
        ordinal = parse_ordinal(tok.key)
        if ordinal is not None and key_at(toks, i + 1).startswith("geburtstag"):
            return _Candidate(ordinal, i, i, True)
        # The article "ein" is a number only in "ein Jahr (alt)"; "ein halbes Jahr" is 0.
        if tok.key == "ein" and key_at(toks, i + 1) == "halbes" and key_at(toks, i + 2) == "jahr":
            return _classify(toks, i, i + 1, 0)
        value = parse_cardinal(tok.key)
        if value is None and tok.key == "ein" and key_at(toks, i + 1) == "jahr":
            value = 1
        return None if value is None else _classify(toks, i, _consume_half(toks, i), value)
    if tok.kind != "num":
        return None
    num = NUM_RE.fullmatch(tok.key)
    if num is None or len(num["int"]) > 2:
        return None
    value = int(num["int"])
    if is_years_old_suffix(tok.suffix):
        return None if _before_duration_noun(toks, i) else _Candidate(value, i, i, True)
    if tok.suffix and tok.suffix not in lex.YEAR_UNITS:
        return None  # "3er", "2x", "5te"
    if num["frac"] and not _is_decimal_age(toks, i):
        return None  # "2,5 Std.", "15,50"
    return _classify(toks, i, _consume_half(toks, i), value, glued_unit=bool(tok.suffix))


def _classify(
    toks: list[Tok], first: int, last: int, value: int, glued_unit: bool = False
) -> _Candidate | None:
    prev, nxt = tok_at(toks, first - 1), tok_at(toks, last + 1)
    if value > MAX_AGE or _in_range(toks, first, last):
        return None
    if toks[first].kind == "num" and not glued_unit and _dot_follows(toks, last):
        after = tok_at(toks, last + 2)
        if after and after.key.startswith("geburtstag"):
            return _Candidate(value, first, last, True)
        if _is_ordinal_dot(toks, first, last):
            return None  # "3. März", "2. Klasse", "den 2. Termin"
    if prev and (prev.key in lex.PREV_BLOCK or prev.key.endswith(lex.STREET_SUFFIXES)):
        return None
    if looks_back(toks, first, lex.COUNT_SUBJECTS, 3):
        return None
    future = looks_back(toks, first, lex.FUTURE_MARKERS, 4)
    unit = last if glued_unit else last + 1
    if glued_unit or (nxt and (nxt.key in lex.YEAR_UNITS or is_years_old_suffix(nxt.key))):
        after = key_at(toks, unit + 1)
        if after == "alt":
            return _Candidate(value, first, last, True, future)
        if after in lex.DURATION_AFTER or looks_back(toks, first, lex.DURATION_PREPS, 3):
            return None
        if _before_duration_noun(toks, unit):
            return None
        return _Candidate(value, first, last, True, future)
    if nxt and (nxt.key.startswith("geburtstag") or nxt.key == "alt"):
        return _Candidate(value, first, last, True, future)
    if _is_quantity(toks, last + 1):
        return None
    return _Candidate(value, first, last, False, future)


def _consume_half(toks: list[Tok], i: int) -> int:
    # "3 1/2", "3 ½" and "drei einhalb" describe one child aged 3.
    if key_at(toks, i + 1) in ("½", "einhalb"):
        return i + 1
    if [key_at(toks, i + n) for n in (1, 2, 3)] == ["1", "/", "2"]:
        return i + 3
    return i


def _is_decimal_age(toks: list[Tok], i: int) -> bool:
    # A decimal is one child's age only before "Jahre" or after a singular "ist"/"wird".
    num = NUM_RE.fullmatch(toks[i].key)
    if num is None or not num["frac"]:
        return False
    if key_at(toks, i + 1) in lex.YEAR_UNITS or is_years_old_suffix(key_at(toks, i + 1)):
        return True
    return len(num["frac"]) == 1 and looks_back(toks, i, lex.SINGULAR_COPULAS, 3)


def _dot_follows(toks: list[Tok], last: int) -> bool:
    nxt = tok_at(toks, last + 1)
    return nxt is not None and nxt.text == "." and nxt.start == toks[last].end


def _is_ordinal_dot(toks: list[Tok], first: int, last: int) -> bool:
    # German writes ordinals with a dot ("3. März"), which also ends sentences ("Sie ist 7.").
    after = tok_at(toks, last + 2)
    if after is None or after.kind == "punct":
        return False
    if after.key in lex.ORDINAL_NOUNS:
        return True
    if after.key in lex.FUNCTION_WORDS:
        return False
    after_capitalised = after.text[:1].isupper()
    return not (after_capitalised and key_at(toks, first - 1) in lex.COPULAS | lex.ADVERBS)


def _is_quantity(toks: list[Tok], j: int) -> bool:
    tok = tok_at(toks, j)
    if tok is None or tok.kind in ("num", "skip"):
        return False
    if tok.key in lex.QUANTITY_WORDS:
        return True
    if (
        tok.kind == "punct"
        or tok.key in lex.FUNCTION_WORDS
        or tok.key in lex.YEAR_UNITS
        or parse_cardinal(tok.key)
    ):
        return False
    if tok.text[:1].isupper():
        return tok.text.lower().rstrip(".") not in lex.CHILD_SINGULAR
    # "3 kleine Kinder": an inflected adjective between number and noun.
    if tok.key.endswith(("e", "en", "er", "es")):
        noun = tok_at(toks, j + 1)
        return noun is not None and noun.kind == "word" and _is_quantity(toks, j + 1)
    return False


def _in_range(toks: list[Tok], first: int, last: int) -> bool:
    # "3-6 Jahre", "von 3 bis 6", "zwischen 3 und 8" describe a group, not one child.
    if key_at(toks, last + 1) in lex.RANGE_WORDS and is_number(tok_at(toks, last + 2)):
        return True
    if key_at(toks, first - 1) in lex.RANGE_WORDS and is_number(tok_at(toks, first - 2)):
        return True
    return key_at(toks, first - 1) == "und" and key_at(toks, first - 3) == "zwischen"


def _before_duration_noun(toks: list[Tok], i: int) -> bool:
    keys = [key_at(toks, i + 1), key_at(toks, i + 2)]
    return any(key.endswith(noun) for key in keys if key for noun in lex.DURATION_NOUNS)


def _is_bare_answer(toks: list[Tok]) -> bool:
    # "4 und 7", "vier, sieben", "4+7": a plain answer to "Wie alt sind Ihre Kinder?".
    numbers = 0
    for tok in toks:
        if is_number(tok):
            numbers += 1
        elif not (
            tok.key in lex.BARE_FILLERS or (tok.kind == "punct" and tok.text in lex.BARE_PUNCT)
        ):
            return False
    return numbers > 0


def _has_age_context(toks: list[Tok]) -> bool:
    for n, tok in enumerate(toks):
        if tok.key in lex.AGE_CUES or parse_years_old_word(tok.key) is not None:
            return True
        if tok.key in lex.COPULAS and _names_a_child(toks, n - 1):
            # "ist jetzt 5", "sind 4 und 7", "wird im Januar sieben"
            for following in toks[n + 1 : n + 5]:
                if is_number(following):
                    return True
                if (
                    following.kind != "word"
                    or following.key in lex.FUNCTION_WORDS - lex.COPULA_FILLERS
                ):
                    break
    return False


def _names_a_child(toks: list[Tok], j: int) -> bool:
    # The subject before "ist"/"sind": left out ("und ist jetzt 5"), a pronoun or a bare name.
    subject = tok_at(toks, j)
    if subject is None or subject.kind == "punct" or subject.key in {"er", "sie", "beide", "und"}:
        return True
    return (
        subject.kind == "word"
        and subject.text[:1].isupper()
        and subject.key not in {"es", "das", "wir", "ich"}
        and key_at(toks, j - 1) not in lex.DETERMINERS
    )


def _drop_future_ages(toks: list[Tok], found: list[_Candidate]) -> list[_Candidate]:
    # "wird bald 6, ist jetzt 5": the coming birthday restates the current age of the same
    # child, so drop it; "Tochter ist 5, Sohn wird bald 6" names a second child in between.
    dropped: set[int] = set()
    paired: set[int] = set()
    for n, cand in enumerate(found):
        for m, other in enumerate(found):
            if not cand.future or other.future or m in paired or other.value != cand.value - 1:
                continue
            between = toks[min(cand.last, other.last) + 1 : max(cand.first, other.first)]
            if not any(t.key in lex.CHILD_NOUNS for t in between):
                dropped.add(n)
                paired.add(m)
                break
    return [c for n, c in enumerate(found) if n not in dropped]


def _multiplier(toks: list[Tok], cand: _Candidate, following: _Candidate | None) -> int:
    # "beide fünf", "Zwillinge, 4": one stated age for two children, unless a list follows.
    if following is not None and following.first - cand.last <= 3:
        return 1
    # Look back across commas ("Zwillinge, 4") but forward only within the phrase
    # ("4-jährige Zwillinge"), and never past another number.
    before = reversed(toks[max(cand.first - 4, 0) : cand.first])
    after = toks[cand.last + 1 : cand.last + 4]
    for window, stop_kinds in ((before, {"num"}), (after, {"num", "punct"})):
        for tok in window:
            if tok.kind in stop_kinds or is_number(tok):
                break
            if tok.key in lex.MULTIPLIERS:
                return lex.MULTIPLIERS[tok.key]
    return 1
