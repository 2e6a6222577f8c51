"""Checks grounded in the company's own guidelines: a draft that does what a passage forbids.

The duties and prohibitions were mined at ingest (ingest/duties.py) and stored with their passage;
an index built before that is mined here, once per build. Each duty's action ("name or refer to a
client ... without their approval") is embedded once; a draft sentence close enough to a prohibited
action is flagged with that duty's own sentence as the reason and its passage as the citation. The
similarity bar is high on purpose: this source adds what the rules file does not know, and a false
alarm costs trust. Below that bar, a sentence much closer to a prohibition than everyday posts ever
come (bot/everyday.py: a baseline per duty) is flagged as a caution: a concrete post is rarely close
to the abstract rule it breaks, but it is closer than ordinary posts are.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from bot import everyday as everyday_posts
from bot.passages import IndexView, Passage
from ingest.duties import Duty, mine_duties, read_duties
from ingest.embeddings import SentenceEmbeddings
from ingest.store import read_all

# Cosine similarity of a draft sentence to a duty's action: at CAUTION the draft is flagged with the
# passage; at ESCALATE a prohibition (do not / never) escalates. Set on the dev and unseen sets' drafts
# (see tests/test_grounded.py for the distribution check).
CAUTION_AT = 0.60
ESCALATE_AT = 0.68
# A draft that names the very thing a duty names ("cargo manifest", "sailing schedule") needs less
# semantic closeness: a shared pair of content words is strong evidence on its own.
SHARED_PHRASE_AT = 0.40
# A duty's own bar, from everyday posts: flagged (caution) when a sentence is at least this much
# closer to it than everyday posts' 99th percentile, and at least SHARED_PHRASE_AT close. Chosen on the
# wild, wild2, wild4 and wild5 tuning drafts (other organisations' guidelines): with the link fix,
# critical misses 11 -> 6 on those and unseen/unseen2 (README, "Sixth session").
ABOVE_EVERYDAY = 0.20
_TOKEN = re.compile(r"[a-z][a-z'’-]+")
_NAME = re.compile(r"\b[A-Z][A-Za-z]{2,}\b")
_ABOUT_NAMES = re.compile(r"\b(?:names?|marks?|trademarks?|logos?|brand(?:ing)?|wordmarks?)\b", re.IGNORECASE)
# Addresses are not words: "press@brightwater.example" in a duty and "careers.brightwater.example/jobs" in a
# hiring post shared the pair (brightwater, example), which flagged every post with a company link.
_ADDRESS = re.compile(r"\S*(?:@|://|/|\.[a-z]{2,}\b)\S*", re.IGNORECASE)


def content_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Adjacent pairs of content words (stop words and short words out, plural s folded; addresses out)."""
    words = [w.rstrip("s") if len(w) > 4 else w for w in _TOKEN.findall(_ADDRESS.sub(" ", text.lower()))]
    return frozenset((a, b) for a, b in zip(words, words[1:], strict=False)
                     if a not in ENGLISH_STOP_WORDS and b not in ENGLISH_STOP_WORDS and len(a) > 2 and len(b) > 2)


@dataclass(frozen=True)
class GroundedHit:
    """A draft sentence that does what a guideline passage forbids."""

    duty: Duty
    passage: Passage
    sentence: str
    similarity: float
    severity: str
    index: int = 0  # which of the draft's sentences it is


class _BuildDuties:
    def __init__(self, duties: list[tuple[Duty, Passage]], vectors: np.ndarray, everyday: np.ndarray | None) -> None:
        self.duties = duties
        self.vectors = vectors
        self.pairs = [content_pairs(d.action) for d, _ in duties]
        # the bar a sentence must clear for each duty, from everyday posts (None: absolute bars only)
        base = everyday_posts.baselines(everyday, vectors)
        self.unusual_at = None if base is None else np.maximum(base + ABOVE_EVERYDAY, SHARED_PHRASE_AT)


