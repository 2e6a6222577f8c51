"""Knowing what the bot is not for: everyday workplace questions outside the guidelines.

Dense similarity alone cannot tell "When is the next fire safety training?" from a hard
on-topic question: both match some passage moderately. A list of everyday task questions
(IT, facilities, pay, travel...) gives the other side of the comparison: a question much
closer to one of them than to any guideline passage is off-topic, whatever company wrote
the guidelines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
