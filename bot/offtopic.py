"""Knowing what the bot is not for: everyday workplace questions outside the guidelines.

Dense similarity alone cannot tell "When is the next fire safety training?" from a hard
on-topic question: both match some passage moderately. A list of everyday task questions
(IT, facilities, pay, travel...) gives the other side of the comparison: a question much
closer to one of them than to any guideline passage is off-topic, whatever company wrote
the guidelines.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.datafiles import read_yaml
from ingest.embeddings import SentenceEmbeddings
from ingest.errors import ConfigError


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

    def similarity(self, vector: np.ndarray) -> float:
        if not self.examples:
            return 0.0
        if self._matrix is None:
            self._matrix = self.embeddings.encode(self.examples)
        return float((self._matrix @ vector).max())
