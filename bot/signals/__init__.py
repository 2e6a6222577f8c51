"""Structural signals: what a draft contains (organisations, amounts, dates, people, credentials,
images of screens, claims for the company) and the combinations of them that make a post risky.

`SignalDetector(company_names).detect(text)` returns `Signal`s; the engine turns them into findings
with the passages of the matching rules category. Optional NER (spaCy) adds organisations and people
the heuristic misses; see bot/signals/entities.py.
"""

from __future__ import annotations

import re

from bot.signals.combine import Signal, combine
from bot.signals.entities import load_ner
from bot.signals.features import extract

__all__ = ["Signal", "SignalDetector"]


class SignalDetector:
    """Finds risky structures in drafts; `use_ner` loads spaCy's small English model once."""

    def __init__(self, company_names: list[str] | None = None, use_ner: bool = False) -> None:
        names = [re.escape(n.strip()) for n in company_names or [] if n and n.strip()]
        self.company = re.compile(r"\b(?:" + "|".join(names) + r")(?:['’]s)?\b", re.IGNORECASE) if names else None
        self.nlp = load_ner() if use_ner else None

    def detect(self, text: str) -> list[Signal]:
        """Risky structures in `text`, one per category; secrets are masked in every excerpt."""
        signals = combine(extract(text, self.company, self.nlp))
        secrets = [text[a:b] for s in signals for a, b in s.secret_spans]
        if not secrets:
            return signals
        return [Signal(s.category, s.severity, _mask(s.excerpt, secrets), s.reason, s.secret_spans, s.source) for s in signals]


def _mask(excerpt: str, secrets: list[str]) -> str:
    for value in secrets:
        if value:
            excerpt = excerpt.replace(value, value[:2] + "*" * max(len(value) - 2, 4))
    return excerpt