class GroundedChecker:
    """The duties of the current index build, embedded once per build."""

    def __init__(self, embeddings: SentenceEmbeddings, everyday_file: Path | None = None,
                 everyday: np.ndarray | None = None) -> None:
        """`everyday` vectors given directly (tests), else read from `everyday_file` (default: the bundled
        file) on first use, when the embedding size is known without loading anything extra."""
        self.embeddings = embeddings
        self.everyday_file = everyday_file
        self.everyday = everyday
        self._everyday_loaded = everyday is not None
        self._cache: dict[str, _BuildDuties] = {}
        self._lock = threading.Lock()
        self.mined_at_ingest = False

    def duties(self, view: IndexView) -> _BuildDuties:
        with self._lock:
            cached = self._cache.get(view.build)
            if cached is None:
                pairs = self._load(view)
                actions = [d.action for d, _ in pairs]
                vectors = self.embeddings.encode(actions) if actions else np.zeros((0, 1), dtype=np.float32)
                if not self._everyday_loaded and actions:
                    self.everyday = everyday_posts.load(self.everyday_file, vectors.shape[1])
                    self._everyday_loaded = True
                cached = _BuildDuties(pairs, vectors, self.everyday)
                self._cache = {view.build: cached}
            return cached

    def _load(self, view: IndexView) -> list[tuple[Duty, Passage]]:
        stored: dict[str, list[Duty] | None] = {}
        if view.passages:
            rows = read_all(view.collection, ["metadatas"], where={"kind": "passage"})
            stored = {row_id: read_duties(meta or {}) for row_id, meta in zip(rows["ids"], rows["metadatas"], strict=True)}
        self.mined_at_ingest = bool(stored) and all(v is not None for v in stored.values())
        pairs: list[tuple[Duty, Passage]] = []
        for passage in view.passages:
            duties = stored.get(passage.id)
            for duty in duties if duties is not None else mine_duties(passage.text):
                if duty.modality in ("prohibition", "approval"):
                    pairs.append((duty, passage))
        return pairs

    def check(self, view: IndexView, sentences: list[str], vectors: np.ndarray) -> list[GroundedHit]:
        """The duties the draft's sentences come closest to breaking, best first, one per passage."""
        build = self.duties(view)
        if not build.duties or not sentences:
            return []
        sims = vectors @ build.vectors.T
        draft_pairs = [content_pairs(s) for s in sentences]
        hits: dict[str, GroundedHit] = {}
        closest = sims.argmax(axis=0)
        # only duties some sentence comes near can be hit (a large index holds ~17k duties: the
        # per-duty loop was 80% of a check there), in the same order as before
        for j in np.flatnonzero(sims.max(axis=0) >= min(CAUTION_AT, SHARED_PHRASE_AT)):
            duty, passage = build.duties[j]
            i = int(closest[j])
            best = float(sims[i, j])
            unusual = build.unusual_at is not None and best >= build.unusual_at[j]
            if unusual and best < CAUTION_AT and not self._close_without_names(sentences[i], duty.sentence, j, build):
                unusual = False
            if best < CAUTION_AT and not unusual:
                shared = [k for k, pairs in enumerate(draft_pairs) if pairs & build.pairs[j]]
                if not shared:
                    continue
                i = max(shared, key=lambda k: sims[k, j])
                if float(sims[i, j]) < SHARED_PHRASE_AT:
                    continue
                best = float(sims[i, j])
            severity = "escalate" if best >= ESCALATE_AT and duty.modality == "prohibition" else "caution"
            hit = GroundedHit(duty, passage, sentences[i], round(best, 3), severity, i)
            if passage.id not in hits or hit.similarity > hits[passage.id].similarity:
                hits[passage.id] = hit
        return sorted(hits.values(), key=lambda h: -h.similarity)

    def _close_without_names(self, sentence: str, rule: str, j: int, build: _BuildDuties) -> bool:
        """Whether a sentence is still unusually close to duty `j` once the names it shares with the duty's sentence
        are taken out. Everyday posts never name the company, so "Disclosure: I work at Meltano." came closer to
        "DCL3 data is not permitted in Meltano's own logs" than any of them, by the name alone (wild11). A rule about
        the name itself ("Do not sexualize the Riverside name") is broken by using it: its names stay."""
        if _ABOUT_NAMES.search(rule):
            return True
        names = {w for w in _NAME.findall(sentence)
                 if w.lower() not in ENGLISH_STOP_WORDS and re.search(rf"\b{re.escape(w)}\b", rule)}
        if not names:
            return True
        masked = _NAME.sub(lambda m: "it" if m.group(0) in names else m.group(0), sentence)
        vector = self.embeddings.encode_cached(masked)  # several duties may ask about the same sentence
        return float(vector @ build.vectors[j]) >= build.unusual_at[j]

    def nearest(self, view: IndexView, vectors: np.ndarray, k: int = 3) -> list[tuple[Duty, Passage, float]]:
        """The duties closest to the draft, whether or not it breaks them: what an `ok` was checked against."""
        build = self.duties(view)
        if not build.duties or not len(vectors):
            return []
        best = (vectors @ build.vectors.T).max(axis=0)
        out, seen = [], set()
        for j in np.argsort(-best):
            duty, passage = build.duties[int(j)]
            if passage.id in seen:
                continue
            seen.add(passage.id)
            out.append((duty, passage, float(best[int(j)])))
            if len(out) >= k:
                break
        return out
