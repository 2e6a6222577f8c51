"""Everyday posts: how close ordinary, harmless posts come to each of the guidelines' duties.

Why: a draft sentence rarely says what a prohibition says. "Selling homegrown weed, DM for prices"
is an instance of "traffic in, purchase, sell, or trade illegal goods", and an embedding puts an
instance and its category only moderately close (0.4-0.5), about as close as generic posts come to a
generic duty. One absolute bar cannot tell them apart; a bar per duty can. The sentences of the
harmless (ok-labelled) training drafts are kept as vectors, and for each duty of an index build the
closeness everyday posts reach (their 99th percentile) is that duty's own baseline: a draft flagged
only for being *much* closer to a prohibition than everyday posts get (grounded.py). A duty that
everything resembles ("on Mozilla.Social") gets a high baseline and stays quiet.

The vectors ship as `bot/data/everyday.npz` (float16 arrays plus JSON metadata, no pickle) and are
rebuilt with the scorer by `guidebot train-scorer`: they belong to the embedding model that made them,
and a file made for another model is not used.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from bot.checker import split_sentences

log = logging.getLogger(__name__)

BUNDLED = Path(__file__).parent / "data" / "everyday.npz"
PERCENTILE = 99.0
_CHUNK = 2048  # duties per step when computing baselines: bounds memory on 17k-duty indexes


def sentences_of(posts: list[str]) -> list[str]:
    """Every sentence of the posts, deduplicated in order (a post without sentence breaks is one)."""
    seen: dict[str, None] = {}
    for post in posts:
        for sentence in split_sentences(post) or [post]:
            seen.setdefault(sentence.strip(), None)
    return [s for s in seen if s]


def save(path: Path, vectors: np.ndarray, meta: dict) -> None:
    """Plain arrays and a JSON string: loadable with allow_pickle=False."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        np.savez_compressed(out, vectors=np.asarray(vectors, dtype=np.float16),
                            meta=np.array(json.dumps(meta, sort_keys=True)))


def build(posts: list[str], embeddings, embedding_model: str, source: str, out: Path | None = None) -> dict:
    """Embed the sentences of harmless posts and write them; returns what was written."""
    sentences = sentences_of(posts)
    vectors = embeddings.encode(sentences) if sentences else np.zeros((0, embeddings.dimension), dtype=np.float32)
    target = out or BUNDLED
    meta = {"embedding_model": embedding_model, "sentences": len(sentences), "posts": len(posts), "source": source}
    save(target, vectors, meta)
    return dict(meta, written_to=str(target))


def load(path: Path | None = None, dimension: int | None = None) -> np.ndarray | None:
    """The everyday vectors, or None (absent, unreadable, or made for another embedding size: logged once)."""
    path = path or BUNDLED
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            vectors = np.asarray(data["vectors"], dtype=np.float32)
    except (OSError, ValueError, KeyError) as err:
        log.warning("everyday posts file %s not used: cannot read it (%s)", path, err)
        return None
    if vectors.ndim != 2 or (dimension and vectors.shape[1] != dimension):
        log.warning("everyday posts file %s not used: made for another embedding model "
                    "(%s dimensions, this one has %s); rebuild it with guidebot train-scorer",
                    path, vectors.shape[-1], dimension)
        return None
    return vectors


def baselines(everyday: np.ndarray | None, duty_vectors: np.ndarray) -> np.ndarray | None:
    """Per duty, how close everyday sentences come to it (their PERCENTILE-th similarity)."""
    if everyday is None or not len(everyday) or not len(duty_vectors):
        return None
    out = np.empty(len(duty_vectors), dtype=np.float32)
    for start in range(0, len(duty_vectors), _CHUNK):
        block = everyday @ duty_vectors[start:start + _CHUNK].T
        out[start:start + _CHUNK] = np.percentile(block, PERCENTILE, axis=0)
    return out
