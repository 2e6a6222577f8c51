"""The passages of the current index, held in memory for lexical search and display.

Loaded once from the chroma build that is current and reloaded when an ingest switches
the pointer, so a running bot picks up new guidelines without a restart.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Generic, TypeVar

import bm25s
import numpy as np
import Stemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from bot import rulecues
from ingest.anchors import anchored_url
from ingest.errors import GuidebotError, IndexUnavailableError
from ingest.store import UNREACHABLE_ERRORS, IndexStore, read_all

logging.getLogger("bm25s").setLevel(logging.WARNING)
_STEMMER = Stemmer.Stemmer("english")
STOPWORDS = sorted(ENGLISH_STOP_WORDS | {"ok", "okay", "allowed", "can", "could", "should", "would", "may", "might",
                                          "im", "ive", "dont", "isnt", "thing", "things", "want", "like", "just"})


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed tokens: the same analysis for passages and queries."""
    cleaned = [text.replace("'", "").replace("’", "") for text in texts]
    return bm25s.tokenize(cleaned, stopwords=STOPWORDS, stemmer=_STEMMER, return_ids=False, show_progress=False)


@dataclass(frozen=True)
class Passage:
    """A citable passage: text plus document, title, heading path and link."""

    id: str
    text: str
    doc: str
    title: str
    section: str
    position: int
    url: str | None
    path: str
    pages: str = ""  # "12" or "12-13" for passages of paged documents (PDF)
    anchor: str = ""  # the section's anchor in the document ('' in indexes built before anchors)

    @property
    def link(self) -> str | None:
        """Where a citation of this passage points: the document's url, at the section when it can."""
        return anchored_url(self.url, self.anchor)

    @property
    def heading(self) -> str:
        return self.section.rsplit(" > ", 1)[-1]

    @property
    def location(self) -> str:
        """'Document › Section' as people read it."""
        parts = self.section.split(" > ")
        return " › ".join(parts) + page_label(self.pages)


_ITEM_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)]|\([a-z0-9]+\))\s*")


