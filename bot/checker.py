"""The draft checker: which categories of the rules a draft trips, and where.

Three kinds of evidence, each cheap: regular expressions and lexicons (exact wording),
the built-in detectors (secrets, phone numbers, emails), and the embedding model, which
compares every sentence of the draft with each category's example phrasings so a
paraphrase ("our sales blew past expectations") is caught as well as a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.detectors import DETECTORS, KEYWORD_SECRET, Detection, mask, masked
from bot.rules import Category, RuleSet
from ingest.embeddings import SentenceEmbeddings

_SENTENCES = re.compile(r"(?<=[.!?…])\s+|\n+")
MAX_SENTENCES = 60
EXCERPT_CHARS = 200


@dataclass(frozen=True)
class Detected:
    """A category tripped by the draft: the excerpt that tripped it and how it was found."""

    category: Category
    excerpt: str
    how: str  # pattern | example | detector
    similarity: float | None = None


def split_sentences(text: str) -> list[str]:
    """Sentences and lines of a draft, each with enough words to judge."""
    parts = [p.strip() for p in _SENTENCES.split(text) if p and p.strip()]
    return parts[:MAX_SENTENCES] or ([text.strip()] if text.strip() else [])


def excerpt_around(sentence: str, start: int, end: int) -> str:
    """The sentence, or a window of it centred on the match when it is long."""
    if len(sentence) <= EXCERPT_CHARS:
        return sentence
    half = (EXCERPT_CHARS - (end - start)) // 2
    lo = max(0, start - max(half, 20))
    hi = min(len(sentence), lo + EXCERPT_CHARS)
    return ("…" if lo else "") + sentence[lo:hi].strip() + ("…" if hi < len(sentence) else "")


class DraftChecker:
    """Runs a RuleSet over drafts; example phrasings are embedded once, on first use."""

    def __init__(self, rules: RuleSet, embeddings: SentenceEmbeddings) -> None:
        self.rules = rules
        self.embeddings = embeddings
        self._examples: list[tuple[Category, np.ndarray]] | None = None

    def _example_vectors(self) -> list[tuple[Category, np.ndarray]]:
        if self._examples is None:
            with_examples = [c for c in self.rules.categories if c.examples]
            texts = [e for c in with_examples for e in c.examples]
            matrix = self.embeddings.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
            out, at = [], 0
            for category in with_examples:
                out.append((category, matrix[at:at + len(category.examples)]))
                at += len(category.examples)
            self._examples = out
        return self._examples

    def warm(self) -> None:
        """Embed the example phrasings now (start-up) rather than on the first check."""
        self._example_vectors()

    def detect(self, text: str, use_examples: bool = True, vectors=None) -> list[Detected]:
        """Every category the text trips, most severe first, in rules order within a severity.

        `use_examples=False` skips the embedding comparison: enough to tell whether a
        question touches a risky area, and it saves an embedding call on every question.
        `vectors`, a function returning the sentences' vectors, lets the caller share one
        embedding call between this and other checks.
        """
        sentences = split_sentences(text)
        if not sentences:
            return []
        found: dict[str, Detected] = {}
        secrets: list[Detection] = []
        excused = {c.id for c in self.rules.categories if any(p.search(text) for p in c.requires_absent)}
        for category in self.rules.categories:
            if category.id in excused:
                continue
            hit = self._by_detector(category, text, sentences, secrets) or self._by_pattern(category, sentences)
            if hit:
                found[category.id] = hit
        matrix = None
        for category, examples in self._example_vectors() if use_examples else []:
            if category.id in found or category.id in excused:
                continue
            if matrix is None:
                matrix = vectors() if vectors is not None else self.embeddings.encode(sentences)
            sims = matrix @ examples.T
            best_sentence = int(np.argmax(sims.max(axis=1)))
            best = float(sims[best_sentence].max())
            sentence = sentences[best_sentence]
            if best >= category.threshold and not excused_by_context(category, sentences, best_sentence):
                found[category.id] = Detected(category, excerpt_around(sentence, 0, 0), "example", round(best, 3))
        if found:
            found = {cid: Detected(d.category, _mask_excerpt(d.excerpt, secrets, text), d.how, d.similarity)
                     for cid, d in found.items()}
        order = {c.id: i for i, c in enumerate(self.rules.categories)}
        return sorted(found.values(), key=lambda d: (d.category.severity != "escalate", order[d.category.id]))

    def _by_detector(self, category: Category, text: str, sentences: list[str],
                     secrets: list[Detection]) -> Detected | None:
        if not category.detector:
            return None
        detections = DETECTORS[category.detector](text)
        if not detections:
            return None
        if category.detector == "secrets":
            secrets.extend(detections)
        first = detections[0]
        value = text[first.start:first.end]
        sentence = next((s for s in sentences if value in s), value)
        at = sentence.find(value)
        return Detected(category, excerpt_around(sentence, max(at, 0), max(at, 0) + len(value)), "detector")

    def _by_pattern(self, category: Category, sentences: list[str]) -> Detected | None:
        for n, sentence in enumerate(sentences):
            for pattern in category.patterns:
                match = pattern.search(sentence)
                if match and not excused_by_context(category, sentences, n):
                    return Detected(category, excerpt_around(sentence, match.start(), match.end()), "pattern")
        return None


def excused_by_context(category: Category, sentences: list[str], n: int) -> bool:
    """The category's `unless` patterns on the hit sentence, or its `unless_next` pair over it and the next one."""
    sentence = sentences[n]
    if any(p.search(sentence) for p in category.unless):
        return True
    when, after = category.unless_next  # only when the pointer ends the draft: a remark after it is read on its own
    return (n + 2 == len(sentences) and any(p.search(sentence) for p in when)
            and any(p.search(sentences[n + 1]) for p in after))


def _mask_excerpt(excerpt: str, secrets: list[Detection], text: str) -> str:
    """Secrets never travel further than the check: mask them in every excerpt."""
    for det in secrets:
        value = text[det.start:det.end]
        if value and value in excerpt:
            at = excerpt.find(value)
            excerpt = mask(excerpt, [Detection(at, at + len(value), det.kind)])
    return _mask_keyword_secrets(excerpt)


def _mask_keyword_secrets(excerpt: str) -> str:
    return KEYWORD_SECRET.sub(lambda m: m.group(1) + m.group(2) + masked(m.group(3)), excerpt)
