"""Answers per second with 1..8 concurrent askers: one locked encode per caller (before) against
micro-batched embeddings (after), same process, same index, same questions.

    python bench/embed_concurrency.py [--askers 1 2 4 8] [--rounds 2] [--embed-only]

Every asker thread calls `Engine.ask` (questions) and `Engine.check` (drafts) from the dev set,
as concurrent Slack events do; the query cache is cleared before every run so every ask embeds.
Prints answers/s and, for the batched mode, how many texts each model.encode call carried;
then the embedding stage alone (texts/s, each asker encoding one question at a time), where
the effect of batching is not diluted by retrieval and rule checks.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import yaml  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingest.embeddings import SentenceEmbeddings  # noqa: E402
from ingest.pipeline import Ingestor  # noqa: E402


def run(engine: Engine, work: list[tuple[str, str]], askers: int) -> float:
    """Answers per second for `work` spread over `askers` threads."""
    engine.embeddings.clear_cache()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=askers) as pool:
        list(pool.map(lambda item: engine.check(item[1]) if item[0] == "check" else engine.ask(item[1]), work))
    return len(work) / (time.perf_counter() - start)


def embed_run(embeddings: SentenceEmbeddings, texts: list[str], askers: int) -> float:
    """Texts per second, `askers` threads each encoding one text per call (no cache)."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=askers) as pool:
        list(pool.map(lambda text: embeddings.encode([text]), texts))
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--askers", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--embed-only", action="store_true", help="only the embedding-stage table")
    args = parser.parse_args()
    cases = yaml.safe_load((ROOT / "knowledge" / "dev-cases.yaml").read_text())
    work = [("ask", q["ask"]) for q in cases["questions"]] + [("check", d["post"]) for d in cases["drafts"]]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}; {len(work)} questions and drafts per run, best of {args.rounds}")
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), _env_file=None)
        Ingestor(settings).run([ROOT / "knowledge"])
        engines = {}
        for label, batched in (("before: one locked encode per caller", False), ("after: micro-batched", True)):
            embeddings = SentenceEmbeddings(settings.embedding_model, settings.embedding_batch_size,
                                            settings.embedding_device, micro_batch=batched,
                                            backend=settings.embedding_backend, onnx_cache=settings.model_cache_dir)
            engine = Engine(settings, embeddings=embeddings)
            engine.warm()
            engines[label] = engine
        print(f"{'askers':>6} " + " ".join(f"{label:>38}" for label in engines))
        for askers in [] if args.embed_only else args.askers:
            row = []
            for engine in engines.values():
                calls_before, texts_before = engine.embeddings.encode_calls, engine.embeddings.embedded_count
                best = max(run(engine, work, askers) for _ in range(args.rounds))
                calls = engine.embeddings.encode_calls - calls_before
                texts = engine.embeddings.embedded_count - texts_before
                per_call = f" ({texts / calls:.1f} texts/encode)" if calls else ""
                row.append(f"{best:8.1f} answers/s{per_call}")
            print(f"{askers:>6} " + " ".join(f"{cell:>38}" for cell in row))

        texts = [text for _, text in work]
        print("embedding stage alone (texts/s):")
        for askers in args.askers:
            row = []
            for engine in engines.values():
                best = max(embed_run(engine.embeddings, texts, askers) for _ in range(args.rounds))
                row.append(f"{best:8.1f} texts/s")
            print(f"{askers:>6} " + " ".join(f"{cell:>38}" for cell in row))


if __name__ == "__main__":
    main()