def with_list_items(sentence: str, text: str, limit: int = 220) -> str:
    """A sentence that introduces a list ("The Marks may not be used:") with the items that follow it in the passage:
    quoted alone it says nothing, and short items ("on merchandise;") are not sentences of their own (wild15)."""
    if not sentence.rstrip().endswith(":"):
        return sentence
    at = text.find(sentence)
    if at < 0:
        return sentence
    items = []
    for line in text[at + len(sentence):].splitlines():
        if not line.strip():
            if items:
                break
            continue
        items.append(_ITEM_MARK.sub("", line).strip())
    joined = " ".join(items)
    if not joined:
        return sentence
    if len(joined) > limit:
        joined = joined[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + " …"
    return f"{sentence.rstrip()} {joined}"


def page_label(pages: str) -> str:
    """', p. 12' or ', pp. 12-13' to follow a citation label; '' for documents without pages."""
    if not pages:
        return ""
    return f", pp. {pages}" if "-" in pages else f", p. {pages}"


def _passage(row_id: str, text: str, meta: dict[str, Any]) -> Passage:
    return Passage(id=row_id, text=text or "", doc=str(meta.get("doc", "")), title=str(meta.get("title", "")),
                   section=str(meta.get("section", "")), position=int(meta.get("position", 0)),
                   url=str(meta.get("url")) or None if meta.get("url") else None, path=str(meta.get("path", "")),
                   pages=str(meta.get("pages") or ""), anchor=str(meta.get("anchor") or ""))


class _Bm25:
    """A bm25s index over already-analysed passages."""

    def __init__(self, tokens: list[list[str]]) -> None:
        self.model = bm25s.BM25(k1=1.2, b=0.75)
        self.model.index(tokens, show_progress=False)

    def scores(self, query_tokens: list[str]):
        known = [t for t in query_tokens if t in self.model.vocab_dict]
        if not known:
            return None
        return self.model.get_scores(known)


class IndexView:
    """One build of the index: its passages, their vectors and sentence vectors, and lexical indexes.

    Every vector is held in memory (loaded once per build) so the dense search is an exact
    matrix product: the same question on the same index gives the same ranking every time and
    in every process, which chroma's approximate HNSW search does not promise.
    """

    def __init__(self, build: str, collection: Any) -> None:
        self.build = build
        self.collection = collection
        rows = read_all(collection, ["documents", "metadatas", "embeddings"])
        metas = rows["metadatas"]
        kept = [i for i in range(len(rows["ids"])) if (metas[i] or {}).get("kind", "passage") == "passage"]
        order = sorted(kept, key=lambda i: (metas[i].get("path", ""), int(metas[i].get("position", 0)), rows["ids"][i]))
        self.passages = [_passage(rows["ids"][i], rows["documents"][i], metas[i]) for i in order]
        # file names of the build's documents: what the thesaurus and the scorer were written for is named so
        self.document_names = frozenset(PurePath(p.path).name for p in self.passages)
        self.by_id = {p.id: i for i, p in enumerate(self.passages)}
        self.rows = len(rows["ids"])
        self.passage_vectors = _matrix([rows["embeddings"][i] for i in order])
        sentences = []
        for i, row_id in enumerate(rows["ids"]):
            parent, _, number = row_id.partition(":s")
            if number and parent in self.by_id:
                sentences.append((self.by_id[parent], int(number) if number.isdigit() else 0, i))
        sentences.sort()
        self.sentence_parent = np.asarray([s[0] for s in sentences], dtype=np.int64)
        self.sentence_texts = [rows["documents"][s[2]] or "" for s in sentences]
        self.sentence_vectors = _matrix([rows["embeddings"][s[2]] for s in sentences])
        # sentences are grouped by passage: passage i owns rows sentence_start[i]:sentence_start[i + 1]
        self.sentence_start = np.searchsorted(self.sentence_parent, np.arange(len(self.passages) + 1)).astype(np.int64)
        headings = [self.passages[s[0]].heading for s in sentences]
        self.sentence_prior = rulecues.priors(self.sentence_texts, headings)
        self.passage_prior = np.asarray([self._passage_prior(i) for i in range(len(self.passages))], dtype=np.float32)
        tokens = tokenize([f"{p.section}\n{p.text}" for p in self.passages]) if self.passages else []
        self.body = _Bm25(tokens) if tokens else None
        self.terms = [frozenset(t) for t in tokens]
        # each passage's section as a number: plain section-level dense evidence is the best passage of each
        sections: dict[tuple[str, str], int] = {}
        self.section_of = np.asarray([sections.setdefault((p.path, p.section), len(sections)) for p in self.passages],
                                     dtype=np.int64)
        self.n_sections = len(sections)

    def _passage_prior(self, index: int) -> float:
        """Share of a passage's sentences that state a rule, less its questions and examples (-1..1)."""
        start, end = self.sentence_start[index], self.sentence_start[index + 1]
        if end > start:
            return float(np.mean(self.sentence_prior[start:end]))
        passage = self.passages[index]
        return rulecues.sentence_prior(passage.text, passage.heading)

    def __len__(self) -> int:
        return len(self.passages)

    def shows_alone(self, index: int) -> bool:
        """Whether this passage is cited on its own: its section was split and is too long to show whole.

        Only then may a second passage of the same section be cited beside it (otherwise both
        citations would show the same whole section).
        """
        passage = self.passages[index]
        neighbours = (self.passages[j] for j in (index - 1, index + 1) if 0 <= j < len(self.passages))
        split = any(p.path == passage.path and p.section == passage.section for p in neighbours)
        return split and self.section_text(index) == passage.text

    def section_text(self, index: int, limit: int = 2000) -> str:
        """The whole section a passage belongs to, when the section was split into several chunks.

        Chunks of one section overlap a little; the overlap is removed when they are joined.
        Sections longer than `limit` characters show just the passage itself.
        """
        passage = self.passages[index]

        def same(j: int) -> bool:
            return self.passages[j].path == passage.path and self.passages[j].section == passage.section

        # only the run of neighbouring chunks: two sections of one name under one parent (a style guide's many
        # "Don’t" blocks) are different sections, not one split in two (wild15)
        first = last = index
        while first > max(0, index - 12) and same(first - 1):
            first -= 1
        while last < min(len(self.passages) - 1, index + 12) and same(last + 1):
            last += 1
        parts = list(range(first, last + 1))
        if len(parts) <= 1:
            return passage.text
        text = self.passages[parts[0]].text
        for j in parts[1:]:
            text = _join_overlapping(text, self.passages[j].text)
            if len(text) > limit:
                return passage.text
        return text


T = TypeVar("T")


class PerBuild(Generic[T]):
    """A value read from one index build (the documents' contacts, "Don't" lists, calibration), made again only when
    the build changes: each is derived from the passages, so it is kept beside nothing but the build it came from."""

    def __init__(self) -> None:
        self._cached: tuple[str, T] | None = None

    def get(self, view: IndexView, make: Callable[[], T]) -> T:
        cached = self._cached  # one read: another thread may replace it meanwhile
        if cached is None or cached[0] != view.build:
            cached = (view.build, make())
            self._cached = cached
        return cached[1]


def _matrix(vectors: list[Any]) -> np.ndarray:
    """Rows as one float32 matrix (empty matrix for no rows)."""
    if not vectors:
        return np.zeros((0, 0), dtype=np.float32)
    return np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))


