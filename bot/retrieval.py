"""Hybrid retrieval: dense similarity from chroma, BM25 over the same passages, fused.

Dense search finds paraphrases ("can I talk about my client" ~ "name a client"); BM25
finds exact terms the small embedding model blurs (codenames, "insider", "fair use").
Dense scores come in two grains: the whole passage, and its best sentence (a question
about one point of a long passage). A domain thesaurus widens both to the guidelines'
words. Reciprocal-rank fusion combines the rankings without calibrating their scores
against each other. Results are diversified: one citation per section, so three
citations are three different points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.expansion import Thesaurus
from bot.passages import IndexHandle, IndexView, Passage, tokenize  # noqa: F401
from ingest.embeddings import SentenceEmbeddings

DENSE_ROWS = 80  # passages and sentence rows asked of chroma per query
LEXICAL_CANDIDATES = 40


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with the evidence for it."""

    passage: Passage
    score: float  # fused score, for ordering
    dense: float  # best cosine similarity of the question to the passage or one of its sentences
    lexical: float  # share of the question's content words found in the passage (0..1)
    sentence: str | None = None  # the passage's sentence closest to the question, when it has several


@dataclass(frozen=True)
class Weights:
    """How much each ranking counts in the fusion; `k` is RRF's damping constant."""

    passage: float = 1.0
    sentence: float = 0.75
    lexical: float = 1.2
    expansion: float = 0.5  # weight of thesaurus terms inside the lexical score
    k: float = 3.0  # small: agreement at the very top of the rankings counts most


@dataclass(frozen=True)
class Query:
    """A question as the rankers see it."""

    text: str
    tokens: list[str]
    extra_tokens: list[str]
    dense_text: str


class HybridRetriever:
    """Searches the current index for the passages that answer a question."""

    def __init__(self, handle: IndexHandle, embeddings: SentenceEmbeddings, thesaurus: Thesaurus | None = None,
                 weights: Weights | None = None) -> None:
        self.handle = handle
        self.embeddings = embeddings
        self.thesaurus = thesaurus
        self.weights = weights or Weights()

    def analyse(self, text: str) -> Query:
        """Tokens, thesaurus expansion, and the text the dense ranker embeds."""
        tokens = tokenize([text])[0]
        extra_tokens, extra_words = self.thesaurus.expand(tokens) if self.thesaurus else ([], [])
        dense_text = f"{text} ({', '.join(extra_words)})" if extra_words else text
        return Query(text=text, tokens=tokens, extra_tokens=extra_tokens, dense_text=dense_text)

    def search(self, text: str, k: int = 5) -> list[Hit]:
        """Top `k` passages for `text`, best first, at most one per section."""
        return self.search_query(self.analyse(text), k)

    def search_query(self, query: Query, k: int = 5) -> list[Hit]:
        """`search` for a question already analysed (the engine reuses its dense text)."""
        view = self.handle.view()
        if not len(view) or not query.text.strip():
            return []
        vector = self.embeddings.encode_cached(query.dense_text)
        passage_sim, sentence_sim, best_sentence = self._dense(view, vector)
        lexical = self._lexical(view, query)
        w = self.weights
        fused: dict[int, float] = {}
        rankings = (
            (w.passage, _order(passage_sim)),
            (w.sentence, _order(sentence_sim)),
            (w.lexical, _top(lexical, LEXICAL_CANDIDATES)),
        )
        for weight, ranking in rankings:
            for rank, index in enumerate(ranking):
                fused[index] = fused.get(index, 0.0) + weight / (w.k + rank + 1)
        q_terms = set(query.tokens)
        hits: list[Hit] = []
        seen_sections: set[tuple[str, str]] = set()
        for index in sorted(fused, key=lambda i: -fused[i]):
            passage = view.passages[index]
            key = (passage.path, passage.section)
            if key in seen_sections:
                continue
            seen_sections.add(key)
            dense = max(passage_sim.get(index, -1.0), sentence_sim.get(index, -1.0))
            if dense < -0.5:
                dense = self._cosine(view, vector, index)
            hits.append(Hit(passage=passage, score=fused[index], dense=dense, lexical=_coverage(q_terms, view.terms[index]),
                            sentence=best_sentence.get(index)))
            if len(hits) >= k:
                break
        return hits

    def _dense(self, view: IndexView, vector: np.ndarray) -> tuple[dict[int, float], dict[int, float], dict[int, str]]:
        """Cosine per passage: of the passage vector, and of its best sentence (with its text)."""
        n = min(DENSE_ROWS, view.rows)
        result = view.collection.query(query_embeddings=[vector], n_results=n, include=["distances", "documents"])
        passages: dict[int, float] = {}
        sentences: dict[int, float] = {}
        texts: dict[int, str] = {}
        for row_id, distance, text in zip(result["ids"][0], result["distances"][0], result["documents"][0], strict=True):
            parent, _, sentence = row_id.partition(":s")
            index = view.by_id.get(parent)
            if index is None:
                continue
            target = sentences if sentence else passages
            similarity = 1.0 - float(distance)
            if similarity > target.get(index, -1.0):
                target[index] = similarity
                if sentence:
                    texts[index] = text
        return passages, sentences, texts

    def _lexical(self, view: IndexView, query: Query) -> np.ndarray | None:
        if view.body is None:
            return None
        scores = view.body.scores(query.tokens)
        if query.extra_tokens:
            extra = view.body.scores(query.extra_tokens)
            if extra is not None:
                scores = extra * self.weights.expansion if scores is None else scores + extra * self.weights.expansion
        return scores

    def _cosine(self, view: IndexView, vector: np.ndarray, index: int) -> float:
        """Cosine for a passage only BM25 found (one small chroma read)."""
        got = view.collection.get(ids=[view.passages[index].id], include=["embeddings"])
        emb = got.get("embeddings")
        if emb is None or len(emb) == 0:
            return 0.0
        return float(np.dot(np.asarray(emb[0], dtype=np.float32), vector))


def _order(scores: dict[int, float]) -> list[int]:
    return sorted(scores, key=lambda i: -scores[i])


def _top(scores: np.ndarray | None, limit: int) -> list[int]:
    if scores is None:
        return []
    scores = np.asarray(scores)
    positive = np.flatnonzero(scores > 0)
    if positive.size == 0:
        return []
    return [int(i) for i in positive[np.argsort(-scores[positive], kind="stable")][:limit]]


def _coverage(q_terms: set[str], p_terms: frozenset[str]) -> float:
    if not q_terms:
        return 0.0
    return len(q_terms & p_terms) / len(q_terms)
