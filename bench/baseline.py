"""The reference point for retrieval quality: plain dense retrieval, one vector per passage.

    python bench/baseline.py [CASES.yaml --knowledge DIR]

Ranks passages by cosine similarity alone (no sentences, no BM25, no expansion, no fusion),
one citation per section, and prints hit@3 and MRR@10 on the answerable questions, next to the
same figures for guidebot's hybrid retriever on the same index.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.answer import Citation  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.evaluate import first_hit_rank, load_cases  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingest.pipeline import Ingestor  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", nargs="?", default=str(ROOT / "knowledge" / "dev-cases.yaml"))
    parser.add_argument("--knowledge", default=str(ROOT / "knowledge"))
    args = parser.parse_args()
    questions = [q for q in load_cases(Path(args.cases)).questions if q.expect]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), _env_file=None)
        ingestor = Ingestor(settings)
        ingestor.run([Path(args.knowledge)])
        engine = Engine(settings, embeddings=ingestor.embeddings)
        view = engine.handle.view()
        figures = {"dense only": [], "hybrid": []}
        for q in questions:
            vector = ingestor.embeddings.encode([q.ask])[0]
            result = view.collection.query(query_embeddings=[vector], n_results=len(view),
                                           where={"kind": "passage"}, include=["distances"])
            seen, cites = set(), []
            for row_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
                passage = view.passages[view.by_id[row_id]]
                if (passage.path, passage.section) not in seen:
                    seen.add((passage.path, passage.section))
                    cites.append(Citation.from_passage(passage, 1 - distance))
            figures["dense only"].append(first_hit_rank(cites, q.expect))
            hybrid = [Citation.from_hit(h) for h in engine.retriever.search(q.ask, k=10)]
            figures["hybrid"].append(first_hit_rank(hybrid, q.expect))
    for name, ranks in figures.items():
        hit3 = sum(1 for r in ranks if r is not None and r <= 3) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        print(f"{name:10s} hit@3 {hit3:.3f}  MRR@10 {mrr:.3f}  ({len(ranks)} answerable questions)")


if __name__ == "__main__":
    main()
