"""What the bot understands, read from the project's files (not from lists in tests).

The data checks (tests/nlu/test_nlu_data.py, tests/nlu/test_conversation_data.py) ask this
module which intents exist and where each one is trained, tested, labelled, answered and
handled. Everything is derived from the files, so a new intent is checked the moment it is
written into the domain.

The root is the repository, or `FL_PROJECT_ROOT` (the tests that add a throwaway intent
point it at a temporary copy).
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
# The classifier never learns this one: Rasa's FallbackClassifier sets it (bot/config.yml).
FALLBACK_INTENT = "nlu_fallback"
# The action that answers a question from data/content/answers.yml.
ANSWER_ACTION = "action_answer_question"

# Minimums of the data checks. Intents that carry entities or many ways of saying a thing
# need more; they are named in README "Eine neue Absicht hinzufügen".
MIN_EXAMPLES = 25
MIN_EXAMPLES_BROAD = 60
BROAD_INTENTS = {"inform_child_age", "inform_situation", "book_appointment", "out_of_scope"}
MIN_DEV_SENTENCES = 8
MIN_FROZEN_SENTENCES = 5

# Languages besides German (issue "languages"): each has data/nlu/<code>/ and a held-out set
# tests/nlu/frozen/<code>/v*.yml with at least MIN_LANGUAGE_GROUP_SENTENCES per group below.
MIN_LANGUAGE_EXAMPLES = 6
MIN_LANGUAGE_GROUP_SENTENCES = 15
INTENT_GROUPS = {
    "small_talk": ("greet", "goodbye", "thank", "bot_challenge", "affirm", "deny"),
    "family": ("inform_child_age", "inform_situation"),
    "offer": ("ask_program", "ask_eligibility", "ask_costs", "ask_location",
              "ask_data_protection", "ask_interpreter"),
    "support": ("ask_jobcenter_support", "ask_jugendamt_support", "ask_education_participation",
                "ask_childcare", "ask_parenting_help", "ask_money", "ask_work_and_training"),
    "booking": ("book_appointment", "cancel_appointment", "reschedule_appointment",
                "request_human"),
    "safety": ("emergency",),
    "other": ("out_of_scope", "simpler_language", "change_language"),
}  # fmt: skip


def project_root() -> Path:
    return Path(os.environ.get("FL_PROJECT_ROOT", REPO)).resolve()


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _examples(block: dict[str, Any]) -> list[str]:
    """The sentences of one `- intent:` block, annotations removed."""
    lines = (block.get("examples") or "").splitlines()
    texts = [line.strip()[2:].strip() for line in lines if line.strip().startswith("- ")]
    # "[Bürgergeld](situation)" → "Bürgergeld", also with {…} annotations.
    return [re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", text) for text in texts]


@dataclass
class Sentences:
    """Sentences per intent, and the files they are in."""

    by_intent: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    files: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_file(self, path: Path, root: Path) -> None:
        for block in _yaml(path).get("nlu", []) or []:
            if "intent" in block:
                self.by_intent[block["intent"]] += _examples(block)
                self.files[block["intent"]].add(str(path.relative_to(root)))

    def count(self, intent: str) -> int:
        return len(self.by_intent.get(intent, []))

    def texts(self) -> set[str]:
        return {t.strip().lower() for texts in self.by_intent.values() for t in texts}


@dataclass
class Project:
    root: Path

    # --- domain ------------------------------------------------------------------------
    @cached_property
    def domain_files(self) -> dict[str, dict[str, Any]]:
        folder = self.root / "bot" / "domain"
        return {f"bot/domain/{p.name}": _yaml(p) for p in sorted(folder.glob("*.yml"))}

    @cached_property
    def domain_intents(self) -> dict[str, str]:
        """Every intent of the domain and the domain file that declares it."""
        intents: dict[str, str] = {}
        for name, data in self.domain_files.items():
            for intent in data.get("intents", []) or []:
                intent = next(iter(intent)) if isinstance(intent, dict) else intent
                intents.setdefault(intent, name)
        return intents

    @cached_property
    def classified_intents(self) -> list[str]:
        """The intents the classifier must learn: all of the domain but Rasa's fallback."""
        return sorted(i for i in self.domain_intents if i != FALLBACK_INTENT)

    @cached_property
    def question_group(self) -> list[str]:
        """Intents declared in bot/domain/questions.yml: questions a family may ask at any
        time, answered from content, also in the middle of a form."""
        return sorted(i for i, f in self.domain_intents.items() if f == "bot/domain/questions.yml")

    def slot_mapping_intents(self) -> set[str]:
        """Intents a form reads an answer from (`intent:` of a slot mapping)."""
        found: set[str] = set()
        for data in self.domain_files.values():
            for slot in (data.get("slots") or {}).values():
                for mapping in slot.get("mappings", []) or []:
                    value = mapping.get("intent")
                    found |= set(value if isinstance(value, list) else [value] if value else [])
        return found

    def not_intents(self, slot: str) -> set[str]:
        for data in self.domain_files.values():
            if slot in (data.get("slots") or {}):
                mappings = data["slots"][slot].get("mappings", []) or []
                return {i for m in mappings for i in m.get("not_intent", []) or []}
        return set()

    # --- NLU data ------------------------------------------------------------------------
    @cached_property
    def training(self) -> Sentences:
        sentences = Sentences()
        for path in sorted((self.root / "data" / "nlu").rglob("*.yml")):
            sentences.add_file(path, self.root)
        return sentences

    @cached_property
    def dev(self) -> Sentences:
        sentences = Sentences()
        sentences.add_file(self.root / "tests" / "nlu" / "test_nlu.yml", self.root)
        return sentences

    @property
    def frozen_dir(self) -> Path:
        return self.root / "tests" / "nlu" / "frozen"

    @cached_property
    def frozen(self) -> Sentences:
        sentences = Sentences()
        for path in sorted(self.frozen_dir.glob("v*.yml")):
            sentences.add_file(path, self.root)
        return sentences

    def near_misses(self) -> dict[str, list[str]]:
        """Per intent, sentences that must not be classified as it (all splits)."""
        found: dict[str, list[str]] = defaultdict(list)
        paths = [self.root / "tests" / "nlu" / "near_misses.yml"]
        paths += sorted(self.frozen_dir.glob("near_misses_v*.yml"))
        for path in paths:
            if path.exists():
                for intent, texts in (_yaml(path).get("not_intent") or {}).items():
                    found[intent] += texts
        return found

    # --- content -----------------------------------------------------------------------
    @cached_property
    def labels(self) -> dict[str, str | None]:
        return _yaml(self.root / "data" / "content" / "intent_labels.yml")

    @cached_property
    def answers(self) -> dict[str, Any]:
        return _yaml(self.root / "data" / "content" / "answers.yml")

    # --- rules and stories ---------------------------------------------------------------
    @cached_property
    def dialogue_steps(self) -> list[tuple[str | None, list[dict[str, Any]]]]:
        """(active loop of the condition, steps) of every rule and story."""
        found = []
        for folder in ("rules", "stories"):
            for path in sorted((self.root / "data" / folder).glob("*.yml")):
                data = _yaml(path)
                for item in (data.get("rules") or []) + (data.get("stories") or []):
                    conditions = item.get("condition", []) or []
                    loops = [c["active_loop"] for c in conditions if c.get("active_loop")]
                    loop = loops[0] if loops else None
                    found.append((loop, item.get("steps", []) or []))
        return found

    def intents_in_dialogue(self) -> Counter:
        return Counter(
            step["intent"] for _, steps in self.dialogue_steps for step in steps if "intent" in step
        )

    def answered_in(self) -> dict[str, set[str | None]]:
        """Per intent, the active loops (None: no form) in which a rule answers it with
        action_answer_question right after the intent."""
        found: dict[str, set[str | None]] = defaultdict(set)
        for loop, steps in self.dialogue_steps:
            for before, after in itertools.pairwise(steps):
                if "intent" in before and after.get("action") == ANSWER_ACTION:
                    found[before["intent"]].add(loop)
        return found


def language_codes(root: Path) -> list[str]:
    """Languages besides German: the folders of data/nlu/."""
    return sorted(d.name for d in (root / "data" / "nlu").iterdir() if d.is_dir())


def language_sentences(root: Path, folder: Path) -> Sentences:
    sentences = Sentences()
    for path in sorted(folder.glob("*.yml")):
        sentences.add_file(path, root)
    return sentences


def load(root: Path | None = None) -> Project:
    return Project(root or project_root())


def frozen_version_files(root: Path) -> list[Path]:
    """Every frozen file: the German versions and each other language's (`<code>/v*.yml`)."""
    folder = root / "tests" / "nlu" / "frozen"
    german = sorted(folder.glob("v*.yml")) + sorted(folder.glob("near_misses_v*.yml"))
    return german + sorted(folder.glob("*/v*.yml"))


def frozen_name(path: Path, root: Path) -> str:
    """A frozen file's name in MANIFEST: relative to tests/nlu/frozen (`en/v1.yml`)."""
    return str(path.relative_to(root / "tests" / "nlu" / "frozen"))
