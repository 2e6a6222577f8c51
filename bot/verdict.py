"""One verdict from several sources: the most severe finding wins.

Each source is a function from the draft to findings (rules file, structural signals, the
guidelines' own duties, the can't-judge guard, and later a learned scorer). Sources do not know
about each other; this module merges what they found about the same category into one finding
(the most severe one, with every source's citations) and picks the verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from bot.answer import Finding

SEVERITY = {"ok": 0, "caution": 1, "escalate": 2}


@dataclass
class Draft:
    """What every source sees: the cleaned text (links shown with their address), its sentences, and
    their embedding vectors, computed once on first use and shared by the sources that need them."""

    text: str
    sentences: tuple[str, ...]
    embeddings: Any = None
    _vectors: np.ndarray | None = field(default=None, repr=False)

    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            self._vectors = (self.embeddings.encode(list(self.sentences)) if self.sentences
                             else np.zeros((0, 1), dtype=np.float32))
        return self._vectors


Source = Callable[[Draft], list[Finding]]


def most_severe(findings: list[Finding]) -> str:
    """ok when nothing was found, else the worst severity among the findings."""
    worst = max((SEVERITY[f.severity] for f in findings), default=0)
    return next(v for v, n in SEVERITY.items() if n == worst)


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per category: the most severe (first found on a tie), citations of all, most severe first."""
    merged: dict[str, Finding] = {}
    for finding in findings:
        kept = merged.get(finding.category)
        if kept is None:
            merged[finding.category] = finding
            continue
        best, other = (finding, kept) if SEVERITY[finding.severity] > SEVERITY[kept.severity] else (kept, finding)
        citations = best.citations + tuple(c for c in other.citations if (c.doc, c.section) not in
                                           {(b.doc, b.section) for b in best.citations})
        sources = best.source if other.source in best.source.split("+") else f"{best.source}+{other.source}"
        merged[finding.category] = replace(best, citations=citations, source=sources)
    order = list(merged)
    return sorted(merged.values(), key=lambda f: (-SEVERITY[f.severity], order.index(f.category)))
