"""The embedding model run by onnxruntime instead of torch: the same vectors, about 2.5x faster.

A question's embedding was 29 of the 33 ms of a warm `ask` on this project's 2-core machines;
most of it is torch's per-call overhead on a short input, which onnxruntime does not have.
The model is exported once from the loaded sentence-transformers model (torch's own ONNX
exporter, nothing downloaded) into a cache folder and reused by every later process.
Tokenising, truncation, mean/CLS pooling and normalisation stay those of the sentence-transformers
model, so the vectors match torch's to float rounding (tests/test_onnx_encoder.py checks it).

Only plain `Transformer -> Pooling(mean|cls) [-> Normalize]` pipelines are exported; anything else
(or a failed export) keeps torch, and says so once in the log. Once the export is cached, a new
process builds the encoder from the model folder's own files (`from_cache`) without importing
torch or sentence-transformers at all: that import was most of a `guidebot ask`'s start-up.

(Why not sentence-transformers' own `backend="onnx"`: it needs optimum, which pins transformers
below the version sentence-transformers 6 requires, so the two cannot be installed together.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

EXPORT_VERSION = "1"  # bump when the export recipe changes, so old cached files are not reused
_POOLINGS = {"mean", "cls"}


class OnnxUnsupported(Exception):
    """This model can't be run by onnxruntime here; the caller keeps torch."""


def default_cache_dir() -> Path:
    """Where exported models live when no data folder is given (XDG cache, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "guidebot" / "onnx"


def _check_plain(names: list[str]) -> bool:
    """Whether the module names are `Transformer -> Pooling [-> Normalize]` (OnnxUnsupported if not); normalise?"""
    if names not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise OnnxUnsupported(f"pipeline {' -> '.join(names) or '(no modules.json)'}")
    return len(names) == 3


def _pipeline(model) -> tuple[object, str, bool]:
    """(transformer module, pooling mode, normalise?) of a plain sentence-transformers pipeline."""
    normalise = _check_plain([type(module).__name__ for module in model])
    pooling = getattr(model[1], "pooling_mode", None)
    if pooling not in _POOLINGS:
        raise OnnxUnsupported(f"pooling '{pooling}'")
    return model[0], str(pooling), normalise


def _fingerprint(model_path: str) -> str:
    """Changes when the weights or the exporter change: a stale export is never reused.

    torch's version is read from the installed package's metadata, so a process that only runs
    the cached export never imports torch.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        exporter = version("torch")
    except PackageNotFoundError:
        exporter = "none"
    digest = hashlib.sha256(f"{EXPORT_VERSION}|{exporter}".encode())
    folder = Path(model_path)
    weights = sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")) if folder.is_dir() else []
    if not weights:
        raise OnnxUnsupported(f"no local weights in {model_path}")
    for path in weights:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def _export_path(model_path: str, cache_dir: Path | None) -> Path:
    return (cache_dir or default_cache_dir()) / f"{_fingerprint(model_path)}.onnx"


def st_dimension(model) -> int:
    """A SentenceTransformer's vector size (newer releases renamed the method and warn on the old name)."""
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter() or 0)


def _fast_tokenizer(model_path: str, max_length: int):
    """The model's `tokenizers` tokenizer, truncating and padding as sentence-transformers does.

    tokenizer.json carries its own settings (all-MiniLM-L6-v2's pads every text to 128 tokens and
    cuts there), so both are set here: cut at the model's max_seq_length, pad to the longest text.
    """
    from tokenizers import Tokenizer

    path = Path(model_path) / "tokenizer.json"
    if not path.is_file():
        raise OnnxUnsupported("no tokenizer.json")
    tokenizer = Tokenizer.from_file(str(path))
    padding = tokenizer.padding or {}
    pad_token = padding.get("pad_token") or _config(model_path, "tokenizer_config.json").get("pad_token")
    if isinstance(pad_token, dict):
        pad_token = pad_token.get("content")
    pad_id = tokenizer.token_to_id(pad_token) if isinstance(pad_token, str) else None
    if pad_id is None:
        raise OnnxUnsupported("no padding token")
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.enable_padding(pad_id=pad_id, pad_token=pad_token, pad_type_id=int(padding.get("pad_type_id", 0)))
    return tokenizer


