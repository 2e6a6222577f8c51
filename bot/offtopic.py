"""Knowing what the bot is not for: everyday workplace questions outside the guidelines.

Dense similarity alone cannot tell "When is the next fire safety training?" from a hard
on-topic question: both match some passage moderately. A list of everyday task questions
(IT, facilities, pay, travel...) gives the other side of the comparison: a question much
closer to one of them than to any guideline passage is off-topic, whatever company wrote
the guidelines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from bot.datafiles import read_yaml
from ingest.embeddings import SentenceEmbeddings
from ingest.errors import ConfigError

# The median best similarity of the bundled off-topic examples to the corpus the default
# thresholds were set on (the bundled guidelines); see Calibration.
REFERENCE_LEVEL = 0.266
MAX_SHIFT = 0.12


def load_examples(path: Path | None) -> list[str]:
    """The bundled list, or a company's own file (`examples:` list of strings)."""
    data, source = read_yaml(path, "offtopic.yaml", "GUIDEBOT_OFFTOPIC_FILE")
    examples = data.get("examples") if isinstance(data, dict) else None
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise ConfigError(f"GUIDEBOT_OFFTOPIC_FILE: {source} needs an 'examples' list of strings")
    return examples


class OffTopic:
    """Similarity of a question vector to the nearest everyday off-topic question."""

    def __init__(self, examples: list[str], embeddings: SentenceEmbeddings) -> None:
        self.examples = examples
        self.embeddings = embeddings
        self._matrix: np.ndarray | None = None

    @property
    def matrix(self) -> np.ndarray:
        """The examples' vectors (embedded once)."""
        if self._matrix is None:
            self._matrix = self.embeddings.encode(self.examples)
        return self._matrix

    def similarity(self, vector: np.ndarray) -> float:
        if not self.examples:
            return 0.0
        return float((self.matrix @ vector).max())


@dataclass(frozen=True)
class Calibration:
    """How strongly questions the guidelines don't answer still match this corpus.

    Similarity levels drift from one document set to another: short documents with repeated
    titles, or a corpus about everything, match any question better than a narrow technical
    manual does. The everyday off-topic examples are questions no guideline corpus answers, so
    their best similarity to this corpus's passages and sentences measures its level; the
    abstention thresholds (set on a reference corpus) are moved by how far this corpus's level
    lies from the reference level.
    """

    offtopic_level: float  # median best similarity of the off-topic examples to this corpus
    shift: float  # offtopic_level - REFERENCE_LEVEL, bounded

    @classmethod
    def of(cls, examples: np.ndarray, passage_vectors: np.ndarray, sentence_vectors: np.ndarray,
           limit: float = MAX_SHIFT) -> Calibration:
        """Calibration of one index build (computed once per build)."""
        if not len(examples) or not len(passage_vectors):
            return cls(REFERENCE_LEVEL, 0.0)
        best = (passage_vectors @ examples.T).max(axis=0)
        if len(sentence_vectors):
            best = np.maximum(best, (sentence_vectors @ examples.T).max(axis=0))
        level = float(np.median(best))
        return cls(round(level, 4), round(float(np.clip(level - REFERENCE_LEVEL, -limit, limit)), 4))


# Words that say what kind of text is asked about, not its subject ("the parental leave *policy*").
_GENERIC = frozenset({"policy", "policies", "rule", "rules", "guideline", "guidelines", "guidance", "procedure", "process",
                      "company", "companies", "official", "about", "say", "says", "work", "need", "want", "know", "get",
                      "does", "do", "can", "could", "should", "would", "may", "must", "allowed", "ok", "okay"})
_WORD = re.compile(r"[a-z][a-z'’-]+")


def _stems(text: str) -> set[str]:
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in _WORD.findall(text.lower())}


def named_by_heading(question: str, headings: list[str]) -> bool:
    """Whether every subject word of the question (two at least) is in one heading path of the guidelines: "What is the
    parental leave policy?" when a document is headed "Parental Leave Policy". Such a question is what that section is
    for, however much it looks like an everyday one (the bundled everyday list asks about parental leave too)."""
    words = {w for w in _stems(question) if len(w) > 2 and w not in ENGLISH_STOP_WORDS and w not in _GENERIC}
    if len(words) < 2:
        return False
    return any(words <= _stems(heading) for heading in headings)
