"""The names the guidelines protect: each document's own most-used distinctive name ("QGIS", "Puter").

A trademark policy rarely puts the mark in its title ("Brand Guidelines", "Trademark Guidelines") but names it
on every other line. The name a document uses most, that is neither an ordinary English word nor a generic
policy word, is the mark whose misuse in someone's product, domain or account name the guidelines forbid.
Found per index build; configured company names are always included.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from bot.common_words import is_common_word
from bot.passages import Passage

_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]{2,}\b")
_GENERIC = frozenset({"policy", "guidelines", "guide", "brand", "trademark", "trademarks", "code", "conduct", "terms",
                      "service", "services", "you", "your", "our", "the", "this", "these", "use", "must", "may", "not"})
MIN_USES = 5


def document_marks(passages: list[Passage]) -> list[str]:
    """Each document's most-used distinctive name, if it uses it at least MIN_USES times."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for passage in passages:
        counts[passage.path].update(_NAME.findall(passage.text))
    marks = set()
    for counter in counts.values():
        for word, uses in counter.most_common():
            if uses < MIN_USES:
                break
            if word.lower() in _GENERIC or is_common_word(word):
                continue
            marks.add(word)
            break
    return sorted(marks)


_FULL_NAME = re.compile(r"\b[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*)+")


def corpus_words(passages: list[Passage]) -> frozenset[str]:
    """Every word-ish token of the guidelines, lower-cased, addresses included ("qgis.org"), and every run of
    capitalised words ("brightwater analytics ltd"): names the guidelines themselves use are the organisation's
    own, not someone's new product or company."""
    words = {t.lower().strip(".") for p in passages for t in re.findall(r"[\w.@-]+", p.text)}
    for passage in passages:
        for run in _FULL_NAME.findall(passage.text):
            parts = run.lower().split()
            words.update(" ".join(parts[:end]) for end in range(2, len(parts) + 1))
    return frozenset(words)