def _config(model_path: str, name: str) -> dict:
    path = Path(model_path) / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _export(auto_model, input_names: list[str], target: Path) -> None:
    """torch.onnx.export with dynamic batch and sequence axes, written atomically."""
    import torch

    class _Hidden(torch.nn.Module):
        """The encoder's last hidden state from positional inputs (what the exporter can trace)."""

        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs):
            return self.inner(**dict(zip(input_names, inputs, strict=True))).last_hidden_state

    sample = {name: torch.ones((1, 8), dtype=torch.long) for name in input_names}
    if "token_type_ids" in sample:
        sample["token_type_ids"] = torch.zeros((1, 8), dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in [*input_names, "hidden"]}
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")
            torch.onnx.export(_Hidden(auto_model).eval(), tuple(sample[n] for n in input_names), tmp,
                              input_names=input_names, output_names=["hidden"], dynamic_axes=axes,
                              opset_version=17, dynamo=False)
        os.replace(tmp, target)  # two processes exporting at once each write their own file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class OnnxEncoder:
    """Encode texts with an onnxruntime session over the exported model."""

    def __init__(self, session, tokenizer, input_names: list[str], pooling: str, normalise: bool,
                 dimension: int, path: Path) -> None:
        self._session = session
        self.tokenizer = tokenizer
        self.input_names = input_names
        self.pooling = pooling
        self.normalise = normalise
        self.dimension = dimension
        self.path = path

    @classmethod
    def from_model(cls, model, model_path: str, cache_dir: Path | None = None,
                   threads: int | None = None) -> OnnxEncoder:
        """From a loaded SentenceTransformer, exporting it first when no cached export exists."""
        transformer, pooling, normalise = _pipeline(model)
        auto_model = getattr(transformer, "auto_model", None)
        if auto_model is None:
            raise OnnxUnsupported("no underlying transformers model")
        accepted = set(_forward_params(auto_model))
        input_names = [n for n in model.tokenizer.model_input_names if n in accepted]
        if "input_ids" not in input_names or "attention_mask" not in input_names:
            raise OnnxUnsupported(f"inputs {input_names}")
        tokenizer = _fast_tokenizer(model_path, int(model.max_seq_length or 512))
        path = _export_path(model_path, cache_dir)
        session = None
        if path.exists():
            try:
                session = _session(path, threads)
            except Exception as err:  # a damaged cached file: export it again
                log.warning("cached ONNX model %s is unreadable (%s); exporting it again", path, err)
                path.unlink(missing_ok=True)
        if session is None:
            _export_or_explain(auto_model, input_names, path)
            session = _session(path, threads)
        return cls(session, tokenizer, input_names, pooling, normalise, st_dimension(model), path)

    @classmethod
    def from_cache(cls, model_path: str, cache_dir: Path | None = None, threads: int | None = None) -> OnnxEncoder:
        """From the model folder's files and a cached export, without torch (OnnxUnsupported if either is missing)."""
        modules = json.loads((Path(model_path) / "modules.json").read_text(encoding="utf-8")) \
            if (Path(model_path) / "modules.json").is_file() else None
        normalise = _check_plain([str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules or [] if isinstance(m, dict)])
        pooling_config = _config(model_path, f"{modules[1].get('path', '1_Pooling')}/config.json")
        pooling = "cls" if pooling_config.get("pooling_mode_cls_token") else \
            "mean" if pooling_config.get("pooling_mode_mean_tokens") else pooling_config.get("pooling_mode")
        if pooling not in _POOLINGS or any(pooling_config.get(f"pooling_mode_{m}") for m in
                                           ("max_tokens", "mean_sqrt_len_tokens", "weightedmean_tokens",
                                            "lasttoken")):
            raise OnnxUnsupported(f"pooling in {pooling_config}")
        dimension = int(pooling_config.get("word_embedding_dimension") or pooling_config.get("embedding_dimension") or 0)
        path = _export_path(model_path, cache_dir)
        if not path.exists() or not dimension:
            raise OnnxUnsupported("no cached export yet")
        max_length = int(_config(model_path, "sentence_bert_config.json").get("max_seq_length") or 512)
        try:
            session = _session(path, threads)
        except Exception as err:  # a damaged cached file: from_model exports it again
            raise OnnxUnsupported(f"cached export unreadable: {err}") from None
        input_names = [i.name for i in session.get_inputs()]
        return cls(session, _fast_tokenizer(model_path, max_length), input_names, str(pooling), normalise,
                   dimension, path)

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        """float32 rows, in input order; batches are formed by length so little is padded."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        rows: dict[int, np.ndarray] = {}
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            rows.update(zip(chunk, self._encode_batch([texts[i] for i in chunk]), strict=True))
        return np.stack([rows[i] for i in range(len(texts))]).astype(np.float32)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        columns = {"input_ids": "ids", "attention_mask": "attention_mask", "token_type_ids": "type_ids"}
        feed = {name: np.array([getattr(e, columns[name]) for e in encodings], dtype=np.int64)
                for name in self.input_names}
        hidden = self._session.run(None, feed)[0]
        if self.pooling == "cls":
            vectors = hidden[:, 0]
        else:
            mask = feed["attention_mask"][..., None].astype(hidden.dtype)
            vectors = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        if self.normalise:
            vectors = vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        return vectors


def _export_or_explain(auto_model, input_names: list[str], path: Path) -> None:
    log.info("exporting the embedding model to ONNX once: %s", path)
    try:
        _export(auto_model, input_names, path)
    except ImportError as err:
        raise OnnxUnsupported(str(err)) from None
    except Exception as err:  # exporter errors are many and version-specific: keep torch
        first = str(err).splitlines()[0][:200] if str(err) else ""
        raise OnnxUnsupported(f"export failed: {type(err).__name__}: {first}") from None


def _forward_params(auto_model) -> list[str]:
    import inspect

    return list(inspect.signature(auto_model.forward).parameters)


def _session(path: Path, threads: int | None):
    """An onnxruntime CPU session using as many threads as torch is allowed (serve caps both)."""
    import onnxruntime as ort

    if threads is None:
        # torch's setting when torch is loaded (serve caps it before the engine starts), else one per core
        torch = sys.modules.get("torch")
        threads = torch.get_num_threads() if torch is not None else (os.cpu_count() or 1)
    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, int(threads))
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # onnxruntime's idle threads spin for a while after each call by default; here the numpy
    # search runs right after the embedding, and spinning threads took its cores (2x slower)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
