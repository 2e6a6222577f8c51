"""Embeddings are micro-batched across concurrent callers, and the query cache is thread-safe."""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict

import numpy as np


def _fresh(embeddings, cache_size: int = 2048):
    """The session's model with its own batcher, cache and counters (the model itself is shared)."""
    from ingest.embeddings import _MicroBatcher

    twin = copy.copy(embeddings)
    twin._lock, twin._cache_lock = threading.Lock(), threading.Lock()
    twin._cache, twin._cache_size = OrderedDict(), cache_size
    twin._batcher = _MicroBatcher(twin._encode_now)
    return twin


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.01)


def test_concurrent_texts_share_one_encode_call_and_get_their_own_vectors(embeddings):
    emb = _fresh(embeddings)
    texts = [f"Can I post about topic number {n} on LinkedIn?" for n in range(8)]
    expected = embeddings.encode(texts)
    batcher, real = emb._batcher, emb._batcher._encode
    sizes: list[int] = []

    def held_first_call(batch: list[str]) -> np.ndarray:
        """The first encode waits until the seven other callers are queued behind it."""
        if not sizes:
            _wait_until(lambda: len(batcher._queue) == len(texts) - 1, "the other callers to queue")
        sizes.append(len(batch))
        return real(batch)

    batcher._encode = held_first_call
    results: dict[int, np.ndarray] = {}

    def ask(n: int) -> None:
        results[n] = emb.encode([texts[n]])[0]

    first = threading.Thread(target=ask, args=(0,))
    first.start()
    _wait_until(lambda: batcher._busy, "the first caller to start encoding")
    others = [threading.Thread(target=ask, args=(n,)) for n in range(1, len(texts))]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(60)
    assert sizes == [1, 7]  # one call for the first text, one for the seven that waited together
    assert batcher.calls == 2
    for n in range(len(texts)):
        assert np.allclose(results[n], expected[n], atol=1e-5), f"caller {n} got another text's vector"


def test_an_encode_error_reaches_every_caller_in_the_batch(embeddings):
    emb = _fresh(embeddings)

    def broken(batch: list[str]) -> np.ndarray:
        raise RuntimeError("model failed")

    emb._batcher._encode = broken
    errors: list[str] = []

    def ask() -> None:
        try:
            emb.encode(["hello"])
        except RuntimeError as err:
            errors.append(str(err))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == ["model failed"] * 4
    emb._batcher._encode = emb._encode_now
    assert emb.encode(["hello"]).shape == (1, emb.dimension)  # and the batcher is usable again


def test_query_cache_survives_concurrent_use(embeddings):
    """Eight threads hitting a tiny cache: no KeyError from an eviction racing a hit, size bounded."""
    emb = _fresh(embeddings, cache_size=4)
    vectors = {f"q{n}": np.full(3, n, dtype=np.float32) for n in range(12)}
    emb._batcher._encode = lambda batch: np.stack([vectors[t] for t in batch])
    failures: list[BaseException] = []

    def hammer(offset: int) -> None:
        try:
            for i in range(3000):
                key = f"q{(i * 7 + offset) % 12}"
                assert emb.encode_cached(key)[0] == float(key[1:])
        except BaseException as err:  # any failure in a thread fails the test
            failures.append(err)

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures[:3]
    assert len(emb._cache) <= 4
