"""Structural signals: what a draft contains (organisations, amounts, dates, people, credentials,
images of screens, claims for the company) and the combinations of them that make a post risky.

`SignalDetector(company_names).detect(text)` returns `Signal`s; the engine turns them into findings
with the passages of the matching rules category. Optional NER (spaCy) adds organisations and people
the heuristic misses; see bot/signals/entities.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.detectors import mask_values
from bot.signals.combine import Signal, combine, mark_spelling, name_with_mark
from bot.signals.entities import load_ner
from bot.signals.features import extract

__all__ = ["Signal", "SignalDetector"]


class SignalDetector:
    """Finds risky structures in drafts; `use_ner` loads spaCy's small English model once."""

    def __init__(self, company_names: list[str] | None = None, use_ner: bool = False, marks: list[str] | None = None,
                 known: frozenset[str] = frozenset()) -> None:
        """`marks`: the names the guidelines protect (bot/marks.py); `known`: the words the guidelines use."""
        names = [re.escape(n.strip()) for n in company_names or [] if n and n.strip()]
        self.company = re.compile(r"\b(?:" + "|".join(names) + r")(?:['’]s)?\b", re.IGNORECASE) if names else None
        self.nlp = load_ner() if use_ner else None
        self.marks = sorted({*(n.strip() for n in company_names or [] if n and n.strip()), *(marks or [])})
        self.known = known

    def detect(self, text: str) -> list[Signal]:
        """Risky structures in `text`, one per category; secrets are masked in every excerpt."""
        features = extract(text, self.company, self.nlp)
        signals = combine(features)
        named = name_with_mark(features, self.marks, self.known) or mark_spelling(features, self.marks)
        if named and all(s.category != named.category or s.severity != "escalate" for s in signals):
            signals = [s for s in signals if s.category != named.category] + [named]
        secrets = [text[a:b] for s in signals for a, b in s.secret_spans]
        if not secrets:
            return signals
        return [replace(s, excerpt=mask_values(s.excerpt, secrets)) for s in signals]

