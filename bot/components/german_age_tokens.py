"""Split German text into the number, word and punctuation tokens the age rules read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .german_age_lexicon import YEAR_UNITS
from .german_number_words import fold, is_years_old_suffix, parse_cardinal
from .text_patterns import masked_spans

_TOKEN_RE = re.compile(
    r"(?P<skip>\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\d{1,2}:\d{2}|\d+(?:[.,]\d+){2,})"
    r"|(?P<num>\d+(?:[.,]\d+)?½?)(?:-?(?P<suffix>[^\W\d_½]+(?:-[^\W\d_½]+)*))?"
    r"|(?P<punct>½|[^\w\s])"
    r"|(?P<word>[^\W\d_½]+(?:-[^\W\d_½]+)*\.?)"
)
NUM_RE = re.compile(r"(?P<int>\d+)(?:[.,](?P<frac>\d+))?(?P<half>½)?")


@dataclass(frozen=True)
class Tok:
    """One token with its character span and folded lookup key."""

    text: str
    start: int
    end: int
    kind: str  # "num", "word", "punct" or "skip" (date, time, phone, e-mail)
    key: str
    suffix: str = ""  # folded letters glued to a number: "jahrigen" in "5-jährigen"


def tokenize(text: str) -> list[Tok]:
    """Return the tokens of the text; dates, times, phones and e-mails become "skip"."""
    toks: list[Tok] = []
    pos = 0
    for start, end in [*masked_spans(text), (len(text), len(text))]:
        for m in _TOKEN_RE.finditer(text, pos, start):
            kind = m.lastgroup if m.lastgroup != "suffix" else "num"
            key = {"num": m["num"], "punct": m.group()}.get(kind) or fold(m.group())
            toks.append(Tok(m.group(), m.start(), m.end(), kind, key, fold(m["suffix"] or "")))
        if end > start:
            toks.append(Tok(text[start:end], start, end, "skip", ""))
        pos = end
    return toks


def looks_back(toks: list[Tok], i: int, words: frozenset[str], n: int) -> bool:
    """Return True if one of `words` is among the n words before token i (same phrase)."""
    for j in range(i - 1, max(i - n, 0) - 1, -1):
        if toks[j].kind in ("num", "punct", "skip"):
            return False
        if toks[j].key in words:
            return True
    return False


def is_number(tok: Tok | None) -> bool:
    """Return True for a digit token or a cardinal number word."""
    if tok is None:
        return False
    if tok.kind == "num":
        return not tok.suffix or tok.suffix in YEAR_UNITS or is_years_old_suffix(tok.suffix)
    return tok.kind == "word" and parse_cardinal(tok.key) is not None


def tok_at(toks: list[Tok], j: int) -> Tok | None:
    """Return token j, or None outside the list."""
    return toks[j] if 0 <= j < len(toks) else None


def key_at(toks: list[Tok], j: int) -> str:
    """Return the folded key of token j, or "" outside the list."""
    tok = tok_at(toks, j)
    return tok.key if tok else ""
