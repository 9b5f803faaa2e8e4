"""Rasa tokenizer for German built on spaCy's blank "de" pipeline with lookup lemmas."""

from __future__ import annotations

import functools
import re
from importlib import metadata
from typing import Any

import spacy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message
from spacy.language import Language

from .text_patterns import phone_spans

# Bump whenever tokens or lemmas change, so `rasa train` does not reuse cached features.
COMPONENT_VERSION = "1"

_SENTENCE_FINAL_NUMBER_RE = re.compile(r"(\d+)\.")


@functools.lru_cache(maxsize=1)
def load_german_pipeline() -> Language:
    """Return spacy.blank("de") with a lookup lemmatizer, built once per process."""
    nlp = spacy.blank("de")
    # The lookup tables come from spacy-lookups-data and are read during initialize();
    # no trained model is downloaded. They are case-sensitive: "Kinder" → "Kind".
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class GermanTokenizer(Tokenizer):
    """Split German text by spaCy's rules and lemmatize it in its original case."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the Tokenizer base keys; the base class raises KeyError without them."""
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @staticmethod
    def required_packages() -> list[str]:
        """Return the packages the pipeline needs at run time."""
        return ["spacy", "spacy_lookups_data"]

    @staticmethod
    def supported_languages() -> list[str]:
        """Return the only language the rules and lookup tables cover."""
        return ["de"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Return the component, spaCy and lookup-table versions for Rasa's training cache."""
        return (
            f"german_tokenizer-{COMPONENT_VERSION}"
            f"/spacy-{spacy.__version__}"
            f"/spacy-lookups-data-{metadata.version('spacy-lookups-data')}"
        )

    def __init__(self, config: dict[str, Any]) -> None:
        """Create the tokenizer and load (or reuse) the process-wide spaCy pipeline."""
        super().__init__(config)
        self._nlp = load_german_pipeline()

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Return the tokens of one message attribute with original-case lemmas."""
        text = message.get(attribute)
        tokens = [
            Token(tok.text, tok.idx, tok.idx + len(tok.text), lemma=tok.lemma_ or tok.text)
            for tok in self._nlp(text)
            if tok.text.strip()
        ]
        tokens = _merge_spans(tokens, phone_spans(text), text)
        return self._apply_token_pattern(_split_final_number_dot(tokens))


def _merge_spans(tokens: list[Token], spans: list[tuple[int, int]], text: str) -> list[Token]:
    # spaCy splits "0171/1234567" and "05451 931-5139" into 3–4 pieces; a phone number
    # is one token so featurizers and entity annotations see it as a unit.
    merged: list[Token] = []
    for tok in tokens:
        span = next((s for s in spans if s[0] <= tok.start and tok.end <= s[1]), None)
        prev = merged[-1] if merged else None
        if span and prev and span[0] <= prev.start and prev.end <= span[1]:
            joined = text[prev.start : tok.end]
            merged[-1] = Token(joined, prev.start, tok.end, lemma=joined)
        else:
            merged.append(tok)
    return merged


def _split_final_number_dot(tokens: list[Token]) -> list[Token]:
    # spaCy's German exceptions keep "3." whole because it is usually an ordinal
    # ("3. März"); at the very end of a message it is a cardinal plus a full stop ("Sie ist 7.").
    if not tokens or not _SENTENCE_FINAL_NUMBER_RE.fullmatch(tokens[-1].text):
        return tokens
    last = tokens[-1]
    number = last.text[:-1]
    return [
        *tokens[:-1],
        Token(number, last.start, last.end - 1, lemma=number),
        Token(".", last.end - 1, last.end, lemma="."),
    ]