def _join_overlapping(left: str, right: str) -> str:
    """Append `right` to `left`, dropping the longest prefix of `right` that ends `left`."""
    for k in range(min(len(left), len(right), 600), 10, -1):
        if left.endswith(right[:k]):
            return left + right[k:]
    return left + " " + right


@dataclass(frozen=True)
class IndexStatus:
    """Whether questions can be answered right now, and if not, the real cause (for /healthz)."""

    ok: bool
    cause: str  # "ok", "unreachable" (the backend is down) or "missing" (nothing ingested, damaged)
    build: str | None = None
    passages: int = 0
    error: str | None = None


class IndexHandle:
    """The current IndexView, reloaded when an ingest makes another build current."""

    def __init__(self, store: IndexStore, check_every: float = 1.0) -> None:
        self.store = store
        self.check_every = check_every
        self._view: IndexView | None = None
        self._retired: IndexView | None = None  # the build replaced last; requests may still be using it
        self._checked = 0.0
        self._lock = threading.Lock()

    def view(self) -> IndexView:
        """The current view; raises IndexMissingError with instructions when there is none."""
        now = time.monotonic()
        if self._view is not None and now - self._checked < self.check_every:
            return self._view
        with self._lock:
            self._checked = now
            build = self.store.current_build()
            if self._view is None or build != self._view.build:
                collection = self.store.open_build(build) if build else self.store.require_current()
                view = IndexView(build or "", collection)
                self._retire(self._view)
                self._view = view
            return self._view

    def _retire(self, replaced: IndexView | None) -> None:
        """Release the build replaced one switch ago, keep the one just replaced.

        Without this every re-ingest left the old build's files open for good (descriptors and
        deleted files growing without bound). The build just replaced stays open a little longer
        so a request that picked it up a moment ago can finish; the ingest keeps it on disk too.
        """
        retired, self._retired = self._retired, replaced
        if retired is not None and retired.build not in {replaced.build if replaced else None, ""}:
            self.store.release(retired.build)

    def status(self) -> IndexStatus:
        """Checked live against the backend, not the cached view, so a health probe tells the truth.

        A Chroma server that is down is *unreachable*, never "no index, run ingest": the index is
        fine and re-ingesting would not help.
        """
        try:
            self.store.current_build()
            view = self.view()
            view.collection.count()  # a round trip to the backend
        except IndexUnavailableError as err:
            return IndexStatus(ok=False, cause="unreachable", error=str(err))
        except UNREACHABLE_ERRORS as err:
            return IndexStatus(ok=False, cause="unreachable",
                               error=f"Cannot reach the {self.store.describe()}: {str(err) or type(err).__name__}")
        except GuidebotError as err:
            return IndexStatus(ok=False, cause="missing", error=str(err))
        return IndexStatus(ok=True, cause="ok", build=view.build, passages=len(view))
