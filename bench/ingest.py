"""Ingest throughput against the physical limit (raw model.encode), and a no-change re-ingest.

    python bench/ingest.py [--documents 100 --sections 20]

Prints passages/s through the whole pipeline (load, chunk, embed passages and their
sentences, write to chromadb) next to raw `model.encode` on the same texts in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.corpus import write_corpus  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingest.discovery import discover, doc_key  # noqa: E402
from ingest.loaders import load_document  # noqa: E402
from ingest.pipeline import Ingestor  # noqa: E402
from ingest.store import LocalStore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--sections", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-") as tmp:
        root = Path(tmp)
        write_corpus(root / "docs", args.documents, args.sections)
        settings = Settings(data_dir=root / "data", _env_file=None)
        ingestor = Ingestor(settings)
        embeddings = ingestor.embeddings
        store = LocalStore(root / "data" / "index")

        # the same texts the pipeline embeds, for the raw-encode baseline
        chunker = ingestor.chunker()
        chunks = []
        for path in discover([root / "docs"]).files:
            chunks += chunker.split(load_document(path, 10**8), doc_key(path))
        passage_texts = [c.embedding_text() for c in chunks]
        all_texts = passage_texts + [s for c in chunks for s in c.sentences()]
        embeddings.encode(passage_texts[:64])  # warm-up
        start = time.perf_counter()
        embeddings.encode(all_texts)
        raw_all = time.perf_counter() - start
        start = time.perf_counter()
        embeddings.encode(passage_texts)
        raw_passages = time.perf_counter() - start

        start = time.perf_counter()
        report = ingestor.run([root / "docs"], store=store)
        full = time.perf_counter() - start
        start = time.perf_counter()
        again = ingestor.run([root / "docs"], store=store)
        nochange = time.perf_counter() - start

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {args.documents} documents, {report.chunks} passages, {report.rows} vectors (passages + sentences)")
    print(f"ingest (load+chunk+embed+write): {full:.1f} s = {report.chunks / full:.0f} passages/s, "
          f"{report.rows / full:.0f} vectors/s")
    print(f"raw model.encode, same vectors:  {raw_all:.1f} s = {len(all_texts) / raw_all:.0f} vectors/s "
          f"(pipeline reaches {100 * raw_all / full:.0f}% of it)")
    print(f"raw model.encode, passages only: {raw_passages:.1f} s = {len(passage_texts) / raw_passages:.0f} passages/s")
    print(f"no-change re-ingest: {nochange:.2f} s ({again.unchanged} unchanged, {again.embedded} embedded)")


if __name__ == "__main__":
    main()
